/**
 * CompiledNetwork
 * ===============
 *
 * A silent, fast snapshot of a network: the same answers as `Network.run`, no events,
 * typed arrays in and out. A layered network compiles to dense layers (matrix–vector
 * per sample, blocked matrix products per batch); any other DAG to the
 * CSR plan. The snapshot never changes when the network does: compile again.
 */
import { activateRange, resolveActivation } from '../activations.js';
import { matMulTransposed, matVec } from './dense-kernels.js';
import { InputError } from '../errors.js';
import { extractLayers, type DenseLayer } from '../plan/dense-model.js';
import type { Plan } from '../plan/plan.js';
import { nonFiniteSumError, propagate } from './propagation.js';

interface ResolvedLayer extends DenseLayer {
  readonly code: number;
  readonly parameter: number;
}

export class CompiledNetwork {
  /** Input ids: the order of `run`'s input and of each batch row. */
  readonly inputs: readonly string[];
  /** Output ids: the order of `run`'s result and of each batch row. */
  readonly outputs: readonly string[];
  /** 'dense' for a layered network, 'csr' otherwise. */
  readonly kind: 'dense' | 'csr';
  /** The dense layers (a layered network only; empty otherwise). Read them; do not change them. */
  readonly layers: readonly DenseLayer[];

  readonly #plan: Plan;
  readonly #resolved: readonly ResolvedLayer[];
  /** Dense: activations per layer (index 0 is the input). CSR: the plan's values. */
  readonly #buffers: Float64Array[];
  /** Where each output sits: a buffer index and an offset in it. */
  readonly #outputBuffer: Int32Array;
  readonly #outputOffset: Int32Array;
  #batchBuffers: Float64Array[] = [];
  #batchCount = -1;

