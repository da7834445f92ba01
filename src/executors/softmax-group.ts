/**
 * The softmax group, reported
 * ===========================
 *
 * The walks that report every activation reach the softmax group (plan.softmaxStart …
 * softmaxEnd - 1) as one unit: they put every member's logit in `values`, then this
 * turns them into probabilities neuron by neuron, with the same arithmetic as
 * `softmaxRange`, so observed and silent runs give the same bits.
 */
import { largest, softmaxOf, softmaxScale } from '../activations.js';
import type { Plan } from '../plan/plan.js';
import type { ActivationObserver } from './propagation.js';

/**
 * Replaces the softmax group's logits in `values` by their probabilities, reporting each neuron
 * (logit in, probability out) in order. Both observed walks (propagation.ts, propagation-over-time.ts) call it.
 */
export function reportSoftmaxGroup(plan: Plan, values: Float64Array, observer: ActivationObserver): void {
  const { softmaxStart, softmaxEnd } = plan;
  const max = largest(values, softmaxStart, softmaxEnd);
  const scale = softmaxScale(values, softmaxStart, softmaxEnd, max);
  for (let member = softmaxStart; member < softmaxEnd; member++) {
    const logit = values[member]!;
    const probability = (values[member] = softmaxOf(logit, max, scale));
    observer(member, logit, probability);
  }
}
