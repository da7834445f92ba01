/**
 * Inputs on the command line
 * ==========================
 *
 * `--inputs 1,0` (one value per input, in input order) or `--inputs a=1,b=0` (by id),
 * and the truth table: every combination of 0 and 1, first input most significant.
 * This file only parses the text; whether the values fit the network (missing,
 * unknown or non-finite inputs, the wrong count) is the library's check, the same
 * one `Network.run` makes, with the same message.
 */
import { InvalidArgumentError } from 'commander';
import { InputError } from '../errors.js';
import type { Network } from '../graph/network.js';
import { readNeuronValues } from '../graph/read-values.js';
import { CliError } from './context.js';

export type CliInputs = readonly number[] | Readonly<Record<string, number>>;

/** The most inputs a truth table may have: 2^16 rows. */
export const MAX_TABLE_INPUTS = 16;

/** Commander's parser for `--inputs`; text that is not a list of numbers is an InvalidArgumentError. */
export function parseInputs(text: string): CliInputs {
  const parts = text.split(',').map((part) => part.trim());
  const named = parts.filter((part) => part.includes('='));
  if (named.length > 0 && named.length < parts.length) {
    throw new InvalidArgumentError('give every value by position (1,0) or every value by id (a=1,b=0), not a mix.');
  }
  if (named.length === 0) return parts.map(parseNumber);
  const record: Record<string, number> = {};
  for (const part of parts) {
    const at = part.indexOf('=');
    const id = part.slice(0, at).trim();
    if (id === '') throw new InvalidArgumentError(`"${part}" has no input id before "=".`);
    if (Object.hasOwn(record, id)) throw new InvalidArgumentError(`input "${id}" is given twice.`);
    // defineProperty, not `record[id] =`: an input named `__proto__` would set the prototype instead.
    Object.defineProperty(record, id, { value: parseNumber(part.slice(at + 1).trim()), enumerable: true });
  }
  return record;
}

/** A number as written; whether it is finite is the library's check (`1e999` reaches it as Infinity). */
function parseNumber(text: string): number {
  if (text === '') throw new InvalidArgumentError('a value is empty; give a number for each input.');
  const parsed = Number(text);
  if (Number.isNaN(parsed)) throw new InvalidArgumentError(`"${text}" is not a number.`);
  return parsed;
}

/** Every combination of 0/1 for `count` inputs, first input most significant: 00, 01, 10, 11. */
export function truthTable(count: number): number[][] {
  const rows: number[][] = [];
  for (let row = 0; row < 2 ** count; row++) {
    rows.push(Array.from({ length: count }, (_, i) => (row >> (count - 1 - i)) & 1));
  }
  return rows;
}

/**
 * The input rows a command runs: the one `--inputs` gives, or the whole truth table.
 * The `--inputs` row is checked here, before anything runs or any file is written.
 */
export function inputRows(network: Network, inputs: CliInputs | undefined): CliInputs[] {
  const ids = network.inputs;
  if (inputs === undefined) {
    if (ids.length > MAX_TABLE_INPUTS) {
      throw new CliError(
        `the network has ${ids.length} inputs, too many for a truth table (at most ${MAX_TABLE_INPUTS}); ` +
          'give one row with --inputs',
      );
    }
    return truthTable(ids.length);
  }
  checkInputs(ids, inputs);
  return [inputs];
}

/** The library's reading of run inputs, into scratch space; its InputError becomes the CLI's one line. */
function checkInputs(ids: readonly string[], inputs: CliInputs): void {
  const positions = Int32Array.from(ids, (_, i) => i);
  try {
    readNeuronValues(inputs, ids, positions, new Float64Array(ids.length), '--inputs');
  } catch (error) {
    if (error instanceof InputError) throw new CliError(error.message);
    throw error;
  }
}
