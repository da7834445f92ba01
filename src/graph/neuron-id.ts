/**
 * Neuron ids
 * ==========
 *
 * Any non-empty string is a neuron id, except the names of JavaScript's built-in
 * object properties (`constructor`, `toString`, `__proto__`, …): graphology keeps each
 * neuron's connections in plain objects keyed by neighbour id, so a neuron with such a
 * name cannot receive a connection (graphology reports it as already connected), and
 * `__proto__` cannot even be a key. Refusing them when the neuron is added keeps every
 * later call inside the error contract.
 */
import { describe } from '../format/describe.js';

/** The ids graphology's per-neuron connection maps cannot hold. */
const reservedIds: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

/** Why `id` cannot name a neuron, or undefined when it can. */
export function neuronIdProblem(id: unknown): string | undefined {
  if (typeof id !== 'string' || id.length === 0) return `a neuron id must be a non-empty string, got ${describe(id)}`;
  if (reservedIds.has(id)) {
    return (
      `"${id}" cannot be a neuron id: it is the name of a built-in JavaScript object property, which ` +
      `graphology cannot tell apart from a connection; choose another id, e.g. "${id}_"`
    );
  }
  return undefined;
}

/**
 * `id` as the engine's own copy of it, the one property keys use (its value is unchanged).
 * NOTE: ids built at run time (`y${k}`) are strings V8 has not internalized, and a keyed store or load with such a
 * key misses its inline cache every time (measured on XOR's output record: the store went megamorphic on its second
 * call, and reading `record[net.outputs[0]]` cost ~25 ns). A key read back from an object is internalized. It costs
 * a few µs an id, so it is done for the ids records are keyed by (outputs, inputs), not for every neuron.
 */
export function internalized(id: string): string {
  return Object.keys({ [id]: 0 })[0]!;
}
