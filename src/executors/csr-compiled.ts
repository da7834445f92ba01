/**
 * The CSR compiled form
 * =====================
 *
 * Any DAG of summing neurons, compiled: a snapshot of the plan (its own copy of the
 * weights) run by propagation's silent loop, one row at a time. It remembers nothing
 * (csr-over-time-compiled.ts is the form with memory).
 */
import type { DenseLayer } from '../plan/dense-model.js';
import type { Plan } from '../plan/plan.js';
import { CompiledNetwork } from './compiled-network.js';
import type { RowUnit } from './input-rows.js';
import { nonFiniteSumError, propagate } from './propagation.js';

export class CsrCompiledNetwork extends CompiledNetwork {
  readonly kind = 'csr' as const;
  readonly layers: readonly DenseLayer[] = [];
  readonly #plan: Plan;
  /** Every neuron's output, by plan position. */
  readonly #values: Float64Array;
  #scratch = new Float64Array(0);

  constructor(plan: Plan) {
    super(plan.inputIds, plan.outputIds);
    // The weights are the network's now, whatever happens to the network later.
    this.#plan = { ...plan, weights: plan.weights.slice() };
    this.#values = new Float64Array(plan.size);
  }

  protected runRow(row: Float64Array, out: Float64Array, where: string): void {
    this.#propagate(row, 0, where, '');
    const { outputPositions } = this.#plan;
    for (let k = 0; k < out.length; k++) out[k] = this.#values[outputPositions[k]!]!;
  }

  protected runRows(rows: Float64Array, count: number, out: Float64Array, where: string, unit: RowUnit): void {
    // Rows go to a scratch buffer first, so that a failing row leaves `out` untouched.
    const outputs = this.outputs.length;
    if (this.#scratch.length < count * outputs) this.#scratch = new Float64Array(count * outputs);
    const scratch = this.#scratch;
    const { outputPositions } = this.#plan;
    for (let s = 0; s < count; s++) {
      this.#propagate(rows, s * this.inputs.length, where, ` in ${unit} ${s}`);
      for (let k = 0; k < outputs; k++) scratch[s * outputs + k] = this.#values[outputPositions[k]!]!;
    }
    out.set(scratch.subarray(0, count * outputs));
  }

  #propagate(rows: Float64Array, offset: number, where: string, detail: string): void {
    const plan = this.#plan;
    const values = this.#values;
    const positions = plan.inputPositions;
    for (let i = 0; i < positions.length; i++) values[positions[i]!] = rows[offset + i]!;
    const failed = propagate(plan, values);
    if (failed >= 0) throw nonFiniteSumError(plan.ids[failed]!, where, detail);
  }
}
