/**
 * The generated compiled form over time
 * =====================================
 *
 * A small network with delayed connections or product neurons, compiled to one generated
 * function per step (generated-over-time.ts) with the snapshot's weights and its own carried
 * state: `run()` is one step; `runSequence()` runs its steps on a second state and adopts it
 * only when every step succeeded, so a failure leaves the network as it was. A network of
 * product neurons without delays carries nothing and runs batches like any DAG. A step that
 * leaves the finite numbers runs again on the plan's own walk, only to name the neuron.
 *
 * W5 (an LSTM 6 → 7 → 6, one step): about 0.8× the tight hand-written loop's time once V8 has
 * optimized the step (`node --import tsx bench/lstm-paired.ts`); the step program took ~1.28×.
 */
import { UsageError } from '../errors.js';
import type { DenseLayer } from '../plan/dense-model.js';
import type { Plan } from '../plan/plan.js';
import { CompiledNetwork } from './compiled-network.js';
import type { GeneratedOverTime, GeneratedStepFunction, StateLayout } from './generated-over-time.js';
import type { RowUnit } from './input-rows.js';
import { Memory } from './memory.js';
import { nonFiniteSumError } from './propagation.js';
import { propagateStepObserved } from './propagation-over-time.js';
import { NeurographError } from '../errors.js';

export class GeneratedOverTimeCompiledNetwork extends CompiledNetwork {
  readonly kind = 'csr' as const;
  readonly layers: readonly DenseLayer[] = [];
  readonly #plan: Plan;
  readonly #step: GeneratedStepFunction;
  readonly #layout: StateLayout;
  /** The snapshot's weights, by plan slot. */
  readonly #weights: Float64Array;
  /** The carried state (see generated-over-time.ts), and the one a sequence runs on. */
  #state: Float64Array;
  #spare: Float64Array;
  #scratch = new Float64Array(0);

  /** `generated` must be `plan`'s (generatedOverTime); the weights are copied now. */
  constructor(plan: Plan, generated: GeneratedOverTime) {
    super(plan.inputIds, plan.outputIds);
    this.#weights = plan.weights.slice();
    this.#plan = { ...plan, weights: this.#weights };
    this.#step = generated.step;
    this.#layout = generated.layout;
    this.#state = new Float64Array(this.#layout.length);
    this.#spare = new Float64Array(this.#layout.length);
  }

  override get generated(): boolean {
    return true;
  }

  protected override checkBatch(where: string): void {
    if (this.#plan.maxDelay === 0) return;
    throw new UsageError(
      `${where}: the network has delayed connections, so each run depends on the runs before it and the rows ` +
        'of a batch would not be independent samples. Use runSequence(inputs, steps) to run rows as consecutive ' +
        'time steps, or run() for one step.',
    );
  }

  protected override forget(): void {
    this.#state.fill(0);
  }

  protected override runUnchecked(input: Float64Array, out: Float64Array): boolean {
    // NOTE: `run` has checked both lengths; the generated step checks the inputs in the same balanced sum as its
    // weighted inputs.
    return this.#step(this.#weights, this.#state, input, 0, out, 0) === 0;
  }

  protected runRow(row: Float64Array, out: Float64Array, where: string): void {
    if (this.#step(this.#weights, this.#state, row, 0, out, 0) !== 0)
      throw this.#failure(this.#state, row, 0, where, '');
  }

  /** Independent rows: only for a network without memory (`checkBatch` refuses the others). */
  protected runRows(rows: Float64Array, count: number, out: Float64Array, where: string, unit: RowUnit): void {
    this.#stepAll(this.#state, rows, count, out, where, unit);
  }

  protected override runSteps(
    rows: Float64Array,
    steps: number,
    out: Float64Array,
    where: string,
    reset: boolean,
  ): void {
    // NOTE: a reset sequence runs on the cleared spare, one that continues on a copy of the state.
    const trial = this.#spare;
    if (reset) trial.fill(0);
    else trial.set(this.#state);
    this.#stepAll(trial, rows, steps, out, where, 'step');
    this.#spare = this.#state;
    this.#state = trial;
  }

  /** `count` rows, one step each, carrying `state`; `out` is written only if all succeed. */
  #stepAll(
    state: Float64Array,
    rows: Float64Array,
    count: number,
    out: Float64Array,
    where: string,
    unit: RowUnit,
  ): void {
    const outputs = this.outputs.length;
    const width = this.inputs.length;
    if (this.#scratch.length < count * outputs) this.#scratch = new Float64Array(count * outputs);
    const scratch = this.#scratch;
    const step = this.#step;
    const weights = this.#weights;
    for (let s = 0; s < count; s++) {
      if (step(weights, state, rows, s * width, scratch, s * outputs) !== 0) {
        throw this.#failure(state, rows, s * width, where, ` in ${unit} ${s}`);
      }
    }
    out.set(scratch.subarray(0, count * outputs));
  }

  /** The error path only: the step on the plan's own walk, from `state`, which names the first bad neuron. */
  #failure(state: Float64Array, rows: Float64Array, offset: number, where: string, detail: string): Error {
    const plan = this.#plan;
    const values = new Float64Array(plan.size);
    const positions = plan.inputPositions;
    for (let i = 0; i < positions.length; i++) values[positions[i]!] = rows[offset + i]!;
    let memory: Memory | undefined;
    if (plan.maxDelay > 0) {
      memory = new Memory(plan);
      const { offsets, depths } = this.#layout;
      // Oldest first, so that the last one remembered is one step ago; outputs no delayed connection reads stay 0.
      for (let d = plan.maxDelay; d >= 1; d--) {
        memory.remember(Float64Array.from(offsets, (at, p) => (d <= depths[p]! ? state[at + d - 1]! : 0)));
      }
    }
    const failed = propagateStepObserved(plan, values, memory, () => {});
    if (failed < 0) {
      // The loops found every sum finite where the generated code did not: they disagree, which is a bug.
      return new NeurographError(
        `${where}: the generated code and the loops disagree${detail}; this is a bug in neurograph.`,
      );
    }
    return nonFiniteSumError(plan.ids[failed]!, where, detail);
  }
}
