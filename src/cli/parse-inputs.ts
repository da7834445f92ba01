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
import { InputError } from '../errors.js';
import type { Network } from '../graph/network.js';
import { readNeuronValues } from '../graph/read-values.js';
import { CliError } from './context.js';
import { count } from '../format/plural.js';

export type CliInputs = readonly number[] | Readonly<Record<string, number>>;

/** The most inputs a truth table may have: 2^16 rows. */
export const MAX_TABLE_INPUTS = 16;

/**
 * Commander's parser for `--inputs`. Text that is not a list of numbers is a CliError worded
 * like the library's input errors (`--inputs: …`), so every bad `--inputs` reads the same:
 * `neurograph run: --inputs: …`.
 */
export function parseInputs(text: string): CliInputs {
  return parseRow(text, '--inputs');
}

/** One row of values, `1,0` or `a=1,b=0`; a mistake is a CliError starting with `where` (`--inputs`). */
export function parseRow(text: string, where: string): CliInputs {
  const fail = (message: string) => new CliError(`${where}: ${message}`);
  const parts = text.split(',').map((part) => part.trim());
  const named = parts.filter((part) => part.includes('='));
  if (named.length > 0 && named.length < parts.length) {
    throw fail('give every value by position (1,0) or every value by id (a=1,b=0), not a mix.');
  }
  if (named.length === 0) return parts.map((part) => parseNumber(part, fail));
  const record: Record<string, number> = {};
  for (const part of parts) {
    const at = part.indexOf('=');
    const id = part.slice(0, at).trim();
    if (id === '') throw fail(`"${part}" has no input id before "=".`);
    if (Object.hasOwn(record, id)) throw fail(`input "${id}" is given twice.`);
    // defineProperty, not `record[id] =`: an input named `__proto__` would set the prototype instead.
    Object.defineProperty(record, id, { value: parseNumber(part.slice(at + 1).trim(), fail), enumerable: true });
  }
  return record;
}

/** A decimal number: optional sign, digits with an optional fraction (or a fraction alone), optional exponent. */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

/**
 * A decimal number as written, and only one: not `0x10`, `0b1`, `Infinity` or `1_000`, which
 * `Number()` would also read. A literal a float64 cannot hold is refused, not changed:
 * `1e400` would become Infinity and `1e-400` would become 0.
 */
function parseNumber(text: string, fail: (message: string) => CliError): number {
  if (text === '') throw fail('a value is empty; give a number for each input.');
  if (!DECIMAL.test(text)) throw fail(`"${text}" is not a number; write a decimal number such as 1, -0.5 or 2e-3.`);
  const parsed = Number(text);
  if (!Number.isFinite(parsed)) {
    throw fail(`"${text}" is too large for a 64-bit float (it would become ${parsed}).`);
  }
  const mantissa = text.split(/e/i)[0]!;
  if (parsed === 0 && /[1-9]/.test(mantissa)) {
    throw fail(`"${text}" is too close to 0 for a 64-bit float (it would become 0).`);
  }
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
        `the network has ${count(ids.length, 'input')}, too many for a truth table (at most ${MAX_TABLE_INPUTS}); ` +
          'give one row with --inputs',
      );
    }
    return truthTable(ids.length);
  }
  checkInputs(ids, inputs, '--inputs');
  return [inputs];
}

/**
 * The library's reading of run inputs, into scratch space; its InputError becomes the CLI's one
 * line, starting with `where` (`--inputs`).
 */
export function checkInputs(ids: readonly string[], inputs: unknown, where: string): void {
  const positions = Int32Array.from(ids, (_, i) => i);
  try {
    readNeuronValues(inputs, ids, positions, new Float64Array(ids.length), where);
  } catch (error) {
    if (error instanceof InputError) throw new CliError(error.message);
    throw error;
  }
}
