/**
 * The CSR compiled form over time
 * ===============================
 *
 * A network with delayed connections or product neurons, compiled, where generated code does
 * not take it (generated-over-time.ts: too big, or `new Function` forbidden): a snapshot of the
 * plan (its own copy of the weights) run step by step by compiled-step.ts (the arithmetic
 * of propagation-over-time's silent loop), with its own memory of earlier steps' outputs
 * over that snapshot. Each `run()` is one step; `runSequence()` runs consecutive steps in
 * a second memory and adopts it only when every step succeeded, so a failure leaves the
 * network as it was. Product neurons alone remember nothing: such a network has no memory
 * and runs batches like any DAG.
 *
 * Delays up to PROGRAM_MAX_DELAY (Elman, LSTM) run on step-program.ts's layout instead: its own
 * internal order and one buffer holding this step and the remembered ones (the memory then
 * holds outputs by internal position, and between steps lives in the buffer's back part, written
 * back only when something else reads it). A failing step is walked again in the plan's own
 * order, so the error names the same neuron as the scheduler's.
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
import { buildStepProgram, fitsStepProgram, rememberStep, runStepProgram, type StepProgram } from './step-program.js';

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
  /** The program for short delays and its buffer (this step, then each earlier step). */
  readonly #program: StepProgram | undefined;
  readonly #buffer: Float64Array;
  /** Where run() reads each output: the program's buffer or `#values`, by output. */
  readonly #results: Float64Array;
  readonly #resultPositions: Int32Array;
  /**
   * The memory whose remembered steps the program's buffer holds behind this step, newer than its own
   * buffers (which are brought up to date by `#flush` before anything else reads them); undefined if none.
   */
  #mirrored: Memory | undefined;

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
    this.#program = fitsStepProgram(plan) ? buildStepProgram(this.#plan) : undefined;
    // NOTE: the Memory only needs the plan's size and depth, so it holds the program's positions as well.
    this.#buffer = new Float64Array(this.#program === undefined ? 0 : plan.size * (plan.maxDelay + 1));
    this.#results = this.#program === undefined ? this.#values : this.#buffer;
    this.#resultPositions = this.#program?.outputPositions ?? plan.outputPositions;
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
    this.#mirrored = undefined;
    this.#memory?.clear();
  }

  protected runRow(row: Float64Array, out: Float64Array, where: string): void {
    const program = this.#program;
    const memory = this.#memory;
    // NOTE: the usual step of a program whose memory is already in its buffer, in one place: W5's step is about a
    // microsecond, and going through #step and #programStep cost a few percent of it. A step that fails (and any
    // other case) takes #step, which computes it again and names the failure.
    if (program !== undefined && memory !== undefined && memory === this.#mirrored) {
      const buffer = this.#buffer;
      const inputs = program.inputPositions;
      for (let i = 0; i < inputs.length; i++) buffer[inputs[i]!] = row[i]!;
      if (runStepProgram(program, buffer) === 0) {
        rememberStep(program, buffer);
        const positions = program.outputPositions;
        for (let k = 0; k < out.length; k++) out[k] = buffer[positions[k]!]!;
        return;
      }
    }
    this.#step(memory, row, 0, where, '');
    const results = this.#results;
    const positions = this.#resultPositions;
    for (let k = 0; k < out.length; k++) out[k] = results[positions[k]!]!;
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
    this.#flush();
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
    const results = this.#results;
    const positions = this.#resultPositions;
    const width = this.inputs.length;
    for (let s = 0; s < count; s++) {
      this.#step(memory, rows, s * width, where, ` in ${unit} ${s}`);
      for (let k = 0; k < outputs; k++) scratch[s * outputs + k] = results[positions[k]!]!;
    }
    out.set(scratch.subarray(0, count * outputs));
  }

  /** One step from the row at `offset`; remembers its outputs only if every weighted input was finite. */
  #step(memory: Memory | undefined, rows: Float64Array, offset: number, where: string, detail: string): void {
    const program = this.#program;
    if (program !== undefined) {
      this.#programStep(program, memory, rows, offset, where, detail);
      return;
    }
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

  /**
   * `#step` on the program: the remembered steps are behind this one in the buffer, and this one is remembered
   * by moving the buffer's steps one step back (`rememberStep`: only the outputs delayed connections read).
   * NOTE: the memory is the buffer's back part while it is mirrored, so a step costs one move of the remembered
   * steps instead of copying them in and this step out; `memory` is loaded only when it is not the mirrored one.
   */
  #programStep(
    program: StepProgram,
    memory: Memory | undefined,
    rows: Float64Array,
    offset: number,
    where: string,
    detail: string,
  ): void {
    const buffer = this.#buffer;
    const { size, inputPositions } = program;
    for (let i = 0; i < inputPositions.length; i++) buffer[inputPositions[i]!] = rows[offset + i]!;
    if (memory !== undefined && memory !== this.#mirrored) {
      this.#flush();
      for (let d = 1; d <= program.maxDelay; d++) buffer.set(memory.earlier(d), d * size);
      this.#mirrored = memory;
    }
    if (runStepProgram(program, buffer) !== 0) {
      this.#flush();
      this.#failed(program, memory, rows, offset, where, detail);
      this.#mirrored = memory;
    }
    if (memory !== undefined) rememberStep(program, buffer);
  }

  /** Writes the buffer's remembered steps back into the mirrored memory, which is then mirrored no more. */
  #flush(): void {
    const memory = this.#mirrored;
    if (memory === undefined) return;
    const size = this.#plan.size;
    // Oldest first, so that the last one remembered is one step ago.
    for (let d = memory.depth; d >= 1; d--) memory.remember(this.#buffer.subarray(d * size, (d + 1) * size));
    this.#mirrored = undefined;
  }

  /** The error path only: the step again in the plan's own order, to name the first bad input as the scheduler does. */
  #failed(
    program: StepProgram,
    memory: Memory | undefined,
    rows: Float64Array,
    offset: number,
    where: string,
    detail: string,
  ): void {
    const plan = this.#plan;
    const { size, internalOf } = program;
    const values = new Float64Array(size);
    for (let i = 0; i < plan.inputPositions.length; i++) values[plan.inputPositions[i]!] = rows[offset + i]!;
    let inPlanOrder: Memory | undefined;
    if (memory !== undefined) {
      inPlanOrder = new Memory(plan);
      // Oldest first, so that the last one remembered is one step ago.
      for (let d = plan.maxDelay; d >= 1; d--) {
        const earlier = memory.earlier(d);
        inPlanOrder.remember(Float64Array.from(internalOf, (q) => earlier[q]!));
      }
    }
    const failed = propagateStepObserved(plan, values, inPlanOrder, () => {});
    if (failed >= 0) throw nonFiniteSumError(plan.ids[failed]!, where, detail);
  }
}
