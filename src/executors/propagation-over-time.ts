/**
 * Propagation over time
 * =====================
 *
 * One time step of a network that remembers (delayed connections) or gates (product
 * neurons): the same walk as propagation.ts, in the same topological order, where each
 * neuron's input also takes its delayed connections — weight × the source's output of
 * `delay` steps ago, from the network's memory — and a product neuron multiplies its
 * weighted inputs instead of adding them. Networks with neither never come here, so
 * their hot loop stays as it was.
 */
import { activate, activateRange } from '../activations.js';
import { BIAS, INPUT } from '../graph/neuron.js';
import type { Plan } from '../plan/plan.js';
import type { Memory } from './memory.js';
import type { ActivationObserver } from './propagation.js';
import { reportSoftmaxGroup } from './softmax-group.js';

/** With nobody listening; returns 0 when every input was finite, NaN otherwise (as `propagateSilently`). */
export function propagateStepSilently(
  plan: Plan,
  values: Float64Array,
  memory: Memory | undefined,
  sums: Float64Array | undefined,
): number {
  const { biasPositions, segmentStarts, segmentEnds, activationCodes, activationParameters, products } = plan;
  for (let k = 0; k < biasPositions.length; k++) values[biasPositions[k]!] = 1;
  // NOTE: propagation.ts's `x * 0` finiteness check.
  let check = 0;
  for (let segment = 0; segment < segmentStarts.length; segment++) {
    const start = segmentStarts[segment]!;
    const end = segmentEnds[segment]!;
    const product = products[start] === 1;
    for (let position = start; position < end; position++) {
      const input = product ? productInput(plan, values, memory, position) : sumInput(plan, values, memory, position);
      check += input * 0;
      values[position] = input;
    }
    if (sums !== undefined) for (let position = start; position < end; position++) sums[position] = values[position]!;
    activateRange(activationCodes[start]!, activationParameters[start]!, values, start, end);
  }
  return check;
}

/** Every neuron in order, reporting each activation; returns -1 or the first neuron whose input is not finite. */
export function propagateStepObserved(
  plan: Plan,
  values: Float64Array,
  memory: Memory | undefined,
  observer: ActivationObserver,
): number {
  const { size, roles, activationCodes, activationParameters, products, softmaxStart, softmaxEnd } = plan;
  for (let position = 0; position < size; position++) {
    const role = roles[position];
    if (position === softmaxStart && softmaxEnd > softmaxStart) {
      // The softmax group (sums only): every logit first, then each probability, as in propagation.ts.
      for (let member = softmaxStart; member < softmaxEnd; member++) {
        const input = sumInput(plan, values, memory, member);
        if (!Number.isFinite(input)) return member;
        values[member] = input;
      }
      reportSoftmaxGroup(plan, values, observer);
      position = softmaxEnd - 1;
    } else if (role === INPUT) {
      observer(position, values[position]!, values[position]!);
    } else if (role === BIAS) {
      values[position] = 1;
      observer(position, 0, 1);
    } else {
      const input =
        products[position] === 1
          ? productInput(plan, values, memory, position)
          : sumInput(plan, values, memory, position);
      if (!Number.isFinite(input)) return position;
      const output = (values[position] = activate(activationCodes[position]!, input, activationParameters[position]!));
      observer(position, input, output);
    }
  }
  return -1;
}

/** Σ weight × source output over immediate connections, plus Σ weight × earlier output over delayed ones. */
function sumInput(plan: Plan, values: Float64Array, memory: Memory | undefined, position: number): number {
  const { starts, delayedStarts, sources, weights, delays } = plan;
  let sum = 0;
  for (let slot = starts[position]!; slot < starts[position + 1]!; slot++)
    sum += weights[slot]! * values[sources[slot]!]!;
  if (memory === undefined) return sum;
  for (let slot = delayedStarts[position]!; slot < delayedStarts[position + 1]!; slot++) {
    sum += weights[slot]! * memory.earlier(delays[slot]!)[sources[slot]!]!;
  }
  return sum;
}

/** Π weight × source output over every incoming connection, immediate and delayed (1 for none). */
function productInput(plan: Plan, values: Float64Array, memory: Memory | undefined, position: number): number {
  const { starts, delayedStarts, sources, weights, delays } = plan;
  let product = 1;
  for (let slot = starts[position]!; slot < starts[position + 1]!; slot++)
    product *= weights[slot]! * values[sources[slot]!]!;
  if (memory === undefined) return product;
  for (let slot = delayedStarts[position]!; slot < delayedStarts[position + 1]!; slot++) {
    product *= weights[slot]! * memory.earlier(delays[slot]!)[sources[slot]!]!;
  }
  return product;
}
