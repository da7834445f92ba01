/**
 * TensorFlow.js 4.22 in W7 (float32 only), two ways, each from neurograph's starting weights:
 *
 * - `fit`: what its guides show, a `tf.sequential` of two dense layers (relu, softmax)
 *   compiled with `tf.train.adam(0.001)` and `'categoricalCrossentropy'`, trained with
 *   `model.fit(xs, ys, { batchSize: 32, epochs, shuffle: true })` on tensors made once;
 * - `loop`: a hand-written step, `optimizer.minimize` over `tf.fused.matMul` (bias and relu
 *   fused) and `tf.losses.softmaxCrossEntropy`, each batch gathered from the digit tensor
 *   in neurograph's shuffled order.
 *
 * Adam's epsilon is TensorFlow.js's default (1e-7 on float32 backends); `fit` shuffles with
 * Math.random, so its accuracy moves a little from run to run.
 */
import { createRequire } from 'node:module';
import { createRandom, shuffleInPlace } from '../../src/random.js';
import { initWasm } from '../peers/tfjs.js';
import { CLASSES, HIDDEN, INPUTS, SETTINGS, type Digits, type StartingWeights } from './workload.js';

interface Tensor {
  readonly shape: number[];
  dataSync(): Float32Array | Int32Array;
  data(): Promise<Float32Array | Int32Array>;
  dispose(): void;
}
interface Variable extends Tensor {
  assign(value: Tensor): void;
}
interface Optimizer {
  minimize(f: () => Tensor, returnCost?: boolean): Tensor | null;
  dispose(): void;
}
interface LayersModel {
  setWeights(weights: Tensor[]): void;
  compile(options: { optimizer: Optimizer; loss: string }): void;
  fit(
    x: Tensor,
    y: Tensor,
    options: { batchSize: number; epochs: number; shuffle: boolean; verbose: number },
  ): Promise<{ history: Record<string, number[]> }>;
  predict(x: Tensor, options?: { batchSize: number }): Tensor;
  dispose(): void;
}
interface Tf {
  setBackend(name: string): Promise<boolean>;
  getBackend(): string;
  ready(): Promise<void>;
  tidy<T extends Tensor | undefined>(f: () => T): T;
  tensor1d(values: ArrayLike<number>, dtype?: 'int32' | 'float32'): Tensor;
  tensor2d(values: ArrayLike<number>, shape: [number, number]): Tensor;
  variable(initial: Tensor): Variable;
  transpose(x: Tensor): Tensor;
  gather(x: Tensor, indices: Tensor): Tensor;
  softmax(x: Tensor): Tensor;
  memory(): { numTensors: number };
  fused: {
    matMul(options: { a: Tensor; b: Tensor; bias?: Tensor; activation?: 'relu' | 'linear' }): Tensor;
  };
  losses: { softmaxCrossEntropy(labels: Tensor, logits: Tensor): Tensor };
  train: { adam(learningRate: number, beta1?: number, beta2?: number): Optimizer };
  sequential(options: { layers: unknown[] }): LayersModel;
  layers: { dense(options: { units: number; activation: string; inputShape?: number[] }): unknown };
}

const require = createRequire(import.meta.url);
const tf = require('@tensorflow/tfjs') as Tf;
require('@tensorflow/tfjs-backend-cpu');

export type TfjsBackend = 'cpu' | 'wasm';

/** Selects the backend (the wasm one loaded from node_modules, see bench/peers/tfjs.ts). */
export async function useBackend(backend: TfjsBackend): Promise<void> {
  if (backend === 'wasm') await initWasm();
  if (tf.getBackend() !== backend) await tf.setBackend(backend);
  await tf.ready();
}

/** A trainable classifier on one backend: `train` runs epochs, `outputs` gives the test digits' probabilities. */
export interface TfjsClassifier {
  train(epochs: number): Promise<void>;
  outputs(digits: Digits): Float32Array;
  dispose(): void;
}

function float32(values: Float64Array): Float32Array {
  return Float32Array.from(values);
}

