/**
 * TensorFlow.js 4.22 on its CPU backend (`@tensorflow/tfjs-backend-cpu`) and its
 * WebAssembly backend (`@tensorflow/tfjs-backend-wasm`, .wasm files loaded from
 * node_modules, SIMD when the runtime has it), float32, used the way its docs recommend
 * for speed: each layer's weights stored `from × to` (no transpose at run time) and one
 * `tf.fused.matMul({ a, b, bias, activation: 'sigmoid' })` per layer (one kernel: XNNPACK on
 * the wasm backend) inside `tidy`, read back with `dataSync`. Training is
 * `tf.train.sgd(...).minimize` on `losses.meanSquaredError`, one sample per step, over fused
 * matMuls with the bias (tfjs has no gradient for a fused sigmoid, so that stays its own op).
 * No arbitrary DAG.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { meanSquaredError } from './synaptic.js';
import type { DenseModel, Peer, Sample } from './workloads.js';
import { FLOAT32 } from './workloads.js';

interface Tensor {
  readonly shape: number[];
  dataSync(): Float32Array;
  dispose(): void;
}
interface Optimizer {
  minimize(f: () => Tensor): Tensor | null;
}
interface Tf {
  version: { 'tfjs-core': string };
  setBackend(name: string): Promise<boolean>;
  getBackend(): string;
  ready(): Promise<void>;
  env(): { getAsync(flag: string): Promise<unknown> };
  tidy<T extends Tensor>(f: () => T): T;
  tensor2d(values: ArrayLike<number>, shape: [number, number]): Tensor;
  tensor1d(values: ArrayLike<number>): Tensor;
  variable(initial: Tensor): Tensor;
  fused: {
    matMul(options: { a: Tensor; b: Tensor; bias?: Tensor; activation?: 'linear' | 'sigmoid' }): Tensor;
  };
  sigmoid(x: Tensor): Tensor;
  losses: { meanSquaredError(labels: Tensor, predictions: Tensor): Tensor };
  train: { sgd(learningRate: number): Optimizer };
}

const require = createRequire(import.meta.url);
const tf = require('@tensorflow/tfjs') as Tf;
require('@tensorflow/tfjs-backend-cpu');
const wasm = require('@tensorflow/tfjs-backend-wasm') as { setWasmPaths(prefix: string): void };

let wasmReady = false;

/** Loads the wasm backend from node_modules (no network); reports whether it runs the SIMD binary. */
export async function initWasm(): Promise<{ simd: boolean; threads: boolean }> {
  if (!wasmReady) {
    const dist = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm')), '/');
    wasm.setWasmPaths(dist);
    if (!(await tf.setBackend('wasm'))) throw new Error('tfjs: the wasm backend failed to initialize');
    wasmReady = true;
  }
  return {
    simd: (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) === true,
    threads: (await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT')) === true,
  };
}

function tfjsPeer(backend: 'cpu' | 'wasm'): Peer {
  // NOTE: setBackend on an initialized backend switches synchronously (the promise is a formality),
  // so each measured call can select its backend first; tensors are created on their own backend.
  const use = () => {
    if (tf.getBackend() !== backend) void tf.setBackend(backend);
  };
  const layerTensors = (model: DenseModel) =>
    model.layers.map(({ weights, bias }, k) => {
      const from = model.sizes[k]!;
      const to = model.sizes[k + 1]!;
      // The model's `to × from` matrix stored `from × to`, so that y = x · W needs no transpose.
      const stored = new Float32Array(from * to);
      for (let j = 0; j < to; j++) for (let i = 0; i < from; i++) stored[i * to + j] = weights[j * from + i]!;
      return { weights: tf.tensor2d(stored, [from, to]), bias: tf.tensor1d(Float32Array.from(bias)) };
    });
  const forwardOn = (layers: readonly { weights: Tensor; bias: Tensor }[], x: Tensor): Tensor => {
    let y = x;
    for (const layer of layers)
      y = tf.fused.matMul({ a: y, b: layer.weights, bias: layer.bias, activation: 'sigmoid' });
    return y;
  };
  // tfjs computes no gradient through a fused sigmoid: training fuses the bias only.
  const trainingForwardOn = (layers: readonly { weights: Tensor; bias: Tensor }[], x: Tensor): Tensor => {
    let y = x;
    for (const layer of layers) y = tf.sigmoid(tf.fused.matMul({ a: y, b: layer.weights, bias: layer.bias }));
    return y;
  };
  return {
    name: `TensorFlow.js 4.22 ${backend}`,
    tolerance: FLOAT32,
    async init() {
      if (backend === 'wasm') await initWasm();
      else await tf.setBackend('cpu');
      await tf.ready();
    },
    dense(model) {
      use();
      const layers = layerTensors(model);
      const width = model.sizes[0]!;
      const run = (inputs: ArrayLike<number>, count: number): Float32Array => {
        use();
        const y = tf.tidy(() => forwardOn(layers, tf.tensor2d(new Float32Array(inputs), [count, width])));
        const values = y.dataSync();
        y.dispose();
        return values;
      };
      return { forward: (input) => run(input, 1), batch: run };
    },
    train(model, samples: readonly Sample[], learningRate) {
      use();
      const layers = layerTensors(model).map(({ weights, bias }) => ({
        weights: tf.variable(weights),
        bias: tf.variable(bias),
      }));
      const width = model.sizes[0]!;
      const outputs = model.sizes[model.sizes.length - 1]!;
      const xs = samples.map((sample) => tf.tensor2d(Float32Array.from(sample.input), [1, width]));
      const ts = samples.map((sample) => tf.tensor2d(Float32Array.from(sample.output), [1, outputs]));
      const optimizer = tf.train.sgd(learningRate);
      return {
        train(epochs) {
          use();
          for (let epoch = 0; epoch < epochs; epoch++) {
            for (let s = 0; s < xs.length; s++)
              optimizer.minimize(() => tf.losses.meanSquaredError(ts[s]!, trainingForwardOn(layers, xs[s]!)));
          }
        },
        loss() {
          use();
          return meanSquaredError(samples, (input) => {
            const y = tf.tidy(() => forwardOn(layers, tf.tensor2d(Float32Array.from(input), [1, width])));
            const values = y.dataSync();
            y.dispose();
            return values;
          });
        },
      };
    },
  };
}

export const tfjsCpu = tfjsPeer('cpu');
export const tfjsWasm = tfjsPeer('wasm');
