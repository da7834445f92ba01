/**
 * Truth tables
 * ============
 *
 * A network checked against its expected table, row by row, and the table shown as
 * aligned text: what the seed's AND, OR and XOR are judged by.
 */
import { UsageError } from '../errors.js';
import { Network } from '../graph/network.js';
import { describe } from './describe.js';
import { isRevokedProxy } from './revoked-proxy.js';
import { formatNumber } from './number.js';

/** One row of an expected table: the inputs in input order, then the outputs in output order. */
export type TableRow = readonly number[];

/** One checked row: what went in, what came out, what was expected, and whether they agree. */
export interface TableRowResult {
  readonly inputs: readonly number[];
  readonly outputs: readonly number[];
  readonly expected: readonly number[];
  readonly ok: boolean;
}

export interface TableResult {
  readonly rows: readonly TableRowResult[];
  readonly ok: boolean;
}

/**
 * Runs every row's inputs and compares the outputs with the row's expected outputs,
 * within `tolerance` (0 for exact, e.g. step networks).
 */
export function checkTable(network: Network, expected: readonly TableRow[], tolerance = 0): TableResult {
  checkNetwork(network, 'checkTable');
  const inputCount = network.inputs.length;
  const width = inputCount + network.outputs.length;
  const isRow = (row: unknown) =>
    !isRevokedProxy(row) &&
    Array.isArray(row) &&
    row.length === width &&
    row.every((value) => typeof value === 'number' && Number.isFinite(value));
  if (isRevokedProxy(expected) || !Array.isArray(expected) || !expected.every(isRow)) {
    throw new UsageError(
      `checkTable: expected must be rows of ${width} finite numbers (the inputs ${network.inputs.join(', ')}, ` +
        `then the outputs ${network.outputs.join(', ')}), got ${describe(expected)}.`,
    );
  }
  if (typeof tolerance !== 'number' || !Number.isFinite(tolerance) || tolerance < 0) {
    throw new UsageError(`checkTable: tolerance must be a finite number ≥ 0, got ${describe(tolerance)}.`);
  }
  const rows = expected.map((row) => {
    const inputs = row.slice(0, inputCount);
    const want = row.slice(inputCount);
    const result = network.run(inputs);
    // net.outputs, not Object.values: a record lists integer-like ids first.
    const outputs = network.outputs.map((id) => result[id]!);
    const ok = outputs.length === want.length && outputs.every((value, i) => Math.abs(value - want[i]!) <= tolerance);
    return { inputs, outputs, expected: want, ok };
  });
  return { rows, ok: rows.every((row) => row.ok) };
}

/**
 * The table as aligned text, one line per row, with ✗ on rows that disagree. Values
 * show up to `digits` decimals (see `formatNumber`: 0.731, and 7e-7 rather than 0).
 */
export function formatTable(network: Network, result: TableResult, digits = 3): string {
  checkNetwork(network, 'formatTable');
  if (typeof result !== 'object' || result === null || !Array.isArray(result.rows)) {
    throw new UsageError(`formatTable: result must be what checkTable returns, got ${describe(result)}.`);
  }
  if (!Number.isInteger(digits) || digits < 0 || digits > 20) {
    throw new UsageError(`formatTable: digits must be a whole number from 0 to 20, got ${describe(digits)}.`);
  }
  const header = [...network.inputs, ...network.outputs];
  const show = (value: number) => formatNumber(value, digits);
  const lines = result.rows.map((row) => [...row.inputs.map(show), ...row.outputs.map(show)]);
  // NOTE: a loop, not Math.max(...lines): spreading many rows into arguments overflows the stack.
  const widths = header.map((title) => title.length);
  for (const line of lines) line.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  const pad = (cells: readonly string[]) => cells.map((cell, i) => cell.padStart(widths[i]!)).join('  ');
  const note = (row: TableRowResult) => (row.ok ? '' : `   ✗ expected ${row.expected.map(show).join(', ')}`);
  return [pad(header), ...lines.map((line, i) => `${pad(line)}${note(result.rows[i]!)}`)].join('\n');
}

function checkNetwork(network: unknown, where: string): asserts network is Network {
  if (isRevokedProxy(network) || !(network instanceof Network)) {
    throw new UsageError(`${where}: the first argument must be a Network, got ${describe(network)}.`);
  }
}
