/**
 * Mini-batches as matrices
 * ========================
 *
 * For a layered network (see plan/dense-model.ts) a mini-batch step is a few matrix
 * products per layer instead of one graph walk per sample. The forward pass is the
 * one dense forward (executors/dense-forward.ts), keeping each layer's sums Z; this
 * file adds only the backward pass: dZ = dA ⊙ act'(Z), dW = dZᵀ·A_prev, db = Σ dZ and
 * dA_prev = dZ·W. It computes what the graph walk computes on the plan (the same loss
 * sum, the same mean gradient by plan slot, up to rounding).
 *
 * Where the forward pass runs in the WebAssembly kernel (see dense-forward.ts), so do the
 * backward products: the deltas, a copy of each layer's weights and the products' scratch
 * live in the pass's wasm memory, and the kernel reads dZᵀ through strides instead of a
 * transposed copy. It sums in the JavaScript kernel's order: both give the same gradients
 * bit for bit.
 */
import { multiplyByDerivativeRange, SOFTMAX } from '../activations.js';
import { affineBatch, transpose } from '../executors/dense-kernels.js';
import { DenseForward, type DenseFailure } from '../executors/dense-forward.js';
import { denseModelOf, loadWeights, type DenseModel } from '../plan/dense-model.js';
import type { Plan } from '../plan/plan.js';
import type { LossFunctions } from './backprop.js';
import { outputsPerSample } from './losses.js';
import { SoftmaxDeltas } from './softmax-deltas.js';
import type { SampleBlock } from './samples.js';

/** Per layer, what the backward pass writes. */
interface LayerGradients {
  /** count × outputs: d loss / d activation, then d loss / d sum. */
  readonly deltas: Float64Array;
  readonly weights: Float64Array;
  readonly bias: Float64Array;
}

export class DenseBatch {
  readonly #model: DenseModel;
  readonly #forward: DenseForward;
  readonly #gradients: readonly LayerGradients[];
  readonly #flatGradients: Float64Array;
  readonly #softmax: SoftmaxDeltas;
  /** Room for the transposed operands of the backward products, and (wasm) for dW and each layer's weights. */
  readonly #scratch: Record<
    'transposedDeltas' | 'transposedSources' | 'transposedWeights' | 'upstream' | 'zeros' | 'product',
    Float64Array
  >;
  readonly #weights: readonly Float64Array[];

  /** A dense form of `plan` for batches of up to `capacity` samples, or null if it is not layered. */
  static forPlan(plan: Plan, capacity: number): DenseBatch | null {
    const found = denseModelOf(plan);
    return 'model' in found && found.model.layers.length > 0 ? new DenseBatch(found.model, plan, capacity) : null;
  }

