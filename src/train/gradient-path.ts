/**
 * Gradient paths
 * ==============
 *
 * How training gets from samples to a loss and a gradient: forward, seed, backward.
 * There are three ways, one class each, behind one `pass`:
 *
 * - `GraphWalk`: propagation's silent loop on the plan, backward on the same plan reversed;
 * - `ObservedRuns`: the same, but each forward pass is a real `Network.run` on the working
 *   weights, because someone listens to the network;
 * - `DenseMatrices`: a layered network's mini-batch as matrix products (dense-batch.ts);
 * - through time (sequence-paths.ts): for sequences, and for networks with delayed
 *   connections or product neurons, silent or observed. The three above serve one-step
 *   samples on feed-forward networks of sums only, as before time existed.
 *
 * `choosePath` picks one whenever listeners may have changed; the training loop only
 * calls `pass`. A pass that leaves the finite numbers is the NumericError `run()` would
 * throw, naming the neuron and the sample.
 *
 * Connections marked `trainable: false` get a zero gradient from every path (`FixedSlots`),
 * so no optimizer moves them (each moves a weight only by its gradient and its own state,
 * which stays zero).
 *
 * A weight penalty (regularization.ts) is added in one place, `Penalized`, on top of
 * whichever path ran: to the loss and to the mean gradient.
 *
 * Online SGD on a small network, nobody listening, no penalty, takes none of these paths for its
 * steps: `fused` gives the generated step (generated-step.ts), forward, backward and update in one;
 * on a bigger layered network, the dense online step (dense-online-step.ts), the same on row views.
 */
import { NeurographError, NumericError } from '../errors.js';
import { isFeedForwardSum } from '../plan/plan.js';
import type { NeuronActivatedEvent } from '../graph/events.js';
import { numericFailureError } from '../executors/numeric-failure.js';
import {
  backward,
  createPassBuffers,
  firstNonFinite,
  forward,
  sampleLoss,
  seedOutputs,
  type LossFunctions,
  type PassBuffers,
} from './backprop.js';
import { outputsPerSample } from './losses.js';
import { SequenceBuffers } from './backprop-through-time.js';
import { DenseBatch } from './dense-batch.js';
import { denseOnlineStep, type DenseOnlineStep } from './dense-online-step.js';
import { generatedStep, type GeneratedStep } from './generated-step.js';
import type { SampleBlock } from './samples.js';
import type { Penalty } from './regularization.js';
import { ObservedSequenceRuns, SequenceWalk } from './sequence-paths.js';
import type { WorkingCopy } from './working-copy.js';

export interface GradientPath {
  /**
   * Forward passes of the samples `order[first … last - 1]` with the working copy's current
   * weights: returns the sum of their losses and, with `gradients`, adds their mean gradient
   * (by plan slot). Throws a NumericError naming the neuron and the sample if a pass is not finite
   * (`gradients` then holds part of the batch: discard it).
   */
  pass(
    block: SampleBlock,
    order: ArrayLike<number>,
    first: number,
    last: number,
    gradients: Float64Array | null,
  ): number;
}

/** The graph walk on the plan, nobody listening. */
export class GraphWalk implements GradientPath {
  protected readonly copy: WorkingCopy;
  /** What the last forward pass left: every neuron's sum and output, by plan position. */
  readonly buffers: PassBuffers;
  protected readonly where: string;
  readonly #loss: LossFunctions;

  constructor(copy: WorkingCopy, loss: LossFunctions, where: string) {
    this.copy = copy;
    this.#loss = loss;
    this.where = where;
    this.buffers = createPassBuffers(copy.plan);
  }

