/**
 * The WebAssembly dense kernel, measured (issue 13)
 * =================================================
 *
 *   npx tsx scripts/measure-wasm.ts [w2|crossover|train|all]
 *
 * w2: W2 (64-128-128-10 sigmoid), a batch of 1024: the JavaScript pass, `compile().runBatch`
 * (float64, the f64x2 kernel), the float32 pass (f32x4, sigmoid in wasm) and TensorFlow.js
 * 4.22's wasm backend with fused ops (`tf.fused.matMul` with the weights stored `from × to`,
 * the bias and the sigmoid in one kernel per layer, float32, SIMD). crossover: wasm against
 * JavaScript on small layers and batches (where `WASM_MIN_WORK` comes from). train: one
 * mini-batch forward + backward (`DenseBatch.accumulate`) with and without wasm.
 * Candidates are interleaved, medians of REPEATS rounds (the machine is shared).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { DenseForward } from '../src/executors/dense-forward.js';
import { forgetDenseWasm } from '../src/executors/wasm-dense.js';
import { Float32DenseForward } from '../src/executors/wasm-float32.js';
import { createRandom, Network } from '../src/index.js';
import { denseModelOf, type DenseModel } from '../src/plan/dense-model.js';
import { planOf } from '../src/plan/plan-cache.js';
import { DenseBatch } from '../src/train/dense-batch.js';
import { resolveLoss } from '../src/train/losses.js';
import { readSamples } from '../src/train/samples.js';

const REPEATS = Number(process.env.REPEATS ?? 21);

function modelOf(net: Network): DenseModel {
  const found = denseModelOf(planOf(net));
  if (!('model' in found)) throw new Error(found.reason);
  return found.model;
}

/** Median milliseconds per call of each candidate, interleaved round by round. */
function measure(candidates: Record<string, () => void>, minMs = 20): Record<string, number> {
  const names = Object.keys(candidates);
  const reps: Record<string, number> = {};
  for (const name of names) {
    const f = candidates[name]!;
    for (let i = 0; i < 3; i++) f();
    let n = 1;
    for (;;) {
      const t = performance.now();
      for (let i = 0; i < n; i++) f();
      if (performance.now() - t >= minMs) break;
      n *= 2;
    }
    reps[name] = n;
  }
  const times: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
  for (let r = 0; r < REPEATS; r++) {
    for (const name of names) {
      const f = candidates[name]!;
      const n = reps[name]!;
      const t = performance.now();
      for (let i = 0; i < n; i++) f();
      times[name]!.push((performance.now() - t) / n);
    }
  }
  return Object.fromEntries(names.map((name) => [name, median(times[name]!)]));
}

const median = (values: number[]) => values.sort((a, b) => a - b)[values.length >> 1]!;
const ms = (value: number) => (value >= 1 ? `${value.toFixed(2)} ms` : `${(value * 1000).toFixed(1)} µs`);

interface Tensor {
  dataSync(): Float32Array;
  dispose(): void;
}
interface Tf {
  setBackend(name: string): Promise<boolean>;
  ready(): Promise<void>;
  env(): { getAsync(flag: string): Promise<unknown> };
  tidy<T extends Tensor>(f: () => T): T;
  tensor2d(values: ArrayLike<number>, shape: [number, number]): Tensor;
  tensor1d(values: ArrayLike<number>): Tensor;
  fused: { matMul(o: { a: Tensor; b: Tensor; bias: Tensor; activation: 'sigmoid' }): Tensor };
}

