/**
 * Backpropagation through time
 * ============================
 *
 * backprop.ts's reverse walk, unrolled over the steps of a sequence (Werbos 1990,
 * "Backpropagation through time: what it does and how to do it"). The forward pass runs
 * the steps with the one step executor (propagation-over-time.ts) from a cleared
 * memory and keeps every step's outputs and inputs (weighted sums, or products) by
 * plan position; the backward pass walks the steps in reverse and, within a step, the
 * topological order in reverse, as `backward` does. A delayed connection of delay d
 * that reads step t − d feeds its delta into its source's delta at step t − d, which
 * is visited later in the walk; steps before the first read zeros (the reset memory),
 * so nothing flows into them.
 *
 * Product neurons: input = Π of the factors weight × source over all incoming
 * connections; the input's derivative with respect to one factor is the product of the
 * others, taken from prefix and suffix products (no division, so a zero factor works).
 *
 * Truncation (`truncate: k`): the error of an output at step t flows back through steps
 * t − k + 1 … t only (Williams & Peng 1990's BPTT(h) with h = k, each output with its own
 * window). It is the exact gradient of that output's loss with everything before step
 * t − k + 1 held fixed: a delayed connection reading an earlier step still gets its
 * gradient (weight × a fixed value), but no delta goes to that step. With k ≥ the
 * sequence's length, it is full backpropagation through time.
 *
 * Connections with `trainable: false` get gradients here like any other; the caller
 * zeroes them (gradient-path.ts), so the optimizer never moves them.
 */
import { activationDerivative, SOFTMAX } from '../activations.js';
import type { NumericFailure } from '../executors/numeric-failure.js';
import { Memory } from '../executors/memory.js';
import { propagateStepSilently } from '../executors/propagation-over-time.js';
import { BIAS, INPUT } from '../graph/neuron.js';
import type { Plan } from '../plan/plan.js';
import { seedOutputsOf, type LossFunctions } from './backprop.js';
import { SoftmaxDeltas } from './softmax-deltas.js';
import type { SampleBlock } from './samples.js';

/** What one sequence's forward pass leaves for its backward pass: per step, by plan position. */
export class SequenceBuffers {
  readonly size: number;
  /** Each step's outputs, sums and deltas (d loss / d output): views of one array each, row t for step t. */
  readonly values: readonly Float64Array[];
  readonly sums: readonly Float64Array[];
  readonly deltas: readonly Float64Array[];
  /** Outputs of earlier steps, for the forward pass's delayed connections. */
  readonly memory: Memory;
  /** Room for one product neuron's suffix products. */
  readonly #suffix: Float64Array;
  /** The softmax group's seeding (empty without one). */
  readonly #softmax: SoftmaxDeltas;

  /** Buffers for `plan` and sequences of up to `capacity` steps. */
  constructor(plan: Plan, capacity: number) {
    const size = plan.size;
    this.size = size;
    // NOTE: one array per quantity and a view per step, made once: the passes allocate nothing.
    const rows = (all: Float64Array) =>
      Array.from({ length: capacity }, (_, t) => all.subarray(t * size, (t + 1) * size));
    this.values = rows(new Float64Array(capacity * size));
    this.sums = rows(new Float64Array(capacity * size));
    this.deltas = rows(new Float64Array(capacity * size));
    this.memory = new Memory(plan);
    let widest = 0;
    for (let p = 0; p < size; p++) {
      const fanIn = plan.starts[p + 1]! - plan.starts[p]! + plan.delayedStarts[p + 1]! - plan.delayedStarts[p]!;
      if (fanIn > widest) widest = fanIn;
    }
    this.#suffix = new Float64Array(widest);
    this.#softmax = new SoftmaxDeltas(plan);
  }

  /** Clears the memory before a sequence. */
  clearMemory(): void {
    this.memory.clear();
  }

  /**
   * Runs step t of sample `sample` (its row `row` of the block), with `plan.weights`, after steps 0 … t − 1.
   * Returns 0 when every sum and output is finite, NaN otherwise (`firstNonFiniteAt` says where).
   */
  forwardStep(plan: Plan, block: SampleBlock, row: number, t: number): number {
    const values = this.values[t]!;
    const { inputPositions } = plan;
    const offset = row * block.inputWidth;
    for (let i = 0; i < inputPositions.length; i++) values[inputPositions[i]!] = block.inputs[offset + i]!;
    const check = propagateStepSilently(plan, values, this.memory, this.sums[t]!);
    this.memory.remember(values);
    return check;
  }

