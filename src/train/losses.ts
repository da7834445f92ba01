/**
 * Losses
 * ======
 *
 * The one table of losses, like the activation table: for one output neuron, its
 * value `fn(output, target)` and `derivative(output, target)` = d fn / d output.
 * A sample's loss is the sum over its outputs; the loss of a set of samples is the
 * mean over samples and outputs — except categorical cross-entropy, which is already a
 * sum over the classes of one sample, and so a mean over samples only (as Keras reports it).
 */
import { UsageError } from '../errors.js';
import { describe } from '../format/describe.js';
import type { Plan } from '../plan/plan.js';

export type LossName = 'mse' | 'crossEntropy' | 'categoricalCrossEntropy';

export interface LossDefinition {
  readonly fn: (output: number, target: number) => number;
  readonly derivative: (output: number, target: number) => number;
  /** 'outputs': the loss of a set is a mean over samples and outputs; 'samples': over samples only. */
  readonly mean: 'outputs' | 'samples';
  /**
   * With softmax outputs, d loss / d logit is simply p·Σt − t (p − t for one-hot targets): training uses
   * that instead of the chain rule through −t / p, which overflows for a probability near 0.
   */
  readonly fusedWithSoftmax: boolean;
}

/** Cross-entropy clips outputs into [ε, 1 − ε] so that log never sees 0. */
export const CROSS_ENTROPY_EPSILON = 1e-7;

const clip = (p: number) =>
  p < CROSS_ENTROPY_EPSILON ? CROSS_ENTROPY_EPSILON : p > 1 - CROSS_ENTROPY_EPSILON ? 1 - CROSS_ENTROPY_EPSILON : p;

export const losses: Readonly<Record<LossName, LossDefinition>> = {
  /** Squared error (output − target)²; its mean is the mean squared error. */
  mse: {
    fn: (y, t) => (y - t) * (y - t),
    derivative: (y, t) => 2 * (y - t),
    mean: 'outputs',
    fusedWithSoftmax: false,
  },
  /** Binary cross-entropy −(t log p + (1 − t) log(1 − p)), p the clipped output. */
  crossEntropy: {
    fn: (y, t) => {
      const p = clip(y);
      return -(t * Math.log(p) + (1 - t) * Math.log(1 - p));
    },
    // Taken at the clipped output (straight through the clip), so a saturated wrong
    // output still pulls its weights instead of getting a zero gradient.
    derivative: (y, t) => {
      const p = clip(y);
      return (p - t) / (p * (1 - p));
    },
    mean: 'outputs',
    fusedWithSoftmax: false,
  },
  /**
   * Categorical cross-entropy −Σ t log p over the softmax outputs (one-hot or probability targets). Its
   * gradient is the fused one (see `fusedWithSoftmax`), which needs no clip, so the loss is not clipped
   * either (a clip would flatten it where the gradient still pulls): only a probability that underflowed
   * to 0 is read as the smallest positive number (a loss of 744.4 instead of Infinity).
   */
  categoricalCrossEntropy: {
    fn: (y, t) => (t === 0 ? 0 : -t * Math.log(y > Number.MIN_VALUE ? y : Number.MIN_VALUE)),
    derivative: (y, t) => -t / (y > Number.MIN_VALUE ? y : Number.MIN_VALUE),
    mean: 'samples',
    fusedWithSoftmax: true,
  },
};

/** What a set's summed loss is divided by per counted sample: its outputs, or 1 (see `mean`). */
export function outputsPerSample(loss: LossDefinition, outputWidth: number): number {
  return loss.mean === 'outputs' ? outputWidth : 1;
}

/**
 * Refuses a loss that does not fit the network's outputs: categorical cross-entropy needs every output
 * in the softmax group (otherwise the outputs are no distribution), and binary cross-entropy treats each
 * output as a probability of its own, which a softmax output is not. Squared error fits any outputs.
 */
export function checkLossFitsOutputs(name: LossName, plan: Plan, where: string): void {
  const softmaxCount = plan.softmaxOutputs.length;
  const outputCount = plan.outputIds.length;
  if (name === 'categoricalCrossEntropy' && (softmaxCount !== outputCount || outputCount < 2)) {
    throw new UsageError(
      `${where}: loss 'categoricalCrossEntropy' needs every output to be a softmax output (at least two), ` +
        `but ${outputCount - softmaxCount} of ${outputCount} are not; give the outputs { activation: 'softmax' } ` +
        "(Network.layered(sizes, { outputActivation: 'softmax' })), or use 'crossEntropy' for independent outputs.",
    );
  }
  if (name === 'crossEntropy' && softmaxCount > 0) {
    throw new UsageError(
      `${where}: loss 'crossEntropy' (binary) treats each output as a probability of its own, but the ` +
        `network's softmax outputs share one distribution; use 'categoricalCrossEntropy' (or 'mse').`,
    );
  }
}

export const lossNames = Object.keys(losses) as readonly LossName[];

export function resolveLoss(name: unknown, where: string): LossDefinition {
  if (typeof name !== 'string' || !Object.hasOwn(losses, name)) {
    throw new UsageError(`${where}: unknown loss ${describe(name)}; use one of ${lossNames.join(', ')}.`);
  }
  return losses[name as LossName];
}
