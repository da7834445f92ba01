/**
 * The WebAssembly dense kernel, measured (issue 13)
 * =================================================
 *
 *   node --import tsx/esm scripts/measure-wasm.ts [w2|sizes|crossover|train|all]
 *
 * w2: W2 (64-128-128-10 sigmoid), a batch of 1024, against TensorFlow.js 4.22's wasm backend
 * exactly as the bench runs it (bench/peers/tfjs.ts: one `tf.fused.matMul` per layer with the
 * weights stored `from × to`, the bias and the sigmoid fused, float32, SIMD, the float64 input
 * converted inside the timed call): `compile({ precision: 'float32' }).runBatch` and
 * `compile().runBatch` (float64) as the bench's neurograph peers call them, and the JavaScript
 * pass for scale. sizes: the same pairing on other shapes and batch sizes (no target may hold
 * for W2's shape only). crossover: wasm against JavaScript on small layers and batches (where
 * `WASM_MIN_WORK` comes from). train: one mini-batch forward + backward (`DenseBatch.accumulate`)
 * with and without wasm.
 * The machine is shared: candidates run in short slices, alternating, ROUNDS rounds (default 41);
 * each round gives a ratio to TensorFlow.js, reported as the median and the range. CPU=1 times
 * process CPU time instead of wall time (steadier when other processes compete for the cores;
 * every candidate here is single-threaded: tfjs-backend-wasm runs without threads in Node).
 */
import { layeredNetwork, neurographCompiled, neurographFloat32 } from '../bench/peers/neurograph.js';
import { tfjsWasm } from '../bench/peers/tfjs.js';
import { randomDenseModel, randomRows } from '../bench/peers/workloads.js';
import { DenseForward } from '../src/executors/dense-forward.js';
import { forgetDenseWasm } from '../src/executors/wasm-dense.js';
import { createRandom, Network } from '../src/index.js';
import { denseModelOf, type DenseModel } from '../src/plan/dense-model.js';
import { planOf } from '../src/plan/plan-cache.js';
import { DenseBatch } from '../src/train/dense-batch.js';
import { resolveLoss } from '../src/train/losses.js';
import { readSamples } from '../src/train/samples.js';

const REPEATS = Number(process.env.REPEATS ?? 21);
const ROUNDS = Number(process.env.ROUNDS ?? 41);

function modelOf(net: Network): DenseModel {
  const found = denseModelOf(planOf(net));
  if (!('model' in found)) throw new Error(found.reason);
  return found.model;
}

function rows(random: () => number, length: number): Float64Array {
  return Float64Array.from({ length }, () => random() * 2 - 1);
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

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
const ms = (value: number) => (value >= 1 ? `${value.toFixed(2)} ms` : `${(value * 1000).toFixed(1)} µs`);

/** Per-round times of each candidate (ms per call), alternating short slices of `calls` calls. */
function paired(candidates: Record<string, () => void>, calls: number): Record<string, number[]> {
  const names = Object.keys(candidates);
  for (const name of names) for (let i = 0; i < 5; i++) candidates[name]!();
  const cpu = process.env.CPU === '1';
  const times: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
  for (let r = 0; r < ROUNDS; r++) {
    // Every other round the other way round, so that neither always follows the other.
    for (const name of r % 2 === 0 ? names : [...names].reverse()) {
      const f = candidates[name]!;
      const wall = performance.now();
      const start = cpu ? process.cpuUsage() : null;
      for (let i = 0; i < calls; i++) f();
      const used = start === null ? null : process.cpuUsage(start);
      times[name]!.push(used === null ? (performance.now() - wall) / calls : (used.user + used.system) / 1000 / calls);
    }
  }
  return times;
}

/** Runs the W2-style batch pairing on one shape and prints each candidate's median time and ratio to TensorFlow.js. */
async function batchAgainstTfjs(sizes: readonly number[], count: number, withJs: boolean): Promise<void> {
  const model = randomDenseModel(sizes, 2);
  const rows = randomRows(sizes[0]!, count, 3);
  await tfjsWasm.init?.();
  const runners = {
    "compile({ precision: 'float32' }).runBatch": neurographFloat32.dense!(model),
    'compile().runBatch (float64)': neurographCompiled.dense!(model),
    'TensorFlow.js wasm, fused matMul': tfjsWasm.dense!(model),
  };
  const reference = runners['compile().runBatch (float64)'].batch!(rows, count);
  const errors = Object.entries(runners).map(([name, runner]) => {
    const got = runner.batch!(rows, count);
    let worst = 0;
    for (let i = 0; i < reference.length; i++) worst = Math.max(worst, Math.abs(got[i]! - reference[i]!));
    return `${name} ${worst.toExponential(1)}`;
  });
  const candidates: Record<string, () => void> = {};
  for (const [name, runner] of Object.entries(runners)) candidates[name] = () => runner.batch!(rows, count);
  if (withJs) {
    const viaJs = new DenseForward(modelOf(layeredNetwork(model)), count, false, { wasm: false });
    candidates['JavaScript pass (DenseForward, wasm off)'] = () => viaJs.run(rows, count);
  }
  // About 3 ms of work per slice (TensorFlow.js does some 7 multiply-adds per ns here).
  const work = count * model.layers.reduce((n, layer) => n + layer.weights.length, 0);
  const calls = Math.max(1, Math.round(2e7 / work));
  const times = paired(candidates, calls);
  const tf = times['TensorFlow.js wasm, fused matMul']!;
  console.log(`${sizes.join('-')} sigmoid, batch of ${count}, ${ROUNDS} rounds of ${calls} call(s) each:`);
  for (const [name, values] of Object.entries(times)) {
    const ratios = values.map((value, r) => value / tf[r]!).sort((a, b) => a - b);
    console.log(
      `  ${name.padEnd(44)} ${ms(median(values)).padStart(10)}  ${median(ratios).toFixed(2)}× tfjs ` +
        `(range ${ratios[0]!.toFixed(2)}–${ratios[ratios.length - 1]!.toFixed(2)}, ` +
        `middle half ${ratios[ratios.length >> 2]!.toFixed(2)}–${ratios[(3 * ratios.length) >> 2]!.toFixed(2)})`,
    );
  }
  console.log(`  largest |x − float64 compile()|: ${errors.join('; ')}`);
}

async function w2(): Promise<void> {
  await batchAgainstTfjs([64, 128, 128, 10], 1024, true);
}

/** Other shapes and batch sizes than W2's. */
async function sizes(): Promise<void> {
  for (const [shape, count] of [
    [[32, 64, 10], 1024],
    [[100, 50, 50, 3], 1024],
    [[64, 256, 10], 512],
    [[20, 30, 40, 5], 2048],
    [[784, 128, 10], 256],
    [[64, 128, 128, 10], 100],
  ] as const) {
    await batchAgainstTfjs(shape, count, false);
  }
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
if (which === 'sizes' || which === 'all') await sizes();
if (which === 'crossover' || which === 'all') crossover();
if (which === 'train' || which === 'all') train();
