/**
 * The scheduler
 * =============
 *
 * Propagates one input vector through a plan: every neuron, in the plan's
 * topological order, sums its weighted inputs and applies its activation. This is
 * the hot loop; it reads typed arrays only and allocates nothing.
 */
import { activate } from './activations.js';
import { BIAS, INPUT } from './neuron.js';
import type { Plan } from './plan.js';

/** Called after each activation, in order; `position` is also the step within the run. */
export type ActivationObserver = (position: number, input: number, output: number) => void;

/**
 * Fills `values` (indexed by plan position) with every neuron's output. Inputs'
 * values must already be in place.
 */
export function propagate(plan: Plan, values: Float64Array, observer?: ActivationObserver): void {
  const { size, roles, starts, sources, weights, activationCodes, activationParameters } = plan;
  for (let position = 0; position < size; position++) {
    const role = roles[position];
    let input: number;
    let output: number;
    if (role === INPUT) {
      input = output = values[position]!;
    } else if (role === BIAS) {
      input = 0;
      output = values[position] = 1;
    } else {
      let sum = 0;
      const end = starts[position + 1]!;
      for (let slot = starts[position]!; slot < end; slot++) sum += weights[slot]! * values[sources[slot]!]!;
      input = sum;
      output = values[position] = activate(activationCodes[position]!, sum, activationParameters[position]!);
    }
    // NOTE: one predictable branch per neuron; with nobody listening the loop stays allocation-free.
    if (observer !== undefined) observer(position, input, output);
  }
}
