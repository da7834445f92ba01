/**
 * Regularization: l1·Σ|w| + l2·Σw² over trainable connections not from a bias neuron, in the loss and the
 * gradient of every path (graph walk, observed runs, matrices, sequences), checked against finite differences.
 */
import { describe, expect, it } from 'vitest';
import { Network, Trainer, createRandom, type ActivationSpec, type Sample, type TrainingSample } from '../src/index.js';
import { numericGradient, offKinks } from './support/gradient-check.js';
import { randomNetwork } from './support/random-network.js';
import { randomRecurrentNetwork } from './support/recurrent-network.js';

const smooth: readonly ActivationSpec[] = ['identity', 'sigmoid', 'tanh', 'leakyRelu'];

function randomSamples(seed: number, net: Network, count: number): Sample[] {
  const random = createRandom(seed);
  return Array.from({ length: count }, () => ({
    input: net.inputs.map(() => random() * 4 - 2),
    output: net.outputs.map(() => random()),
  }));
}

/** A seeded random DAG with a bias neuron, one untrainable connection, samples off every kink, and penalty factors. */
function problem(seed: number) {
  for (let attempt = 0; ; attempt++) {
    const draw = seed * 1000 + attempt;
    const net = randomNetwork(draw, {
      inputs: 1 + (seed % 3),
      hidden: 2 + (seed % 5),
      outputs: 1 + (seed % 2),
      density: 0.5,
      bias: true,
      activations: smooth,
    });
    const first = net.graph.edges().find((edge) => net.graph.source(edge) !== 'bias');
    if (first !== undefined) net.graph.setEdgeAttribute(first, 'trainable', false);
    const samples = randomSamples(draw, net, 2 + (seed % 3));
    const random = createRandom(draw);
    const regularization = { l1: Math.round(random() * 100) / 1000, l2: Math.round(random() * 100) / 1000 };
    if (offKinks(net, samples)) return { net, samples, regularization };
  }
}

/** l1·Σ|w| + l2·Σw² computed from the graph: trainable connections whose source is not a bias neuron. */
function penaltyOf(net: Network, { l1, l2 }: { l1: number; l2: number }): number {
  let total = 0;
  net.graph.forEachEdge((_edge, { weight, trainable }, from) => {
    if (trainable === false || net.graph.getNodeAttribute(from, 'role') === 'bias') return;
    total += l1 * Math.abs(weight) + l2 * weight * weight;
  });
  return total;
}

