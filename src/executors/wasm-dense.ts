/**
 * The WebAssembly dense kernel
 * ============================
 *
 * The batch product Y = X·Wᵀ + b of dense-kernels.ts in WebAssembly SIMD (f64x2; the source
 * is src/executors/wasm/dense.wat, its bytes wasm-module.generated.ts). Each lane sums one
 * output in input order from 0 and then adds the bias, as the JavaScript kernel does, so the
 * two agree bit for bit; the JavaScript kernel stays the fallback. The float32 pass
 * (wasm-float32.ts) has a layer kernel of its own: f32x4 over weights packed into panels of
 * eight outputs (`packDense32`), the sigmoid fused in.
 *
 * The module is compiled once, synchronously, the first time a pass asks for it
 * (`new WebAssembly.Module` on 3.5 kB is fine on a page's main thread too); without
 * WebAssembly, without SIMD (`WebAssembly.validate` says no) or where compiling is
 * forbidden (a Content-Security-Policy without 'wasm-unsafe-eval'), `denseWasm()` is null,
 * decided once. Each user gets its own `WasmArena`: one memory laid out for its buffers,
 * freed with it.
 */
import { DENSE_WASM_BASE64 } from './wasm-module.generated.js';
import { compileEmbedded, instantiate, type WasmModule } from './wasm-loader.js';

export type { WasmModule } from './wasm-loader.js';

/** Y = X·Wᵀ + b (or Y += it, with `accumulate`), every argument an offset or a count in the module's memory (see dense.wat). */
type AffineExport = (
  wt: number,
  bias: number,
  inputs: number,
  outputs: number,
  x: number,
  xRow: number,
  xColumn: number,
  count: number,
  y: number,
  accumulate: number,
) => void;

/** Y = σ?(X·W + b) in float32 over weights packed in panels of eight outputs (see dense.wat). */
type DenseExport = (
  w: number,
  bias: number,
  inputs: number,
  panels: number,
  x: number,
  xRow: number,
  count: number,
  y: number,
  sigmoid: number,
) => void;

interface DenseExports {
  affine_f64: AffineExport;
  dense_f32: DenseExport;
  sigmoid_f32(at: number, count: number): void;
  demote_f64(from: number, to: number, count: number): void;
}

let detected: WasmModule | null | undefined;

/** The compiled kernel module, or null where WebAssembly SIMD cannot run here (decided once). */
export function denseWasm(): WasmModule | null {
  if (detected === undefined) detected = compileEmbedded(DENSE_WASM_BASE64);
  return detected;
}

/** Forgets what `denseWasm` decided (tests stub `WebAssembly` and ask again). */
export function forgetDenseWasm(): void {
  detected = undefined;
}

const BYTES = Float64Array.BYTES_PER_ELEMENT;
/** NOTE: regions start on 16 bytes, so a vector load of an even index is aligned. */
const ALIGN = 16;

/**
 * One memory and one kernel instance, laid out once for a list of float64 buffers.
 * A user that needs more room makes a new arena (and copies what it keeps).
 */
export class WasmArena {
  readonly views: Float64Array[];
  /** The float32 buffers, after the float64 ones. */
  readonly float32Views: Float32Array[];
  readonly #kernels: DenseExports;
  readonly #memory: { readonly buffer: ArrayBuffer };

  /** Room for buffers of these lengths (float64s, then float32s), zeroed; null if the memory cannot be had. */
  static create(
    module: WasmModule,
    lengths: readonly number[],
    float32Lengths: readonly number[] = [],
  ): WasmArena | null {
    const offsets: number[] = [];
    let end = 0;
    for (const length of lengths) {
      offsets.push(end);
      end += Math.ceil((length * BYTES) / ALIGN) * ALIGN;
    }
    const float32Offsets: number[] = [];
    for (const length of float32Lengths) {
      float32Offsets.push(end);
      end += Math.ceil((length * 4) / ALIGN) * ALIGN;
    }
    const instance = instantiate<DenseExports>(module, end);
    if (instance === null) return null;
    const { memory } = instance;
    const arena = new WasmArena(memory, instance.exports, offsets, lengths);
    arena.float32Views.push(
      ...float32Offsets.map((offset, k) => new Float32Array(memory.buffer, offset, float32Lengths[k]!)),
    );
    return arena;
  }

