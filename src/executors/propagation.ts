/**
 * Propagation
 * ===========
 *
 * Propagates one input vector through a plan: every neuron, in the plan's
 * topological order, sums its weighted inputs and applies its activation. This is
 * the hot loop; it reads typed arrays only and allocates nothing.
 */
import { activate, activateRange } from '../activations.js';
import { NumericError } from '../errors.js';
import { BIAS, INPUT } from '../graph/neuron.js';
import { isFeedForwardSum, type Plan } from '../plan/plan.js';
import type { Memory } from './memory.js';
import { reportSoftmaxGroup } from './softmax-group.js';
import { propagateStepObserved, propagateStepSilently } from './propagation-over-time.js';

/** Called after each activation, in order; `position` is also the step within the run. */
export type ActivationObserver = (position: number, input: number, output: number) => void;

/**
 * Fills `values` (indexed by plan position) with every neuron's output. Inputs'
 * values must already be in place; `memory` holds earlier steps' outputs for delayed
 * connections (see propagation-over-time.ts). Returns -1, or the position of the first
 * neuron whose weighted input is not finite (the observer is not called for it or later ones).
 */
export function propagate(plan: Plan, values: Float64Array, observer?: ActivationObserver, memory?: Memory): number {
  if (!isFeedForwardSum(plan)) {
    if (observer !== undefined) return propagateStepObserved(plan, values, memory, observer);
    if (propagateStepSilently(plan, values, memory, undefined) === 0) return -1;
    return propagateStepObserved(plan, values, memory, () => {});
  }
  if (observer !== undefined) return propagateObserved(plan, values, observer);
  if (propagateSilently(plan, values, undefined) === 0) return -1;
  // The error path only: walk again, neuron by neuron, to name the first bad sum.
  return propagateObserved(plan, values, () => {});
}

/**
 * `propagate` with nobody listening that also keeps each neuron's weighted sum in `sums` (for training),
 * for a feed-forward network of sums (training through time calls `propagateStepSilently` itself).
 * Returns 0 when every value it checks is finite, NaN otherwise (the caller finds which).
 */
export function propagateKeepingSums(plan: Plan, values: Float64Array, sums: Float64Array): number {
  return propagateSilently(plan, values, sums);
}

/**
 * NOTE: with nobody listening, the loop walks the plan's segments (same generation, same
 * activation): all sums first, then one `activateRange` per segment, so there is no
 * per-neuron role branch, observer check or activation dispatch.
 */
function propagateSilently(plan: Plan, values: Float64Array, sums: Float64Array | undefined): number {
  const { biasPositions, segmentStarts, segmentEnds, starts, sources, weights, activationCodes, activationParameters } =
    plan;
  for (let k = 0; k < biasPositions.length; k++) values[biasPositions[k]!] = 1;
  // NOTE: sum * 0 is 0 for a finite sum and NaN otherwise, so one multiply-add per neuron
  // and one comparison at the end check them all, with no branch in the loop (activations
  // keep finite sums finite). The compiled forms, input reading and training use the same check.
  let check = 0;
  for (let segment = 0; segment < segmentStarts.length; segment++) {
    const start = segmentStarts[segment]!;
    const end = segmentEnds[segment]!;
    for (let position = start; position < end; position++) {
      const sum = weightedSum(starts, sources, weights, values, position);
      check += sum * 0;
      values[position] = sum;
    }
    if (sums !== undefined) for (let position = start; position < end; position++) sums[position] = values[position]!;
    activateRange(activationCodes[start]!, activationParameters[start]!, values, start, end);
  }
  return check;
}

/**
 * Every neuron in order, reporting each activation (inputs and bias neurons included); see `propagate`.
 * NOTE: propagation-over-time.ts has the same walk for networks with time; sharing it cost feed-forward
 * networks with a listener about 1.3–1.6× (measured), so this copy stays.
 */
function propagateObserved(plan: Plan, values: Float64Array, observer: ActivationObserver): number {
  const { size, roles, starts, sources, weights, activationCodes, activationParameters, softmaxStart, softmaxEnd } =
    plan;
  for (let position = 0; position < size; position++) {
    const role = roles[position];
    if (position === softmaxStart && softmaxEnd > softmaxStart) {
      // The softmax group: every logit first, then each neuron's probability, reported in order.
      for (let member = softmaxStart; member < softmaxEnd; member++) {
        const sum = weightedSum(starts, sources, weights, values, member);
        if (!Number.isFinite(sum)) return member;
        values[member] = sum;
      }
      reportSoftmaxGroup(plan, values, observer);
      position = softmaxEnd - 1;
    } else if (role === INPUT) {
      observer(position, values[position]!, values[position]!);
    } else if (role === BIAS) {
      values[position] = 1;
      observer(position, 0, 1);
    } else {
      const sum = weightedSum(starts, sources, weights, values, position);
      if (!Number.isFinite(sum)) return position;
      const output = (values[position] = activate(activationCodes[position]!, sum, activationParameters[position]!));
      observer(position, sum, output);
    }
  }
  return -1;
}

/** The error for a run in which neuron `id` got a non-finite weighted sum (`detail` may say which row). */
export function nonFiniteSumError(id: string, where: string, detail = ''): NumericError {
  return new NumericError(
    `${where}: the weighted input of "${id}"${detail} is not a finite number (its sum overflowed or met NaN); the run was abandoned. ` +
      'Scale the weights or the inputs down.',
    id,
  );
}

/** Σ weight × source output over the incoming connections of `position` (small enough for V8 to inline). */
function weightedSum(
  starts: Int32Array,
  sources: Int32Array,
  weights: Float64Array,
  values: Float64Array,
  position: number,
): number {
  let sum = 0;
  const end = starts[position + 1]!;
  for (let slot = starts[position]!; slot < end; slot++) sum += weights[slot]! * values[sources[slot]!]!;
  return sum;
}
