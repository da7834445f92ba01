import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRandom, Network, Trainer } from '../src/index.js';
import { forgetDenseWasm } from '../src/executors/wasm-dense.js';
import { planOf } from '../src/plan/plan-cache.js';
import { DenseBatch } from '../src/train/dense-batch.js';
import { resolveLoss } from '../src/train/losses.js';
import { readSamples } from '../src/train/samples.js';

function samplesFor(net: Network, count: number, seed: number) {
  const random = createRandom(seed);
  return Array.from({ length: count }, () => ({
    input: net.inputs.map(() => random() * 4 - 2),
    output: net.outputs.map(() => random()),
  }));
}

/** The loss and mean gradient of one mini-batch, by plan slot. */
function gradientsOf(net: Network, samples: ReturnType<typeof samplesFor>, lossName: 'mse' | 'crossEntropy') {
  const plan = planOf(net);
  const dense = DenseBatch.forPlan(plan, samples.length)!;
  const block = readSamples(samples, plan, 'test');
  const order = Array.from({ length: samples.length }, (_, i) => (i * 7) % samples.length);
  const gradients = new Float64Array(plan.weights.length);
  const loss = dense.accumulate(
    plan.weights,
    block,
    order,
    0,
    samples.length,
    resolveLoss(lossName, 'test'),
    gradients,
  );
  return { loss, gradients };
}

const withoutWasm = <T>(f: () => T): T => {
  vi.stubGlobal('WebAssembly', undefined);
  forgetDenseWasm();
  try {
    return f();
  } finally {
    vi.unstubAllGlobals();
    forgetDenseWasm();
  }
};

describe('batch training through the WebAssembly kernel', () => {
  afterEach(() => forgetDenseWasm());

  it('gives the JavaScript products’ loss and gradients bit for bit on 30 random layered networks', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const random = createRandom(seed);
      const sizes = Array.from({ length: 2 + Math.floor(random() * 3) }, () => 1 + Math.floor(random() * 20));
      const net = Network.layered(sizes, { activation: seed % 2 ? 'tanh' : 'sigmoid', seed });
      const samples = samplesFor(net, 1 + Math.floor(random() * 40), seed);
      const lossName = seed % 3 === 0 ? 'crossEntropy' : 'mse';
      const viaWasm = gradientsOf(net, samples, lossName);
      const viaJs = withoutWasm(() => gradientsOf(net, samples, lossName));
      expect(viaWasm.loss, `seed ${seed}`).toBe(viaJs.loss);
      expect(viaWasm.gradients, `seed ${seed}`).toStrictEqual(viaJs.gradients);
    }
  });

  it('trains to the same weights as without WebAssembly', async () => {
    const build = () => Network.layered([8, 16, 3], { activation: 'tanh', seed: 4 });
    const samples = samplesFor(build(), 64, 4);
    const options = { optimizer: 'adam', learningRate: 0.01, batchSize: 16, epochs: 5, seed: 3 } as const;
    const viaWasm = build();
    await new Trainer(viaWasm, options).train(samples);
    const viaJs = build();
    vi.stubGlobal('WebAssembly', undefined);
    forgetDenseWasm();
    try {
      await new Trainer(viaJs, options).train(samples);
    } finally {
      vi.unstubAllGlobals();
    }
    expect(viaWasm.toJSON()).toStrictEqual(viaJs.toJSON());
  });
});
