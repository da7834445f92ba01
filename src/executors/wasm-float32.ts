/**
 * The float32 dense forward pass
 * ==============================
 *
 * An opt-in, less precise batch forward for layered networks, as TensorFlow.js runs its
 * models: weights, inputs, sums and activations in float32, the products in the f32x4
 * kernel (four lanes where float64 has two) over weights packed once into panels of eight
 * outputs (XNNPACK's layout), and the sigmoid in wasm too, fused into the same call (a
 * polynomial exp, within a few float32 ulps; see src/executors/wasm/dense.wat). Results
 * differ from the float64 pass by float32 rounding (about 1e-6 relative for a sigmoid
 * network's outputs). Each layer's activations stay in wasm memory for the next one, their
 * rows padded to whole panels.
 *
 * Only what wasm does whole is offered: every layer's activation must be sigmoid or
 * identity, and WebAssembly SIMD must run here; otherwise `forModel` is null and the caller
 * keeps the float64 pass. A sum beyond float32's range saturates the sigmoid instead of
 * failing; a non-finite output is reported as the float64 pass reports one.
 */
import { activationNames } from '../activations.js';
import type { DenseModel } from '../plan/dense-model.js';
import type { DenseFailure } from './dense-forward.js';
import { denseWasm, PANEL, packDense32, type WasmArena, WasmArena as Arena, type WasmModule } from './wasm-dense.js';

const SIGMOID = activationNames.indexOf('sigmoid');
const IDENTITY = activationNames.indexOf('identity');

export class Float32DenseForward {
  readonly model: DenseModel;
  readonly #module: WasmModule;
  /** Panels of eight outputs per layer; a layer's activation rows are `panels × 8` wide. */
  readonly #panels: number[];
  #arena: WasmArena | null = null;
  #capacity = 0;
  /** The batch's rows as given (float64), then rounded to float32 by the kernel. */
  #given: Float64Array = new Float64Array(0);
  #input: Float32Array = new Float32Array(0);
  #activations: Float32Array[] = [];
  #weights: Float32Array[] = [];
  #bias: Float32Array[] = [];

  /** The float32 pass of `model`, or null where it cannot run (an activation wasm lacks, or no SIMD). */
  static forModel(model: DenseModel): Float32DenseForward | null {
    const module = denseWasm();
    if (module === null) return null;
    if (!model.layers.every((layer) => layer.code === SIGMOID || layer.code === IDENTITY)) return null;
    return new Float32DenseForward(model, module);
  }

  private constructor(model: DenseModel, module: WasmModule) {
    this.model = model;
    this.#module = module;
    this.#panels = model.layers.map((layer) => Math.ceil(layer.to.length / PANEL));
  }

  #reserve(count: number): boolean {
    if (count <= this.#capacity && this.#arena !== null) return true;
    const { layers, inputIds } = this.model;
    const panels = this.#panels;
    const arena = Arena.create(
      this.#module,
      [count * inputIds.length],
      [
        count * inputIds.length,
        ...panels.map((p) => count * p * PANEL),
        ...layers.map((layer, k) => panels[k]! * PANEL * layer.from.length),
        ...panels.map((p) => p * PANEL),
      ],
    );
    if (arena === null) return false;
    this.#given = arena.views[0]!;
    const views = arena.float32Views;
    const n = layers.length;
    this.#input = views[0]!;
    this.#activations = views.slice(1, 1 + n);
    this.#weights = views.slice(1 + n, 1 + 2 * n);
    this.#bias = views.slice(1 + 2 * n, 1 + 3 * n);
    // The weights packed into panels and rounded to float32 once: the model is a snapshot.
    layers.forEach((layer, k) => {
      packDense32(layer.weights, layer.from.length, layer.to.length, this.#weights[k]!);
      this.#bias[k]!.set(layer.bias);
    });
    this.#arena = arena;
    this.#capacity = count;
    return true;
  }

  /**
   * Runs `count` rows of `input` (row-major, finite) and writes the outputs (in output order)
   * to `out` as float64. Returns null, or the first non-finite output; throws a RangeError if
   * no memory can be had for the batch.
   */
  run(input: Float64Array, count: number, out: Float64Array): DenseFailure | null {
    if (count === 0) return null;
    if (!this.#reserve(count)) throw new RangeError('Float32DenseForward.run: no WebAssembly memory for this batch.');
    const arena = this.#arena!;
    const { layers, outputLayer, outputColumn, outputIds } = this.model;
    // NOTE: copied in as float64 (a plain memory copy) and rounded to float32 in wasm, four values a step:
    // about 2.5× faster than Float32Array#set converting them one by one.
    const length = count * this.model.inputIds.length;
    this.#given.set(input.subarray(0, length));
    arena.demote(this.#given, this.#input, length);
    let x = this.#input;
    let xRow = this.model.inputIds.length;
    for (let k = 0; k < layers.length; k++) {
      const layer = layers[k]!;
      const panels = this.#panels[k]!;
      const y = this.#activations[k]!;
      arena.dense32(
        this.#weights[k]!,
        this.#bias[k]!,
        layer.from.length,
        panels,
        x,
        xRow,
        count,
        y,
        layer.code === SIGMOID,
      );
      x = y;
      xRow = panels * PANEL;
    }
    const width = outputIds.length;
    let check = 0;
    for (let k = 0; k < width; k++) {
      const values = this.#activations[outputLayer[k]!]!;
      const row = this.#panels[outputLayer[k]!]! * PANEL;
      const column = outputColumn[k]!;
      for (let s = 0; s < count; s++) {
        const value = values[s * row + column]!;
        out[s * width + k] = value;
        check += value * 0;
      }
    }
    // NOTE: one multiply-add per output (`v * 0` is 0 for finite v), the scan only on failure.
    if (check === 0) return null;
    for (let i = 0; i < count * width; i++) {
      if (!Number.isFinite(out[i]!))
        return { neuron: outputIds[i % width]!, row: Math.floor(i / width), value: 'output' };
    }
    return null;
  }
}
