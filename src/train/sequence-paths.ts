/**
 * Gradient paths through time
 * ===========================
 *
 * The gradient paths (see gradient-path.ts) for samples that are sequences, or for
 * networks that remember or multiply: each sample runs its steps from a reset memory,
 * and backpropagation through time (backprop-through-time.ts) takes the gradient.
 * A one-step sample is a sequence of one step.
 *
 * - `SequenceWalk`: the step executor on the working weights, nobody listening;
 * - `ObservedSequenceRuns`: the same, but every step is a real `Network.run` on the
 *   working weights after a `Network.reset()` per sample, because someone listens.
 */
import { NumericError } from '../errors.js';
import { numericFailureError } from '../executors/numeric-failure.js';
import type { NeuronActivatedEvent } from '../graph/events.js';
import type { LossFunctions } from './backprop.js';
import { outputsPerSample } from './losses.js';
import type { SequenceBuffers } from './backprop-through-time.js';
import type { GradientPath } from './gradient-path.js';
import type { SampleBlock } from './samples.js';
import type { WorkingCopy } from './working-copy.js';

/** Backpropagation through time on the plan, nobody listening. */
export class SequenceWalk implements GradientPath {
  protected readonly copy: WorkingCopy;
  protected readonly buffers: SequenceBuffers;
  protected readonly where: string;
  readonly #loss: LossFunctions;
  /** Steps back from each counted output (see backprop-through-time.ts), or 0 for all of them. */
  readonly #truncate: number;

  /** `buffers` (for `block`'s longest sample) may be shared with another path: only one pass runs at a time. */
  constructor(copy: WorkingCopy, loss: LossFunctions, buffers: SequenceBuffers, truncate: number, where: string) {
    this.copy = copy;
    this.#loss = loss;
    this.#truncate = truncate;
    this.where = where;
    this.buffers = buffers;
  }

  pass(
    block: SampleBlock,
    order: ArrayLike<number>,
    first: number,
    last: number,
    gradients: Float64Array | null,
  ): number {
    const { stepStarts, counted, outputWidth } = block;
    const plan = this.copy.current;
    const buffers = this.buffers;
    const loss = this.#loss;
    let countedInBatch = 0;
    for (let k = first; k < last; k++) {
      const sample = order[k]!;
      for (let row = stepStarts[sample]!; row < stepStarts[sample + 1]!; row++) countedInBatch += counted[row]!;
    }
    // The batch's gradient is a mean over its counted steps (and outputs, for losses taken per output).
    const scale = 1 / (countedInBatch * outputsPerSample(loss, outputWidth));
    let total = 0;
    for (let k = first; k < last; k++) {
      const sample = order[k]!;
      const firstRow = stepStarts[sample]!;
      const length = stepStarts[sample + 1]! - firstRow;
      this.forwardSequence(block, sample);
      if (gradients === null) {
        for (let t = 0; t < length; t++) {
          if (counted[firstRow + t] === 1) total += buffers.seedStep(plan, loss, block, firstRow + t, t, 0);
        }
      } else if (this.#truncate === 0) {
        // Full backpropagation through time: every output's error at once, then one walk back over all steps.
        for (let t = 0; t < length; t++) {
          if (counted[firstRow + t] === 1) total += buffers.seedStep(plan, loss, block, firstRow + t, t, scale);
        }
        for (let t = length - 1; t >= 0; t--) buffers.backwardStep(plan, t, 0, gradients);
      } else {
        // Truncated: each output's error walks back through its own window of steps.
        // NOTE: that is up to `truncate` step walks per counted output (full BPTT is one per step):
        // the price of the exact truncated gradient; a short window keeps it small.
        for (let t = length - 1; t >= 0; t--) {
          if (counted[firstRow + t] !== 1) continue;
          total += buffers.seedStep(plan, loss, block, firstRow + t, t, scale);
          const floor = Math.max(0, t - this.#truncate + 1);
          for (let u = t; u >= floor; u--) buffers.backwardStep(plan, u, floor, gradients);
        }
      }
    }
    return total;
  }

  /** Runs the steps of sample number `sample` from a cleared memory, filling the buffers' rows 0 … length − 1. */
  protected forwardSequence(block: SampleBlock, sample: number): void {
    const plan = this.copy.current;
    const firstRow = block.stepStarts[sample]!;
    const length = block.stepStarts[sample + 1]! - firstRow;
    this.buffers.clearMemory();
    for (let t = 0; t < length; t++) {
      if (this.buffers.forwardStep(plan, block, firstRow + t, t) === 0) continue;
      throw numericFailureError(this.buffers.firstNonFiniteAt(plan, t), this.where, at(block, sample, t));
    }
  }
}

/** Backpropagation through time whose forward steps are real runs of the network (on the working weights). */
export class ObservedSequenceRuns extends SequenceWalk {
  #step = 0;
  readonly #capture = (event: NeuronActivatedEvent) => {
    this.buffers.values[this.#step]![event.step] = event.output;
    this.buffers.sums[this.#step]![event.step] = event.input;
  };

  protected override forwardSequence(block: SampleBlock, sample: number): void {
    this.copy.writeBack();
    const network = this.copy.network;
    const firstRow = block.stepStarts[sample]!;
    const length = block.stepStarts[sample + 1]! - firstRow;
    const width = block.inputWidth;
    network.reset();
    network.on('neuronActivated', this.#capture);
    try {
      for (let t = 0; t < length; t++) {
        this.#step = t;
        const row = firstRow + t;
        try {
          network.run(block.inputs.subarray(row * width, (row + 1) * width));
        } catch (error) {
          if (!(error instanceof NumericError)) throw error;
          throw numericFailureError({ neuron: error.neuron, value: 'sum' }, this.where, at(block, sample, t));
        }
      }
    } finally {
      network.off('neuronActivated', this.#capture);
    }
  }
}

/** ` in sample 3` or ` in sample 3, step 7`, for error messages. */
function at(block: SampleBlock, sample: number, t: number): string {
  return block.sequences ? ` in sample ${sample}, step ${t}` : ` in sample ${sample}`;
}
