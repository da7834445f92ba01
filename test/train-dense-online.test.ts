import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { createRandom, Network, Trainer, TrainingError, type Random } from '../src/index.js';
import { planOf } from '../src/plan/plan-cache.js';
import { denseOnlineStepsMade, fitsDenseOnlineStep, setDenseOnlineTraining } from '../src/train/dense-online-step.js';
import { setGeneratedTraining } from '../src/train/generated-step.js';
import { pick, trainableActivations } from './support/random-network.js';

type Loss = 'mse' | 'crossEntropy' | 'categoricalCrossEntropy';

/**
 * A random layered network built connection by connection: its bias connections first, last, missing on some
 * neurons or none at all; some connections held fixed; sometimes an extra output in the last hidden layer; and
 * sometimes the connections of a neuron added out of column order (which the dense step does not take).
 */
function layered(seed: number, loss: Loss): Network {
  const random = createRandom(seed);
  const depth = 1 + Math.floor(random() * 3);
  const sizes = Array.from({ length: depth }, (_, k) => 1 + Math.floor(random() * (k === 0 ? 9 : 12)));
  sizes.push(loss === 'categoricalCrossEntropy' ? 2 + Math.floor(random() * 4) : 1 + Math.floor(random() * 4));
  const ids = sizes.map((size, k) =>
    Array.from({ length: size }, (_, j) => (k === 0 ? `x${j}` : k === sizes.length - 1 ? `y${j}` : `h${k}_${j}`)),
  );
  const bias = pick(random, ['first', 'last', 'some', 'none'] as const);
  const innerOutput = loss === 'mse' && sizes.length > 2 && random() < 0.25;
  const shuffled = random() < 0.1;
  const net = new Network();
  for (const id of ids[0]!) net.addInput(id);
  for (let k = 1; k < sizes.length; k++) {
    const activation = pick(random, trainableActivations);
    const last = k === sizes.length - 1;
    ids[k]!.forEach((id, j) => {
      if (!last && !(innerOutput && k === sizes.length - 2 && j === 0)) net.addNeuron(id, { activation });
      else if (!last) net.addOutput(id, { activation });
      else {
        const output =
          loss === 'categoricalCrossEntropy' ? 'softmax' : loss === 'crossEntropy' ? 'sigmoid' : activation;
        net.addOutput(id, { activation: output });
      }
    });
  }
  // addBias connects every neuron; its connections are taken back and made again where this network wants them.
  if (bias !== 'none') {
    net.addBias('bias');
    for (const id of net.neurons) if (net.graph.hasDirectedEdge('bias', id)) net.disconnect('bias', id);
  }
  const weight = () => Math.round((random() * 2 - 1) * 1000) / 1000;
  const trainable = () => ({ trainable: random() >= 0.1 });
  // Target by target, each target's connections in column order (reversed when shuffled), the bias before or after.
  for (let k = 1; k < sizes.length; k++) {
    for (const to of ids[k]!) {
      const withBias = bias === 'first' || bias === 'last' || (bias === 'some' && random() < 0.6);
      const first = bias === 'first' || (bias === 'some' && random() < 0.5);
      if (withBias && first) net.connect('bias', to, weight(), trainable());
      const sources = shuffled ? [...ids[k - 1]!].reverse() : ids[k - 1]!;
      for (const from of sources) net.connect(from, to, weight(), trainable());
      if (withBias && !first) net.connect('bias', to, weight(), trainable());
    }
  }
  return net;
}

function samplesFor(net: Network, random: Random, count: number) {
  const outputs = net.outputs.length;
  return Array.from({ length: count }, () => {
    const hot = Math.floor(random() * outputs);
    return {
      input: net.inputs.map(() => Math.round((random() * 4 - 2) * 100) / 100),
      output: net.outputs.map((_, j) => (j === hot ? 1 : 0)),
    };
  });
}

/** Trains a fresh copy of the network (the generated step off, so small networks take the dense step too). */
async function train(seed: number, loss: Loss, dense: boolean, listen: 'none' | 'epochs' | 'runs') {
  const net = layered(seed, loss);
  const random = createRandom(seed * 7 + 1);
  const samples = samplesFor(net, random, 1 + (seed % 7));
  setGeneratedTraining(false);
  setDenseOnlineTraining(dense);
  const trainer = new Trainer(net, { learningRate: 0.2, loss, epochs: 15, shuffle: seed % 2 === 0, seed });
  const losses: number[] = [];
  if (listen === 'epochs') trainer.on('epochCompleted', (event) => losses.push(event.loss));
  let activations = 0;
  if (listen === 'runs') net.on('neuronActivated', () => activations++);
  let outcome: unknown;
  const made = denseOnlineStepsMade();
  try {
    outcome = await trainer.train(samples);
  } catch (error) {
    outcome = error instanceof TrainingError ? `TrainingError: ${error.message}` : error;
  } finally {
    setGeneratedTraining(true);
    setDenseOnlineTraining(true);
  }
  const weights = Float64Array.from(net.graph.mapEdges((_e, attributes) => attributes.weight as number));
  return {
    weights,
    outcome,
    losses,
    activations,
    usable: fitsDenseOnlineStep(planOf(net)),
    taken: denseOnlineStepsMade() > made,
  };
}

