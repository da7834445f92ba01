/**
 * Reading samples
 * ===============
 *
 * `neurograph evaluate` scores a network on samples from a JSON file (an array of
 * `{ input, output }` or `{ steps }`, as `Trainer` takes them) or from a module's
 * exports (`test`, else `samples`); `train` reads a scenario's `samples`, `validation`
 * and `test` the same way. The samples themselves are checked by the library when
 * they are used; here, only that there is an array where one is needed.
 */
import { readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { describe } from '../format/describe.js';
import type { TrainingSample } from '../train/samples.js';
import { CliError, describeFsError } from './context.js';
import { importModule } from './import-module.js';
import { MODULE_EXTENSIONS, type ScenarioExports } from './load-network.js';

/** Samples and where they came from, in words: `data.json`, `scenarios/moons.ts, export samples`. */
export interface NamedSamples {
  readonly samples: readonly TrainingSample[];
  readonly from: string;
  /** The module's exports, when the samples came from a module. */
  readonly exports?: ScenarioExports;
}

/** What `--samples` may be. */
export const SAMPLES_FILE =
  'a JSON file holding an array of samples ({ input, output } or { steps }), or a module exporting `test` or `samples`';

/** The samples in `file` (relative to `cwd`): a JSON array, or a module's `test` (else `samples`) export. */
export async function readSamplesFile(file: string, cwd: string): Promise<NamedSamples> {
  const path = resolve(cwd, file);
  const extension = extname(path).toLowerCase();
  if (extension === '.json') {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      throw new CliError(`cannot read ${file}: ${describeFsError(error)}`);
    }
    let samples: unknown;
    try {
      samples = JSON.parse(text);
    } catch (error) {
      throw new CliError(`${file} is not valid JSON: ${(error as Error).message}`);
    }
    if (!Array.isArray(samples)) {
      throw new CliError(
        `${file} must hold an array of samples ({ input, output } or { steps }), got ${describe(samples)}`,
      );
    }
    return { samples, from: file };
  }
  if (!MODULE_EXTENSIONS.has(extension)) throw new CliError(`${file}: expected ${SAMPLES_FILE}`);
  const namespace = await importModule(file, path);
  const exports = moduleExports(namespace);
  const named = testOrSamples(exports, file);
  if (named === undefined) throw new CliError(`${file} exports neither \`test\` nor \`samples\` (arrays of samples)`);
  return { ...named, exports };
}

/** A module's `test` samples, else its `samples`, or undefined when it exports neither. */
export function testOrSamples(exports: ScenarioExports, file: string): NamedSamples | undefined {
  for (const name of ['test', 'samples']) {
    const samples = exportedSamples(exports, name, file);
    if (samples !== undefined) return { samples, from: `${file}, export ${name}` };
  }
  return undefined;
}

/** The samples a module exports as `name`; undefined when it exports nothing by that name, a CliError if not an array. */
export function exportedSamples(
  exports: ScenarioExports,
  name: string,
  file: string,
): readonly TrainingSample[] | undefined {
  const value = exports[name];
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) {
    throw new CliError(
      `${file}: \`${name}\` must be an array of samples ({ input, output } or { steps }), got ${describe(value)}`,
    );
  }
  return value;
}

/** A module loaded as CommonJS has its exports on `default`. */
function moduleExports(namespace: ScenarioExports): ScenarioExports {
  if ('test' in namespace || 'samples' in namespace) return namespace;
  const { default: fallback } = namespace;
  return typeof fallback === 'object' && fallback !== null ? (fallback as ScenarioExports) : namespace;
}