  pass(
    block: SampleBlock,
    order: ArrayLike<number>,
    first: number,
    last: number,
    gradients: Float64Array | null,
  ): number {
    const { inputWidth, outputWidth, targets } = block;
    const scale = 1 / ((last - first) * outputsPerSample(this.#loss, outputWidth));
    let total = 0;
    for (let k = first; k < last; k++) {
      const sample = order[k]!;
      this.forwardSample(block.inputs, sample * inputWidth, sample);
      if (gradients === null) {
        total += sampleLoss(this.copy.current, this.buffers, this.#loss, targets, sample * outputWidth);
        continue;
      }
      // The deltas seeded for one sample are used up (and cleared) by its own backward pass.
      total += seedOutputs(this.copy.current, this.buffers, this.#loss, targets, sample * outputWidth, scale);
      backward(this.copy.current, this.buffers, gradients);
    }
    return total;
  }

  /** Fills the buffers' values and sums for the input row of sample number `sample` at `inputs[offset …]`. */
  forwardSample(inputs: Float64Array, offset: number, sample: number): void {
    if (forward(this.copy.current, this.buffers, inputs, offset) === 0) return;
    throw numericFailureError(firstNonFinite(this.copy.current, this.buffers), this.where, ` in sample ${sample}`);
  }
}

/** The graph walk whose forward passes are real runs of the network (on the working weights), for its listeners. */
export class ObservedRuns extends GraphWalk {
  readonly #capture = (event: NeuronActivatedEvent) => {
    this.buffers.values[event.step] = event.output;
    this.buffers.sums[event.step] = event.input;
  };

  override forwardSample(inputs: Float64Array, offset: number, sample: number): void {
    this.copy.writeBack();
    const network = this.copy.network;
    network.on('neuronActivated', this.#capture);
    try {
      network.run(inputs.subarray(offset, offset + this.copy.plan.inputIds.length));
    } catch (error) {
      if (!(error instanceof NumericError)) throw error;
      throw numericFailureError({ neuron: error.neuron, value: 'sum' }, this.where, ` in sample ${sample}`);
    } finally {
      network.off('neuronActivated', this.#capture);
    }
  }
}

/** A layered network's mini-batches as matrix products. */
export class DenseMatrices implements GradientPath {
  readonly #copy: WorkingCopy;
  readonly #dense: DenseBatch;
  readonly #loss: LossFunctions;
  readonly #where: string;

  constructor(copy: WorkingCopy, dense: DenseBatch, loss: LossFunctions, where: string) {
    this.#copy = copy;
    this.#dense = dense;
    this.#loss = loss;
    this.#where = where;
  }

  pass(
    block: SampleBlock,
    order: ArrayLike<number>,
    first: number,
    last: number,
    gradients: Float64Array | null,
  ): number {
    const result = this.#dense.accumulate(this.#copy.current.weights, block, order, first, last, this.#loss, gradients);
    if (typeof result === 'number') return result;
    throw numericFailureError(result, this.#where, ` in sample ${result.row}`);
  }
}

/** Another path with the gradients of untrainable connections zeroed after each pass. */
class FixedSlots implements GradientPath {
  readonly #path: GradientPath;
  readonly #fixed: Int32Array;

  constructor(path: GradientPath, fixed: Int32Array) {
    this.#path = path;
    this.#fixed = fixed;
  }

  pass(
    block: SampleBlock,
    order: ArrayLike<number>,
    first: number,
    last: number,
    gradients: Float64Array | null,
  ): number {
    const total = this.#path.pass(block, order, first, last, gradients);
    if (gradients !== null) for (let k = 0; k < this.#fixed.length; k++) gradients[this.#fixed[k]!] = 0;
    return total;
  }
}

/**
 * Another path plus a weight penalty: its mean gradient gets the penalty's gradient, and its loss
 * (a sum over the batch's counted steps and outputs) gets the penalty once per term of that sum
 * (`outputsPerSample` per counted step), so that every mean taken of it is the mean loss plus the penalty.
 */
class Penalized implements GradientPath {
  readonly #path: GradientPath;
  readonly #penalty: Penalty;
  readonly #copy: WorkingCopy;
  readonly #termsPerStep: number;

  constructor(path: GradientPath, penalty: Penalty, copy: WorkingCopy, termsPerStep: number) {
    this.#path = path;
    this.#penalty = penalty;
    this.#copy = copy;
    this.#termsPerStep = termsPerStep;
  }

  pass(
    block: SampleBlock,
    order: ArrayLike<number>,
    first: number,
    last: number,
    gradients: Float64Array | null,
  ): number {
    const weights = this.#copy.current.weights;
    const total = this.#path.pass(block, order, first, last, gradients);
    const penalty = gradients === null ? this.#penalty.value(weights) : this.#penalty.addGradient(weights, gradients);
    return total + penalty * countedIn(block, order, first, last) * this.#termsPerStep;
  }
}

/** How many steps of the samples `order[first … last - 1]` count in the loss. */
function countedIn(block: SampleBlock, order: ArrayLike<number>, first: number, last: number): number {
  if (!block.sequences) return last - first;
  const { stepStarts, counted } = block;
  let total = 0;
  for (let k = first; k < last; k++) {
    const sample = order[k]!;
    for (let row = stepStarts[sample]!; row < stepStarts[sample + 1]!; row++) total += counted[row]!;
  }
  return total;
}

/** The paths one training call can take; `choose` picks one for the listeners there are now. */
export class GradientPaths {
  /** The silent walk: also what checks weights without anyone seeing a run. */
  readonly silent: GradientPath;
  readonly #observed: GradientPath;
  readonly #dense: GradientPath | null;
  /** The matrices themselves, without a penalty, and how many samples they take at once (0: none). */
  readonly #checkingMatrices: { readonly path: GradientPath; readonly capacity: number } | null;
  readonly #copy: WorkingCopy;
  /** The one-step graph walks themselves (for the perceptron rule), when the samples take them. */
  readonly #walks: { readonly silent: GraphWalk; readonly observed: ObservedRuns } | null;
  /** The generated online SGD step, or the dense one, when the training fits it (see the constructor). */
  readonly #fused: GeneratedStep | null;
  /** The dense online step, when it is the one: it also checks weights (`verifyOrRevert`). */
  readonly #denseOnline: DenseOnlineStep | null = null;

  /**
   * Paths for `block`'s samples: through time when a sample is a sequence or the network has delayed
   * connections or product neurons (`truncate`: 0, or the steps back from each output); else the graph
   * walk, plus the matrix path when `batchSize` is above 1 on a layered network. With a `penalty`, each
   * path's loss and gradient get it. `onlineSgd` (steps of one sample by the sgd optimizer) without a penalty
   * also generates the fused step on a small feed-forward network.
   */
  constructor(
    copy: WorkingCopy,
    loss: LossFunctions,
    batchSize: number,
    where: string,
    block: SampleBlock,
    truncate: number,
    penalty: Penalty | null = null,
    onlineSgd = false,
  ) {
    this.#copy = copy;
    this.#fused = null;
    const fixedSlots: number[] = [];
    copy.plan.trainable.forEach((trainable, slot) => {
      if (trainable === 0) fixedSlots.push(slot);
    });
    const fixed = Int32Array.from(fixedSlots);
    const unpenalized = (path: GradientPath) => (fixed.length === 0 ? path : new FixedSlots(path, fixed));
    const keep = (path: GradientPath) =>
      penalty === null
        ? unpenalized(path)
        : new Penalized(unpenalized(path), penalty, copy, outputsPerSample(loss, copy.plan.outputIds.length));
    if (block.sequences || !isFeedForwardSum(copy.plan)) {
      // One set of buffers (every step of the longest sample) serves both: only one pass runs at a time.
      const buffers = new SequenceBuffers(copy.plan, block.longest);
      this.silent = keep(new SequenceWalk(copy, loss, buffers, truncate, where));
      this.#observed = keep(new ObservedSequenceRuns(copy, loss, buffers, truncate, where));
      this.#dense = null;
      this.#checkingMatrices = null;
      this.#walks = null;
      return;
    }
    this.#walks = { silent: new GraphWalk(copy, loss, where), observed: new ObservedRuns(copy, loss, where) };
    this.silent = keep(this.#walks.silent);
    this.#observed = keep(this.#walks.observed);
    const dense = batchSize > 1 ? DenseBatch.forPlan(copy.plan, batchSize) : null;
    const matrices = dense === null ? null : new DenseMatrices(copy, dense, loss, where);
    this.#dense = matrices === null ? null : keep(matrices);
    this.#checkingMatrices = matrices === null ? null : { path: matrices, capacity: batchSize };
    // A small network's generated step, else a layered network's dense one (both bit for bit the loops' steps).
    if (onlineSgd && penalty === null) {
      this.#fused = generatedStep(copy.plan, loss);
      if (this.#fused === null) {
        this.#denseOnline = denseOnlineStep(copy, loss);
        this.#fused = this.#denseOnline?.step ?? null;
      }
    }
  }

  /**
   * The generated online SGD step to take instead of `pass` and the optimizer's step, or null; as of the
   * last `choose` (nobody may listen to the network's runs).
   */
  fused(): GeneratedStep | null {
    return this.#copy.observed ? null : this.#fused;
  }

  /** Re-reads who listens to the network and returns the path to take until the next call. */
  choose(): GradientPath {
    this.#copy.updateObserved();
    if (this.#copy.observed) return this.#observed;
    return this.#dense ?? this.silent;
  }

  /**
   * Re-reads who listens to the network and returns the one-step graph walk for them: real runs, or the
   * silent one. Only for one-step samples on a feed-forward network of sums.
   */
  walk(): GraphWalk {
    if (this.#walks === null) {
      throw new NeurographError('GradientPaths.walk: these samples go through time; this is a bug in neurograph.');
    }
    this.#copy.updateObserved();
    return this.#copy.observed ? this.#walks.observed : this.#walks.silent;
  }
  /**
   * Runs every sample with the current weights that no pass has used yet, silently: keeps them
   * if every pass is finite, else takes the last step back. Returns whether they were kept.
   */
  verifyOrRevert(block: SampleBlock): boolean {
    try {
      const order = everySample(block.count);
      // NOTE: the matrices check a batch at a time what the graph walk checks a sample at a time (measured:
      // the walk took ~0.5 s of a 5,000-digit MNIST training call, about half an epoch).
      const matrices = this.#checkingMatrices;
      // NOTE: the dense online step's forward passes give the graph walk's sums, in its order, at the dense speed.
      if (this.#denseOnline !== null) {
        if (!this.#denseOnline.forwardsFinite(block)) {
          this.#copy.revert();
          return false;
        }
      } else if (matrices === null) this.silent.pass(block, order, 0, block.count, null);
      else {
        for (let first = 0; first < block.count; first += matrices.capacity)
          matrices.path.pass(block, order, first, Math.min(block.count, first + matrices.capacity), null);
      }
      this.#copy.markVerified();
      return true;
    } catch (error) {
      if (!(error instanceof NumericError)) throw error;
      this.#copy.revert();
      return false;
    }
  }
}

/** Sample indices 0 … count - 1, in order. */
export function everySample(count: number): Int32Array {
  return Int32Array.from({ length: count }, (_, k) => k);
}
