/**
 * The scheduler
 * =============
 *
 * Propagates one input vector through a plan: every neuron, in the plan's
 * topological order, sums its weighted inputs and applies its activation. This is
 * the hot loop; it reads typed arrays only and allocates nothing.
 */
import { activate, activateRange } from './activations.js';
import { BIAS, INPUT } from './neuron.js';
import type { Plan } from './plan.js';

/** Called after each activation, in order; `position` is also the step within the run. */
export type ActivationObserver = (position: number, input: number, output: number) => void;

/**
 * Fills `values` (indexed by plan position) with every neuron's output. Inputs'
 * values must already be in place.
 */
export function propagate(plan: Plan, values: Float64Array, observer?: ActivationObserver): void {
  if (observer === undefined) propagateSilently(plan, values, undefined);
  else propagateObserved(plan, values, observer);
}

/** `propagate` with nobody listening that also keeps each neuron's weighted sum in `sums` (for training). */
export function propagateKeepingSums(plan: Plan, values: Float64Array, sums: Float64Array): void {
  propagateSilently(plan, values, sums);
}

/**
 * NOTE: with nobody listening, the loop walks the plan's segments (same generation, same
 * activation): all sums first, then one `activateRange` per segment, so there is no
 * per-neuron role branch, observer check or activation dispatch.
 */
function propagateSilently(plan: Plan, values: Float64Array, sums: Float64Array | undefined): void {
  const { biasPositions, segmentStarts, segmentEnds, starts, sources, weights, activationCodes, activationParameters } = plan;
  for (let k = 0; k < biasPositions.length; k++) values[biasPositions[k]!] = 1;
  for (let segment = 0; segment < segmentStarts.length; segment++) {
    const start = segmentStarts[segment]!;
    const end = segmentEnds[segment]!;
    for (let position = start; position < end; position++) values[position] = weightedSum(starts, sources, weights, values, position);
    if (sums !== undefined) for (let position = start; position < end; position++) sums[position] = values[position]!;
    activateRange(activationCodes[start]!, activationParameters[start]!, values, start, end);
  }
}

/** Every neuron in order, reporting each activation (inputs and bias neurons included). */
function propagateObserved(plan: Plan, values: Float64Array, observer: ActivationObserver): void {
  const { size, roles, starts, sources, weights, activationCodes, activationParameters } = plan;
  for (let position = 0; position < size; position++) {
    const role = roles[position];
    if (role === INPUT) {
      observer(position, values[position]!, values[position]!);
    } else if (role === BIAS) {
      values[position] = 1;
      observer(position, 0, 1);
    } else {
      const sum = weightedSum(starts, sources, weights, values, position);
      const output = (values[position] = activate(activationCodes[position]!, sum, activationParameters[position]!));
      observer(position, sum, output);
    }
  }
}

/** Σ weight × source output over the incoming connections of `position` (small enough for V8 to inline). */
function weightedSum(starts: Int32Array, sources: Int32Array, weights: Float64Array, values: Float64Array, position: number): number {
  let sum = 0;
  const end = starts[position + 1]!;
  for (let slot = starts[position]!; slot < end; slot++) sum += weights[slot]! * values[sources[slot]!]!;
  return sum;
}
