/**
 * The dense forward pass
 * ======================
 *
 * `count` rows through a dense model, layer by layer: the weighted sums Z = X·Wᵀ + b,
 * checked finite, then the activations A = act(Z). The compiled
 * network runs it for `run` (one row) and `runBatch`; batch training runs it keeping
 * Z for its backward pass. A pass that leaves the finite numbers stops at once and
 * says where, so no non-finite value is ever read as a result.
 *
 * Where WebAssembly SIMD runs (wasm-dense.ts) and a pass is big enough to pay for it, the
 * products run in the wasm kernel: the pass's buffers then live in its own wasm memory (an
 * arena), with each layer's weights transposed next to them, and the activations are
 * applied in JavaScript on views of that memory. The kernel sums in the JavaScript
 * kernel's order, so both paths give the same numbers bit for bit.
 */
import { activateRange, SOFTMAX, softmaxRange } from '../activations.js';
import type { DenseModel } from '../plan/dense-model.js';
import { affine, affineBatch, transpose } from './dense-kernels.js';
import type { NumericFailure } from './numeric-failure.js';
import { denseWasm, WasmArena } from './wasm-dense.js';
import { sumTimesZero } from './input-rows.js';

/**
 * NOTE: the wasm kernel pays from about this many multiply-adds per pass (rows × weights):
 * below it, the call and the input copy cost more than the products save (measured with
 * scripts/measure-wasm.ts; a 2-2-1 network's single row stays in JavaScript).
 */
export const WASM_MIN_WORK = 256;

/** Options of a dense forward pass. */
export interface DenseForwardOptions {
  /** Buffers of these lengths (float64s) for the caller, in the same memory as the pass's (`extra`). */
  readonly extra?: readonly number[];
  /** Use the WebAssembly kernel where it runs and pays (default true); false keeps JavaScript. */
  readonly wasm?: boolean;
}

/** Where a dense pass left the finite numbers: the first such neuron of the first such layer, and its row. */
export interface DenseFailure extends NumericFailure {
  readonly row: number;
}

export class DenseForward {
  readonly model: DenseModel;
  /** Per layer, `capacity × layer width`, row-major: each row's activations after a pass. */
  activations: Float64Array[] = [];
  /** Per layer, the weighted sums before activation (only when kept, see the constructor). */
  sums: Float64Array[] = [];
  /** `capacity × inputs`: rows written here are read without a copy. */
  input: Float64Array = new Float64Array(0);
  /** The caller's buffers (see `DenseForwardOptions.extra`): the kernel can read and write them. */
  extra: Float64Array[] = [];
  /** The wasm arena holding every buffer above, or null (JavaScript kernels, plain arrays). */
  arena: WasmArena | null = null;
  /** Per layer, in the arena: the weights transposed (`from × to`) and the bias. */
  #transposed: Float64Array[] = [];
  #bias: Float64Array[] = [];
  #weightsCopied = false;
  #capacity = -1;
  readonly #keepSums: boolean;
  readonly #extraLengths: readonly number[];
  #wasm: boolean;
  /** Multiply-adds per row, over every layer. */
  readonly #work: number;

  /** Room for `capacity` rows; `keepSums` keeps each layer's weighted sums (for a backward pass). */
  constructor(model: DenseModel, capacity: number, keepSums: boolean, options: DenseForwardOptions = {}) {
    this.model = model;
    this.#keepSums = keepSums;
    this.#extraLengths = options.extra ?? [];
    this.#wasm = options.wasm ?? true;
    let work = 0;
    for (const layer of model.layers) work += layer.weights.length;
    this.#work = work;
    this.reserve(capacity);
  }

  /** Whether the products of `count` rows run in the wasm kernel. */
  usesWasm(count: number): boolean {
    return this.arena !== null && count * this.#work >= WASM_MIN_WORK;
  }