describe('regularization', () => {
  it('adds l1·Σ|w| + l2·Σw² (not the bias neuron’s, not untrainable connections) to the loss', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const { net, samples, regularization } = problem(seed);
      const plain = new Trainer(net).loss(samples);
      const penalized = new Trainer(net, { regularization }).loss(samples);
      expect(penalized - plain).toBeCloseTo(penaltyOf(net, regularization), 12);
    }
  });

  it('adds l1·sign(w) + 2·l2·w to exactly the penalized connections’ gradients', () => {
    const { net, samples } = problem(7);
    const regularization = { l1: 0.03, l2: 0.05 };
    const plain = new Trainer(net).gradients(samples);
    const penalized = new Trainer(net, { regularization }).gradients(samples);
    penalized.forEach(({ from, to, gradient }, k) => {
      const { weight, trainable } = net.connection(from, to);
      const expected =
        trainable === false
          ? 0
          : from === 'bias'
            ? plain[k]!.gradient
            : plain[k]!.gradient + 0.03 * Math.sign(weight) + 0.1 * weight;
      expect(gradient, `${from} -> ${to}`).toBeCloseTo(expected, 14);
    });
    expect(penalized.some(({ from }) => from === 'bias')).toBe(true);
  });

  it('gives gradients that match central finite differences on 40 random DAGs', () => {
    let compared = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const { net, samples, regularization } = problem(seed);
      const trainer = new Trainer(net, { regularization });
      for (const { from, to, gradient } of trainer.gradients(samples)) {
        if (net.connection(from, to).trainable === false) continue;
        const numeric = numericGradient(trainer, samples, from, to);
        const allowed = Math.max(1e-6 * Math.max(Math.abs(gradient), Math.abs(numeric)), 1e-9);
        expect(Math.abs(gradient - numeric), `seed ${seed}, ${from} -> ${to}`).toBeLessThanOrEqual(allowed);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(300);
  });

  it('gives gradients through time that match finite differences on 20 random recurrent networks', () => {
    let compared = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const net = randomRecurrentNetwork(seed, { inputs: 2, hidden: 3, outputs: 1, products: 0.2, delayed: 2 });
      for (const id of net.neurons) {
        const { role, activation } = net.graph.getNodeAttributes(id);
        if ((role === 'hidden' || role === 'output') && (activation === 'step' || activation === 'relu')) {
          net.graph.setNodeAttribute(id, 'activation', 'tanh');
        }
      }
      const random = createRandom(seed);
      const samples: TrainingSample[] = Array.from({ length: 3 }, () => ({
        steps: Array.from({ length: 1 + Math.floor(random() * 4) }, () => ({
          input: net.inputs.map(() => random() * 2 - 1),
          output: net.outputs.map(() => random()),
        })),
      }));
      const trainer = new Trainer(net, { regularization: { l1: 0.02, l2: 0.03 } });
      for (const { from, to, gradient } of trainer.gradients(samples)) {
        if (net.connection(from, to).trainable === false) continue;
        const numeric = numericGradient(trainer, samples, from, to);
        const allowed = Math.max(1e-6 * Math.max(Math.abs(gradient), Math.abs(numeric)), 1e-9);
        expect(Math.abs(gradient - numeric), `seed ${seed}, ${from} -> ${to}`).toBeLessThanOrEqual(allowed);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(100);
  });

  it('is in the steps of the matrix path (batchSize > 1) and of observed runs: one SGD step moves w by η·gradient', async () => {
    const samples = randomSamples(3, Network.layered([3, 4, 2], { seed: 3 }), 6);
    for (const observed of [false, true]) {
      const net = Network.layered([3, 4, 2], { seed: 3 });
      if (observed) net.on('neuronActivated', () => {});
      const options = { regularization: { l1: 0.01, l2: 0.02 }, learningRate: 0.5, batchSize: 6, shuffle: false };
      const trainer = new Trainer(net, { ...options, epochs: 1 });
      const gradients = trainer.gradients(samples);
      const before = gradients.map(({ from, to }) => net.weight(from, to));
      await trainer.train(samples);
      gradients.forEach(({ from, to, gradient }, k) => {
        expect((before[k]! - net.weight(from, to)) / 0.5, `${from} -> ${to}`).toBeCloseTo(gradient, 12);
      });
    }
  });

  it('is in the epoch loss: one full-batch epoch reports the penalized loss of the starting weights', async () => {
    const { net, samples, regularization } = problem(11);
    const trainer = new Trainer(net, { regularization, batchSize: samples.length, epochs: 1, shuffle: false });
    const before = trainer.loss(samples);
    const result = await trainer.train(samples);
    expect(result.loss).toBe(before);
  });

  it('shrinks the weights: a strong l2 ends with a smaller Σw² than none', async () => {
    const xor = [
      { input: [0, 0], output: [0] },
      { input: [0, 1], output: [1] },
      { input: [1, 0], output: [1] },
      { input: [1, 1], output: [0] },
    ];
    const squares = async (l2: number) => {
      const net = Network.layered([2, 4, 1], { seed: 5 });
      await new Trainer(net, { learningRate: 0.5, epochs: 300, regularization: { l2 } }).train(xor);
      return penaltyOf(net, { l1: 0, l2: 1 });
    };
    expect(await squares(0.01)).toBeLessThan((await squares(0)) / 2);
  });
});
