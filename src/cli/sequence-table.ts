/**
 * Sequence tables
 * ===============
 *
 * What `neurograph run --sequence` prints: one line per time step, the step first,
 * then the inputs and the outputs in the network's order, aligned as the truth
 * tables are (`formatNumber`, 3 decimals).
 *
 *     t  x  y
 *     0  1  0.5
 *     1  0  0.75
 */
import { formatNumber } from '../format/number.js';
import type { Network } from '../graph/network.js';

export function formatSequenceTable(
  network: Network,
  inputs: readonly (readonly number[])[],
  outputs: readonly (readonly number[])[],
  digits = 3,
): string {
  const header = ['t', ...network.inputs, ...network.outputs];
  const show = (value: number) => formatNumber(value, digits);
  const lines = inputs.map((row, time) => [String(time), ...row.map(show), ...(outputs[time] ?? []).map(show)]);
  const widths = header.map((title) => title.length);
  for (const line of lines) line.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  const pad = (cells: readonly string[]) => cells.map((cell, i) => cell.padStart(widths[i]!)).join('  ');
  return [pad(header), ...lines.map(pad)].join('\n');
}
