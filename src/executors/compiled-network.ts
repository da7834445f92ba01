/**
 * CompiledNetwork
 * ===============
 *
 * A silent, fast snapshot of a network: the same answers as `Network.run`, no events,
 * numbers in and a Float64Array out. `Network.compile()` picks one form once: a small
 * network runs generated code (generated-compiled.ts; with delayed connections or product
 * neurons, generated-over-time-compiled.ts), a layered network dense layers
 * (dense-compiled.ts), any other DAG the CSR plan (csr-compiled.ts, its sums in
 * WebAssembly), and a bigger network with delayed connections or product neurons the CSR
 * plan step by step (csr-over-time-compiled.ts). This class holds what they
 * share: the public surface, time, and the checks of every argument, so each form only
 * computes. The snapshot never changes when the network does: compile again.
 *
 * Time, as in `Network`: each `run()` is one step; `runSequence()` runs consecutive steps
 * (after a reset, unless `{ reset: false }`). A compiled network has its own memory of
 * earlier steps, empty when compiled, whatever the network remembered. `runBatch()` runs
 * independent samples, so a network that remembers refuses it (use `runSequence()`). A
 * call that throws changes nothing: not the memory, not `time`, not `out`.
 */
import { InputError, UsageError } from '../errors.js';
import { describe } from '../format/describe.js';
import { checkOptionNames } from '../format/options.js';
import type { DenseLayer } from '../plan/dense-model.js';
import { checkOut, readRows, resultOf, type RowUnit } from './input-rows.js';

/** `CompiledNetwork.runSequence`'s options, as `Network.runSequence`'s. */
export interface CompiledSequenceOptions {
  /** Forget every earlier step first (time starts at 0 again); defaults to true. */
  readonly reset?: boolean;
}

export type Precision = 'float64' | 'float32';

export interface CompileOptions {
  /**
   * 'float64' (default); 'float32' runs a layered network of sigmoid and identity layers in float32 with
   * WebAssembly SIMD (four lanes), within about 2e-7 of float64 on typical networks; anything else stays float64.
   */
  readonly precision?: Precision;
}

export abstract class CompiledNetwork {
  /** Input ids: the order of `run`'s input and of each batch row or sequence step. */
  readonly inputs: readonly string[];
  /** Output ids: the order of `run`'s result and of each batch row or sequence step. */
  readonly outputs: readonly string[];
  /** 'dense' for a layered network, 'csr' otherwise. */
  abstract readonly kind: 'dense' | 'csr';
  /** The dense layers (a layered network only; empty otherwise): copies, to read. */
  abstract readonly layers: readonly DenseLayer[];

  /**
   * Whether this runs code generated for this network rather than the loops (small networks, where the realm
   * allows `new Function`: feed-forward up to 300 connections + neurons; with delayed connections or product neurons
   * up to 700 connections + neurons + remembered outputs); both give the same results.
   */
  get generated(): boolean {
    return false;
  }

  /**
   * The arithmetic it runs in: 'float64', or 'float32' when `compile({ precision: 'float32' })` was asked
   * for and the network can run so (layered, sigmoid and identity layers, WebAssembly SIMD present).
   */
  get precision(): Precision {
    return 'float64';
  }

  readonly #row: Float64Array;
  /** `inputs.length` and `outputs.length`, as numbers of its own: `run` reads them on every call. */
  readonly #inputCount: number;
  readonly #outputCount: number;
  #rows = new Float64Array(0);
  readonly #rowsOf = (length: number): Float64Array => {
    if (this.#rows.length < length) this.#rows = new Float64Array(length);
    return this.#rows;
  };
  #time = 0;

  /** Use `Network.compile()`. */
  protected constructor(inputs: readonly string[], outputs: readonly string[]) {
    this.inputs = inputs;
    this.outputs = outputs;
    this.#row = new Float64Array(inputs.length);
    this.#inputCount = inputs.length;
    this.#outputCount = outputs.length;
  }

  /** Time steps (`run` calls and `runSequence` steps) since compiling or the last `reset()`; batches are not steps. */
  get time(): number {
    return this.#time;
  }

  /** Forgets every remembered output (delayed connections read 0 again) and starts time at 0. */
  reset(): this {
    this.forget();
    this.#time = 0;
    return this;
  }

