/**
 * CompiledNetwork
 * ===============
 *
 * A silent, fast snapshot of a network: the same answers as `Network.run`, no events,
 * numbers in and a Float64Array out. `Network.compile()` picks one of two forms once:
 * a layered network runs as dense layers (dense-compiled.ts), any other DAG on the
 * CSR plan (csr-compiled.ts). This class holds what both share: the public surface
 * and the checks of every argument, so each form only computes. The snapshot never
 * changes when the network does: compile again.
 */
import { InputError } from '../errors.js';
import { describe } from '../format/describe.js';
import type { DenseLayer } from '../plan/dense-model.js';
import { checkOut, readRows } from './input-rows.js';

export abstract class CompiledNetwork {
  /** Input ids: the order of `run`'s input and of each batch row. */
  readonly inputs: readonly string[];
  /** Output ids: the order of `run`'s result and of each batch row. */
  readonly outputs: readonly string[];
  /** 'dense' for a layered network, 'csr' otherwise. */
  abstract readonly kind: 'dense' | 'csr';
  /** The dense layers (a layered network only; empty otherwise): copies, to read. */
  abstract readonly layers: readonly DenseLayer[];

  readonly #row: Float64Array;
  #rows = new Float64Array(0);

  /** Use `Network.compile()`. */
  protected constructor(inputs: readonly string[], outputs: readonly string[]) {
    this.inputs = inputs;
    this.outputs = outputs;
    this.#row = new Float64Array(inputs.length);
  }

  /** One input vector (in `inputs` order) → the outputs (in `outputs` order). Allocation-free with `out`. */
  run(input: ArrayLike<number>, out?: Float64Array): Float64Array {
    const where = 'CompiledNetwork.run';
    const row = readRows(input, 1, this.inputs, where, this.#row);
    const result = out ?? new Float64Array(this.outputs.length);
    checkOut(result, this.outputs.length, where);
    this.runRow(row, result, where);
    return result;
  }

  /**
   * `count` input vectors, row-major (`count × inputs.length`) → their outputs, row-major
   * (`count × outputs.length`). Each row equals `run` on that row, bit for bit.
   */
  runBatch(inputs: ArrayLike<number>, count: number, out?: Float64Array): Float64Array {
    const where = 'CompiledNetwork.runBatch';
    if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 0) {
      throw new InputError(`${where}: count must be a whole number ≥ 0 (the number of rows), got ${describe(count)}.`);
    }
    // A Float64Array is read in place; anything else is copied into a buffer kept for the next batch.
    const buffer = inputs instanceof Float64Array ? this.#row : this.#rowsOf(count * this.inputs.length);
    const rows = readRows(inputs, count, this.inputs, where, buffer);
    const result = out ?? new Float64Array(count * this.outputs.length);
    checkOut(result, count * this.outputs.length, where);
    this.runRows(rows, count, result, where);
    return result;
  }

  /** Computes one checked row into `out`; throws a NumericError (writing nothing) if it leaves the finite numbers. */
  protected abstract runRow(row: Float64Array, out: Float64Array, where: string): void;

  /**
   * Computes `count` checked rows into `out`; throws a NumericError (writing nothing) if one leaves the finite
   * numbers.
   */
  protected abstract runRows(rows: Float64Array, count: number, out: Float64Array, where: string): void;

  #rowsOf(length: number): Float64Array {
    if (this.#rows.length < length) this.#rows = new Float64Array(length);
    return this.#rows;
  }
}
