/**
 * Inputs on the command line
 * ==========================
 *
 * `--inputs 1,0` (one value per input, in input order) or `--inputs a=1,b=0` (by id),
 * and the truth table: every combination of 0 and 1, first input most significant.
 */
import { InvalidArgumentError } from 'commander';
import type { Network } from '../graph/network.js';
import { CliError } from './context.js';

export type CliInputs = readonly number[] | Readonly<Record<string, number>>;

/** The most inputs a truth table may have: 2^16 rows. */
export const MAX_TABLE_INPUTS = 16;

/** Commander's parser for `--inputs`; a bad value is an InvalidArgumentError. */
export function parseInputs(text: string): CliInputs {
  const parts = text.split(',').map((part) => part.trim());
  const named = parts.filter((part) => part.includes('='));
  if (named.length > 0 && named.length < parts.length) {
    throw new InvalidArgumentError('give every value by position (1,0) or every value by id (a=1,b=0), not a mix.');
  }
  const number = (value: string): number => {
    const parsed = value === '' ? Number.NaN : Number(value);
    if (!Number.isFinite(parsed)) throw new InvalidArgumentError(`"${value}" is not a finite number.`);
    return parsed;
  };
  if (named.length === 0) return parts.map(number);
  const record: Record<string, number> = {};
  for (const part of parts) {
    const at = part.indexOf('=');
    const id = part.slice(0, at).trim();
    if (id === '') throw new InvalidArgumentError(`"${part}" has no input id before "=".`);
    if (Object.hasOwn(record, id)) throw new InvalidArgumentError(`input "${id}" is given twice.`);
    record[id] = number(part.slice(at + 1).trim());
  }
  return record;
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
 * The input rows a command runs: the one `--inputs` gives (checked against the
 * network's inputs), or the whole truth table.
 */
export function inputRows(network: Network, inputs: CliInputs | undefined): CliInputs[] {
  const ids = network.inputs;
  if (inputs === undefined) {
    if (ids.length > MAX_TABLE_INPUTS) {
      throw new CliError(`the network has ${ids.length} inputs, too many for a truth table (at most ${MAX_TABLE_INPUTS}); give one row with --inputs`);
    }
    return truthTable(ids.length);
  }
  if (Array.isArray(inputs)) {
    if (inputs.length !== ids.length) {
      throw new CliError(`--inputs gives ${inputs.length} value${inputs.length === 1 ? '' : 's'}, but the network has ${ids.length} input${ids.length === 1 ? '' : 's'} (${ids.join(', ') || 'none'}); give one value per input, in that order`);
    }
    return [inputs];
  }
  const given = Object.keys(inputs);
  const unknown = given.filter((id) => !ids.includes(id));
  const missing = ids.filter((id) => !given.includes(id));
  if (unknown.length > 0 || missing.length > 0) {
    const problems = [
      ...(unknown.length > 0 ? [`no input ${unknown.map((id) => `"${id}"`).join(', ')}`] : []),
      ...(missing.length > 0 ? [`missing ${missing.map((id) => `"${id}"`).join(', ')}`] : []),
    ];
    throw new CliError(`--inputs: ${problems.join('; ')} (the network's inputs: ${ids.join(', ') || 'none'})`);
  }
  return [inputs];
}
