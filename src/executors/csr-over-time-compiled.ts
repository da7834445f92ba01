/**
 * The CSR compiled form over time
 * ===============================
 *
 * A network with delayed connections or product neurons, compiled: a snapshot of the
 * plan (its own copy of the weights) run step by step by compiled-step.ts (the arithmetic
 * of propagation-over-time's silent loop), with its own memory of earlier steps' outputs
 * over that snapshot. Each `run()` is one step; `runSequence()` runs consecutive steps in
 * a second memory and adopts it only when every step succeeded, so a failure leaves the
 * network as it was. Product neurons alone remember nothing: such a network has no memory
 * and runs batches like any DAG.
 */
import { UsageError } from '../errors.js';
import type { DenseLayer } from '../plan/dense-model.js';
import type { Plan } from '../plan/plan.js';
import { CompiledNetwork } from './compiled-network.js';
import type { RowUnit } from './input-rows.js';
import { compiledStep, lookUpPast } from './compiled-step.js';
import { Memory } from './memory.js';
import { nonFiniteSumError } from './propagation.js';
import { propagateStepObserved } from './propagation-over-time.js';

export class CsrOverTimeCompiledNetwork extends CompiledNetwork {
  readonly kind = 'csr' as const;
  readonly layers: readonly DenseLayer[] = [];
  readonly #plan: Plan;
  /** Every neuron's output in the step being computed, by plan position. */
  readonly #values: Float64Array;
  /** Earlier steps' outputs; undefined when no connection is delayed (nothing to remember). */
  #memory: Memory | undefined;
  /** The memory a sequence runs in, adopted when it succeeds (the old one becomes the next spare). */
  #spare: Memory | undefined;
  /** The memory's buffers by delay, looked up once per step (index 0 unused). */
  readonly #past: Float64Array[];
  #scratch = new Float64Array(0);

  constructor(plan: Plan) {
    super(plan.inputIds, plan.outputIds);
    // The weights are the network's now, whatever happens to the network later.
    this.#plan = { ...plan, weights: plan.weights.slice() };
    this.#values = new Float64Array(plan.size);
    this.#past = Array.from({ length: plan.maxDelay + 1 }, () => this.#values);
    if (plan.maxDelay > 0) {
      this.#memory = new Memory(this.#plan);
      this.#spare = new Memory(this.#plan);
    }
  }

  protected override checkBatch(where: string): void {
    if (this.#memory === undefined) return;
    throw new UsageError(
      `${where}: the network has delayed connections, so each run depends on the runs before it and the rows ` +
        'of a batch would not be independent samples. Use runSequence(inputs, steps) to run rows as consecutive ' +
        'time steps, or run() for one step.',
    );
  }

  protected override forget(): void {
    this.#memory?.clear();
  }

  protected runRow(row: Float64Array, out: Float64Array, where: string): void {
    this.#step(this.#memory, row, 0, where, '');
    const { outputPositions } = this.#plan;
    for (let k = 0; k < out.length; k++) out[k] = this.#values[outputPositions[k]!]!;
  }

  /** Independent rows: only for a network without memory (`checkBatch` refuses the others). */
  protected runRows(rows: Float64Array, count: number, out: Float64Array, where: string, unit: RowUnit): void {
    this.#stepAll(undefined, rows, count, out, where, unit);
  }

  protected override runSteps(
    rows: Float64Array,
    steps: number,
    out: Float64Array,
    where: string,
    reset: boolean,
  ): void {
    const memory = this.#memory;
    if (memory === undefined) {
      this.#stepAll(undefined, rows, steps, out, where, 'step');
      return;
    }
    // NOTE: a reset sequence runs in the cleared spare, no copy; one that continues runs in a copy.
    let trial = this.#spare!;
    if (reset) trial.clear();
    else trial = memory.copy();
    this.#stepAll(trial, rows, steps, out, where, 'step');
    this.#memory = trial;
    this.#spare = memory;
  }

  /** `count` rows, one step each, reading and feeding `memory` if given; `out` is written only if all succeed. */
  #stepAll(
    memory: Memory | undefined,
    rows: Float64Array,
    count: number,
    out: Float64Array,
    where: string,
    unit: RowUnit,
  ): void {
    const outputs = this.outputs.length;
    if (this.#scratch.length < count * outputs) this.#scratch = new Float64Array(count * outputs);
    const scratch = this.#scratch;
    const values = this.#values;
    const { outputPositions } = this.#plan;
    const width = this.inputs.length;
    for (let s = 0; s < count; s++) {
      this.#step(memory, rows, s * width, where, ` in ${unit} ${s}`);
      for (let k = 0; k < outputs; k++) scratch[s * outputs + k] = values[outputPositions[k]!]!;
    }
    out.set(scratch.subarray(0, count * outputs));
  }

  /** One step from the row at `offset`; remembers its outputs only if every weighted input was finite. */
  #step(memory: Memory | undefined, rows: Float64Array, offset: number, where: string, detail: string): void {
    const plan = this.#plan;
    const values = this.#values;
    const positions = plan.inputPositions;
    for (let i = 0; i < positions.length; i++) values[positions[i]!] = rows[offset + i]!;
    if (memory !== undefined) lookUpPast(memory, this.#past);
    if (compiledStep(plan, values, this.#past) !== 0) {
      // The error path only: walk again, neuron by neuron, to name the first bad input.
      const failed = propagateStepObserved(plan, values, memory, () => {});
      if (failed >= 0) throw nonFiniteSumError(plan.ids[failed]!, where, detail);
    }
    memory?.remember(values);
  }
}