  /**
   * Makes room for `count` rows (buffers only grow; every buffer is new when they do, and the
   * first pass that pays for the wasm kernel moves them into an arena).
   */
  reserve(count: number): void {
    const moveToWasm = this.#wasm && this.arena === null && count * this.#work >= WASM_MIN_WORK;
    if (count <= this.#capacity && !moveToWasm) return;
    this.#capacity = Math.max(count, this.#capacity);
    const { layers, inputIds } = this.model;
    const perRow = layers.map((layer) => this.#capacity * layer.to.length);
    const lengths = [
      this.#capacity * inputIds.length,
      ...perRow,
      ...(this.#keepSums ? perRow : []),
      ...this.#extraLengths,
      ...layers.map((layer) => layer.weights.length),
      ...layers.map((layer) => layer.bias.length),
    ];
    const tryWasm = this.#wasm && (this.arena !== null || moveToWasm);
    const module = tryWasm ? denseWasm() : null;
    const arena = module === null ? null : WasmArena.create(module, lengths);
    // NOTE: no WebAssembly (or no memory for it): JavaScript from now on, decided once.
    if (tryWasm && arena === null) this.#wasm = false;
    this.arena = arena;
    const views = arena?.views ?? lengths.map((length) => new Float64Array(length));
    let at = 0;
    const take = (n: number) => views.slice(at, (at += n));
    this.input = take(1)[0]!;
    this.activations = take(layers.length);
    this.sums = this.#keepSums ? take(layers.length) : [];
    this.extra = take(this.#extraLengths.length);
    this.#transposed = arena === null ? [] : take(layers.length);
    this.#bias = arena === null ? [] : take(layers.length);
    this.#weightsCopied = false;
  }

  /** Says that the model's weights changed since the last pass (the arena holds a transposed copy). */
  weightsChanged(): void {
    this.#weightsCopied = false;
  }

  #copyWeights(): void {
    const { layers } = this.model;
    for (let k = 0; k < layers.length; k++) {
      const layer = layers[k]!;
      transpose(layer.weights, layer.to.length, layer.from.length, this.#transposed[k]!);
      this.#bias[k]!.set(layer.bias);
    }
    this.#weightsCopied = true;
  }

  /**
   * Runs `count` rows of `input` (row-major, `count × inputs`, finite) with the model's
   * weights. Returns null, or where the pass stopped (later layers then hold stale values).
   */
  run(input: Float64Array, count: number): DenseFailure | null {
    if (count === 0) return null;
    this.reserve(count);
    const { layers } = this.model;
    const arena = this.usesWasm(count) ? this.arena : null;
    let x = input;
    if (arena !== null) {
      if (!this.#weightsCopied) this.#copyWeights();
      // NOTE: rows written into `this.input` are read where they are; others are copied in once.
      if (!arena.holds(input)) {
        this.input.set(input.subarray(0, count * this.model.inputIds.length));
        x = this.input;
      }
    }
    for (let k = 0; k < layers.length; k++) {
      const layer = layers[k]!;
      const inputs = layer.from.length;
      const outputs = layer.to.length;
      const size = count * outputs;
      const y = this.activations[k]!;
      if (arena !== null)
        arena.affine(this.#transposed[k]!, this.#bias[k]!, inputs, outputs, x, inputs, 1, count, y, false);
      // NOTE: one row takes the plain kernel (no blocking set-up); it sums in the same order.
      else if (count === 1) affine(layer.weights, layer.bias, inputs, outputs, x, y);
      else affineBatch(layer.weights, layer.bias, inputs, outputs, x, count, y);
      if (!allFinite(y, size)) return failure(y, size, layer.to, 'sum');
      if (this.#keepSums) this.sums[k]!.set(y.subarray(0, size));
      // NOTE: no second check after the activation: every activation keeps a finite sum finite
      // (activations.ts bounds the parameters that could break that, such as leakyRelu's slope).
      if (layer.code === SOFTMAX) {
        // A softmax layer is the whole group: one softmax per row.
        for (let row = 0; row < count; row++) softmaxRange(y, row * outputs, (row + 1) * outputs);
      } else activateRange(layer.code, layer.parameter, y, 0, size);
      x = y;
    }
    return null;
  }
}

/** NOTE: the one-multiply-add `v * 0` finiteness check, as in propagation.ts. */
function allFinite(values: Float64Array, size: number): boolean {
  return sumTimesZero(values, size) === 0;
}

/** The first non-finite value of `values` (`rows × ids.length`); the error path only. */
function failure(
  values: Float64Array,
  size: number,
  ids: readonly string[],
  value: DenseFailure['value'],
): DenseFailure {
  let i = 0;
  while (i < size - 1 && Number.isFinite(values[i]!)) i++;
  return { neuron: ids[i % ids.length]!, row: Math.floor(i / ids.length), value };
}
