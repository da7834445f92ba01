/**
 * Loading a network
 * =================
 *
 * The CLI's argument is a network document (`.json`, as `Network.toJSON` writes it),
 * an ONNX model (`.onnx`, as `toOnnx` or PyTorch, Keras, scikit-learn write small MLPs;
 * read by `fromOnnx`) or a scenario module (`.ts`, `.js`, …) whose exported `build()`
 * returns the network. This is the one place any of them is loaded; `train` also reads the scenario's other
 * exports (samples, trainer options) from what it returns. Every way this can fail
 * becomes a CliError with one line naming the file and what to do about it.
 */
import { accessSync, constants, readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { NeurographError } from '../errors.js';
import { describe } from '../format/describe.js';
import { Network } from '../graph/network.js';
import { fromOnnx } from '../onnx/from-onnx.js';
import { CliError, describeFsError } from './context.js';
import { importModule } from './import-module.js';

/** The extensions of a module the CLI imports (a scenario, or `--samples` from a module). */
export const MODULE_EXTENSIONS = new Set(['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs']);

/** What a scenario module may be, in the words every help text and message uses. */
export const SCENARIO_MODULE = 'a scenario module (.js, .mjs, .cjs; .ts, .mts, .cts with tsx installed)';

/** What the network argument of `run`, `draw`, `evaluate` and `export` may be. */
export const NETWORK_FILE = `a network document (.json), an ONNX model (.onnx) or ${SCENARIO_MODULE} that exports build()`;

/** A scenario module's exports: `build`, and whatever else a command reads (`samples`, `trainerOptions`). */
export type ScenarioExports = Readonly<Record<string, unknown>>;

/** The network, and where it came from: a document (JSON or ONNX), or a scenario module with its exports. */
export type LoadedNetwork =
  | { readonly from: 'document'; readonly format: 'json' | 'onnx'; readonly network: Network }
  | { readonly from: 'scenario'; readonly network: Network; readonly exports: ScenarioExports };

/** The network in `file` (relative to `cwd`); a CliError if it cannot be read or built. */
export async function loadNetwork(file: string, cwd: string = process.cwd()): Promise<LoadedNetwork> {
  const path = resolve(cwd, file);
  const extension = extname(path).toLowerCase();
  if (extension === '.json') return { from: 'document', format: 'json', network: readDocument(file, path) };
  if (extension === '.onnx') return { from: 'document', format: 'onnx', network: readModel(file, path) };
  if (MODULE_EXTENSIONS.has(extension)) return buildScenario(file, path);
  throw new CliError(`${file}: expected ${NETWORK_FILE}`);
}

function readDocument(file: string, path: string): Network {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${describeFsError(error)}`);
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new CliError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  try {
    return Network.fromJSON(document);
  } catch (error) {
    if (error instanceof NeurographError) throw new CliError(`${file} is not a network document: ${error.message}`);
    throw error;
  }
}

/** `a network document` or `an ONNX model`, for messages about a loaded document. */
export function describeDocument(format: 'json' | 'onnx'): string {
  return format === 'onnx' ? 'an ONNX model' : 'a network document';
}

function readModel(file: string, path: string): Network {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${describeFsError(error)}`);
  }
  try {
    return fromOnnx(bytes);
  } catch (error) {
    if (error instanceof NeurographError)
      throw new CliError(`${file} is not an ONNX model neurograph reads: ${error.message}`);
    throw error;
  }
}

async function buildScenario(file: string, path: string): Promise<LoadedNetwork> {
  try {
    accessSync(path, constants.R_OK);
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${describeFsError(error)}`);
  }
  const exports = scenarioExports(await importModule(file, path));
  if (typeof exports.build !== 'function') {
    throw new CliError(
      `${file} does not export a build() function; a scenario exports \`build\`, which returns its Network`,
    );
  }
  let built: unknown;
  try {
    built = await (exports.build as () => unknown)();
  } catch (error) {
    throw new CliError(`${file}: build() threw: ${firstLine(error)}`);
  }
  if (built instanceof Network) return { from: 'scenario', network: built, exports };
  // A scenario may import another copy of neurograph (its sources, its own node_modules): read its network as JSON.
  if (isNetworkLike(built)) {
    try {
      return { from: 'scenario', network: Network.fromJSON(built.toJSON()), exports };
    } catch (error) {
      throw new CliError(`${file}: build() returned a network this neurograph cannot read: ${firstLine(error)}`);
    }
  }
  throw new CliError(`${file}: build() returned ${describeBuilt(built)}, not a Network`);
}

/** A module loaded as CommonJS (a .ts file outside a "type": "module" package) has its exports on `default`. */
function scenarioExports(namespace: ScenarioExports): ScenarioExports {
  if (typeof namespace.build === 'function') return namespace;
  const { default: fallback } = namespace;
  return typeof fallback === 'object' && fallback !== null ? (fallback as ScenarioExports) : namespace;
}

function isNetworkLike(value: unknown): value is { toJSON(): unknown } {
  if (typeof value !== 'object' || value === null) return false;
  try {
    const { toJSON, run } = value as { toJSON?: unknown; run?: unknown };
    return typeof toJSON === 'function' && typeof run === 'function';
  } catch {
    // A proxy or a getter that throws: not a network.
    return false;
  }
}

function describeBuilt(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  try {
    return `an object (${Object.getPrototypeOf(value)?.constructor?.name ?? 'no prototype'})`;
  } catch {
    return 'an unreadable object';
  }
}

/** An error's message, first line only. */
function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : describe(error);
  return message.split('\n')[0]!.trim();
}
