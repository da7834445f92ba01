/**
 * Backpropagation
 * ===============
 *
 * micrograd's backward, on the plan: the forward pass keeps every
 * neuron's input (weighted sum) and output by plan position; the backward pass
 * walks the same topological order reversed and accumulates, with `+=`, each
 * neuron's delta (d loss / d its output) into its sources and each connection's
 * gradient into an array parallel to the plan's weights. Activation derivatives
 * come from the one activation table.
 *
 * Every function here takes a plan whose `weights` are the weights to use, so the
 * trainer can run them on its own working copy of the network's weights.
 */
import { activationDerivative, SOFTMAX, STEP } from '../activations.js';
import { BIAS, INPUT, isComputed, roleNames } from '../graph/neuron.js';
import type { Plan } from '../plan/plan.js';
import { propagateKeepingSums } from '../executors/propagation.js';
import type { NumericFailure } from '../executors/numeric-failure.js';
import type { LossDefinition } from './losses.js';
import { SoftmaxDeltas } from './softmax-deltas.js';

/** What one forward pass leaves behind for the backward pass, by plan position. */
export interface PassBuffers {
  /** Each neuron's output. */
  readonly values: Float64Array;
  /** Each neuron's input: the weighted sum its activation was applied to. */
  readonly sums: Float64Array;
  /** d loss / d output; all zero between passes (the backward pass clears it as it goes). */
  readonly deltas: Float64Array;
  /** 1 where some incoming connection comes from a hidden or output neuron (whose delta it must feed), by position. */
  readonly feedsDeltas: Uint8Array;
  /** The softmax group's seeding (empty without one). */
  readonly softmax: SoftmaxDeltas;
}

export function createPassBuffers(plan: Plan): PassBuffers {
  const { size, starts, sources, roles } = plan;
  const sums = new Float64Array(size);
  const feedsDeltas = new Uint8Array(size);
  // NOTE: role codes, not names: this runs over every connection at the start of each training call.
  for (let position = 0; position < size; position++) {
    for (let slot = starts[position]!; slot < starts[position + 1]!; slot++) {
      const role = roles[sources[slot]!];
      if (role !== INPUT && role !== BIAS) {
        feedsDeltas[position] = 1;
        break;
      }
    }
  }
  return {
    values: new Float64Array(plan.size),
    sums,
    deltas: new Float64Array(plan.size),
    feedsDeltas,
    softmax: new SoftmaxDeltas(plan),
  };
}

/**
 * Propagates the input row at `inputs[offset …]` (in input order) with `plan.weights`.
 * Returns 0 when every sum and output is finite, NaN otherwise (`firstNonFinite` says where).
 */
export function forward(plan: Plan, buffers: PassBuffers, inputs: Float64Array, offset: number): number {
  const { inputPositions } = plan;
  const { values } = buffers;
  for (let i = 0; i < inputPositions.length; i++) values[inputPositions[i]!] = inputs[offset + i]!;
  // NOTE: propagation's own silent loop, keeping each weighted sum (relu's derivative
  // needs the input, not only the output) with one copy per segment.
  return propagateKeepingSums(plan, values, buffers.sums);
}

/** After a forward pass that was not finite: the first neuron, in order, whose sum or output is not. */
export function firstNonFinite(plan: Plan, buffers: PassBuffers): NumericFailure {
  const { sums, values } = buffers;
  for (let position = 0; position < plan.size; position++) {
    if (plan.starts[position] === plan.starts[position + 1]) continue; // inputs and bias: given, finite
    if (!Number.isFinite(sums[position]!)) return { neuron: plan.ids[position]!, value: 'sum' };
    if (!Number.isFinite(values[position]!)) return { neuron: plan.ids[position]!, value: 'output' };
  }
  return { neuron: plan.ids[plan.size - 1] ?? '', value: 'output' };
}

/** The loss table's entry: d loss / d output and loss value for one output neuron, and how they combine. */
export type LossFunctions = LossDefinition;

/**
 * After a forward pass: the sample's loss (summed over outputs), and each output's
 * delta seeded with `scale` × d loss / d output (`scale` makes the gradient a mean);
 * softmax outputs get d loss / d logit instead (softmax-deltas.ts).
 */
export function seedOutputs(
  plan: Plan,
  buffers: PassBuffers,
  loss: LossFunctions,
  targets: Float64Array,
  offset: number,
  scale: number,
): number {
  return seedOutputsOf(plan, buffers.values, buffers.deltas, buffers.softmax, loss, targets, offset, scale);
}

