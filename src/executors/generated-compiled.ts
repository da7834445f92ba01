/**
 * The generated compiled form
 * ===========================
 *
 * A small feed-forward network, compiled to straight-line JavaScript (generated-code.ts):
 * one function runs a row, or a batch of rows, with the snapshot's weights. It shows the
 * network as the loops would (`kind` 'dense' and its layers for a layered network, 'csr'
 * otherwise) and computes what the scheduler computes, bit for bit. A row that leaves the
 * finite numbers runs again on the plan's loop, only to name the neuron.
 */
import { denseLayersOf, denseModelOf, type DenseLayer } from '../plan/dense-model.js';
import type { Plan } from '../plan/plan.js';
import { CompiledNetwork } from './compiled-network.js';
import type { GeneratedForward, GeneratedRow } from './generated-code.js';
import type { RowUnit } from './input-rows.js';
import { nonFiniteSumError, propagate } from './propagation.js';
import { NeurographError } from '../errors.js';

export class GeneratedCompiledNetwork extends CompiledNetwork {
  readonly kind: 'dense' | 'csr';
  readonly #plan: Plan;
  readonly #forward: GeneratedForward;
  /** `run`'s row over the snapshot's weights (the generated function itself: one call, no closure around it). */
  readonly #row: GeneratedRow;
  /** The snapshot's weights, by plan slot. */
  readonly #weights: Float64Array;
  #scratch = new Float64Array(0);
  #layers: readonly DenseLayer[] | undefined;

  /** `forward` must be `plan`'s (generatedForward); the weights are copied now. */
  constructor(plan: Plan, forward: GeneratedForward) {
    super(plan.inputIds, plan.outputIds);
    this.#weights = plan.weights.slice();
    this.#plan = { ...plan, weights: this.#weights };
    this.#forward = forward;
    this.#row = forward.rowOf(this.#weights);
    const found = denseModelOf(this.#plan);
    this.kind = 'model' in found && found.model.layers.length > 0 ? 'dense' : 'csr';
  }

  override get generated(): boolean {
    return true;
  }

  get layers(): readonly DenseLayer[] {
    if (this.#layers === undefined) {
      const found = denseModelOf(this.#plan);
      this.#layers = 'model' in found ? denseLayersOf(found.model) : [];
    }
    return this.#layers;
  }

  protected override runUnchecked(input: Float64Array, out: Float64Array): boolean {
    // NOTE: the generated row called directly (`run` checked the arrays): the fewest loads per call.
    return this.#row(input, out) === 0;
  }

  protected runRow(row: Float64Array, out: Float64Array, where: string): void {
    if (this.#forward.rows(this.#weights, row, out, 1) >= 0) throw this.#failure(row, 0, where, '');
  }

  protected runRows(rows: Float64Array, count: number, out: Float64Array, where: string, unit: RowUnit): void {
    // Rows go to a scratch buffer first, so that a failing row leaves `out` untouched.
    const length = count * this.outputs.length;
    if (this.#scratch.length < length) this.#scratch = new Float64Array(length);
    const failed = this.#forward.rows(this.#weights, rows, this.#scratch, count);
    if (failed >= 0) throw this.#failure(rows, failed, where, ` in ${unit} ${failed}`);
    out.set(this.#scratch.subarray(0, length));
  }

  /** The error path only: row `row` on the plan's loop, which names the first neuron whose sum is not finite. */
  #failure(rows: Float64Array, row: number, where: string, detail: string): Error {
    const plan = this.#plan;
    const values = new Float64Array(plan.size);
    const positions = plan.inputPositions;
    for (let i = 0; i < positions.length; i++) values[positions[i]!] = rows[row * positions.length + i]!;
    const failed = propagate(plan, values);
    if (failed < 0) {
      // The loops found every sum finite where the generated code did not: they disagree, which is a bug.
      return new NeurographError(
        `${where}: the generated code and the loops disagree${detail}; this is a bug in neurograph.`,
      );
    }
    return nonFiniteSumError(plan.ids[failed]!, where, detail);
  }
}