/** TensorFlow.js on its wasm backend, loaded from node_modules (as bench/peers/tfjs.ts does), fused ops. */
async function tfjsFused(model: DenseModel): Promise<{ run: (x: Float64Array, count: number) => Float32Array }> {
  const require = createRequire(import.meta.url);
  const tf = require('@tensorflow/tfjs') as Tf;
  const wasm = require('@tensorflow/tfjs-backend-wasm') as { setWasmPaths(prefix: string): void };
  wasm.setWasmPaths(join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm')), '/'));
  if (!(await tf.setBackend('wasm'))) throw new Error('tfjs: the wasm backend failed to initialize');
  await tf.ready();
  if ((await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) !== true) throw new Error('tfjs: no SIMD');
  const layers = model.layers.map((layer) => {
    const inputs = layer.from.length;
    const outputs = layer.to.length;
    // Stored from × to, so no transpose: y = sigmoid(x · W + b).
    const weights = new Float32Array(inputs * outputs);
    for (let j = 0; j < outputs; j++)
      for (let i = 0; i < inputs; i++) weights[i * outputs + j] = layer.weights[j * inputs + i]!;
    return { weights: tf.tensor2d(weights, [inputs, outputs]), bias: tf.tensor1d(Float32Array.from(layer.bias)) };
  });
  const width = model.inputIds.length;
  return {
    run(x, count) {
      const y = tf.tidy(() => {
        let a = tf.tensor2d(Float32Array.from(x.subarray(0, count * width)), [count, width]);
        for (const { weights, bias } of layers) a = tf.fused.matMul({ a, b: weights, bias, activation: 'sigmoid' });
        return a;
      });
      const values = y.dataSync();
      y.dispose();
      return values;
    },
  };
}

function rows(random: () => number, length: number): Float64Array {
  return Float64Array.from({ length }, () => random() * 2 - 1);
}

async function w2(): Promise<void> {
  const net = Network.layered([64, 128, 128, 10], { seed: 1 });
  const model = modelOf(net);
  const count = 1024;
  const x = rows(createRandom(2), count * 64);
  const compiled = net.compile();
  const viaJs = new DenseForward(model, count, false, { wasm: false });
  const float32 = Float32DenseForward.forModel(model)!;
  const tfjs = await tfjsFused(model);
  const out64 = new Float64Array(count * 10);
  const out32 = new Float64Array(count * 10);
  compiled.runBatch(x, count, out64);
  float32.run(x, count, out32);
  const fromTf = tfjs.run(x, count);
  let f32Error = 0;
  let tfError = 0;
  for (let i = 0; i < out64.length; i++) {
    f32Error = Math.max(f32Error, Math.abs(out32[i]! - out64[i]!));
    tfError = Math.max(tfError, Math.abs(fromTf[i]! - out64[i]!));
  }
  const times = measure({
    'JavaScript kernel (DenseForward, wasm off)': () => viaJs.run(x, count),
    'compile().runBatch, float64 (f64x2 wasm)': () => compiled.runBatch(x, count, out64),
    'float32 pass (f32x4 wasm, sigmoid in wasm)': () => float32.run(x, count, out32),
    'TensorFlow.js 4.22 wasm, fused matMul': () => tfjs.run(x, count),
  });
  const tf = times['TensorFlow.js 4.22 wasm, fused matMul']!;
  console.log(`W2 64-128-128-10 sigmoid, batch of ${count}, medians of ${REPEATS} interleaved rounds:`);
  for (const [name, time] of Object.entries(times))
    console.log(`  ${name.padEnd(46)} ${ms(time).padStart(10)}  ${(time / tf).toFixed(2)}× tfjs`);
  console.log(
    `  largest |float32 − float64| output: ${f32Error.toExponential(2)}; TensorFlow.js: ${tfError.toExponential(2)}`,
  );
}

function crossover(): void {
  console.log('wasm vs JavaScript dense passes (sigmoid), per pass:');
  const random = createRandom(3);
  for (const sizes of [
    [2, 2, 1],
    [2, 3, 1],
    [4, 8, 3],
    [8, 16, 4],
    [16, 32, 8],
    [64, 128, 128, 10],
  ]) {
    const net = Network.layered(sizes, { seed: 1 });
    const model = modelOf(net);
    for (const count of [1, 4, 32]) {
      const x = rows(random, count * sizes[0]!);
      const viaWasm = new DenseForward(model, count, false);
      if (viaWasm.arena === null) {
        // Below WASM_MIN_WORK the pass never moves; force it to measure the kernel anyway.
        viaWasm.reserve(1 << 20);
      }
      const viaJs = new DenseForward(model, count, false, { wasm: false });
      const work = count * model.layers.reduce((n, layer) => n + layer.weights.length, 0);
      const times = measure({ js: () => viaJs.run(x, count), wasm: () => viaWasm.run(x, count) }, 5);
      const used = viaWasm.usesWasm(count) ? 'wasm used' : 'JavaScript used';
      console.log(
        `  ${sizes.join('-').padEnd(14)} × ${String(count).padStart(2)} (${String(work).padStart(7)} multiply-adds): ` +
          `JavaScript ${ms(times.js!).padStart(9)}, wasm ${ms(times.wasm!).padStart(9)} (${(times.js! / times.wasm!).toFixed(2)}×; ${used})`,
      );
    }
  }
}

function train(): void {
  console.log('one mini-batch, forward + backward (DenseBatch.accumulate), W2 64-128-128-10:');
  const net = Network.layered([64, 128, 128, 10], { seed: 1 });
  const plan = planOf(net);
  const random = createRandom(4);
  for (const count of [8, 32, 128]) {
    const samples = Array.from({ length: count }, () => ({
      input: Array.from({ length: 64 }, () => random() * 2 - 1),
      output: Array.from({ length: 10 }, () => random()),
    }));
    const block = readSamples(samples, plan, 'measure');
    const order = Array.from({ length: count }, (_, i) => i);
    const loss = resolveLoss('mse', 'measure');
    const gradients = new Float64Array(plan.weights.length);
    const viaWasm = DenseBatch.forPlan(plan, count)!;
    const saved = globalThis.WebAssembly;
    (globalThis as { WebAssembly?: unknown }).WebAssembly = undefined;
    forgetDenseWasm();
    const viaJs = DenseBatch.forPlan(plan, count)!;
    globalThis.WebAssembly = saved;
    forgetDenseWasm();
    const step = (dense: DenseBatch) => () => dense.accumulate(plan.weights, block, order, 0, count, loss, gradients);
    const times = measure({ js: step(viaJs), wasm: step(viaWasm) });
    console.log(
      `  batch ${String(count).padStart(3)}: JavaScript ${ms(times.js!).padStart(9)}, wasm ${ms(times.wasm!).padStart(9)}` +
        ` (${(times.js! / times.wasm!).toFixed(2)}×); per sample ${ms(times.wasm! / count)}`,
    );
  }
}

const which = process.argv[2] ?? 'all';
if (which === 'w2' || which === 'all') await w2();
if (which === 'crossover' || which === 'all') crossover();
if (which === 'train' || which === 'all') train();
