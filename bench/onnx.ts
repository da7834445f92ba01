/**
 * ONNX: the W2 network (dense 64-128-128-10 sigmoid) exported with toOnnx and run in
 * onnxruntime-node (CPU, all graph optimizations, one thread) next to `compile().run` and
 * `runBatch`, for one sample and a batch of 1024, so users see when serving it there pays off.
 * Each path is checked against `compile()` first. `node --import tsx/esm bench/onnx.ts` runs it alone.
 */
import * as ort from 'onnxruntime-node';
import { createRandom, Network } from '../src/index.js';
import { toOnnx } from '../src/onnx/to-onnx.js';
import { isMainModule } from '../scenarios/support.js';
import { formatNs } from './harness.js';

interface Case {
  readonly name: string;
  /** Runs the work `n` times. */
  readonly run: (n: number) => Promise<unknown> | unknown;
}

/** Interleaved repetitions of async cases, ns per run: median, min, max. */
async function compareAsync(cases: readonly Case[], repetitions = 9, targetMs = 150) {
  const counts: number[] = [];
  for (const c of cases) {
    let n = 1;
    for (;;) {
      const start = process.hrtime.bigint();
      await c.run(n);
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (ms >= targetMs / 4) {
        counts.push(Math.max(1, Math.round((n * targetMs) / ms)));
        break;
      }
      n *= 4;
    }
  }
  const samples: number[][] = cases.map(() => []);
  for (let r = 0; r < repetitions; r++) {
    for (const [i, c] of cases.entries()) {
      const start = process.hrtime.bigint();
      await c.run(counts[i]!);
      samples[i]!.push(Number(process.hrtime.bigint() - start) / counts[i]!);
    }
  }
  return cases.map((c, i) => {
    const sorted = [...samples[i]!].sort((a, b) => a - b);
    return { name: c.name, median: sorted[sorted.length >> 1]!, min: sorted[0]!, max: sorted[sorted.length - 1]! };
  });
}

export async function benchOnnx(): Promise<string> {
  const net = Network.layered([64, 128, 128, 10], { activation: 'sigmoid', seed: 2 });
  const compiled = net.compile();
  const random = createRandom(3);
  const batch = 1024;
  const inputs = Float64Array.from({ length: 64 * batch }, () => random() * 2 - 1);
  const expected = compiled.runBatch(inputs, batch);
  const options: ort.InferenceSession.SessionOptions = {
    graphOptimizationLevel: 'all',
    executionProviders: ['cpu'],
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
  };
  const sessions = {
    float32: await ort.InferenceSession.create(toOnnx(net), options),
    float64: await ort.InferenceSession.create(toOnnx(net, { dtype: 'float64' }), options),
  };
  const tensors = {
    float32: {
      one: new ort.Tensor('float32', Float32Array.from(inputs.subarray(0, 64)), [1, 64]),
      all: new ort.Tensor('float32', Float32Array.from(inputs), [batch, 64]),
    },
    float64: {
      one: new ort.Tensor('float64', inputs.slice(0, 64), [1, 64]),
      all: new ort.Tensor('float64', inputs.slice(), [batch, 64]),
    },
  };
  // Check before timing: each runtime path gives compile()'s answers.
  for (const dtype of ['float32', 'float64'] as const) {
    const result = await sessions[dtype].run({ input: tensors[dtype].all });
    const data = result.output!.data as Float32Array | Float64Array;
    let worst = 0;
    for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(data[i]! - expected[i]!));
    if (worst > (dtype === 'float32' ? 1e-5 : 1e-12)) throw new Error(`bench/onnx: ${dtype} differs by ${worst}`);
  }
  const out = new Float64Array(10);
  const outBatch = new Float64Array(10 * batch);
  const one = inputs.subarray(0, 64);
  const ortCase = (dtype: 'float32' | 'float64', which: 'one' | 'all') => async (n: number) => {
    let result: unknown;
    for (let i = 0; i < n; i++) result = await sessions[dtype].run({ input: tensors[dtype][which] });
    return result;
  };
  const single = await compareAsync([
    {
      name: 'neurograph `compile().run`',
      run: (n) => {
        for (let i = 0; i < n; i++) compiled.run(one, out);
        return out;
      },
    },
    { name: 'onnxruntime-node float32', run: ortCase('float32', 'one') },
    { name: 'onnxruntime-node float64', run: ortCase('float64', 'one') },
  ]);
  const batched = await compareAsync([
    {
      name: 'neurograph `compile().runBatch`',
      run: (n) => {
        for (let i = 0; i < n; i++) compiled.runBatch(inputs, batch, outBatch);
        return outBatch;
      },
    },
    { name: 'onnxruntime-node float32', run: ortCase('float32', 'all') },
    { name: 'onnxruntime-node float64', run: ortCase('float64', 'all') },
  ]);
  const table = (rows: Awaited<ReturnType<typeof compareAsync>>, unit: string) =>
    [
      `| path | median ${unit} | min – max | × neurograph |`,
      '| --- | --- | --- | --- |',
      ...rows.map(
        (row) =>
          `| ${row.name} | ${formatNs(row.median)} | ${formatNs(row.min)} – ${formatNs(row.max)} | ${(row.median / rows[0]!.median).toFixed(2)}× |`,
      ),
    ].join('\n');
  return [
    `W2 (dense 64-128-128-10 sigmoid) exported with \`toOnnx\` and run by onnxruntime-node ${ort.env.versions.node} (CPU, all graph optimizations, one thread), awaited run by run (the N-API call and tensor wrapping included).`,
    '',
    'One sample:',
    '',
    table(single, 'per sample'),
    '',
    `A batch of ${batch}:`,
    '',
    table(batched, 'per batch'),
  ].join('\n');
}

if (isMainModule(import.meta.url)) console.log(await benchOnnx());
