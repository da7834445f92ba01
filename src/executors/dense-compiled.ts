/**
 * The dense compiled form
 * =======================
 *
 * A layered network, compiled: its dense model run by the one dense forward pass —
 * a matrix–vector product per layer for one row, blocked matrix products for a batch.
 */
import { denseLayersOf, type DenseLayer, type DenseModel } from '../plan/dense-model.js';
import { CompiledNetwork, type Precision } from './compiled-network.js';
import { DenseForward } from './dense-forward.js';
import type { RowUnit } from './input-rows.js';
import { numericFailureError } from './numeric-failure.js';
import type { Float32DenseForward } from './wasm-float32.js';

export class DenseCompiledNetwork extends CompiledNetwork {
  readonly kind = 'dense' as const;
  readonly #model: DenseModel;
  /** One row at a time (`run`), and batches (`runBatch`): separate buffers, so neither regrows the other. */
  readonly #single: DenseForward;
  readonly #batch: DenseForward;
  #layers: readonly DenseLayer[] | undefined;
  /** The float32 pass, when asked for and possible: every run goes through it. */
  readonly #float32: Float32DenseForward | null;
  /** The float32 pass writes here first, so that a failing batch leaves `out` untouched. */
  #float32Out = new Float64Array(0);

  /** `model` must be the compiled network's own (its weights are the snapshot). */
  constructor(model: DenseModel, float32: Float32DenseForward | null = null) {
    super(model.inputIds, model.outputIds);
    this.#model = model;
    this.#single = new DenseForward(model, 1, false);
    this.#batch = new DenseForward(model, 0, false);
    this.#float32 = float32;
  }

  override get precision(): Precision {
    return this.#float32 === null ? 'float64' : 'float32';
  }

  #runFloat32(
    float32: Float32DenseForward,
    rows: Float64Array,
    count: number,
    out: Float64Array,
    where: string,
    unit: RowUnit | null,
  ): void {
    const length = count * this.outputs.length;
    if (this.#float32Out.length < length) this.#float32Out = new Float64Array(length);
    const failed = float32.run(rows, count, this.#float32Out);
    if (failed !== null) throw numericFailureError(failed, where, unit === null ? '' : ` in ${unit} ${failed.row}`);
    out.set(this.#float32Out.subarray(0, length));
  }

  get layers(): readonly DenseLayer[] {
    return (this.#layers ??= denseLayersOf(this.#model));
  }

  protected runRow(row: Float64Array, out: Float64Array, where: string): void {
    if (this.#float32 !== null) {
      this.#runFloat32(this.#float32, row, 1, out, where, null);
      return;
    }
    const failed = this.#single.run(row, 1);
    if (failed !== null) throw numericFailureError(failed, where, '');
    const { outputLayer, outputColumn } = this.#model;
    const activations = this.#single.activations;
    for (let k = 0; k < out.length; k++) out[k] = activations[outputLayer[k]!]![outputColumn[k]!]!;
  }

  protected runRows(rows: Float64Array, count: number, out: Float64Array, where: string, unit: RowUnit): void {
    if (this.#float32 !== null) {
      this.#runFloat32(this.#float32, rows, count, out, where, unit);
      return;
    }
    const failed = this.#batch.run(rows, count);
    if (failed !== null) throw numericFailureError(failed, where, ` in ${unit} ${failed.row}`);
    const { outputLayer, outputColumn, layers } = this.#model;
    const activations = this.#batch.activations;
    const outputs = out.length / Math.max(count, 1);
    for (let k = 0; k < outputs; k++) {
      const values = activations[outputLayer[k]!]!;
      const width = layers[outputLayer[k]!]!.to.length;
      const column = outputColumn[k]!;
      for (let s = 0; s < count; s++) out[s * outputs + k] = values[s * width + column]!;
    }
  }
}
