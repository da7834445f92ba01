/**
 * Softmax deltas
 * ==============
 *
 * A softmax output's probability depends on every logit of its group, so its delta
 * cannot go through the walk's per-neuron chain rule. Where the outputs are seeded,
 * each training path hands the group's probabilities and targets (in group order) to
 * `SoftmaxDeltas.seed`, which gives d loss / d logit for every member at once:
 *
 * - a loss fused with softmax (categorical cross-entropy): p·Σt − t, exact and finite
 *   for every probability, 0 included;
 * - any other loss (squared error): the Jacobian, p_i (g_i − Σ_j g_j p_j) with
 *   g = d loss / d p.
 *
 * The walks then treat a softmax neuron's derivative as 1: its delta is already the logit's.
 */
import type { Plan } from '../plan/plan.js';
import type { LossDefinition } from './losses.js';

export class SoftmaxDeltas {
  /** The group's outputs, as indices into the plan's outputs, and 1 by output index for members. */
  readonly group: Int32Array;
  readonly isMember: Uint8Array;
  /** Filled by the caller, in group order, before `seed`. */
  readonly probabilities: Float64Array;
  readonly targets: Float64Array;
  /** `seed`'s result: scale × d loss / d logit, in group order. */
  readonly logitDeltas: Float64Array;

  constructor(plan: Plan) {
    this.group = plan.softmaxOutputs;
    this.isMember = new Uint8Array(plan.outputIds.length);
    for (const k of this.group) this.isMember[k] = 1;
    const n = this.group.length;
    this.probabilities = new Float64Array(n);
    this.targets = new Float64Array(n);
    this.logitDeltas = new Float64Array(n);
  }

  get size(): number {
    return this.group.length;
  }

  /** Fills `logitDeltas` with `scale` × d loss / d logit from `probabilities` and `targets`. */
  seed(loss: LossDefinition, scale: number): void {
    const { probabilities: p, targets: t, logitDeltas: out } = this;
    const n = p.length;
    if (loss.fusedWithSoftmax) {
      let targetSum = 0;
      for (let i = 0; i < n; i++) targetSum += t[i]!;
      for (let i = 0; i < n; i++) out[i] = scale * (p[i]! * targetSum - t[i]!);
      return;
    }
    let pulled = 0;
    for (let i = 0; i < n; i++) {
      out[i] = scale * loss.derivative(p[i]!, t[i]!);
      pulled += out[i]! * p[i]!;
    }
    for (let i = 0; i < n; i++) out[i] = p[i]! * (out[i]! - pulled);
  }
}
