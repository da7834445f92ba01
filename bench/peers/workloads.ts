/**
 * Peer benchmark workloads
 * ========================
 *
 * The fixed, seeded workloads every library runs (W1–W4), their float64 reference
 * answers computed by plain loops, and the shape of a peer adapter. An adapter gets
 * the same weights as everyone else and answers in its own way; `check` compares the
 * answer with the reference within the adapter's precision before anything is timed.
 */
import { createRandom } from '../../src/index.js';

/** A layered sigmoid network: per layer a `to × from` row-major weight matrix and a bias vector. */
export interface DenseModel {
  readonly sizes: readonly number[];
  readonly layers: readonly { readonly weights: Float64Array; readonly bias: Float64Array }[];
}

/** A DAG in topological index order: CSR of incoming connections, sigmoid everywhere, no bias. */
export interface DagModel {
  readonly neurons: number;
  /** Neurons 0 … inputs-1 are the inputs. */
  readonly inputs: number;
  /** The last `outputs` neurons are the outputs. */
  readonly outputs: number;
  readonly starts: Int32Array;
  readonly sources: Int32Array;
  readonly weights: Float64Array;
}

export interface Sample {
  readonly input: readonly number[];
  readonly output: readonly number[];
}

export interface DenseRunner {
  /** One sample forward; the outputs in order. */
  forward(input: Float64Array): ArrayLike<number>;
  /** `count` row-major samples forward; the outputs row-major. */
  batch(inputs: Float64Array, count: number): ArrayLike<number>;
}

/**
 * A dense runner from a one-sample forward pass, for libraries with no batch API: the
 * batch runs the rows one after another. `forward` gets `(rows, offset)` so a runner can
 * read a row in place; libraries that want their own array get a subarray.
 */
export function rowByRow(
  model: DenseModel,
  forward: (rows: Float64Array, offset: number) => ArrayLike<number>,
  Output: Float64ArrayConstructor | Float32ArrayConstructor = Float64Array,
): DenseRunner {
  const inputs = model.sizes[0]!;
  const outputs = model.sizes[model.sizes.length - 1]!;
  return {
    forward: (input) => forward(input, 0),
    batch(rows, count) {
      const out = new Output(count * outputs);
      for (let s = 0; s < count; s++) out.set(forward(rows, s * inputs), s * outputs);
      return out;
    },
  };
}

export interface TrainRunner {
  /** Online SGD: `epochs` passes over the samples in their order, one step per sample. */
  train(epochs: number): void | Promise<void>;
  /** Mean over samples and outputs of (output − target)², with the library's own forward pass. */
  loss(): number;
}

export interface DagRunner {
  /** One input vector forward; the outputs in order. */
  forward(input: Float64Array): ArrayLike<number>;
}

export interface Peer {
  readonly name: string;
  /** Allowed error relative to max(1, |reference|): float64 peers 1e-9, float32 peers 1e-5. */
  readonly tolerance: number;
  /** Once, before anything else (e.g. picking a tfjs backend). */
  readonly init?: () => Promise<void>;
  readonly dense?: (model: DenseModel) => DenseRunner;
  readonly train?: (model: DenseModel, samples: readonly Sample[], learningRate: number) => TrainRunner;
  readonly dag?: (model: DagModel) => DagRunner;
}

export const FLOAT64 = 1e-9;
export const FLOAT32 = 1e-5;

// --- W1: the XOR forward pass with given weights ----------------------------------------

/** h0 ≈ OR, h1 ≈ NAND, y ≈ AND of both: XOR with saturated sigmoids. */
export const xorModel: DenseModel = {
  sizes: [2, 2, 1],
  layers: [
    { weights: Float64Array.of(20, 20, -20, -20), bias: Float64Array.of(-10, 30) },
    { weights: Float64Array.of(20, 20), bias: Float64Array.of(-30) },
  ],
};

export const xorSamples: readonly Sample[] = [
  { input: [0, 0], output: [0] },
  { input: [0, 1], output: [1] },
  { input: [1, 0], output: [1] },
  { input: [1, 1], output: [0] },
];

// --- W2 and W3: seeded layered networks --------------------------------------------------