/** W1 (64 × 784, target by source) as a dense layer's kernel (784 × 64, source by target). */
function kernels(start: StartingWeights): Tensor[] {
  return [
    tf.transpose(tf.tensor2d(float32(start.w1), [HIDDEN, INPUTS])),
    tf.tensor1d(float32(start.b1)),
    tf.transpose(tf.tensor2d(float32(start.w2), [CLASSES, HIDDEN])),
    tf.tensor1d(float32(start.b2)),
  ];
}

function oneHot(digits: Digits): Float32Array {
  const targets = new Float32Array(digits.count * CLASSES);
  for (let s = 0; s < digits.count; s++) targets[s * CLASSES + digits.labels[s]!] = 1;
  return targets;
}

function tensors(digits: Digits): { xs: Tensor; ys: Tensor } {
  return {
    xs: tf.tensor2d(float32(digits.inputs), [digits.count, INPUTS]),
    ys: tf.tensor2d(oneHot(digits), [digits.count, CLASSES]),
  };
}

/** `tf.sequential` + `model.fit`, as the TensorFlow.js guides train a classifier. */
export function tfjsFit(start: StartingWeights, train: Digits): TfjsClassifier {
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ units: HIDDEN, activation: 'relu', inputShape: [INPUTS] }),
      tf.layers.dense({ units: CLASSES, activation: 'softmax' }),
    ],
  });
  const weights = kernels(start);
  model.setWeights(weights);
  for (const w of weights) w.dispose();
  const optimizer = tf.train.adam(SETTINGS.learningRate, SETTINGS.beta1, SETTINGS.beta2);
  model.compile({ optimizer, loss: 'categoricalCrossentropy' });
  const { xs, ys } = tensors(train);
  return {
    async train(epochs) {
      await model.fit(xs, ys, { batchSize: SETTINGS.batchSize, epochs, shuffle: true, verbose: 0 });
    },
    outputs(digits) {
      const x = tf.tensor2d(float32(digits.inputs), [digits.count, INPUTS]);
      const y = model.predict(x, { batchSize: 256 });
      const values = y.dataSync() as Float32Array;
      x.dispose();
      y.dispose();
      return values;
    },
    dispose() {
      xs.dispose();
      ys.dispose();
      model.dispose();
      optimizer.dispose();
    },
  };
}

/** A hand-written step: `minimize` over fused matMuls and softmax cross-entropy, batches gathered in shuffled order. */
export function tfjsLoop(start: StartingWeights, train: Digits, seed = 1): TfjsClassifier {
  const [w1, b1, w2, b2] = kernels(start).map((t) => {
    const v = tf.variable(t);
    t.dispose();
    return v;
  }) as [Variable, Variable, Variable, Variable];
  const optimizer = tf.train.adam(SETTINGS.learningRate, SETTINGS.beta1, SETTINGS.beta2);
  const { xs, ys } = tensors(train);
  const order = Array.from({ length: train.count }, (_, k) => k);
  const random = createRandom(seed);
  const logits = (x: Tensor) =>
    tf.fused.matMul({ a: tf.fused.matMul({ a: x, b: w1, bias: b1, activation: 'relu' }), b: w2, bias: b2 });
  return {
    async train(epochs) {
      for (let epoch = 0; epoch < epochs; epoch++) {
        shuffleInPlace(order, random);
        for (let first = 0; first < order.length; first += SETTINGS.batchSize) {
          const last = Math.min(first + SETTINGS.batchSize, order.length);
          const indices = tf.tensor1d(Int32Array.from(order.slice(first, last)), 'int32');
          tf.tidy(() => {
            const x = tf.gather(xs, indices);
            const y = tf.gather(ys, indices);
            optimizer.minimize(() => tf.losses.softmaxCrossEntropy(y, logits(x)));
            return undefined;
          });
          indices.dispose();
        }
      }
    },
    outputs(digits) {
      const x = tf.tensor2d(float32(digits.inputs), [digits.count, INPUTS]);
      const y = tf.tidy(() => tf.softmax(logits(x)));
      const values = y.dataSync() as Float32Array;
      x.dispose();
      y.dispose();
      return values;
    },
    dispose() {
      for (const t of [w1, b1, w2, b2, xs, ys]) t.dispose();
      optimizer.dispose();
    },
  };
}

export function tensorCount(): number {
  return tf.memory().numTensors;
}
