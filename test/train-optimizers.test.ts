import { describe, expect, it } from 'vitest';
import { Network, Trainer, UsageError, optimizerNames, type OptimizerSpec, type Sample } from '../src/index.js';

// One identity neuron y = w·x, one sample: the mean squared error's gradient is 2(wx − t)x.
const X = 1.5;
const T = 0.5;
const W = 0.8;
const single = () => new Network().addInput('x').addOutput('y', { activation: 'identity' }).connect('x', 'y', W);
const sample: Sample[] = [{ input: [X], output: [T] }];
const gradient = (w: number) => 2 * (w * X - T) * X;

async function twoSteps(optimizer: OptimizerSpec, learningRate: number): Promise<number[]> {
  const net = single();
  const trainer = new Trainer(net, { optimizer, learningRate, epochs: 1, shuffle: false });
  const weights: number[] = [];
  for (let step = 0; step < 2; step++) {
    await trainer.train(sample);
    weights.push(net.weight('x', 'y'));
  }
  return weights;
}

describe('optimizers', () => {
  it('sgd: w ← w − ηg', async () => {
    const w1 = W - 0.1 * gradient(W);
    const w2 = w1 - 0.1 * gradient(w1);
    expect(await twoSteps('sgd', 0.1)).toStrictEqual([w1, w2]);
  });

  it('momentum matches two hand-computed steps: v ← μv − ηg, w ← w + v (and keeps v between train calls)', async () => {
    const v1 = -0.1 * gradient(W);
    const w1 = W + v1;
    const v2 = 0.8 * v1 - 0.1 * gradient(w1);
    const w2 = w1 + v2;
    const [a, b] = await twoSteps({ name: 'momentum', momentum: 0.8 }, 0.1);
    expect(a).toBeCloseTo(w1, 14);
    expect(b).toBeCloseTo(w2, 14);
    expect(b).toBeCloseTo(0.8 - 0.21 + 0.8 * -0.21 - 0.1 * 2 * (0.59 * 1.5 - 0.5) * 1.5, 14);
  });

  it('adam matches two hand-computed steps (Kingma & Ba, Algorithm 1)', async () => {
    const [b1, b2, eps, lr] = [0.9, 0.999, 1e-8, 0.1];
    let w = W;
    let m = 0;
    let v = 0;
    const expected: number[] = [];
    for (let t = 1; t <= 2; t++) {
      const g = gradient(w);
      m = b1 * m + (1 - b1) * g;
      v = b2 * v + (1 - b2) * g * g;
      w -= (lr * (m / (1 - b1 ** t))) / (Math.sqrt(v / (1 - b2 ** t)) + eps);
      expected.push(w);
    }
    const [a, b] = await twoSteps('adam', lr);
    expect(a).toBeCloseTo(expected[0]!, 14);
    expect(b).toBeCloseTo(expected[1]!, 14);
    // The first adam step moves every weight by about the learning rate.
    expect(W - a!).toBeCloseTo(0.1, 8);
  });

  for (const name of optimizerNames) {
    for (const loss of ['mse', 'crossEntropy'] as const) {
      it(`${name} moves the ${loss} loss down on a small classification problem`, async () => {
        const net = Network.layered([2, 4, 1], { seed: 5 });
        const samples: Sample[] = [
          [0, 0, 0],
          [0, 1, 1],
          [1, 0, 1],
          [1, 1, 1],
          [0.5, 0.2, 1],
          [0.1, 0.1, 0],
        ].map(([a, b, t]) => ({ input: [a!, b!], output: [t!] }));
        const trainer = new Trainer(net, {
          optimizer: name,
          loss,
          epochs: 300,
          learningRate: name === 'sgd' ? 0.5 : name === 'momentum' ? 0.05 : 0.02,
        });
        const before = trainer.loss(samples);
        const result = await trainer.train(samples);
        const after = trainer.loss(samples);
        expect(after).toBeLessThan(before / 3);
        expect(result.loss).toBeLessThan(before);
      });
    }
  }

  it('refuses unknown optimizers, parameters and options with a UsageError', () => {
    const net = single();
    expect(() => new Trainer(net, { optimizer: 'rmsprop' as never })).toThrow(UsageError);
    expect(() => new Trainer(net, { optimizer: { name: 'momentum', momentum: 1.5 } })).toThrow(
      /"momentum" in \[0, 1\)/,
    );
    expect(() => new Trainer(net, { optimizer: { name: 'adam', beta3: 0.1 } as never })).toThrow(
      /no parameter "beta3"/,
    );
    expect(() => new Trainer(net, { learningRate: -1 })).toThrow(UsageError);
    expect(() => new Trainer(net, { batchSize: 0 })).toThrow(UsageError);
    expect(() => new Trainer(net, { learnRate: 0.1 } as never)).toThrow(/unknown option "learnRate"/);
    expect(() => new Trainer(net, { loss: 'hinge' as never })).toThrow(/unknown loss "hinge"/);
  });

  it('refuses values that cannot be printed plainly (BigInt, symbol, null-prototype objects) with a UsageError too', () => {
    const net = single();
    const bad: Record<string, unknown>[] = [
      { loss: 1n },
      { optimizer: 1n },
      { optimizer: Object.create(null) },
      { optimizer: { name: 'momentum', momentum: Symbol('m') } },
      { learningRate: Object.create(null) },
      { shuffle: Symbol('s') },
      { signal: 2n },
    ];
    for (const options of bad)
      expect(() => new Trainer(net, options as never), String(Object.keys(options))).toThrow(UsageError);
    expect(() => new Trainer(net, { loss: 1n as never })).toThrow(/unknown loss 1n/);
  });
});
