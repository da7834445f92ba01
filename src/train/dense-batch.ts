/**
 * Mini-batches as matrices
 * ========================
 *
 * For a layered network (see layers.ts) a mini-batch step is a few matrix products
 * per layer instead of one graph walk per sample: forward Z = A_prev·Wᵀ + b and
 * A = act(Z); backward dZ = dA ⊙ act'(Z), dW += dZᵀ·A_prev, db += Σ dZ and
 * dA_prev += dZ·W. It computes what `accumulateBatch` computes on the plan (the
 * same loss sum, the same mean gradient by plan slot, up to rounding), so the
 * trainer takes it whenever nobody is watching the network's runs.
 */
import { activateRange, multiplyByDerivativeRange, resolveActivation } from '../activations.js';
import { matMulTransposed, transpose } from '../executors/dense-kernels.js';
import { extractLayers, type DenseLayer } from '../plan/dense-model.js';
import { BIAS } from '../graph/neuron.js';
import type { Plan } from '../plan/plan.js';
import type { LossFunctions } from './backprop.js';
import type { SampleBlock } from './samples.js';

interface Layer {
  readonly inputs: number;
  readonly outputs: number;
  readonly code: number;
  readonly parameter: number;
  readonly weights: Float64Array;
  readonly bias: Float64Array;
  readonly weightGradients: Float64Array;
  readonly biasGradients: Float64Array;
  /** count × outputs: weighted sums, activations, d loss / d activation (then d loss / d sum). */
  readonly sums: Float64Array;
  readonly activations: Float64Array;
  readonly deltas: Float64Array;
}

export class DenseBatch {
  readonly #layers: Layer[];
  readonly #input: Float64Array;
  /** For each plan slot: its layer, and its index in that layer's weights (or bias, see #slotIsBias). */
  readonly #slotLayer: Int32Array;
  readonly #slotIndex: Int32Array;
  readonly #slotIsBias: Uint8Array;
  /** For each output (in output order): its layer and its column. */
  readonly #outputLayer: Int32Array;
  readonly #outputColumn: Int32Array;
  /** Room for the transposed operands of the backward products. */
  readonly #scratch: Record<'transposedDeltas' | 'transposedSources' | 'transposedWeights' | 'upstream' | 'zeros', Float64Array>;

  /** A dense form of `plan` for batches of up to `capacity` samples, or null if it is not layered. */
  static forPlan(plan: Plan, capacity: number): DenseBatch | null {
    const found = extractLayers(plan);
    return 'layers' in found && found.layers.length > 0 ? new DenseBatch(plan, found.layers, capacity) : null;
  }

