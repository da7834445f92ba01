/**
 * Classification
 * ==============
 *
 * When outputs are read as a class, and which class they say. Samples are a
 * classification when every target that counts is 0 or 1 and, with several outputs,
 * exactly one of them is 1 (one-hot). The predicted class is then:
 *
 * - several outputs: the output with the largest value (the first in output order on a tie),
 *   as Keras's `categorical_accuracy` (argmax); softmax outputs need nothing else;
 * - one output: 1 when its value is above 0.5, else 0, as Keras's `binary_accuracy`. The
 *   threshold is the midpoint of the targets 0 and 1, whatever the activation (a tanh output
 *   trained on 0/1 targets learns 0 and 1 too; targets of −1 and 1 are not a classification here).
 *
 * Class labels are output ids, or `'0'` and `'1'` for a single output.
 */
import { UsageError } from '../errors.js';
import { describe } from '../format/describe.js';

/** A single output says class 1 when its value is above this. */
export const CLASSIFICATION_THRESHOLD = 0.5;

/**
 * The class a run's outputs say (`net.run(...)` gives such a record): with several outputs the id of the
 * largest (the first on a tie), with one output `'1'` if its value is above 0.5, else `'0'`.
 */
export function classify(outputs: Readonly<Record<string, number>>): string {
  const where = 'classify';
  if (typeof outputs !== 'object' || outputs === null || Array.isArray(outputs) || ArrayBuffer.isView(outputs)) {
    throw new UsageError(
      `${where}: needs the record of output values a run gives ({ id: value, … }), got ${describe(outputs)}.`,
    );
  }
  const ids = Object.keys(outputs);
  if (ids.length === 0) throw new UsageError(`${where}: the record of outputs is empty; there is nothing to classify.`);
  const values = new Float64Array(ids.length);
  ids.forEach((id, i) => {
    const value: unknown = outputs[id];
    if (typeof value !== 'number' || Number.isNaN(value)) {
      throw new UsageError(`${where}: output "${id}" must be a number, got ${describe(value)}.`);
    }
    values[i] = value;
  });
  const winner = predictedClass(values, 0, ids.length);
  return ids.length === 1 ? String(winner) : ids[winner]!;
}

/**
 * The predicted class of the row `values[offset … offset + width - 1]`: the index of the largest value
 * (the first on a tie) when `width` > 1; 1 or 0 by the threshold when `width` is 1.
 */
export function predictedClass(values: ArrayLike<number>, offset: number, width: number): number {
  if (width === 1) return values[offset]! > CLASSIFICATION_THRESHOLD ? 1 : 0;
  let best = 0;
  for (let i = 1; i < width; i++) if (values[offset + i]! > values[offset + best]!) best = i;
  return best;
}

/**
 * The true class of a target row (as `predictedClass` numbers it), or −1 if the row is not a classification
 * target: not 0 or 1 everywhere, or (several outputs) not exactly one 1.
 */
export function targetClass(targets: ArrayLike<number>, offset: number, width: number): number {
  let one = -1;
  for (let i = 0; i < width; i++) {
    const t = targets[offset + i]!;
    if (t === 1) {
      if (one !== -1) return -1;
      one = i;
    } else if (t !== 0) return -1;
  }
  if (width === 1) return one === 0 ? 1 : 0;
  return one;
}

/** The class labels of a network's outputs: the output ids, or `'0'` and `'1'` for a single output. */
export function classLabels(outputIds: readonly string[]): string[] {
  return outputIds.length === 1 ? ['0', '1'] : [...outputIds];
}