describe('the dense online SGD step', () => {
  afterEach(() => {
    setGeneratedTraining(true);
    setDenseOnlineTraining(true);
  });

  it('trains to the same weights as the graph walk, bit for bit, on hundreds of random layered networks', async () => {
    let used = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 100_000 }),
        fc.constantFrom<Loss>('mse', 'crossEntropy', 'categoricalCrossEntropy'),
        fc.constantFrom<'none' | 'epochs' | 'runs'>('none', 'none', 'epochs', 'runs'),
        async (seed, loss, listen) => {
          const dense = await train(seed, loss, true, listen);
          const walk = await train(seed, loss, false, listen);
          // The dense step is made whenever it fits (and taken while nobody listens to runs); never when switched off.
          expect(dense.taken).toBe(dense.usable);
          expect(walk.taken).toBe(false);
          if (dense.taken && listen !== 'runs') used++;
          // Float64Array equality compares bit patterns through Object.is per element.
          expect(dense.weights).toStrictEqual(walk.weights);
          expect(dense.outcome).toStrictEqual(walk.outcome);
          expect(dense.losses).toStrictEqual(walk.losses);
          expect(dense.activations).toBe(walk.activations);
        },
      ),
      { numRuns: 300, seed: 13 },
    );
    expect(used).toBeGreaterThan(150);
  });

  it('takes layered networks above the generated step’s size the same way (40-64-10, bias last)', async () => {
    const run = async (dense: boolean) => {
      const net = Network.layered([40, 64, 10], { seed: 4, activation: 'tanh' });
      const random = createRandom(9);
      setDenseOnlineTraining(dense);
      try {
        const trainer = new Trainer(net, { learningRate: 0.05, epochs: 40, seed: 3 });
        const result = await trainer.train(samplesFor(net, random, 23));
        return { result, weights: Float64Array.from(net.graph.mapEdges((_e, a) => a.weight as number)) };
      } finally {
        setDenseOnlineTraining(true);
      }
    };
    const net = Network.layered([40, 64, 10], { seed: 4 });
    expect(fitsDenseOnlineStep(planOf(net))).toBe(true);
    expect(await run(true)).toStrictEqual(await run(false));
  });

  it('fails as the graph walk fails: the same TrainingError and the same weights left', async () => {
    // At the first step; at a later one (a huge rate); after good steps that diverge (rate 5 on identity layers).
    for (const [scale, rate, input] of [
      [1e200, 0.5, 1e100],
      [3, 1e306, 1],
      [0.5, 5, 3],
      [0.5, 2, 3],
    ] as const) {
      const results: unknown[] = [];
      for (const dense of [true, false]) {
        const net = Network.layered([3, 6, 2], { seed: 1, activation: 'identity', outputActivation: 'identity' });
        net.graph.forEachEdge((_e, attributes, from, to) =>
          net.setWeight(from, to, scale * (attributes.weight as number)),
        );
        setGeneratedTraining(false);
        setDenseOnlineTraining(dense);
        try {
          const trainer = new Trainer(net, { learningRate: rate, epochs: 300, shuffle: false });
          const samples = [1, 2, 3].map((k) => ({ input: [input, -input / k, k], output: [1, 0] }));
          const error = await trainer.train(samples).catch((caught: unknown) => caught);
          results.push([
            error instanceof TrainingError,
            (error as Error).message,
            Float64Array.from(net.graph.mapEdges((_e, a) => a.weight as number)),
          ]);
        } finally {
          setGeneratedTraining(true);
          setDenseOnlineTraining(true);
        }
      }
      expect(results[0]).toStrictEqual(results[1]);
      expect((results[0] as unknown[])[0]).toBe(true);
    }
  });

  it('fails as the graph walk fails on random diverging trainings (every step, the last one, the check at the end)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 1, max: 4 }),
        async (seed, exponent, epochs) => {
          const results: unknown[] = [];
          for (const dense of [true, false]) {
            const net = Network.layered([2 + (seed % 4), 3 + (seed % 5), 1 + (seed % 3)], {
              seed,
              activation: seed % 2 === 0 ? 'identity' : 'leakyRelu',
              outputActivation: 'identity',
            });
            setGeneratedTraining(false);
            setDenseOnlineTraining(dense);
            try {
              const trainer = new Trainer(net, { learningRate: 10 ** (exponent / 2 - 1), epochs, seed });
              const samples = samplesFor(net, createRandom(seed), 1 + (seed % 5)).map((sample) => ({
                input: sample.input.map((value) => value * 10 ** (seed % 40)),
                output: sample.output,
              }));
              const outcome = await trainer.train(samples).catch((caught: unknown) => caught);
              results.push([
                outcome instanceof Error ? `${outcome.name}: ${outcome.message}` : outcome,
                Float64Array.from(net.graph.mapEdges((_e, a) => a.weight as number)),
              ]);
            } finally {
              setGeneratedTraining(true);
              setDenseOnlineTraining(true);
            }
          }
          expect(results[0]).toStrictEqual(results[1]);
        },
      ),
      { numRuns: 200, seed: 7 },
    );
  });

  it('is not taken where it does not apply: non-layered plans, a neuron missing a connection', () => {
    expect(fitsDenseOnlineStep(planOf(Network.layered([3, 4, 2], { seed: 1 })))).toBe(true);
    const skip = Network.layered([3, 4, 2], { seed: 1 }).connect('x0', 'y0', 0.5);
    expect(fitsDenseOnlineStep(planOf(skip))).toBe(false);
    const missing = Network.layered([3, 4, 2], { seed: 1 }).disconnect('x1', 'h1_2');
    expect(fitsDenseOnlineStep(planOf(missing))).toBe(false);
  });
});