/** Xavier-uniform weights and small biases from a seed. */
export function randomDenseModel(sizes: readonly number[], seed: number): DenseModel {
  const random = createRandom(seed);
  const layers = [];
  for (let k = 1; k < sizes.length; k++) {
    const from = sizes[k - 1]!;
    const to = sizes[k]!;
    const limit = Math.sqrt(6 / (from + to));
    const weights = Float64Array.from({ length: to * from }, () => (2 * random() - 1) * limit);
    const bias = Float64Array.from({ length: to }, () => (2 * random() - 1) * 0.1);
    layers.push({ weights, bias });
  }
  return { sizes, layers };
}

/** `count` rows of `width` values in [0, 1), row-major. */
export function randomRows(width: number, count: number, seed: number): Float64Array {
  const random = createRandom(seed);
  return Float64Array.from({ length: width * count }, () => random());
}

/** The reference: a plain float64 loop, layer by layer. */
export function denseReference(model: DenseModel, input: ArrayLike<number>): Float64Array {
  let x = Float64Array.from(input);
  for (const [k, layer] of model.layers.entries()) {
    const from = model.sizes[k]!;
    const y = new Float64Array(model.sizes[k + 1]!);
    for (let j = 0; j < y.length; j++) {
      let sum = layer.bias[j]!;
      for (let i = 0; i < from; i++) sum += layer.weights[j * from + i]! * x[i]!;
      y[j] = 1 / (1 + Math.exp(-sum));
    }
    x = y;
  }
  return x;
}

export function denseLoss(model: DenseModel, samples: readonly Sample[]): number {
  let total = 0;
  let count = 0;
  for (const sample of samples) {
    const y = denseReference(model, sample.input);
    for (let j = 0; j < y.length; j++, count++) total += (y[j]! - sample.output[j]!) ** 2;
  }
  return total / count;
}

// --- W4: a random DAG ---------------------------------------------------------------------

/** `neurons` neurons, `connections` connections, each from a lower to a higher index; weights U(−0.6, 0.6). */
export function randomDag(
  neurons: number,
  connections: number,
  inputs: number,
  outputs: number,
  seed: number,
): DagModel {
  const random = createRandom(seed);
  const computed = neurons - inputs;
  const perTarget = Math.floor(connections / computed);
  let extra = connections - perTarget * computed;
  const starts = new Int32Array(neurons + 1);
  const sources: number[] = [];
  const weights: number[] = [];
  for (let to = 0; to < neurons; to++) {
    starts[to] = sources.length;
    if (to < inputs) continue;
    const count = Math.min(to, perTarget + (extra-- > 0 ? 1 : 0));
    const chosen = new Set<number>();
    while (chosen.size < count) chosen.add(Math.floor(random() * to));
    for (const from of [...chosen].sort((a, b) => a - b)) {
      sources.push(from);
      weights.push((2 * random() - 1) * 0.6);
    }
  }
  starts[neurons] = sources.length;
  return { neurons, inputs, outputs, starts, sources: Int32Array.from(sources), weights: Float64Array.from(weights) };
}

/** The reference: a plain float64 loop over the neurons in index order. */
export function dagReference(model: DagModel, input: ArrayLike<number>): Float64Array {
  const values = new Float64Array(model.neurons);
  for (let n = 0; n < model.neurons; n++) {
    if (n < model.inputs) {
      values[n] = input[n]!;
      continue;
    }
    let sum = 0;
    for (let s = model.starts[n]!; s < model.starts[n + 1]!; s++) sum += model.weights[s]! * values[model.sources[s]!]!;
    values[n] = 1 / (1 + Math.exp(-sum));
  }
  return values.slice(model.neurons - model.outputs);
}

// --- checking -----------------------------------------------------------------------------

/** The largest error of `got` against `expected`, relative to max(1, |expected|); Infinity on a length mismatch or NaN. */
export function maxError(got: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (got.length !== expected.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    const error = Math.abs(got[i]! - expected[i]!) / Math.max(1, Math.abs(expected[i]!));
    if (!(error <= worst)) worst = Number.isNaN(error) ? Infinity : error;
  }
  return worst;
}
