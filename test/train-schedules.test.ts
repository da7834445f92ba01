/**
 * Learning-rate schedules: the exact rate per epoch, each epoch's steps taken with it, adam's state carried
 * across rate changes, and a schedule that returns a bad rate stopping training cleanly.
 */
import { describe, expect, it } from 'vitest';
import { Network, Trainer, TrainingError, UsageError, createRandom, type Sample } from '../src/index.js';
import { schedules } from '../src/train/schedules.js';

const samples: Sample[] = (() => {
  const random = createRandom(8);
  return Array.from({ length: 6 }, () => ({ input: [random(), random()], output: [random()] }));
})();
const fresh = () => Network.layered([2, 3, 1], { seed: 4 });

describe('schedules', () => {
  it('step: initial · factor^⌊(epoch − 1) / every⌋', () => {
    const rate = schedules.step({ initial: 0.8, factor: 0.5, every: 3 });
    expect(Array.from({ length: 10 }, (_, k) => rate(k + 1))).toStrictEqual([
      0.8, 0.8, 0.8, 0.4, 0.4, 0.4, 0.2, 0.2, 0.2, 0.1,
    ]);
  });

  it('exponential: initial · decay^(epoch − 1)', () => {
    const rate = schedules.exponential({ initial: 1, decay: 0.5 });
    expect(Array.from({ length: 6 }, (_, k) => rate(k + 1))).toStrictEqual([1, 0.5, 0.25, 0.125, 0.0625, 0.03125]);
  });

  it('refuse bad settings by name', () => {
    const bad: unknown[] = [
      () => schedules.step({ initial: 0, factor: 0.5, every: 1 }),
      () => schedules.step({ initial: 1, factor: -0.5, every: 1 }),
      () => schedules.step({ initial: 1, factor: 0.5, every: 0 }),
      () => schedules.step({ initial: 1, factor: 0.5, every: 1.5 }),
      () => schedules.step({ initial: 1, factor: 0.5 } as never),
      () => schedules.step({ initial: 1, factor: 0.5, every: 2, evry: 3 } as never),
      () => schedules.step(undefined as never),
      () => schedules.exponential({ initial: Number.NaN, decay: 0.9 }),
      () => schedules.exponential({ initial: 1, decay: Number.POSITIVE_INFINITY }),
      () => schedules.exponential({ initial: 1, decay: 0.9, rate: 1 } as never),
    ];
    for (const call of bad) expect(call).toThrow(UsageError);
  });
});

describe('a learning rate that changes per epoch', () => {
  it('reports each epoch’s rate and steps with it: SGD weights move by exactly rate × gradient', async () => {
    const net = fresh();
    const rate = schedules.step({ initial: 0.8, factor: 0.5, every: 2 });
    const trainer = new Trainer(net, { learningRate: rate, epochs: 5, batchSize: samples.length, shuffle: false });
    expect(trainer.learningRate).toBe(0.8);
    const checker = new Trainer(net);
    let gradients = checker.gradients(samples);
    let before = gradients.map(({ from, to }) => net.weight(from, to));
    const rates: number[] = [];
    trainer.on('epochCompleted', ({ epoch, learningRate }) => {
      rates.push(learningRate);
      gradients.forEach(({ from, to, gradient }, k) => {
        expect(net.weight(from, to), `epoch ${epoch}, ${from} -> ${to}`).toBeCloseTo(
          before[k]! - learningRate * gradient,
          12,
        );
      });
      gradients = checker.gradients(samples);
      before = gradients.map(({ from, to }) => net.weight(from, to));
    });
    await trainer.train(samples);
    expect(rates).toStrictEqual([0.8, 0.8, 0.4, 0.4, 0.2]);
  });

  it('keeps adam’s state across rate changes: one call with a schedule equals one epoch per call at those rates', async () => {
    const rate = schedules.exponential({ initial: 0.05, decay: 0.7 });
    const scheduled = fresh();
    await new Trainer(scheduled, { optimizer: 'adam', learningRate: rate, epochs: 6, shuffle: false }).train(samples);

    const stepwise = fresh();
    let current = rate(1);
    const trainer = new Trainer(stepwise, {
      optimizer: 'adam',
      learningRate: () => current,
      epochs: 1,
      shuffle: false,
    });
    for (let epoch = 1; epoch <= 6; epoch++) {
      current = rate(epoch);
      await trainer.train(samples);
    }
    expect(stepwise.toJSON()).toStrictEqual(scheduled.toJSON());

    const constant = fresh();
    await new Trainer(constant, { optimizer: 'adam', learningRate: 0.05, epochs: 6, shuffle: false }).train(samples);
    expect(constant.toJSON()).not.toStrictEqual(scheduled.toJSON());
  });

  it('refuses a function whose first rate is not a finite number above 0, at construction', () => {
    for (const value of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, '0.1', undefined]) {
      expect(() => new Trainer(fresh(), { learningRate: () => value as number })).toThrow(UsageError);
    }
  });

  it('stops with a TrainingError naming the epoch whose rate is bad, with the weights of the epoch before', async () => {
    for (const bad of [0, -0.1, Number.NaN, Number.POSITIVE_INFINITY, 'fast']) {
      const net = fresh();
      const trainer = new Trainer(net, { learningRate: (epoch) => (epoch === 3 ? (bad as number) : 0.5), epochs: 5 });
      let afterSecond: unknown;
      trainer.on('epochCompleted', ({ epoch }) => epoch === 2 && (afterSecond = net.toJSON()));
      const error = await trainer.train(samples).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TrainingError);
      expect((error as TrainingError).epoch).toBe(3);
      expect(net.toJSON()).toStrictEqual(afterSecond);
    }
  });
});
