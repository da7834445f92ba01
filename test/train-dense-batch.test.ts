import { describe, expect, it, vi } from 'vitest';
import { Network, Trainer, createRandom, type ActivationSpec } from '../src/index.js';
import { DenseBatch } from '../src/train/dense-batch.js';
import { resolveLoss } from '../src/train/losses.js';
import { readSamples } from '../src/train/samples.js';
import { GraphWalk } from '../src/train/gradient-path.js';
import { WorkingCopy } from '../src/train/working-copy.js';
import { pick } from './support/random-network.js';
import { planOf } from '../src/plan/plan-cache.js';

const smooth: ActivationSpec[] = ['sigmoid', 'tanh', 'identity', { name: 'leakyRelu', alpha: 0.2 }];

function randomLayered(seed: number): Network {
  const random = createRandom(seed);
  const sizes = Array.from({ length: 2 + Math.floor(random() * 3) }, () => 1 + Math.floor(random() * 6));
  const net = Network.layered(sizes, {
    activation: pick(random, smooth),
    outputActivation: pick(random, smooth),
    bias: random() < 0.7,
    seed,
  });
  for (const [from, to] of net.graph.mapEdges((_e, _a, s, t) => [s, t] as const))
    if (random() < 0.08) net.disconnect(from, to);
  return net;
}

function randomSamples(seed: number, net: Network, count: number) {
  const random = createRandom(seed + 1000);
  return Array.from({ length: count }, () => ({
    input: net.inputs.map(() => random() * 4 - 2),
    output: net.outputs.map(() => random()),
  }));
}

describe('mini-batches as matrices', () => {
  it('give the graph walk’s loss and mean gradient on 40 random layered networks, both losses', () => {
    let compared = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const net = randomLayered(seed);
      const dense = DenseBatch.forPlan(planOf(net), 7);
      if (dense === null) continue; // a dropped connection can leave a neuron without inputs
      const lossName = seed % 2 ? 'mse' : 'crossEntropy';
      const loss = resolveLoss(lossName, 'test');
      const copy = new WorkingCopy(net, 'test');
      try {
        const block = readSamples(randomSamples(seed, net, 7), planOf(net), 'test');
        const order = [3, 0, 6, 1, 5, 2, 4];
        const viaGraph = new Float64Array(planOf(net).weights.length);
        const viaMatrices = new Float64Array(planOf(net).weights.length);
        const graphLoss = new GraphWalk(copy, loss, 'test').pass(block, order, 0, 7, viaGraph);
        const matrixLoss = dense.accumulate(copy.current.weights, block, order, 0, 7, loss, viaMatrices) as number;
        expect(matrixLoss).toBeCloseTo(graphLoss, 12);
        viaGraph.forEach((gradient, slot) => {
          expect(Math.abs(viaMatrices[slot]! - gradient), `seed ${seed}, slot ${slot}`).toBeLessThanOrEqual(
            1e-12 * Math.max(1, Math.abs(gradient)),
          );
        });
        compared++;
      } finally {
        copy.release();
      }
    }
    expect(compared).toBeGreaterThan(25);
  });

  it('train to the same weights as the observed graph path, and are used only when nobody watches', async () => {
    const samples = randomSamples(5, Network.layered([4, 6, 3]), 40);
    const options = { optimizer: 'adam', learningRate: 0.01, batchSize: 8, epochs: 15, seed: 3 } as const;
    const fast = Network.layered([4, 6, 3], { activation: 'tanh', seed: 9 });
    const watched = Network.layered([4, 6, 3], { activation: 'tanh', seed: 9 });
    watched.on('runCompleted', () => {}); // someone listens: every forward pass is a real run

    const spy = vi.spyOn(DenseBatch.prototype, 'accumulate');
    await new Trainer(fast, options).train(samples);
    const callsWhileFast = spy.mock.calls.length;
    await new Trainer(watched, options).train(samples);
    // 15 epochs of 5 batches, then the final weights checked, a batch at a time.
    expect(callsWhileFast).toBe(15 * 5 + 5);
    // Watched, every step is a real run; only the silent check of the final weights uses the matrices.
    expect(spy.mock.calls.length).toBe(callsWhileFast + 5);
    spy.mockRestore();

    const fastWeights = fast.graph.mapEdges((_e, { weight }) => weight);
    const watchedWeights = watched.graph.mapEdges((_e, { weight }) => weight);
    expect(fastWeights).not.toStrictEqual(
      Network.layered([4, 6, 3], { activation: 'tanh', seed: 9 }).graph.mapEdges((_e, { weight }) => weight),
    );
    fastWeights.forEach((weight, i) => expect(weight).toBeCloseTo(watchedWeights[i]!, 9));
  });

  it('are not used for networks that are not layered', () => {
    const skip = Network.layered([2, 3, 1], { seed: 1 }).connect('x0', 'y0', 0.5);
    expect(DenseBatch.forPlan(planOf(skip), 4)).toBeNull();
  });
});
