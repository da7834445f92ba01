/**
 * Sequences on the command line
 * =============================
 *
 * `--sequence "1,0;0,1;1,1"`: input rows separated by semicolons, each written as
 * `--inputs` takes it (by position `1,0` or by id `a=1,b=0`), run as consecutive time
 * steps. `--sequence-file steps.json`: the same as JSON, an array with one entry per
 * step, each an array of numbers in input order or a record keyed by input id
 * (`[[1, 0], {"a": 0, "b": 1}]`). Whether each step fits the network is the library's
 * check, named by its step: `--sequence: step 2: …`.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe } from '../format/describe.js';
import type { Network } from '../graph/network.js';
import { CliError, describeFsError } from './context.js';
import { checkInputs, parseRow, type CliInputs } from './parse-inputs.js';

/** The most steps a sequence may have, so a mistaken file cannot run for ever. */
export const MAX_SEQUENCE_STEPS = 1_000_000;

/** Commander's parser for `--sequence`: the steps, each parsed as `--inputs` would be. */
export function parseSequence(text: string): CliInputs[] {
  const parts = text.split(';');
  if (text.trim() === '') {
    throw new CliError('--sequence: the sequence is empty; give input rows separated by ";", e.g. "1,0;0,1".');
  }
  return parts.map((part, i) => {
    const where = `--sequence: step ${i + 1}`;
    if (part.trim() === '') throw new CliError(`${where} is empty; give a row of input values between the ";".`);
    return parseRow(part, where);
  });
}

/** The steps of a `--sequence-file` (relative to `cwd`): a JSON array of arrays or records of numbers. */
export function readSequenceFile(file: string, cwd: string): CliInputs[] {
  let text: string;
  try {
    text = readFileSync(resolve(cwd, file), 'utf8');
  } catch (error) {
    throw new CliError(`--sequence-file: cannot read ${file}: ${describeFsError(error)}`);
  }
  let steps: unknown;
  try {
    steps = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new CliError(`--sequence-file: ${file} is not JSON (${detail})`);
  }
  const wanted = 'an array with one entry per step, each an array of numbers or a record keyed by input id';
  if (!Array.isArray(steps))
    throw new CliError(`--sequence-file: ${file} must hold ${wanted}; got ${describe(steps)}.`);
  if (steps.length === 0) throw new CliError(`--sequence-file: ${file} has no steps; it must hold ${wanted}.`);
  steps.forEach((step, i) => {
    if (step === null || typeof step !== 'object') {
      throw new CliError(
        `--sequence-file: ${file}: step ${i + 1} must be an array or a record; got ${describe(step)}.`,
      );
    }
  });
  return steps as CliInputs[];
}

/**
 * The sequence a `run` was given, checked against the network before anything runs: every
 * step must fit the network's inputs. The steps come from `--sequence` or `--sequence-file`.
 */
export function sequenceSteps(network: Network, steps: readonly CliInputs[], where: string): CliInputs[] {
  if (steps.length > MAX_SEQUENCE_STEPS) {
    throw new CliError(`${where}: ${steps.length} steps is too many (at most ${MAX_SEQUENCE_STEPS}).`);
  }
  steps.forEach((step, i) => checkInputs(network.inputs, step, `${where}: step ${i + 1}`));
  return [...steps];
}
