/**
 * Truth tables
 * ============
 *
 * A network checked against its expected table, row by row, and the table shown as
 * aligned text: what the seed's AND, OR and XOR are judged by.
 */
import type { Network } from '../graph/network.js';

/** One row of an expected table: the inputs in input order, then the outputs in output order. */
export type TableRow = readonly number[];

export interface TableResult {
  readonly rows: readonly { readonly inputs: readonly number[]; readonly outputs: readonly number[]; readonly expected: readonly number[]; readonly ok: boolean }[];
  readonly ok: boolean;
}

/**
 * Runs every row's inputs and compares the outputs with the row's expected outputs,
 * within `tolerance` (0 for exact, e.g. step networks).
 */
export function checkTable(network: Network, expected: readonly TableRow[], tolerance = 0): TableResult {
  const inputCount = network.inputs.length;
  const rows = expected.map((row) => {
    const inputs = row.slice(0, inputCount);
    const want = row.slice(inputCount);
    const outputs = Object.values(network.run(inputs));
    const ok = outputs.length === want.length && outputs.every((value, i) => Math.abs(value - want[i]!) <= tolerance);
    return { inputs, outputs, expected: want, ok };
  });
  return { rows, ok: rows.every((row) => row.ok) };
}

/** The table as aligned text, one line per row, with ✗ on rows that disagree. */
export function formatTable(network: Network, result: TableResult, digits = 3): string {
  const header = [...network.inputs, ...network.outputs];
  const show = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(digits));
  const lines = result.rows.map((row) => [...row.inputs.map(show), ...row.outputs.map(show)]);
  const widths = header.map((title, i) => Math.max(title.length, ...lines.map((line) => line[i]!.length)));
  const pad = (cells: string[]) => cells.map((cell, i) => cell.padStart(widths[i]!)).join('  ');
  return [pad(header), ...lines.map((line, i) => `${pad(line)}${result.rows[i]!.ok ? '' : `   ✗ expected ${result.rows[i]!.expected.join(', ')}`}`)].join('\n');
}
