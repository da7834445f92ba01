/**
 * Losses
 * ======
 *
 * The one table of losses, like the activation table: for one output neuron, its
 * value `fn(output, target)` and `derivative(output, target)` = d fn / d output.
 * A sample's loss is the sum over its outputs; the loss of a set of samples is the
 * mean over samples and outputs.
 */
import { UsageError } from '../errors.js';
import { describe } from '../format/describe.js';

export type LossName = 'mse' | 'crossEntropy';

interface LossDefinition {
  readonly fn: (output: number, target: number) => number;
  readonly derivative: (output: number, target: number) => number;
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
  },
};

export const lossNames = Object.keys(losses) as readonly LossName[];

export function resolveLoss(name: unknown, where: string): LossDefinition {
  if (typeof name !== 'string' || !Object.hasOwn(losses, name)) {
    throw new UsageError(`${where}: unknown loss ${describe(name)}; use one of ${lossNames.join(', ')}.`);
  }
  return losses[name as LossName];
}
