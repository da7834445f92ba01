/**
 * neurograph run
 * ==============
 *
 * Runs a network on one input row (`--inputs`) or on every row of its truth table,
 * and prints the result table, or a trace of every activation in one of the trace
 * formats. NDJSON streams while the network runs; the others are written at the end.
 *
 * A sequence (`--sequence "1,0;0,1"` or `--sequence-file steps.json`) runs as
 * consecutive time steps after a reset, for networks with memory (delayed
 * connections), and prints one row per step, the time step first.
 *
 * A network with softmax outputs is a classifier: its tables end with a `class`
 * column, the output that wins each row (as `classify` picks it).
 */
import { Option, type Command } from 'commander';
import type { Network } from '../../graph/network.js';
import { formatTable } from '../../format/truth-table.js';
import { shouldColor } from '../../trace/pretty.js';
import { Tracer } from '../../trace/tracer.js';
import { checkWritable, openOutput, type CliContext, type Output } from '../context.js';
import { inputRows, parseInputs, type CliInputs } from '../parse-inputs.js';
import { parseSequence, readSequenceFile, sequenceSteps } from '../parse-sequence.js';
import { formatSequenceTable } from '../sequence-table.js';
import { loadNetwork, NETWORK_FILE } from '../load-network.js';
import { isSoftmax } from '../../graph/softmax-group.js';
import { classLabels, predictedClass } from '../../train/classify.js';
import { outputValues, valuesInOrder } from '../values-in-order.js';

export const TRACE_FORMATS = ['pretty', 'ndjson', 'chrome'] as const;
type TraceFormat = (typeof TRACE_FORMATS)[number];

interface RunOptions {
  readonly inputs?: CliInputs;
  readonly sequence?: CliInputs[];
  readonly sequenceFile?: string;
  readonly table?: boolean;
  readonly trace?: TraceFormat;
  readonly out?: string;
}

const EXAMPLES = `
Examples:
  $ neurograph run scenarios/xor.ts                    the truth table (every 0/1 input row)
  $ neurograph run scenarios/xor.ts --inputs 1,0       one row, values in input order
  $ neurograph run net.json --inputs a=1,b=0           one row, values by input id
  $ neurograph run net.json --sequence "1,0;0,1;1,1"   three time steps, after a reset
  $ neurograph run net.json --sequence-file seq.json   the same steps from JSON: [[1, 0], {"a": 0, "b": 1}]
  $ neurograph run scenarios/xor.ts --trace pretty     every activation, as a table
  $ neurograph run scenarios/xor.ts --trace ndjson | jq -c 'select(.type == "runCompleted")'
  $ neurograph run scenarios/xor.ts --trace chrome --out xor-trace.json   open in ui.perfetto.dev`;

export function register(program: Command, context: CliContext): void {
  program
    .command('run')
    .description(
      'run a network and print its outputs (with softmax outputs, also the winning class), or a trace of every activation',
    )
    .argument('<network>', NETWORK_FILE)
    .addOption(
      new Option('-i, --inputs <values>', 'one input row: 1,0 (input order) or a=1,b=0')
        .argParser(parseInputs)
        .conflicts(['table', 'sequence', 'sequenceFile']),
    )
    .addOption(
      new Option('-s, --sequence <steps>', 'run input rows as time steps, after a reset: 1,0;0,1;1,1')
        .argParser(parseSequence)
        .conflicts(['table', 'sequenceFile']),
    )
    .addOption(
      new Option('--sequence-file <file>', 'the same from a JSON file: [[1, 0], {"a": 0, "b": 1}]').conflicts('table'),
    )
    .option('-t, --table', 'run every combination of 0/1 inputs (the default without --inputs or a sequence)')
    .addOption(
      new Option('--trace <format>', 'print a trace of every activation instead of the table').choices(TRACE_FORMATS),
    )
    .option('-o, --out <file>', 'write to FILE instead of stdout (with --trace, the table still goes to stdout)')
    .addHelpText('after', EXAMPLES)
    .action((file: string, options: RunOptions) => runCommand(file, options, context));
}