  /** After a step that was not finite: the first neuron, in order, whose input or output is not. */
  firstNonFiniteAt(plan: Plan, t: number): NumericFailure {
    const sums = this.sums[t]!;
    const values = this.values[t]!;
    for (let position = 0; position < plan.size; position++) {
      const role = plan.roles[position];
      if (role === INPUT || role === BIAS) continue;
      if (!Number.isFinite(sums[position]!)) return { neuron: plan.ids[position]!, value: 'sum' };
      if (!Number.isFinite(values[position]!)) return { neuron: plan.ids[position]!, value: 'output' };
    }
    return { neuron: plan.ids[plan.size - 1] ?? '', value: 'output' };
  }

  /**
   * Step t's loss against the targets of `row` (summed over outputs); with `scale` ≠ 0, also seeds each
   * output's delta at step t with `scale` × d loss / d output.
   */
  seedStep(plan: Plan, loss: LossFunctions, block: SampleBlock, row: number, t: number, scale: number): number {
    const offset = row * block.outputWidth;
    return seedOutputsOf(plan, this.values[t]!, this.deltas[t]!, this.#softmax, loss, block.targets, offset, scale);
  }

  /**
   * The backward pass of step t: every neuron's delta at step t is complete (later steps and later
   * neurons have been walked). Adds each connection's d loss / d weight to `gradients` (by slot),
   * passes deltas to sources at step t and, through delayed connections, at steps `floor` … t − 1
   * (none to earlier ones), and leaves step t's deltas zero.
   */
  backwardStep(plan: Plan, t: number, floor: number, gradients: Float64Array): void {
    const { starts, delayedStarts, sources, weights, delays, products, activationCodes, activationParameters } = plan;
    const values = this.values;
    const now = values[t]!;
    const sums = this.sums[t]!;
    const deltas = this.deltas;
    const here = deltas[t]!;
    for (let position = plan.size - 1; position >= 0; position--) {
      const delta = here[position]!;
      // NOTE: neurons off every path to an output keep a zero delta: skip them.
      if (delta === 0) continue;
      here[position] = 0;
      const start = starts[position]!;
      const end = starts[position + 1]!;
      const delayedStart = delayedStarts[position]!;
      const delayedEnd = delayedStarts[position + 1]!;
      if (start === end && delayedStart === delayedEnd) continue; // an input, the bias, or nothing comes in
      // A softmax output's delta already is its logit's (softmax-deltas.ts).
      const code = activationCodes[position]!;
      const local =
        code === SOFTMAX
          ? delta
          : delta * activationDerivative(code, sums[position]!, now[position]!, activationParameters[position]!);
      if (products[position] === 1) {
        this.#productBackward(plan, position, t, floor, local, gradients);
        continue;
      }
      for (let slot = start; slot < end; slot++) {
        const source = sources[slot]!;
        gradients[slot]! += local * now[source]!;
        here[source]! += local * weights[slot]!;
      }
      for (let slot = delayedStart; slot < delayedEnd; slot++) {
        const earlier = t - delays[slot]!;
        if (earlier < 0) continue; // read the reset memory: a constant 0
        const source = sources[slot]!;
        gradients[slot]! += local * values[earlier]![source]!;
        if (earlier >= floor) deltas[earlier]![source]! += local * weights[slot]!;
      }
    }
  }

  /** A product neuron's share of `backwardStep`: each factor's gradient is `local` × the other factors. */
  #productBackward(plan: Plan, position: number, t: number, floor: number, local: number, gradients: Float64Array) {
    const { starts, delayedStarts, sources, weights } = plan;
    const start = starts[position]!;
    const immediate = starts[position + 1]! - start;
    const delayedStart = delayedStarts[position]! - immediate; // so that slot = delayedStart + j for j ≥ immediate
    const n = immediate + delayedStarts[position + 1]! - delayedStarts[position]!;
    const suffix = this.#suffix;
    // Factor j is weights[slot] × its source's value, slots in order (immediate, then delayed).
    // suffix[j] = Π of the factors after j.
    let running = 1;
    for (let j = n - 1; j >= 0; j--) {
      suffix[j] = running;
      const slot = j < immediate ? start + j : delayedStart + j;
      running *= weights[slot]! * this.#sourceValue(plan, slot, t);
    }
    let prefix = 1;
    for (let j = 0; j < n; j++) {
      const slot = j < immediate ? start + j : delayedStart + j;
      const others = prefix * suffix[j]!;
      const x = this.#sourceValue(plan, slot, t);
      const w = weights[slot]!;
      gradients[slot]! += local * others * x;
      const step = t - plan.delays[slot]!;
      if (step >= floor && step >= 0) this.deltas[step]![sources[slot]!]! += local * others * w;
      prefix *= w * x;
    }
  }

  /** What slot `slot` read at step t: its source's output at step t − its delay (0 before the first step). */
  #sourceValue(plan: Plan, slot: number, t: number): number {
    const step = t - plan.delays[slot]!;
    return step < 0 ? 0 : this.values[step]![plan.sources[slot]!]!;
  }
}
