/**
 * neurograph export
 * =================
 *
 * Writes a network in another form: an ONNX model (`toOnnx`, binary, so to a file) that
 * onnxruntime and other ONNX runtimes run, or a network document (`net.toJSON()`, to a
 * file or stdout). Whatever `run` loads exports: a document, an ONNX model, a scenario.
 */
import { writeFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { NeurographError } from '../../errors.js';
import type { Network } from '../../graph/network.js';
import { MAX_OPSET, MIN_OPSET } from '../../onnx/proto.js';
import { toOnnx } from '../../onnx/to-onnx.js';
import { CliError, checkWritable, describeFsError, openOutput, type CliContext } from '../context.js';
import { loadNetwork, NETWORK_FILE } from '../load-network.js';

export const EXPORT_FORMATS = ['onnx', 'json'] as const;
type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const ONNX_DTYPES = ['float32', 'float64'] as const;
type OnnxDtype = (typeof ONNX_DTYPES)[number];

interface ExportOptions {
  readonly format?: ExportFormat;
  readonly out?: string;
  readonly dtype?: OnnxDtype;
  readonly opset?: number;
}

/** The format each --out extension names; any other extension needs --format. */
const EXTENSIONS: Readonly<Record<string, ExportFormat>> = { '.onnx': 'onnx', '.json': 'json' };

const EXAMPLES = `
With --out, the format follows the file's extension (.onnx, .json) unless --format names it; without, json.

Examples:
  $ neurograph export scenarios/iris.ts --out iris.onnx                  an ONNX model (float32, opset ${MAX_OPSET})
  $ neurograph export net.json --format onnx --dtype float64 --opset 17 --out net.onnx
  $ neurograph export model.onnx --out net.json                          an ONNX model as a network document
  $ neurograph export scenarios/xor.ts --format json | jq '.nodes | length'`;

export function register(program: Command, context: CliContext): void {
  program
    .command('export')
    .description('write a network as an ONNX model (for onnxruntime and other runtimes) or as a network document')
    .argument('<network>', NETWORK_FILE)
    .addOption(
      new Option('-f, --format <format>', "what to write (with --out: its extension's, else json)").choices(
        EXPORT_FORMATS,
      ),
    )
    .option('-o, --out <file>', 'write to FILE instead of stdout (needed for onnx, which is binary)')
    .addOption(new Option('--dtype <type>', 'the ONNX model\'s numbers (default: "float32")').choices(ONNX_DTYPES))
    .addOption(
      new Option('--opset <version>', `the ONNX opset, ${MIN_OPSET} to ${MAX_OPSET} (default: ${MAX_OPSET})`).argParser(
        parseOpset,
      ),
    )
    .addHelpText('after', EXAMPLES)
    .action((file: string, options: ExportOptions) => exportCommand(file, options, context));
}

function parseOpset(text: string): number {
  const opset = Number(text);
  if (text.trim() === '' || !Number.isInteger(opset) || opset < MIN_OPSET || opset > MAX_OPSET) {
    throw new InvalidArgumentError(`expected a whole number from ${MIN_OPSET} to ${MAX_OPSET}, got "${text}".`);
  }
  return opset;
}

async function exportCommand(file: string, options: ExportOptions, context: CliContext): Promise<void> {
  checkWritable(context, options.out);
  const format = chooseFormat(options.format, options.out);
  if (format === 'json') {
    const given = options.dtype !== undefined ? '--dtype' : options.opset !== undefined ? '--opset' : undefined;
    if (given !== undefined) throw new CliError(`${given} applies to --format onnx, not json`);
  } else if (options.out === undefined) {
    throw new CliError('an ONNX model is binary: give --out <file>.onnx to write it to');
  }
  const { network } = await loadNetwork(file, context.cwd);
  if (format === 'json') {
    const output = openOutput(context, options.out);
    try {
      output.write(`${JSON.stringify(network.toJSON(), null, 2)}\n`);
    } finally {
      output.close();
    }
  } else {
    const bytes = modelOf(file, network, options);
    try {
      writeFileSync(resolve(context.cwd, options.out!), bytes);
    } catch (error) {
      throw new CliError(`cannot write ${options.out}: ${describeFsError(error)}`);
    }
  }
  if (options.out !== undefined) context.stderr.write(`neurograph: wrote ${options.out}\n`);
}

/** `--format`, else `--out`'s extension, else json; the two must agree when both name one. */
function chooseFormat(format: ExportFormat | undefined, out: string | undefined): ExportFormat {
  const extension = out === undefined ? '' : extname(out).toLowerCase();
  const implied = EXTENSIONS[extension];
  if (format !== undefined && implied !== undefined && format !== implied) {
    throw new CliError(
      `--format ${format} contradicts --out ${out} (a ${extension} file is ${implied}); drop one of them`,
    );
  }
  if (format !== undefined) return format;
  if (implied !== undefined) return implied;
  if (out === undefined) return 'json';
  throw new CliError(`--out ${out}: cannot tell the format by its name; name a .onnx or .json file, or give --format`);
}

/** The network as ONNX bytes; what toOnnx refuses (a network without inputs or outputs) names the file. */
function modelOf(file: string, network: Network, options: ExportOptions): Uint8Array {
  try {
    return toOnnx(network, {
      ...(options.dtype === undefined ? {} : { dtype: options.dtype }),
      ...(options.opset === undefined ? {} : { opset: options.opset }),
    });
  } catch (error) {
    if (error instanceof NeurographError) throw new CliError(`${file}: ${error.message}`);
    throw error;
  }
}