  private constructor(plan: Plan, layers: readonly DenseLayer[], capacity: number) {
    this.#input = new Float64Array(capacity * plan.inputIds.length);
    this.#layers = layers.map((layer) => {
      const { code, parameter } = resolveActivation(layer.activation, 'Trainer');
      const size = capacity * layer.to.length;
      return {
        inputs: layer.from.length,
        outputs: layer.to.length,
        code,
        parameter,
        weights: new Float64Array(layer.weights.length),
        bias: new Float64Array(layer.bias.length),
        weightGradients: new Float64Array(layer.weights.length),
        biasGradients: new Float64Array(layer.bias.length),
        sums: new Float64Array(size),
        activations: new Float64Array(size),
        deltas: new Float64Array(size),
      };
    });

    // Where each plan slot lives in the matrices: layer k holds generation k + 1, in plan order.
    const slots = plan.weights.length;
    this.#slotLayer = new Int32Array(slots);
    this.#slotIndex = new Int32Array(slots);
    this.#slotIsBias = new Uint8Array(slots);
    const column = new Map<string, number>();
    layers.forEach((layer) => layer.from.forEach((id, i) => column.set(id, i)));
    const rowOf = new Map<string, [number, number]>();
    layers.forEach((layer, k) => layer.to.forEach((id, j) => rowOf.set(id, [k, j])));
    for (let position = 0; position < plan.size; position++) {
      const at = rowOf.get(plan.ids[position]!);
      if (at === undefined) continue;
      const [k, row] = at;
      for (let slot = plan.starts[position]!; slot < plan.starts[position + 1]!; slot++) {
        const source = plan.sources[slot]!;
        this.#slotLayer[slot] = k;
        if (plan.roles[source] === BIAS) {
          this.#slotIsBias[slot] = 1;
          this.#slotIndex[slot] = row;
        } else {
          this.#slotIndex[slot] = row * layers[k]!.from.length + column.get(plan.ids[source]!)!;
        }
      }
    }
    const widest = Math.max(plan.inputIds.length, ...layers.map((layer) => layer.to.length));
    this.#scratch = {
      transposedDeltas: new Float64Array(capacity * widest),
      transposedSources: new Float64Array(capacity * widest),
      transposedWeights: new Float64Array(widest * widest),
      upstream: new Float64Array(capacity * widest),
      zeros: new Float64Array(widest),
    };
    this.#outputLayer = Int32Array.from(plan.outputIds, (id) => rowOf.get(id)![0]);
    this.#outputColumn = Int32Array.from(plan.outputIds, (id) => rowOf.get(id)![1]);
  }

  /**
   * Forward and backward passes of the samples `order[first … last - 1]` with the plan-ordered
   * `weights`: adds their mean gradient to `gradients` (by plan slot), returns their loss sum.
   */
  accumulate(
    weights: Float64Array,
    block: SampleBlock,
    order: ArrayLike<number>,
    first: number,
    last: number,
    loss: LossFunctions,
    gradients: Float64Array,
  ): number {
    const count = last - first;
    const layers = this.#layers;
    this.#scatterWeights(weights);
    const { inputs, targets, inputWidth, outputWidth } = block;
    const input = this.#input;
    for (let s = 0; s < count; s++) input.set(inputs.subarray(order[first + s]! * inputWidth, (order[first + s]! + 1) * inputWidth), s * inputWidth);

    let previous = input;
    for (const layer of layers) {
      const size = count * layer.outputs;
      matMulTransposed(layer.weights, layer.bias, layer.inputs, layer.outputs, previous, count, layer.sums);
      layer.activations.set(layer.sums.subarray(0, size));
      activateRange(layer.code, layer.parameter, layer.activations, 0, size);
      layer.deltas.fill(0, 0, size);
      previous = layer.activations;
    }

    // Seed d loss / d output, scaled so that the gradient is the batch mean.
    const scale = 1 / (count * outputWidth);
    let total = 0;
    for (let k = 0; k < outputWidth; k++) {
      const layer = layers[this.#outputLayer[k]!]!;
      const column = this.#outputColumn[k]!;
      for (let s = 0; s < count; s++) {
        const at = s * layer.outputs + column;
        const target = targets[order[first + s]! * outputWidth + k]!;
        total += loss.fn(layer.activations[at]!, target);
        layer.deltas[at]! += scale * loss.derivative(layer.activations[at]!, target);
      }
    }

    // NOTE: every product below is the forward pass's blocked kernel on transposed operands:
    // dW = dZᵀ·A_prev is matMulTransposed(dZᵀ, Aᵀ_prev), dA_prev = dZ·W is matMulTransposed(dZ, Wᵀ).
    const { transposedDeltas, transposedSources, transposedWeights, upstream, zeros } = this.#scratch;
    for (let k = layers.length - 1; k >= 0; k--) {
      const layer = layers[k]!;
      const below = k > 0 ? layers[k - 1]! : undefined;
      const sources = below?.activations ?? input;
      const { inputs: width, outputs, deltas, biasGradients } = layer;
      const size = count * outputs;
      multiplyByDerivativeRange(layer.code, layer.parameter, layer.sums, layer.activations, deltas, 0, size);
      biasGradients.fill(0);
      for (let s = 0; s < count; s++) for (let j = 0; j < outputs; j++) biasGradients[j]! += deltas[s * outputs + j]!;
      transpose(deltas, count, outputs, transposedDeltas);
      transpose(sources, count, width, transposedSources);
      matMulTransposed(transposedSources, zeros, count, width, transposedDeltas, outputs, layer.weightGradients);
      if (below !== undefined) {
        transpose(layer.weights, outputs, width, transposedWeights);
        matMulTransposed(transposedWeights, zeros, outputs, width, deltas, count, upstream);
        for (let i = 0; i < count * width; i++) below.deltas[i]! += upstream[i]!;
      }
    }
    this.#gatherGradients(gradients);
    return total;
  }

  #scatterWeights(weights: Float64Array): void {
    for (const layer of this.#layers) layer.bias.fill(0);
    for (let slot = 0; slot < weights.length; slot++) {
      const layer = this.#layers[this.#slotLayer[slot]!]!;
      if (this.#slotIsBias[slot] === 1) layer.bias[this.#slotIndex[slot]!]! += weights[slot]!;
      else layer.weights[this.#slotIndex[slot]!] = weights[slot]!;
    }
  }

  #gatherGradients(gradients: Float64Array): void {
    for (let slot = 0; slot < gradients.length; slot++) {
      const layer = this.#layers[this.#slotLayer[slot]!]!;
      gradients[slot]! += this.#slotIsBias[slot] === 1 ? layer.biasGradients[this.#slotIndex[slot]!]! : layer.weightGradients[this.#slotIndex[slot]!]!;
    }
  }
}