  /** Use `Network.compile()`. */
  constructor(plan: Plan) {
    this.#plan = snapshot(plan);
    this.inputs = plan.inputIds;
    this.outputs = plan.outputIds;
    const found = extractLayers(this.#plan);
    if ('layers' in found && found.layers.length > 0) {
      this.kind = 'dense';
      this.layers = found.layers;
      this.#resolved = found.layers.map((layer) => ({ ...layer, ...resolveActivation(layer.activation, 'Network.compile') }));
      this.#buffers = [new Float64Array(this.inputs.length), ...found.layers.map((layer) => new Float64Array(layer.to.length))];
      const where = new Map<string, [number, number]>();
      found.layers.forEach((layer, k) => layer.to.forEach((id, offset) => where.set(id, [k + 1, offset])));
      this.#outputBuffer = Int32Array.from(this.outputs, (id) => where.get(id)![0]);
      this.#outputOffset = Int32Array.from(this.outputs, (id) => where.get(id)![1]);
    } else {
      this.kind = 'csr';
      this.layers = [];
      this.#resolved = [];
      this.#buffers = [new Float64Array(plan.size)];
      this.#outputBuffer = new Int32Array(this.outputs.length);
      this.#outputOffset = this.#plan.outputPositions;
    }
  }

  /** One input vector (in `inputs` order) → the outputs (in `outputs` order). Allocation-free with `out`. */
  run(input: ArrayLike<number>, out?: Float64Array): Float64Array {
    const where = 'CompiledNetwork.run';
    const width = this.inputs.length;
    if (input.length !== width) {
      throw new InputError(`${where}: got ${input.length} input values for ${width} inputs (${this.inputs.join(', ')}); give one value per input, in that order.`);
    }
    // NOTE: a typed array holds numbers only, so its finiteness is checked while copying
    // (x * 0 is 0 for finite x, NaN otherwise); anything else is checked value by value.
    if (!ArrayBuffer.isView(input)) checkRow(input, 0, this.inputs, where);
    if (out === undefined) out = new Float64Array(this.outputs.length);
    else checkOut(out, this.outputs.length, where);
    const buffers = this.#buffers;
    let check = 0;
    if (this.kind === 'dense') {
      const first = buffers[0]!;
      for (let i = 0; i < width; i++) check += (first[i] = input[i]!) * 0;
      if (check !== 0) checkRow(input, 0, this.inputs, where);
      const layers = this.#resolved;
      for (let k = 0; k < layers.length; k++) {
        const layer = layers[k]!;
        const y = buffers[k + 1]!;
        matVec(layer.weights, layer.bias, layer.from.length, layer.to.length, buffers[k]!, y);
        checkSums(y, layer, 1, where);
        activateRange(layer.code, layer.parameter, y, 0, y.length);
      }
    } else {
      const values = buffers[0]!;
      const positions = this.#plan.inputPositions;
      for (let i = 0; i < width; i++) check += (values[positions[i]!] = input[i]!) * 0;
      if (check !== 0) checkRow(input, 0, this.inputs, where);
      const failed = propagate(this.#plan, values);
      if (failed >= 0) throw nonFiniteSumError(this.#plan.ids[failed]!, where);
    }
    for (let k = 0; k < out.length; k++) out[k] = buffers[this.#outputBuffer[k]!]![this.#outputOffset[k]!]!;
    return out;
  }

  /**
   * `count` input vectors, row-major (`count × inputs.length`) → their outputs, row-major
   * (`count × outputs.length`). Each row equals `run` on that row, bit for bit.
   */
  runBatch(inputs: Float64Array, count: number, out: Float64Array = new Float64Array(count * this.outputs.length)): Float64Array {
    const where = 'CompiledNetwork.runBatch';
    const width = this.inputs.length;
    if (!Number.isInteger(count) || count < 0 || inputs.length !== count * width) {
      throw new InputError(`${where}: got ${inputs.length} values for ${count} rows of ${width} inputs (${this.inputs.join(', ')}); give count × inputs values, row by row.`);
    }
    for (let s = 0; s < count; s++) checkRow(inputs, s, this.inputs, where);
    checkOut(out, count * this.outputs.length, where);
    if (this.kind === 'csr') {
      const row = new Float64Array(this.outputs.length);
      for (let s = 0; s < count; s++) {
        this.run(inputs.subarray(s * width, (s + 1) * width), row);
        out.set(row, s * row.length);
      }
      return out;
    }
    const buffers = this.#batchBuffersFor(count);
    const layers = this.#resolved;
    let x = inputs;
    for (let k = 0; k < layers.length; k++) {
      const layer = layers[k]!;
      const y = buffers[k]!;
      matMulTransposed(layer.weights, layer.bias, layer.from.length, layer.to.length, x, count, y);
      checkSums(y, layer, count, where);
      activateRange(layer.code, layer.parameter, y, 0, y.length);
      x = y;
    }
    const outputs = this.outputs.length;
    for (let s = 0; s < count; s++) {
      for (let k = 0; k < outputs; k++) {
        const layer = this.#outputBuffer[k]! - 1;
        out[s * outputs + k] = buffers[layer]![s * layers[layer]!.to.length + this.#outputOffset[k]!]!;
      }
    }
    return out;
  }

  #batchBuffersFor(count: number): Float64Array[] {
    if (this.#batchCount !== count) {
      this.#batchBuffers = this.#resolved.map((layer) => new Float64Array(count * layer.to.length));
      this.#batchCount = count;
    }
    return this.#batchBuffers;
  }
}

/** A plan whose weights are the network's now, whatever happens to the network later. */
function snapshot(plan: Plan): Plan {
  return { ...plan, weights: plan.weights.slice() };
}

/**
 * Throws a NumericError if a weighted sum in `sums` (`rows × layer.to.length`) is not finite.
 * NOTE: sum * 0 is 0 for finite sums, NaN otherwise: one multiply-add per value.
 */
function checkSums(sums: Float64Array, layer: DenseLayer, rows: number, where: string): void {
  let check = 0;
  const size = rows * layer.to.length;
  for (let i = 0; i < size; i++) check += sums[i]! * 0;
  if (check === 0) return;
  for (let i = 0; i < size; i++) {
    if (Number.isFinite(sums[i]!)) continue;
    throw nonFiniteSumError(layer.to[i % layer.to.length]!, where, rows > 1 ? ` in row ${Math.floor(i / layer.to.length)}` : '');
  }
}

/** Throws an InputError naming the first non-finite value of row `row` (of `ids.length` values). */
function checkRow(input: ArrayLike<unknown>, row: number, ids: readonly string[], where: string): void {
  for (let i = 0; i < ids.length; i++) {
    const value = input[row * ids.length + i];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      const inRow = where === 'CompiledNetwork.runBatch' ? ` in row ${row}` : '';
      throw new InputError(`${where}: input "${ids[i]}"${inRow} is not a finite number (${String(value)}).`, [{ input: ids[i]!, problem: 'not a finite number' }]);
    }
  }
}

function checkOut(out: Float64Array, length: number, where: string): void {
  if (!(out instanceof Float64Array) || out.length !== length) {
    throw new InputError(`${where}: \`out\` must be a Float64Array of ${length} values.`);
  }
}
