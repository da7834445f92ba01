/**
 * Output records by generated code
 * ================================
 *
 * `Network.run` answers with a record keyed by output id. Built key by key in a loop, one
 * store site sees every id and turns megamorphic: 3 outputs cost ~160 ns, 10 ~370–500 ns,
 * more than a small network's whole pass. A generated constructor with one store per output
 * (`this[k0] = o0; this[k1] = o1;`) keeps each site on one key. Its records are plain
 * objects (Object.prototype, own enumerable keys in output order) with a hidden class of
 * their own: an object literal would share its first maps with every other object keyed by
 * these ids (graphology keys its adjacency by neuron id), and measured 200–300 ns a record
 * for XOR there, against 1–10 ns for the constructor.
 *
 * As in generated-code.ts, no id reaches the source: the ids are the arguments `k0, k1, …`
 * of the function the source makes.
 */

/** The parameters that receive the output ids: `k0, k1, …`. */
export function recordKeyParameters(outputs: number): string {
  return Array.from({ length: outputs }, (_, k) => `k${k}`).join(', ');
}

/**
 * Source lines declaring `OutputRecord(o0, o1, …)`, the constructor of a record of `outputs` values.
 * NOTE: a constructor of its own (one store site per key, a hidden class no other object shares) and
 * `OutputRecord.prototype = Object.prototype`, so its records are plain objects: see the top of this file.
 */
export function recordConstructorLines(outputs: number): string[] {
  const values = Array.from({ length: outputs }, (_, k) => `o${k}`);
  return [
    `function OutputRecord(${values.join(', ')}) {`,
    ...values.map((value, k) => `this[k${k}] = ${value};`),
    '}',
    'OutputRecord.prototype = Object.prototype;',
  ];
}

/** The output record built key by key. */
export function outputsByLoop(
  outputIds: readonly string[],
  outputPositions: Int32Array,
  values: Float64Array,
): Record<string, number> {
  const outputs: Record<string, number> = {};
  for (let i = 0; i < outputIds.length; i++) outputs[outputIds[i]!] = values[outputPositions[i]!]!;
  return outputs;
}
