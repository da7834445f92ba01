import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { createRandom, Network, Trainer, TrainingError } from '../src/index.js';
import { planOf } from '../src/plan/plan-cache.js';
import { generatedStep, setGeneratedTraining } from '../src/train/generated-step.js';
import { losses } from '../src/train/losses.js';
import { pick, randomNetwork, trainableActivations } from './support/random-network.js';

function network(seed: number): Network {
  const random = createRandom(seed);
  const net =
    seed % 3 === 0
      ? Network.layered([1 + (seed % 4), 1 + (seed % 5), 1 + (seed % 2)], {
          activation: pick(random, trainableActivations),
          outputActivation: 'sigmoid',
          seed,
        })
      : randomNetwork(seed, { hidden: seed % 9, outputs: 1 + (seed % 2), activations: trainableActivations });
  // Some connections held fixed.
  if (seed % 4 === 1) {
    const [from, to] = net.graph.extremities(net.graph.edges()[0]!);
    const weight = net.weight(from, to);
    net.disconnect(from, to).connect(from, to, weight, { trainable: false });
  }
  return net;
}

function samplesFor(net: Network, seed: number, count: number) {
  const random = createRandom(seed * 7 + 1);
  return Array.from({ length: count }, () => ({
    input: net.inputs.map(() => Math.round((random() * 4 - 2) * 100) / 100),
    output: net.outputs.map(() => (random() < 0.5 ? 0 : 1)),
  }));
}

/** Trains a fresh copy of the network; the weights (bit patterns) and the result. */
async function train(seed: number, loss: 'mse' | 'crossEntropy', generated: boolean, shuffle: boolean) {
  const net = network(seed);
  const samples = samplesFor(net, seed, 1 + (seed % 6));
  setGeneratedTraining(generated);
  const trainer = new Trainer(net, { learningRate: 0.3, loss, epochs: 12, shuffle, seed });
  let outcome: unknown;
  try {
    outcome = await trainer.train(samples);
  } catch (error) {
    outcome = error instanceof TrainingError ? `TrainingError: ${error.message}` : error;
  } finally {
    setGeneratedTraining(true);
  }
  const weights = net.graph.mapEdges((_e, attributes) => attributes.weight as number);
  return { weights: Float64Array.from(weights), outcome, usable: generatedStep(planOf(net), losses[loss]) !== null };
}

describe('the generated online SGD step', () => {
  afterEach(() => setGeneratedTraining(true));

  it('trains to the same weights as the loops, bit for bit, on hundreds of random networks', async () => {
    let used = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 100_000 }),
        fc.constantFrom<'mse' | 'crossEntropy'>('mse', 'crossEntropy'),
        fc.boolean(),
        async (seed, loss, shuffle) => {
          const fused = await train(seed, loss, true, shuffle);
          const loops = await train(seed, loss, false, shuffle);
          if (fused.usable) used++;
          // Float64Array equality compares bit patterns through Object.is per element.
          expect(fused.weights).toStrictEqual(loops.weights);
          expect(fused.outcome).toStrictEqual(loops.outcome);
        },
      ),
      { numRuns: 250, seed: 13 },
    );
    expect(used).toBeGreaterThan(200);
  });

  it('fails as the loops fail: the same TrainingError and the same weights left', async () => {
    // At the first step; at the second; after ~150 good steps that diverge (rate 5 on an identity output).
    for (const [weight, rate] of [
      [1e200, 0.5],
      [3, 1e306],
      [0.5, 5],
    ] as const) {
      const build = () =>
        new Network()
          .addInput('x')
          .addNeuron('h', { activation: 'identity' })
          .addOutput('y', { activation: 'identity' })
          .connect('x', 'h', weight)
          .connect('h', 'y', weight);
      const results: unknown[] = [];
      for (const generated of [true, false]) {
        const net = build();
        setGeneratedTraining(generated);
        const trainer = new Trainer(net, { learningRate: rate, epochs: 500, shuffle: false });
        const input = rate === 5 ? 3 : 1e100;
        const error = await trainer.train([{ input: [input], output: [1] }]).catch((caught: unknown) => caught);
        results.push([
          error instanceof TrainingError,
          (error as Error).message,
          net.weight('x', 'h'),
          net.weight('h', 'y'),
        ]);
      }
      expect(results[0]).toStrictEqual(results[1]);
      expect((results[0] as unknown[])[0]).toBe(true);
    }
  });

  it('is not used where it does not apply: listeners, mini-batches, other optimizers, a penalty, softmax outputs', () => {
    const net = Network.layered([2, 3, 1], { seed: 1 });
    expect(generatedStep(planOf(net), losses.mse)).not.toBeNull();
    expect(generatedStep(planOf(net), losses.categoricalCrossEntropy)).toBeNull();
    const softmax = Network.layered([2, 3, 2], { seed: 1, outputActivation: 'softmax' });
    expect(generatedStep(planOf(softmax), losses.mse)).toBeNull();
  });

  it('notices listeners attached while training yields (network runs and epochCompleted), with the default clock', async () => {
    const net = Network.layered([2, 3, 1], { seed: 3 });
    const controller = new AbortController();
    const trainer = new Trainer(net, { epochs: 10_000_000, shuffle: false, signal: controller.signal });
    let runs = 0;
    let epochs = 0;
    const attach = setTimeout(() => {
      net.on('runStarted', () => runs++);
      trainer.on('epochCompleted', () => ++epochs === 5 && controller.abort());
    }, 5);
    const result = await trainer.train([
      { input: [0, 1], output: [1] },
      { input: [1, 1], output: [0] },
    ]);
    clearTimeout(attach);
    expect(result.stoppedBy).toBe('abort');
    expect(epochs).toBe(5);
    // Every sample after the listener came ran for real: at least the four whole epochs after the first event.
    expect(runs).toBeGreaterThanOrEqual(8);
  });

  it('leaves a listener seeing every run when someone listens (the loops take those steps)', async () => {
    const net = Network.layered([2, 2, 1], { seed: 3 });
    let runs = 0;
    net.on('runCompleted', () => runs++);
    await new Trainer(net, { epochs: 3, shuffle: false }).train([
      { input: [0, 1], output: [1] },
      { input: [1, 1], output: [0] },
    ]);
    expect(runs).toBe(6);
  });
});
