/**
 * Loading a network
 * =================
 *
 * The CLI's argument is a network document (`.json`, as `Network.toJSON` writes it)
 * or a scenario module (`.ts`, `.js`, …) whose exported `build()` returns the network.
 * Every way this can fail becomes a CliError with one line naming the file and what
 * to do about it.
 */
import { accessSync, constants, readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { NeurographError } from '../errors.js';
import { Network } from '../graph/network.js';
import { CliError, describeFsError } from './context.js';

const MODULE_EXTENSIONS = new Set(['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs']);

/** The network in `file` (relative to `cwd`); a CliError if it cannot be read or built. */
export async function loadNetwork(file: string, cwd: string = process.cwd()): Promise<Network> {
  const path = resolve(cwd, file);
  const extension = extname(path).toLowerCase();
  if (extension === '.json') return readDocument(file, path);
  if (MODULE_EXTENSIONS.has(extension)) return buildScenario(file, path);
  throw new CliError(`${file}: expected a network document (.json) or a scenario module (.ts, .js) that exports build()`);
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

async function buildScenario(file: string, path: string): Promise<Network> {
  try {
    accessSync(path, constants.R_OK);
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${describeFsError(error)}`);
  }
  let namespace: { build?: unknown; default?: { build?: unknown } };
  try {
    namespace = (await import(pathToFileURL(path).href)) as typeof namespace;
  } catch (error) {
    throw new CliError(`${file} failed to load: ${oneLine(error)}`);
  }
  // A module loaded as CommonJS (a .ts file outside a "type": "module" package) has its exports on `default`.
  const module = typeof namespace.build === 'function' ? namespace : (namespace.default ?? {});
  if (typeof module.build !== 'function') {
    throw new CliError(`${file} does not export a build() function; a scenario exports \`build\`, which returns its Network`);
  }
  let built: unknown;
  try {
    built = await (module.build as () => unknown)();
  } catch (error) {
    throw new CliError(`${file}: build() threw: ${oneLine(error)}`);
  }
  if (built instanceof Network) return built;
  // A scenario may import another copy of neurograph (its own node_modules): take its network through JSON.
  if (isNetworkLike(built)) {
    try {
      return Network.fromJSON(built.toJSON());
    } catch (error) {
      throw new CliError(`${file}: build() returned a network this neurograph cannot read: ${oneLine(error)}`);
    }
  }
  throw new CliError(`${file}: build() returned ${describe(built)}, not a Network`);
}

function isNetworkLike(value: unknown): value is { toJSON(): unknown } {
  return typeof value === 'object' && value !== null && typeof (value as { toJSON?: unknown }).toJSON === 'function' && typeof (value as { run?: unknown }).run === 'function';
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object') return `an object (${Object.getPrototypeOf(value)?.constructor?.name ?? 'no prototype'})`;
  return typeof value;
}

/** An error's message, first line only (module loaders add code frames below it). */
function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]!.trim();
}