async function runCommand(file: string, options: RunOptions, context: CliContext): Promise<void> {
  checkWritable(context, options.out);
  const given =
    options.sequenceFile === undefined ? options.sequence : readSequenceFile(options.sequenceFile, context.cwd);
  const { network } = await loadNetwork(file, context.cwd);
  const over = options.sequenceFile === undefined ? '--sequence' : '--sequence-file';
  const rows = given === undefined ? inputRows(network, options.inputs) : sequenceSteps(network, given, over);
  const table = (network: Network, rows: readonly CliInputs[], results: readonly number[][]) =>
    withClasses(network, (given === undefined ? truthTable : stepTable)(network, rows, results), results);
  // A sequence starts from a network without memory, at time step 0.
  if (given !== undefined) network.reset();
  const output = openOutput(context, options.out);
  let results: number[][];
  try {
    if (options.trace === undefined) {
      results = await runRows(network, rows, output);
      output.write(`${table(network, rows, results)}\n`);
    } else {
      const tracer = new Tracer(network);
      // NDJSON goes out line by line as the network runs; the other formats need the whole trace.
      const stop = options.trace === 'ndjson' ? tracer.pipe(output) : undefined;
      try {
        results = await runRows(network, rows, output);
      } finally {
        stop?.();
        tracer.detach();
      }
      // A sequence's trace shows its time steps, whatever the network.
      const time = given === undefined ? {} : { time: true };
      if (options.trace === 'pretty') {
        output.write(`${tracer.toPretty({ color: shouldColor(output, context.env), ...time })}\n`);
      } else if (options.trace === 'chrome') output.write(`${JSON.stringify(tracer.toChromeTrace(time))}\n`);
      if (output.file !== undefined) context.stdout.write(`${table(network, rows, results)}\n`);
    }
  } finally {
    output.close();
  }
  if (output.file !== undefined) context.stderr.write(`neurograph: wrote ${output.file}\n`);
}

/**
 * Runs every row and keeps its outputs in output order; between runs it waits for the
 * output to drain, so a streamed trace (NDJSON into a pipe) holds at most one run's lines in memory.
 */
async function runRows(network: Network, rows: readonly CliInputs[], output: Output): Promise<number[][]> {
  const results: number[][] = [];
  for (const row of rows) {
    network.run(row);
    results.push(outputValues(network));
    await output.drained();
  }
  return results;
}

/**
 * For a network with softmax outputs, `table` with a `class` column at the end: the winning output of each
 * row (the largest; the first in output order on a tie). Other networks' tables come back as they are.
 */
function withClasses(network: Network, table: string, results: readonly (readonly number[])[]): string {
  const softmax = network.outputs.some((id) => isSoftmax(network.graph.getNodeAttribute(id, 'activation')));
  if (!softmax) return table;
  const labels = classLabels(network.outputs);
  const classes = results.map((outputs) => labels[predictedClass(outputs, 0, outputs.length)]!);
  const width = Math.max('class'.length, ...classes.map((label) => label.length));
  const lines = table.split('\n');
  return lines.map((line, i) => `${line}  ${(i === 0 ? 'class' : (classes[i - 1] ?? '')).padStart(width)}`).join('\n');
}

/** The steps of a sequence and their outputs: the time step, inputs, then outputs, in the network's order. */
function stepTable(network: Network, rows: readonly CliInputs[], results: readonly number[][]): string {
  const inputs = rows.map((inputs) => valuesInOrder(network.inputs, inputs));
  return formatSequenceTable(network, inputs, results);
}

/** The rows and their outputs as the scenarios print them: inputs, then outputs, in the network's order. */
function truthTable(network: Network, rows: readonly CliInputs[], results: readonly number[][]): string {
  return formatTable(network, {
    rows: rows.map((inputs, i) => {
      const outputs = results[i]!;
      return { inputs: valuesInOrder(network.inputs, inputs), outputs, expected: outputs, ok: true };
    }),
    ok: true,
  });
}
