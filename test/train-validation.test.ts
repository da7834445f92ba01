/**
 * Validation samples, validationSplit and early stopping: an overfitting setup that early stopping
 * stops, restoring exactly the best epoch's weights; the split drawn from the seed; the scores in epochCompleted.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Network, Trainer, createRandom, type EpochCompletedEvent, type Sample } from '../src/index.js';
import { evaluate } from '../src/train/evaluate.js';

/** Twelve noisy samples of sin(3x) to learn, forty clean ones to validate on: a 1-24-24-1 network overfits them. */
function overfitting() {
  const random = createRandom(4);
  const training: Sample[] = Array.from({ length: 12 }, () => {
    const x = random() * 2 - 1;
    return { input: [x], output: [Math.sin(3 * x) + (random() - 0.5)] };
  });
  const validation: Sample[] = Array.from({ length: 40 }, (_, k) => {
    const x = -1 + (2 * k) / 39;
    return { input: [x], output: [Math.sin(3 * x)] };
  });
  const net = Network.layered([1, 24, 24, 1], { activation: 'tanh', outputActivation: 'identity', seed: 2 });
  return { net, training, validation };
}

const adam = { optimizer: 'adam', learningRate: 0.01, batchSize: 12 } as const;

describe('early stopping', () => {
  it('stops an overfitting network patience epochs after its best and restores exactly that epoch’s weights', async () => {
    const { net, training, validation } = overfitting();
    const trainer = new Trainer(net, { ...adam, epochs: 3000, earlyStopping: { patience: 20, restoreBest: true } });
    const snapshots: ReturnType<Network['toJSON']>[] = [];
    const events: EpochCompletedEvent[] = [];
    trainer.on('epochCompleted', (event) => {
      events.push(event);
      snapshots.push(net.toJSON());
    });
    const result = await trainer.train(training, { validation });

    const losses = events.map((e) => e.validationLoss!);
    const best = Math.min(...losses);
    expect(result.stoppedBy).toBe('earlyStopping');
    expect(result.bestEpoch).toBe(losses.indexOf(best) + 1);
    expect(result.epochs).toBe(result.bestEpoch! + 20);
    expect(result.bestValidationLoss).toBe(best);
    expect(result.validationLoss).toBe(losses.at(-1));
    expect(net.toJSON()).toStrictEqual(snapshots[result.bestEpoch! - 1]);
    expect(new Trainer(net).loss(validation)).toBeCloseTo(best, 12);
  });

  it('is needed: without it the same training ends with a validation loss far above the best', async () => {
    const { net, training, validation } = overfitting();
    const result = await new Trainer(net, { ...adam, epochs: 500 }).train(training, { validation });
    expect(result.stoppedBy).toBe('epochs');
    expect(result.bestEpoch).toBeLessThan(200);
    expect(result.validationLoss).toBeGreaterThan(5 * result.bestValidationLoss!);
  });

  it('restores the best epoch’s weights also when training ends by epochs or by an abort', async () => {
    for (const end of ['epochs', 'abort'] as const) {
      const { net, training, validation } = overfitting();
      const controller = new AbortController();
      const trainer = new Trainer(net, {
        ...adam,
        epochs: 150,
        signal: controller.signal,
        earlyStopping: { patience: 1000, restoreBest: true },
      });
      const snapshots: unknown[] = [];
      trainer.on('epochCompleted', ({ epoch }) => {
        snapshots.push(net.toJSON());
        if (end === 'abort' && epoch === 120) controller.abort();
      });
      const result = await trainer.train(training, { validation });
      expect(result.stoppedBy).toBe(end);
      expect(result.bestEpoch).toBeLessThan(100);
      expect(net.toJSON()).toStrictEqual(snapshots[result.bestEpoch! - 1]);
    }
  });

  it('reports the current weights’ validation loss as the best when no epoch runs', async () => {
    const { net, training, validation } = overfitting();
    const result = await new Trainer(net, { epochs: 0 }).train(training, { validation });
    expect(result.validationLoss).toBeCloseTo(new Trainer(net).loss(validation), 12);
    expect(result).toMatchObject({ epochs: 0, bestEpoch: 0, bestValidationLoss: result.validationLoss });
  });

  it('keeps the last epoch’s weights without restoreBest', async () => {
    const { net, training, validation } = overfitting();
    const trainer = new Trainer(net, { ...adam, epochs: 3000, earlyStopping: { patience: 5 } });
    let last: unknown;
    trainer.on('epochCompleted', () => (last = net.toJSON()));
    const result = await trainer.train(training, { validation });
    expect(result.stoppedBy).toBe('earlyStopping');
    expect(result.epochs).toBe(result.bestEpoch! + 5);
    expect(net.toJSON()).toStrictEqual(last);
  });

  it('counts only improvements above minDelta: with minDelta 1 the first epoch stays the best', async () => {
    const { net, training, validation } = overfitting();
    const trainer = new Trainer(net, { ...adam, epochs: 100, earlyStopping: { patience: 3, minDelta: 1 } });
    const result = await trainer.train(training, { validation });
    expect(result).toMatchObject({ stoppedBy: 'earlyStopping', epochs: 4, bestEpoch: 1 });
  });
});

