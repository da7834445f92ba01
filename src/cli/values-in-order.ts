/**
 * Values in the network's order
 * =============================
 *
 * What the CLI prints lines up with `net.inputs` and `net.outputs`, never with a
 * record's key order: JavaScript lists integer-like keys (`"1"`) before all others,
 * so outputs added as `b` then `1` come back from `run()` as `{ 1, b }`.
 */
import type { Network } from '../graph/network.js';

/** Values given by position (an array or typed array, already in `ids` order) or by id, in `ids` order. */
export function valuesInOrder(
  ids: readonly string[],
  given: ArrayLike<number> | Readonly<Record<string, number>>,
): number[] {
  if (Array.isArray(given) || ArrayBuffer.isView(given)) return Array.from(given as ArrayLike<number>);
  const record = given as Readonly<Record<string, number>>;
  return ids.map((id) => (Object.hasOwn(record, id) ? record[id]! : Number.NaN));
}

/** The outputs of the network's last run, in output order. */
export function outputValues(network: Network): number[] {
  return network.outputs.map((id) => network.value(id) ?? Number.NaN);
}