  private constructor(model: DenseModel, plan: Plan, capacity: number) {
    this.#model = model;
    this.#softmax = new SoftmaxDeltas(plan);
    // NOTE: a loop, not Math.max(...widths): a spread of a huge array overflows the stack.
    let widest = model.inputIds.length;
    let largest = 0;
    for (const layer of model.layers) {
      widest = Math.max(widest, layer.to.length);
      largest = Math.max(largest, layer.weights.length);
    }
    const { layers } = model;
    // The buffers the backward products read and write, in the forward pass's memory (a wasm arena, if it uses one).
    this.#forward = new DenseForward(model, capacity, true, {
      extra: [
        ...layers.map((layer) => capacity * layer.to.length),
        ...layers.map((layer) => layer.weights.length),
        widest,
        largest,
      ],
    });
    const { extra } = this.#forward;
    // The gradients share the model's flat layout (see DenseModel.flat): one buffer, a view per layer.
    this.#flatGradients = new Float64Array(model.flat.length);
    this.#gradients = layers.map((layer, k) => {
      const weightsAt = layer.weights.byteOffset / Float64Array.BYTES_PER_ELEMENT;
      const biasAt = layer.bias.byteOffset / Float64Array.BYTES_PER_ELEMENT;
      return {
        deltas: extra[k]!,
        weights: this.#flatGradients.subarray(weightsAt, weightsAt + layer.weights.length),
        bias: this.#flatGradients.subarray(biasAt, biasAt + layer.bias.length),
      };
    });
    this.#weights = extra.slice(layers.length, 2 * layers.length);
    const wasm = this.#forward.arena !== null;
    this.#scratch = {
      transposedDeltas: new Float64Array(wasm ? 0 : capacity * widest),
      transposedSources: new Float64Array(wasm ? 0 : capacity * widest),
      transposedWeights: new Float64Array(wasm ? 0 : widest * widest),
      upstream: new Float64Array(wasm ? 0 : capacity * widest),
      zeros: extra[2 * layers.length]!,
      product: extra[2 * layers.length + 1]!,
    };
  }

  /**
   * Forward passes of the samples `order[first … last - 1]` with the plan-ordered `weights`:
   * returns their loss sum and, with `gradients`, adds their mean gradient (by plan slot).
   * Returns a DenseFailure instead (adding nothing) if a pass leaves the finite numbers.
   */
  accumulate(
    weights: Float64Array,
    block: SampleBlock,
    order: ArrayLike<number>,
    first: number,
    last: number,
    loss: LossFunctions,
    gradients: Float64Array | null,
  ): number | DenseFailure {
    const count = last - first;
    const model = this.#model;
    loadWeights(model, weights);
    const forward = this.#forward;
    forward.weightsChanged();
    const { inputs, targets, inputWidth, outputWidth } = block;
    // NOTE: the rows go straight where the pass reads them (its memory, when it runs in wasm).
    const input = forward.input;
    for (let s = 0; s < count; s++) {
      const sample = order[first + s]!;
      for (let i = 0; i < inputWidth; i++) input[s * inputWidth + i] = inputs[sample * inputWidth + i]!;
    }
    const failed = forward.run(input, count);
    if (failed !== null) return { ...failed, row: order[first + failed.row]! };

    // The loss, and d loss / d output seeded so that the gradient is the batch mean.
    const { layers, outputLayer, outputColumn } = model;
    const { activations, sums } = forward;
    for (let k = 0; k < layers.length; k++) this.#gradients[k]!.deltas.fill(0, 0, count * layers[k]!.to.length);
    const scale = 1 / (count * outputsPerSample(loss, outputWidth));
    const softmax = this.#softmax;
    let total = 0;
    for (let k = 0; k < outputWidth; k++) {
      const layer = outputLayer[k]!;
      const width = layers[layer]!.to.length;
      const outputs = activations[layer]!;
      const deltas = this.#gradients[layer]!.deltas;
      const member = softmax.isMember[k] === 1;
      for (let s = 0; s < count; s++) {
        const at = s * width + outputColumn[k]!;
        const target = targets[order[first + s]! * outputWidth + k]!;
        total += loss.fn(outputs[at]!, target);
        if (!member) deltas[at]! += scale * loss.derivative(outputs[at]!, target);
      }
    }
    // The softmax group is one whole layer (the model has one activation per layer): d loss / d logit per row.
    const { group } = softmax;
    if (group.length > 0) {
      const layer = outputLayer[group[0]!]!;
      const width = layers[layer]!.to.length;
      const outputs = activations[layer]!;
      const deltas = this.#gradients[layer]!.deltas;
      for (let s = 0; s < count; s++) {
        const row = order[first + s]! * outputWidth;
        for (let j = 0; j < group.length; j++) {
          softmax.probabilities[j] = outputs[s * width + outputColumn[group[j]!]!]!;
          softmax.targets[j] = targets[row + group[j]!]!;
        }
        softmax.seed(loss, scale);
        for (let j = 0; j < group.length; j++) deltas[s * width + outputColumn[group[j]!]!]! += softmax.logitDeltas[j]!;
      }
    }
    if (gradients === null) return total;

    // NOTE: every product below is the forward pass's blocked kernel on transposed operands with a
    // zero bias: dW = dZᵀ·A_prev is affineBatch(dZᵀ, Aᵀ_prev), dA_prev = dZ·W is affineBatch(dZ, Wᵀ).
    const { transposedDeltas, transposedSources, transposedWeights, upstream, zeros, product } = this.#scratch;
    // NOTE: with an arena the JavaScript scratch is not allocated: every backward product runs in wasm.
    const { arena } = forward;
    for (let k = layers.length - 1; k >= 0; k--) {
      const layer = layers[k]!;
      const own = this.#gradients[k]!;
      const sources = k > 0 ? activations[k - 1]! : input;
      const width = layer.from.length;
      const outputs = layer.to.length;
      const { deltas } = own;
      // A softmax layer's deltas already are its logits' (seeded above).
      if (layer.code !== SOFTMAX)
        multiplyByDerivativeRange(layer.code, layer.parameter, sums[k]!, activations[k]!, deltas, 0, count * outputs);
      own.bias.fill(0);
      for (let s = 0; s < count; s++) for (let j = 0; j < outputs; j++) own.bias[j]! += deltas[s * outputs + j]!;
      if (arena !== null) {
        // dW = dZᵀ·A_prev: dZ read transposed through its strides (a row of dZᵀ is a column of dZ).
        arena.affine(sources, zeros, count, width, deltas, 1, outputs, outputs, product, false);
        own.weights.set(product.subarray(0, outputs * width));
        if (k > 0) {
          // dA_prev += dZ·W, added in place (the kernel's `accumulate`, in the order of `below[i] += upstream[i]`).
          const layerWeights = this.#weights[k]!;
          layerWeights.set(layer.weights);
          arena.affine(
            layerWeights,
            zeros,
            outputs,
            width,
            deltas,
            outputs,
            1,
            count,
            this.#gradients[k - 1]!.deltas,
            true,
          );
        }
        continue;
      }
      transpose(deltas, count, outputs, transposedDeltas);
      transpose(sources, count, width, transposedSources);
      affineBatch(transposedSources, zeros, count, width, transposedDeltas, outputs, own.weights);
      if (k > 0) {
        const below = this.#gradients[k - 1]!.deltas;
        transpose(layer.weights, outputs, width, transposedWeights);
        affineBatch(transposedWeights, zeros, outputs, width, deltas, count, upstream);
        for (let i = 0; i < count * width; i++) below[i]! += upstream[i]!;
      }
    }
    this.#gatherGradients(gradients);
    return total;
  }

  /** Adds each layer's weight and bias gradients to `gradients`, by plan slot. */
  #gatherGradients(gradients: Float64Array): void {
    // NOTE: one indexed pass over the flat layout (a bias gradient goes to each of its slots).
    const { slotFlat } = this.#model;
    const flat = this.#flatGradients;
    for (let slot = 0; slot < gradients.length; slot++) gradients[slot]! += flat[slotFlat[slot]!]!;
  }
}