/** Samples whose loss on a network that outputs 0 is 2^k for sample k: a sum of losses names the samples in it. */
function coded(count: number): Sample[] {
  return Array.from({ length: count }, (_, k) => ({ input: [k], output: [Math.sqrt(2 ** k)] }));
}
const zero = () => new Network().addInput('x').addOutput('y', { activation: 'identity' }).connect('x', 'y', 0);

/** The samples `validationSplit` holds out, read from the validation loss of epoch 0 (outputs all 0). */
async function heldOut(count: number, fraction: number, seed: number): Promise<number[]> {
  const result = await new Trainer(zero(), { epochs: 0, seed }).train(coded(count), { validationSplit: fraction });
  const held = Math.round(count * fraction);
  const code = Math.round(result.validationLoss! * held);
  const training = Math.round(result.loss * (count - held));
  expect(code + training).toBe(2 ** count - 1);
  return Array.from({ length: count }, (_, k) => k).filter((k) => (code >> k) & 1);
}

describe('validationSplit', () => {
  it('holds out round(fraction × n) samples, the same ones for the same seed', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 20 }),
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        fc.integer({ min: -1000, max: 1000 }),
        async (count, fraction, seed) => {
          const held = Math.round(count * fraction);
          fc.pre(held >= 1 && held <= count - 1);
          const picked = await heldOut(count, fraction, seed);
          expect(picked).toHaveLength(held);
          expect(await heldOut(count, fraction, seed)).toStrictEqual(picked);
        },
      ),
      { numRuns: 60, seed: 10 },
    );
  });

  it('draws different samples for different seeds', async () => {
    const splits = new Set<string>();
    for (let seed = 1; seed <= 10; seed++) splits.add(JSON.stringify(await heldOut(12, 0.25, seed)));
    expect(splits.size).toBeGreaterThan(5);
  });

  it('trains exactly as if the held-out samples were given as validation', async () => {
    const random = createRandom(3);
    const samples: Sample[] = Array.from({ length: 10 }, () => ({
      input: [random(), random()],
      output: [random() < 0.5 ? 0 : 1],
    }));
    const picked = await heldOut(10, 0.3, 7);
    const split = Network.layered([2, 3, 1], { seed: 1 });
    const given = Network.layered([2, 3, 1], { seed: 1 });
    const first = await new Trainer(split, { epochs: 20, seed: 7 }).train(samples, { validationSplit: 0.3 });
    const second = await new Trainer(given, { epochs: 20, seed: 7 }).train(
      samples.filter((_, k) => !picked.includes(k)),
      { validation: samples.filter((_, k) => picked.includes(k)) },
    );
    expect(first).toStrictEqual(second);
    expect(split.toJSON()).toStrictEqual(given.toJSON());
  });
});

describe('epochCompleted with validation samples', () => {
  /** Two one-hot classes from two inputs: which coordinate is larger, plus noise. */
  function classes(seed: number, count: number): Sample[] {
    const random = createRandom(seed);
    return Array.from({ length: count }, () => {
      const a = random();
      const b = random();
      return { input: [a, b], output: a + (random() - 0.5) * 0.3 > b ? [1, 0] : [0, 1] };
    });
  }

  it('carries the validation loss (penalty included) and both accuracies, as evaluate and Trainer.loss give them', async () => {
    const net = Network.layered([2, 4, 2], { seed: 3 });
    const training = classes(1, 30);
    const validation = classes(2, 20);
    const regularization = { l2: 0.001 };
    const trainer = new Trainer(net, { learningRate: 0.5, epochs: 15, regularization });
    const checker = new Trainer(net, { regularization });
    let seen = 0;
    trainer.on('epochCompleted', (event) => {
      expect(event.validationLoss).toBeCloseTo(checker.loss(validation), 12);
      expect(event.accuracy).toBe(evaluate(net, training).accuracy);
      expect(event.validationAccuracy).toBe(evaluate(net, validation).accuracy);
      seen++;
    });
    await trainer.train(training, { validation });
    expect(seen).toBe(15);
  });

  it('carries no accuracy for targets that are not a classification, and no validation fields without validation', async () => {
    const { net, training, validation } = overfitting();
    const trainer = new Trainer(net, { ...adam, epochs: 1 });
    const events: EpochCompletedEvent[] = [];
    trainer.on('epochCompleted', (event) => events.push(event));
    await trainer.train(training, { validation });
    await trainer.train(training);
    expect(Object.keys(events[0]!).sort()).toStrictEqual(['epoch', 'learningRate', 'loss', 'validationLoss']);
    expect(Object.keys(events[1]!).sort()).toStrictEqual(['epoch', 'learningRate', 'loss']);
  });

  it('is deterministic: the same seed gives the same events and weights, bit for bit', async () => {
    const run = async () => {
      const net = Network.layered([2, 4, 2], { seed: 3 });
      const trainer = new Trainer(net, { epochs: 10, seed: 5, earlyStopping: { patience: 3, restoreBest: true } });
      const events: EpochCompletedEvent[] = [];
      trainer.on('epochCompleted', (event) => events.push(event));
      const result = await trainer.train(classes(1, 30), { validationSplit: 0.2 });
      return { events, result, weights: net.toJSON() };
    };
    expect(await run()).toStrictEqual(await run());
  });
});
