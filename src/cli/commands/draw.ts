/**
 * neurograph draw
 * ===============
 *
 * Draws a network: Graphviz DOT, a Mermaid flowchart, an SVG picture (with each
 * neuron's output when `--inputs` gives a row to run), or the self-contained HTML
 * player that replays a recorded trace (of the truth table, or of the `--inputs` row).
 */
import { extname } from 'node:path';
import { Option, type Command } from 'commander';
import type { Network } from '../../graph/network.js';
import { Tracer } from '../../trace/tracer.js';
import { CliError, checkWritable, openOutput, type CliContext } from '../context.js';
import { inputRows, parseInputs, type CliInputs } from '../parse-inputs.js';
import { loadNetwork, NETWORK_FILE } from '../load-network.js';

export const DRAW_FORMATS = ['svg', 'dot', 'mermaid', 'html'] as const;
type DrawFormat = (typeof DRAW_FORMATS)[number];

type Viz = typeof import('../../viz/index.js');

interface DrawOptions {
  readonly format?: DrawFormat;
  readonly inputs?: CliInputs;
  readonly out?: string;
}

/** The format each --out extension asks for; any other extension is refused, not filled with the wrong format. */
const EXTENSIONS: Readonly<Record<string, DrawFormat>> = {
  '.svg': 'svg',
  '.dot': 'dot',
  '.gv': 'dot',
  '.mmd': 'mermaid',
  '.mermaid': 'mermaid',
  '.html': 'html',
  '.htm': 'html',
};
const KNOWN = '.svg, .dot or .gv, .mmd or .mermaid, .html';

const EXAMPLES = `
With --out, the format follows the file's extension (.svg, .dot/.gv, .mmd/.mermaid, .html); without, svg.

Examples:
  $ neurograph draw scenarios/xor.ts --out xor.svg                  the layered picture
  $ neurograph draw scenarios/xor.ts --format svg --inputs 1,0      with each neuron's output for that row
  $ neurograph draw net.json --format dot | dot -Tpng -o net.png    through Graphviz
  $ neurograph draw scenarios/xor.ts --format mermaid               a flowchart for Markdown
  $ neurograph draw scenarios/xor.ts --format html --out xor.html   the animation of the truth table's runs`;

export function register(program: Command, context: CliContext): void {
  program
    .command('draw')
    .description('draw a network as SVG, Graphviz DOT, Mermaid, or an HTML animation of its runs')
    .argument('<network>', NETWORK_FILE)
    .addOption(new Option('-f, --format <format>', "what to draw (with --out: its extension's)").choices(DRAW_FORMATS))
    .option(
      '-i, --inputs <values>',
      'run this row first: svg shows its values, html plays only it (1,0 or a=1,b=0)',
      parseInputs,
    )
    .option('-o, --out <file>', 'write to FILE instead of stdout; its extension names the format')
    .addHelpText('after', EXAMPLES)
    .action((file: string, options: DrawOptions) => drawCommand(file, options, context));
}

async function drawCommand(file: string, options: DrawOptions, context: CliContext): Promise<void> {
  checkWritable(context, options.out);
  const format = chooseFormat(options.format, options.out);
  if (options.inputs !== undefined && (format === 'dot' || format === 'mermaid')) {
    throw new CliError(`--inputs has no effect on --format ${format}; it applies to svg and html`);
  }
  const { network } = await loadNetwork(file, context.cwd);
  // NOTE: loaded here, not at the top, so `neurograph run` does not pay for the drawing code.
  const viz = await import('../../viz/index.js');
  const picture = draw(viz, network, format, options.inputs);
  const output = openOutput(context, options.out);
  try {
    output.write(picture.endsWith('\n') ? picture : `${picture}\n`);
  } finally {
    output.close();
  }
  if (output.file !== undefined) context.stderr.write(`neurograph: wrote ${output.file}\n`);
}

/**
 * The format to draw: `--out`'s extension decides (a .png must not receive SVG text),
 * `--format` must agree with it, and a file without an extension needs `--format`.
 */
function chooseFormat(format: DrawFormat | undefined, out: string | undefined): DrawFormat {
  if (out === undefined) return format ?? 'svg';
  const extension = extname(out).toLowerCase();
  if (extension === '') {
    if (format !== undefined) return format;
    throw new CliError(`--out ${out} has no extension to tell the format by; name a ${KNOWN} file, or give --format`);
  }
  const implied = EXTENSIONS[extension];
  if (implied === undefined) {
    throw new CliError(
      `--out ${out}: cannot write a ${extension} file; name a ${KNOWN} file (${DRAW_FORMATS.join(', ')})`,
    );
  }
  if (format !== undefined && format !== implied) {
    throw new CliError(
      `--format ${format} contradicts --out ${out} (a ${extension} file is ${implied}); drop one of them`,
    );
  }
  return implied;
}

function draw(viz: Viz, network: Network, format: DrawFormat, inputs: CliInputs | undefined): string {
  const { toDot, toHtml, toMermaid, toSvg } = viz;
  switch (format) {
    case 'dot':
      return toDot(network);
    case 'mermaid':
      return toMermaid(network);
    case 'svg': {
      if (inputs === undefined) return toSvg(network);
      run(network, inputRows(network, inputs));
      const values: Record<string, number> = {};
      for (const id of network.neurons) values[id] = network.value(id)!;
      return toSvg(network, { values });
    }
    case 'html': {
      const tracer = new Tracer(network);
      try {
        run(network, inputRows(network, inputs));
      } finally {
        tracer.detach();
      }
      return toHtml(network, tracer.events);
    }
  }
}

function run(network: Network, rows: readonly CliInputs[]): void {
  for (const row of rows) network.run(row);
}
