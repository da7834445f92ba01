/**
 * The compiled step
 * =================
 *
 * One silent time step for the compiled form over time: the same arithmetic as
 * propagation-over-time.ts's silent walk (same order, same segments, same sums and
 * products, so the same numbers bit for bit), with the earlier outputs looked up once per
 * step instead of once per delayed connection. The memory is read, never written here.
 */
import { activateRange } from '../activations.js';
import type { Plan } from '../plan/plan.js';
import type { Memory } from './memory.js';

/**
 * Fills `values` (inputs already in place) for one step; `past[d]` must be `memory.earlier(d)`
 * for 1 ≤ d ≤ maxDelay (see `lookUpPast`). Returns 0 when every neuron's input was finite, NaN otherwise.
 */
export function compiledStep(plan: Plan, values: Float64Array, past: readonly Float64Array[]): number {
  const { biasPositions, segmentStarts, segmentEnds, activationCodes, activationParameters, products } = plan;
  const { starts, delayedStarts, sources, weights, delays } = plan;
  for (let k = 0; k < biasPositions.length; k++) values[biasPositions[k]!] = 1;
  // NOTE: a network whose delays are all 1 (Elman, LSTM) reads one buffer, without a delay lookup per slot.
  const only = plan.maxDelay === 1 ? past[1] : undefined;
  // NOTE: propagation.ts's `x * 0` finiteness check.
  let check = 0;
  for (let segment = 0; segment < segmentStarts.length; segment++) {
    const start = segmentStarts[segment]!;
    const end = segmentEnds[segment]!;
    const product = products[start] === 1;
    for (let position = start; position < end; position++) {
      const immediateEnd = starts[position + 1]!;
      const delayedEnd = delayedStarts[position + 1]!;
      let input: number;
      if (product) {
        input = 1;
        for (let slot = starts[position]!; slot < immediateEnd; slot++)
          input *= weights[slot]! * values[sources[slot]!]!;
        if (only !== undefined) {
          for (let slot = delayedStarts[position]!; slot < delayedEnd; slot++)
            input *= weights[slot]! * only[sources[slot]!]!;
        } else {
          for (let slot = delayedStarts[position]!; slot < delayedEnd; slot++)
            input *= weights[slot]! * past[delays[slot]!]![sources[slot]!]!;
        }
      } else {
        input = 0;
        for (let slot = starts[position]!; slot < immediateEnd; slot++)
          input += weights[slot]! * values[sources[slot]!]!;
        if (only !== undefined) {
          for (let slot = delayedStarts[position]!; slot < delayedEnd; slot++)
            input += weights[slot]! * only[sources[slot]!]!;
        } else {
          for (let slot = delayedStarts[position]!; slot < delayedEnd; slot++)
            input += weights[slot]! * past[delays[slot]!]![sources[slot]!]!;
        }
      }
      check += input * 0;
      values[position] = input;
    }
    activateRange(activationCodes[start]!, activationParameters[start]!, values, start, end);
  }
  return check;
}

/** Fills `past` (length maxDelay + 1) with the memory's earlier outputs by delay; index 0 is left alone. */
export function lookUpPast(memory: Memory, past: Float64Array[]): void {
  for (let delay = 1; delay < past.length; delay++) past[delay] = memory.earlier(delay);
}