/** `seedOutputs` on any values and deltas by plan position (training through time seeds each step's). */
export function seedOutputsOf(
  plan: Plan,
  values: Float64Array,
  deltas: Float64Array,
  softmax: SoftmaxDeltas,
  loss: LossFunctions,
  targets: Float64Array,
  offset: number,
  scale: number,
): number {
  const { outputPositions } = plan;
  const { isMember, group } = softmax;
  let total = 0;
  for (let i = 0; i < outputPositions.length; i++) {
    const position = outputPositions[i]!;
    const target = targets[offset + i]!;
    total += loss.fn(values[position]!, target);
    if (scale !== 0 && isMember[i] === 0) deltas[position]! += scale * loss.derivative(values[position]!, target);
  }
  if (group.length > 0 && scale !== 0) {
    for (let j = 0; j < group.length; j++) {
      softmax.probabilities[j] = values[outputPositions[group[j]!]!]!;
      softmax.targets[j] = targets[offset + group[j]!]!;
    }
    softmax.seed(loss, scale);
    for (let j = 0; j < group.length; j++) deltas[outputPositions[group[j]!]!]! += softmax.logitDeltas[j]!;
  }
  return total;
}

/** The sample's loss alone (for evaluation). */
export function sampleLoss(
  plan: Plan,
  buffers: PassBuffers,
  loss: LossFunctions,
  targets: Float64Array,
  offset: number,
): number {
  const { outputPositions } = plan;
  let total = 0;
  for (let i = 0; i < outputPositions.length; i++)
    total += loss.fn(buffers.values[outputPositions[i]!]!, targets[offset + i]!);
  return total;
}

/**
 * Walks the plan in reverse topological order: every neuron's delta is complete
 * once all of its targets (later in the order) have been visited. Adds each
 * connection's d loss / d weight to `gradients` (by slot) and leaves the deltas zero.
 */
export function backward(plan: Plan, buffers: PassBuffers, gradients: Float64Array): void {
  const { starts, sources, weights, activationCodes, activationParameters } = plan;
  const { values, sums, deltas, feedsDeltas } = buffers;
  for (let position = plan.size - 1; position >= 0; position--) {
    const delta = deltas[position]!;
    // NOTE: neurons off every path to an output (and inputs nobody pulls on) keep a zero delta: skip them.
    if (delta === 0) continue;
    deltas[position] = 0;
    const start = starts[position]!;
    const end = starts[position + 1]!;
    if (start === end) continue; // an input, the bias, or a neuron without incoming connections
    // d loss / d input of this neuron (the chain rule through its activation; a softmax output's delta
    // already is its logit's).
    const code = activationCodes[position]!;
    const local =
      code === SOFTMAX
        ? delta
        : delta * activationDerivative(code, sums[position]!, values[position]!, activationParameters[position]!);
    if (feedsDeltas[position] === 1) {
      for (let slot = start; slot < end; slot++) {
        const source = sources[slot]!;
        gradients[slot]! += local * values[source]!;
        deltas[source]! += local * weights[slot]!;
      }
    } else {
      // NOTE: fed by inputs and the bias only (a first layer): nobody needs their deltas, so half the work.
      for (let slot = start; slot < end; slot++) gradients[slot]! += local * values[sources[slot]!]!;
    }
  }
}

/**
 * Ids of the step neurons from which some path leads to an output (outputs included), through
 * immediate or delayed connections, in plan order: their gradient is zero almost everywhere, so
 * backpropagation cannot train through them.
 */
export function stepNeuronsOnPathToOutput(plan: Plan): string[] {
  const { size, roles, activationCodes } = plan;
  // NOTE: without step neurons there is nothing to search for (the search walks every connection, and this runs
  // at the start of each training call).
  let steps = 0;
  for (let position = 0; position < size; position++) if (activationCodes[position] === STEP) steps++;
  if (steps === 0) return [];
  const reachesOutput = reachingOutputs(plan);
  const found: string[] = [];
  for (let position = 0; position < size; position++) {
    if (reachesOutput[position] === 1 && isComputed(roleNames[roles[position]!]!) && activationCodes[position] === STEP)
      found.push(plan.ids[position]!);
  }
  return found;
}

/** 1 by position for the neurons from which some path, through immediate or delayed connections, leads to an output. */
function reachingOutputs(plan: Plan): Uint8Array {
  const { size, starts, delayedStarts, sources } = plan;
  const reachesOutput = new Uint8Array(size);
  // A search backward from the outputs (delayed connections can close loops).
  const stack: number[] = [];
  for (let k = 0; k < plan.outputPositions.length; k++) {
    reachesOutput[plan.outputPositions[k]!] = 1;
    stack.push(plan.outputPositions[k]!);
  }
  while (stack.length > 0) {
    const position = stack.pop()!;
    for (const [from, to] of [
      [starts[position]!, starts[position + 1]!],
      [delayedStarts[position]!, delayedStarts[position + 1]!],
    ] as const) {
      for (let slot = from; slot < to; slot++) {
        const source = sources[slot]!;
        if (reachesOutput[source] === 1) continue;
        reachesOutput[source] = 1;
        stack.push(source);
      }
    }
  }
  return reachesOutput;
}
