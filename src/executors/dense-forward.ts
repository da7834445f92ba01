/**
 * The dense forward pass
 * ======================
 *
 * `count` rows through a dense model, layer by layer: the weighted sums Z = X·Wᵀ + b,
 * checked finite, then the activations A = act(Z). The compiled
 * network runs it for `run` (one row) and `runBatch`; batch training runs it keeping
 * Z for its backward pass. A pass that leaves the finite numbers stops at once and
 * says where, so no non-finite value is ever read as a result.
 */
import { activateRange, SOFTMAX, softmaxRange } from '../activations.js';
import type { DenseModel } from '../plan/dense-model.js';
import { affine, affineBatch } from './dense-kernels.js';
import type { NumericFailure } from './numeric-failure.js';

/** Where a dense pass left the finite numbers: the first such neuron of the first such layer, and its row. */
export interface DenseFailure extends NumericFailure {
  readonly row: number;
}

export class DenseForward {
  readonly model: DenseModel;
  /** Per layer, `capacity × layer width`, row-major: each row's activations after a pass. */
  activations: Float64Array[] = [];
  /** Per layer, the weighted sums before activation (only when kept, see the constructor). */
  sums: Float64Array[] = [];
  #capacity = 0;
  readonly #keepSums: boolean;

  /** Room for `capacity` rows; `keepSums` keeps each layer's weighted sums (for a backward pass). */
  constructor(model: DenseModel, capacity: number, keepSums: boolean) {
    this.model = model;
    this.#keepSums = keepSums;
    this.reserve(capacity);
  }

  /** Makes room for `count` rows (buffers only grow). */
  reserve(count: number): void {
    if (count <= this.#capacity) return;
    this.#capacity = count;
    this.activations = this.model.layers.map((layer) => new Float64Array(count * layer.to.length));
    this.sums = this.#keepSums ? this.model.layers.map((layer) => new Float64Array(count * layer.to.length)) : [];
  }

  /**
   * Runs `count` rows of `input` (row-major, `count × inputs`, finite) with the model's
   * weights. Returns null, or where the pass stopped (later layers then hold stale values).
   */
  run(input: Float64Array, count: number): DenseFailure | null {
    if (count === 0) return null;
    this.reserve(count);
    const { layers } = this.model;
    let x = input;
    for (let k = 0; k < layers.length; k++) {
      const layer = layers[k]!;
      const inputs = layer.from.length;
      const outputs = layer.to.length;
      const size = count * outputs;
      const y = this.activations[k]!;
      // NOTE: one row takes the plain kernel (no blocking set-up); it sums in the same order.
      if (count === 1) affine(layer.weights, layer.bias, inputs, outputs, x, y);
      else affineBatch(layer.weights, layer.bias, inputs, outputs, x, count, y);
      if (!allFinite(y, size)) return failure(y, size, layer.to, 'sum');
      if (this.#keepSums) this.sums[k]!.set(y.subarray(0, size));
      // NOTE: no second check after the activation: every activation keeps a finite sum finite
      // (activations.ts bounds the parameters that could break that, such as leakyRelu's slope).
      if (layer.code === SOFTMAX) {
        // A softmax layer is the whole group: one softmax per row.
        for (let row = 0; row < count; row++) softmaxRange(y, row * outputs, (row + 1) * outputs);
      } else activateRange(layer.code, layer.parameter, y, 0, size);
      x = y;
    }
    return null;
  }
}

/** NOTE: the one-multiply-add `v * 0` finiteness check, as in propagation.ts. */
function allFinite(values: Float64Array, size: number): boolean {
  let check = 0;
  for (let i = 0; i < size; i++) check += values[i]! * 0;
  return check === 0;
}

/** The first non-finite value of `values` (`rows × ids.length`); the error path only. */
function failure(
  values: Float64Array,
  size: number,
  ids: readonly string[],
  value: DenseFailure['value'],
): DenseFailure {
  let i = 0;
  while (i < size - 1 && Number.isFinite(values[i]!)) i++;
  return { neuron: ids[i % ids.length]!, row: Math.floor(i / ids.length), value };
}
