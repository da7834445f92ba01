/**
 * Regularization
 * ==============
 *
 * Weight penalties added to the loss: l1·Σ|w| + l2·Σw² over the trainable weights
 * (Keras's convention: no ½ in front of the l2 term, so its gradient is 2·l2·w). The
 * bias neuron's connections and connections marked `trainable: false` carry no penalty.
 *
 * The penalty is added once, on top of whichever gradient path ran (see
 * gradient-path.ts: `GradientPaths` wraps its paths in `Penalized`), so the graph walk,
 * observed runs, the matrices and sequences all get it: the loss a pass reports is
 * the mean loss plus the penalty, and the gradient is the mean gradient plus the
 * penalty's, l1·sign(w) + 2·l2·w (sign(0) = 0).
 *
 * [Reference]: Keras, `keras.regularizers.L1L2` (l1·Σ|x| + l2·Σx²).
 */
import { UsageError } from '../errors.js';
import { describe } from '../format/describe.js';
import { checkOptionNames } from '../format/options.js';
import { BIAS } from '../graph/neuron.js';
import type { Plan } from '../plan/plan.js';

/** Penalty weights: `l1·Σ|w| + l2·Σw²` is added to the loss (both default to 0). */
export interface Regularization {
  readonly l1?: number;
  readonly l2?: number;
}

/** Checks a `regularization` option; returns it with both terms filled in, or null when it adds nothing. */
export function readRegularization(value: unknown, where: string): { l1: number; l2: number } | null {
  if (value === undefined) return null;
  checkOptionNames(value, ['l1', 'l2'], `${where}: regularization`);
  const read = (name: 'l1' | 'l2'): number => {
    const term: unknown = (value as Regularization)[name] ?? 0;
    if (typeof term !== 'number' || !Number.isFinite(term) || term < 0) {
      throw new UsageError(
        `${where}: regularization.${name} must be a finite number ≥ 0 (the penalty's factor), got ${describe(term)}.`,
      );
    }
    return term;
  };
  const l1 = read('l1');
  const l2 = read('l2');
  return l1 === 0 && l2 === 0 ? null : { l1, l2 };
}

/** The penalty over one plan's weights. */
export class Penalty {
  readonly l1: number;
  readonly l2: number;
  /** 1 where a slot carries the penalty (trainable, and not from a bias neuron), 0 elsewhere. */
  readonly mask: Float64Array;

  constructor(plan: Plan, { l1, l2 }: { l1: number; l2: number }) {
    this.l1 = l1;
    this.l2 = l2;
    this.mask = new Float64Array(plan.weights.length);
    for (let slot = 0; slot < plan.weights.length; slot++) {
      if (plan.trainable[slot] === 1 && plan.roles[plan.sources[slot]!] !== BIAS) this.mask[slot] = 1;
    }
  }

  /** l1·Σ|w| + l2·Σw² over the penalized slots of `weights`. */
  value(weights: Float64Array): number {
    const { mask } = this;
    let absolute = 0;
    let squares = 0;
    for (let slot = 0; slot < weights.length; slot++) {
      const w = weights[slot]! * mask[slot]!;
      absolute += Math.abs(w);
      squares += w * w;
    }
    return this.l1 * absolute + this.l2 * squares;
  }

  /**
   * Adds the penalty's gradient, l1·sign(w) + 2·l2·w, to `gradients` (by slot) and returns the penalty's value
   * (one loop for both: training needs both at every step).
   */
  addGradient(weights: Float64Array, gradients: Float64Array): number {
    const { mask, l1, l2 } = this;
    const twoL2 = 2 * l2;
    let absolute = 0;
    let squares = 0;
    // NOTE: every slot in order, the unpenalized ones masked to a weight of 0 (no slot list to follow), and
    // sign(w) from two comparisons rather than Math.sign, whose branch mispredicts on weights of random sign
    // (each measured about 2× faster on 26,000 weights).
    if (l1 === 0) {
      for (let slot = 0; slot < weights.length; slot++) {
        const w = weights[slot]! * mask[slot]!;
        squares += w * w;
        gradients[slot]! += twoL2 * w;
      }
      return l2 * squares;
    }
    for (let slot = 0; slot < weights.length; slot++) {
      const w = weights[slot]! * mask[slot]!;
      absolute += Math.abs(w);
      squares += w * w;
      gradients[slot]! += l1 * (+(w > 0) - +(w < 0)) + twoL2 * w;
    }
    return l1 * absolute + l2 * squares;
  }
}