  private constructor(
    memory: { readonly buffer: ArrayBuffer },
    kernels: DenseExports,
    offsets: readonly number[],
    lengths: readonly number[],
  ) {
    this.#memory = memory;
    this.#kernels = kernels;
    this.views = offsets.map((offset, k) => new Float64Array(memory.buffer, offset, lengths[k]!));
    this.float32Views = [];
  }

  /** Whether `view` lives in this arena's memory (the kernel can read and write it). */
  holds(view: Float64Array | Float32Array): boolean {
    return view.buffer === this.#memory.buffer;
  }

  /**
   * Y[s, j] (+)= b[j] + Σ_i W[j, i] · X[s, i] for `count` samples, `wt` holding Wᵀ
   * (`inputs × outputs`, row-major) and X read with element strides `xRow` (between samples)
   * and `xColumn` (between inputs); Y is `count × outputs`. Every view must be this arena's.
   * With `accumulate`, Y + (b + X·Wᵀ) is stored instead (the order of `y[i] += sum`).
   */
  affine(
    wt: Float64Array,
    bias: Float64Array,
    inputs: number,
    outputs: number,
    x: Float64Array,
    xRow: number,
    xColumn: number,
    count: number,
    y: Float64Array,
    accumulate: boolean,
  ): void {
    this.#kernels.affine_f64(
      wt.byteOffset,
      bias.byteOffset,
      inputs,
      outputs,
      x.byteOffset,
      xRow * BYTES,
      xColumn * BYTES,
      count,
      y.byteOffset,
      accumulate ? 1 : 0,
    );
  }

  /**
   * One float32 layer (f32x4): Y = X·Wᵀ + b for `count` samples, through the sigmoid if `sigmoid`,
   * every view this arena's. `packed` holds W in panels of eight outputs (`packDense32`), `bias`
   * the bias padded to `panels × 8`; X's rows are `xRow` elements apart, Y's `panels × 8`.
   * The sums round to float32 at each step, in input order from the bias.
   */
  dense32(
    packed: Float32Array,
    bias: Float32Array,
    inputs: number,
    panels: number,
    x: Float32Array,
    xRow: number,
    count: number,
    y: Float32Array,
    sigmoid: boolean,
  ): void {
    this.#kernels.dense_f32(
      packed.byteOffset,
      bias.byteOffset,
      inputs,
      panels,
      x.byteOffset,
      xRow * 4,
      count,
      y.byteOffset,
      sigmoid ? 1 : 0,
    );
  }

  /** The first `count` values of `from` rounded to float32 into `to` (both this arena's), as `Float32Array#set` rounds. */
  demote(from: Float64Array, to: Float32Array, count: number): void {
    this.#kernels.demote_f64(from.byteOffset, to.byteOffset, count);
  }

  /** The logistic sigmoid in place on the first `count` values of `values` (float32, a few ulps; see dense.wat). */
  sigmoid32(values: Float32Array, count: number): void {
    this.#kernels.sigmoid_f32(values.byteOffset, count);
  }
}

/** Outputs per panel of `dense32`'s packed weights (one panel is two f32x4 vectors wide). */
export const PANEL = 8;

/**
 * W (`outputs × inputs`, row-major, as a dense layer stores it) into `dense32`'s panels: panel p
 * holds, input after input, the weights of outputs 8p … 8p+7 (zeros past the last output).
 * `into` must hold `ceil(outputs / 8) × inputs × 8` values.
 */
export function packDense32(weights: ArrayLike<number>, inputs: number, outputs: number, into: Float32Array): void {
  const panels = Math.ceil(outputs / PANEL);
  for (let p = 0; p < panels; p++) {
    for (let lane = 0; lane < PANEL; lane++) {
      const j = p * PANEL + lane;
      for (let i = 0; i < inputs; i++) {
        into[(p * inputs + i) * PANEL + lane] = j < outputs ? weights[j * inputs + i]! : 0;
      }
    }
  }
}
