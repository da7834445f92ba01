/**
 * The CSR compiled form
 * =====================
 *
 * Any DAG of summing neurons, compiled: a snapshot of the plan (its own copy of the
 * weights) run one row at a time by the CSR pass in WebAssembly (csr-wasm.ts), or where
 * WebAssembly cannot run, by propagation's silent loop; both give the same values bit for
 * bit. It remembers nothing (csr-over-time-compiled.ts is the form with memory).
 */
import type { DenseLayer } from '../plan/dense-model.js';
import type { Plan } from '../plan/plan.js';
import { CompiledNetwork } from './compiled-network.js';
import { CsrWasmPass } from './csr-wasm.js';
import type { RowUnit } from './input-rows.js';
import { nonFiniteSumError, propagate } from './propagation.js';

/** One pass over a snapshot: `values` by plan position (inputs written there first); returns -1 or the failing position. */
interface CsrPass {
  readonly values: Float64Array;
  run(): number;
}

export class CsrCompiledNetwork extends CompiledNetwork {
  readonly kind = 'csr' as const;
  readonly layers: readonly DenseLayer[] = [];
  readonly #ids: readonly string[];
  readonly #inputPositions: Int32Array;
  readonly #outputPositions: Int32Array;
  readonly #pass: CsrPass;
  #scratch = new Float64Array(0);

  constructor(plan: Plan) {
    super(plan.inputIds, plan.outputIds);
    this.#ids = plan.ids;
    this.#inputPositions = plan.inputPositions;
    this.#outputPositions = plan.outputPositions;
    // The weights are the network's now, whatever happens to the network later (each pass copies them).
    this.#pass = CsrWasmPass.create(plan) ?? javaScriptPass(plan);
  }

  /** Whether the pass runs in WebAssembly (false where it cannot: then the JavaScript loop, with the same results). */
  get wasm(): boolean {
    return this.#pass instanceof CsrWasmPass;
  }

  protected runRow(row: Float64Array, out: Float64Array, where: string): void {
    this.#propagate(row, 0, where, '');
    const values = this.#pass.values;
    const outputPositions = this.#outputPositions;
    for (let k = 0; k < out.length; k++) out[k] = values[outputPositions[k]!]!;
  }

  protected runRows(rows: Float64Array, count: number, out: Float64Array, where: string, unit: RowUnit): void {
    // Rows go to a scratch buffer first, so that a failing row leaves `out` untouched.
    const outputs = this.outputs.length;
    if (this.#scratch.length < count * outputs) this.#scratch = new Float64Array(count * outputs);
    const scratch = this.#scratch;
    const values = this.#pass.values;
    const outputPositions = this.#outputPositions;
    for (let s = 0; s < count; s++) {
      this.#propagate(rows, s * this.inputs.length, where, ` in ${unit} ${s}`);
      for (let k = 0; k < outputs; k++) scratch[s * outputs + k] = values[outputPositions[k]!]!;
    }
    out.set(scratch.subarray(0, count * outputs));
  }

  #propagate(rows: Float64Array, offset: number, where: string, detail: string): void {
    const values = this.#pass.values;
    const positions = this.#inputPositions;
    for (let i = 0; i < positions.length; i++) values[positions[i]!] = rows[offset + i]!;
    const failed = this.#pass.run();
    if (failed >= 0) throw nonFiniteSumError(this.#ids[failed]!, where, detail);
  }
}

/** propagation.ts's loop over a copy of the plan's weights. */
function javaScriptPass(source: Plan): CsrPass {
  const plan: Plan = { ...source, weights: source.weights.slice() };
  const values = new Float64Array(plan.size);
  return { values, run: () => propagate(plan, values) };
}