  /**
   * One time step: one input vector (in `inputs` order) → the outputs (in `outputs` order).
   * Allocation-free with `out`.
   */
  run(input: ArrayLike<number>, out?: Float64Array): Float64Array {
    const where = 'CompiledNetwork.run';
    // NOTE: the usual call (Float64Arrays of the right lengths, finite inputs, a finite pass) takes `runUnchecked`;
    // anything else takes readRows and checkOut, their checks and their messages. A Proxy of a Float64Array passes
    // instanceof, and its traps would run inside the pass: ArrayBuffer.isView is false for it. The lengths come
    // before instanceof: V8 has checked the arrays' hidden classes to read them, and then knows their prototypes, so
    // instanceof costs nothing (asked first, it walks the prototype chain on every call).
    if (
      ArrayBuffer.isView(input) &&
      ArrayBuffer.isView(out) &&
      input.length === this.#inputCount &&
      out.length === this.#outputCount &&
      input instanceof Float64Array &&
      out instanceof Float64Array &&
      this.runUnchecked(input, out)
    ) {
      this.#time++;
      return out;
    }
    const row = readRows(input, 1, this.inputs, where, this.#row);
    const result = out ?? new Float64Array(this.outputs.length);
    checkOut(result, this.outputs.length, where);
    this.runRow(row, result, where);
    this.#time++;
    return result;
  }

  /**
   * `count` input vectors, row-major (`count × inputs.length`) → their outputs, row-major
   * (`count × outputs.length`). Each row equals `run` on that row, bit for bit; rows are
   * independent samples, not time steps (`time` does not move), so a network with delayed
   * connections refuses a batch: use `runSequence`.
   */
  runBatch(inputs: ArrayLike<number>, count: number, out?: Float64Array): Float64Array {
    const where = 'CompiledNetwork.runBatch';
    this.checkBatch(where);
    checkCount(count, where, 'count', 'rows');
    // A Float64Array is read in place; anything else is copied into a buffer kept for the next batch.
    const rows = readRows(inputs, count, this.inputs, where, this.#rowsOf);
    const length = count * this.outputs.length;
    const result = out ?? resultOf(length, where, 'row');
    checkOut(result, length, where);
    this.runRows(rows, count, result, where, 'row');
    return result;
  }

  /**
   * `steps` input vectors, row-major (`steps × inputs.length`), run as consecutive time steps →
   * each step's outputs, row-major (`steps × outputs.length`). Resets first unless `{ reset: false }`,
   * as `Network.runSequence`. All or nothing: a step that fails leaves memory, `time` and `out` as
   * they were before the call.
   */
  runSequence(
    inputs: ArrayLike<number>,
    steps: number,
    out?: Float64Array,
    options?: CompiledSequenceOptions,
  ): Float64Array {
    const where = 'CompiledNetwork.runSequence';
    checkOptionNames(options, ['reset'], where);
    // Read once: a getter could answer differently the second time.
    const reset = options?.reset ?? true;
    if (typeof reset !== 'boolean') {
      throw new UsageError(`${where}: reset must be true or false, got ${describe(reset)}.`);
    }
    checkCount(steps, where, 'steps', 'time steps');
    const rows = readRows(inputs, steps, this.inputs, where, this.#rowsOf, 'step');
    const length = steps * this.outputs.length;
    const result = out ?? resultOf(length, where, 'step');
    checkOut(result, length, where);
    this.runSteps(rows, steps, result, where, reset);
    this.#time = (reset ? 0 : this.#time) + steps;
    return result;
  }

  /**
   * `run`'s usual call, for Float64Arrays of the right lengths (`run` checked them): computes `input` into `out` and
   * returns true when the input is finite; else returns false, having changed nothing (and `run` asks readRows,
   * checkOut and `runRow`). Throws what `runRow` throws.
   */
  protected runUnchecked(input: Float64Array, out: Float64Array): boolean {
    // NOTE: checked in one pass, as readRows would check it.
    let check = 0;
    for (let i = 0; i < input.length; i++) check += input[i]! * 0;
    if (check !== 0) return false;
    this.runRow(input, out, 'CompiledNetwork.run');
    return true;
  }

  /** Computes one checked row into `out`; throws a NumericError (writing nothing) if it leaves the finite numbers. */
  protected abstract runRow(row: Float64Array, out: Float64Array, where: string): void;

  /**
   * Computes `count` checked, independent rows into `out`; throws a NumericError (writing nothing) if one
   * leaves the finite numbers, naming it as a `unit`.
   */
  protected abstract runRows(rows: Float64Array, count: number, out: Float64Array, where: string, unit: RowUnit): void;

  /**
   * Computes `steps` checked rows as consecutive time steps into `out`, all or nothing. Without memory the
   * steps are independent rows, so this is `runRows`; a form that remembers overrides it.
   */
  protected runSteps(rows: Float64Array, steps: number, out: Float64Array, where: string, _reset: boolean): void {
    this.runRows(rows, steps, out, where, 'step');
  }

  /** Forgets every earlier step; nothing to do for a form without memory. */
  protected forget(): void {}

  /** Throws a UsageError when the form cannot run independent rows; every form can unless it remembers. */
  protected checkBatch(_where: string): void {}
}

function checkCount(count: unknown, where: string, name: string, what: string): asserts count is number {
  if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 0) {
    throw new InputError(
      `${where}: ${name} must be a whole number ≥ 0 (the number of ${what}), got ${describe(count)}.`,
    );
  }
}
