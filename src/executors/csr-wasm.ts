/**
 * The CSR pass in WebAssembly
 * ===========================
 *
 * propagation.ts's silent loop over a plan's segments, with each segment's weighted sums
 * in WebAssembly (src/executors/wasm/csr.wat, its bytes wasm-csr-module.generated.ts): the
 * same operations in the same order, so the values are the JavaScript loop's bit for bit.
 * The activations run in JavaScript (`activateRange`), on a view of the module's memory.
 * NOTE: on random DAGs of 1,000 to 50,000 neurons the pass takes 0.3–0.65 of the time of the
 * tight level-by-level JavaScript loop (bench/peers/hand-written.ts; dense to sparse fan-in,
 * about 0.5 at W4's fan-in of 10, paired in one process, CPU time): that loop pays a bounds
 * check on each of a connection's three loads, and one add chain at a time. Summing three or
 * four neurons at a time measured no better than two; the exp of the sigmoid is now about half
 * of what is left.
 *
 * The module is compiled once, synchronously, the first time a pass asks for it (a few
 * hundred bytes); without WebAssembly, or where compiling is forbidden (a Content-Security-Policy
 * without 'wasm-unsafe-eval'), `csrWasm()` is null, decided once, and the CSR form keeps
 * the JavaScript loop. Each pass has its own memory, laid out once for its plan.
 */
import { activateRange } from '../activations.js';
import type { Plan } from '../plan/plan.js';
import { CSR_WASM_BASE64 } from './wasm-csr-module.generated.js';
import { compileEmbedded, instantiate, type WasmModule } from './wasm-loader.js';

interface CsrExports {
  sums(start: number, end: number, values: number, starts: number, sources: number, weights: number): number;
}

let detected: WasmModule | null | undefined;

/** The compiled CSR module, or null where WebAssembly cannot run here (decided once). */
export function csrWasm(): WasmModule | null {
  if (detected === undefined) detected = compileEmbedded(CSR_WASM_BASE64);
  return detected;
}

/** Forgets what `csrWasm` decided (tests stub `WebAssembly` and ask again). */
export function forgetCsrWasm(): void {
  detected = undefined;
}

/**
 * A feed-forward plan of sums laid out in one WebAssembly memory (its own copy of the weights):
 * values by position, then the weights, the CSR starts and the sources.
 */
export class CsrWasmPass {
  /** Every neuron's output by plan position, in the module's memory: inputs go here before `run`. */
  readonly values: Float64Array;
  readonly #kernels: CsrExports;
  readonly #starts: number;
  readonly #sources: number;
  readonly #weights: number;
  readonly #segmentStarts: Int32Array;
  readonly #segmentEnds: Int32Array;
  readonly #codes: Uint8Array;
  readonly #parameters: Float64Array;

  /** The pass for `plan` (feed-forward sums only), or null where WebAssembly or the memory cannot be had. */
  static create(plan: Plan): CsrWasmPass | null {
    const module = csrWasm();
    if (module === null) return null;
    const slots = plan.starts[plan.size]!;
    const weights = plan.size * 8;
    const starts = weights + slots * 8;
    const sources = starts + (plan.size + 1) * 4;
    const end = sources + slots * 4;
    const instance = instantiate<CsrExports>(module, end);
    if (instance === null) return null;
    return new CsrWasmPass(plan, instance.memory.buffer, instance.exports, starts, sources, weights);
  }

  private constructor(
    plan: Plan,
    buffer: ArrayBuffer,
    kernels: CsrExports,
    starts: number,
    sources: number,
    weights: number,
  ) {
    const slots = plan.starts[plan.size]!;
    this.#kernels = kernels;
    this.#starts = starts;
    this.#sources = sources;
    this.#weights = weights;
    this.values = new Float64Array(buffer, 0, plan.size);
    new Float64Array(buffer, weights, slots).set(plan.weights.subarray(0, slots));
    new Int32Array(buffer, starts, plan.size + 1).set(plan.starts);
    new Int32Array(buffer, sources, slots).set(plan.sources.subarray(0, slots));
    // Bias neurons are never written by a pass: their 1 stays.
    for (let k = 0; k < plan.biasPositions.length; k++) this.values[plan.biasPositions[k]!] = 1;
    this.#segmentStarts = plan.segmentStarts;
    this.#segmentEnds = plan.segmentEnds;
    this.#codes = Uint8Array.from(plan.segmentStarts, (start) => plan.activationCodes[start]!);
    this.#parameters = Float64Array.from(plan.segmentStarts, (start) => plan.activationParameters[start]!);
  }

  /**
   * Computes every neuron's output from the inputs already in `values`. Returns -1, or the position of the
   * first neuron whose weighted input is not finite (as `propagate` does; `values` then holds a partial pass).
   */
  run(): number {
    const kernels = this.#kernels;
    const values = this.values;
    const segmentStarts = this.#segmentStarts;
    const segmentEnds = this.#segmentEnds;
    for (let segment = 0; segment < segmentStarts.length; segment++) {
      const start = segmentStarts[segment]!;
      const end = segmentEnds[segment]!;
      if (kernels.sums(start, end, 0, this.#starts, this.#sources, this.#weights) !== 0) {
        // Segments run in position order and hold sums only here, so the first non-finite one is the culprit.
        for (let position = start; position < end; position++) if (!Number.isFinite(values[position]!)) return position;
      }
      activateRange(this.#codes[segment]!, this.#parameters[segment]!, values, start, end);
    }
    return -1;
  }
}
