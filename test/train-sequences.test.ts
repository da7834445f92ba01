/**
 * Learning sequences: `{ steps: [{ input, output? }, …] }` samples, training through time on
 * networks that remember (delayed connections) and multiply (product neurons), with every
 * optimizer, batch size, event, stopping rule and bad input.
 */
import { describe, expect, it } from 'vitest';
import {
  InputError,
  Network,
  NumericError,
  Tracer,
  Trainer,
  TrainingError,
  UsageError,
  createRandom,
  optimizerNames,
  trainPerceptron,
  type TrainingSample,
} from '../src/index.js';
import { nextTurn, steppingClock } from './support/training.js';

/** Elman's network: a layered [1, hidden, 1] whose hidden layer reads its own outputs one step later. */
function elman(seed: number, hidden = 4): Network {
  const net = Network.layered([1, hidden, 1], { seed, activation: 'tanh', outputActivation: 'sigmoid' });
  const random = createRandom(seed + 99);
  for (let i = 0; i < hidden; i++) {
    for (let j = 0; j < hidden; j++) net.connect(`h1_${i}`, `h1_${j}`, (random() * 2 - 1) * 0.5, { delay: 1 });
  }
  return net;
}

/** Random bit streams; from step `lag` on, the output is the input `lag` steps earlier. */
function delayedCopy(seed: number, count: number, length: number, lag: number): TrainingSample[] {
  const random = createRandom(seed);
  return Array.from({ length: count }, () => {
    const bits = Array.from({ length }, () => (random() < 0.5 ? 0 : 1));
    return { steps: bits.map((bit, t) => ({ input: [bit], ...(t >= lag ? { output: [bits[t - lag]!] } : {}) })) };
  });
}

/** The loss as the contract defines it, from real runs: mean squared error over counted steps and outputs. */
function referenceLoss(net: Network, samples: readonly TrainingSample[]): number {
  let total = 0;
  let counted = 0;
  for (const sample of samples) {
    const steps = 'steps' in sample ? sample.steps : [sample];
    const outputs = net.runSequence(steps.map((step) => step.input));
    steps.forEach((step, t) => {
      if (step.output === undefined) return;
      net.outputs.forEach((id, o) => {
        total += (outputs[t]![id]! - (step.output as number[])[o]!) ** 2;
        counted++;
      });
    });
  }
  return total / counted;
}

const copySamples = delayedCopy(7, 8, 8, 2);

describe('learning sequences', () => {
  it('learns a delayed copy (output = the input 2 steps earlier) within 300 epochs for at least 9 of 10 seeds', async () => {
    let learned = 0;
    let slowest = 0;
    for (let seed = 1; seed <= 10; seed++) {
      const net = elman(seed);
      const trainer = new Trainer(net, {
        optimizer: 'adam',
        learningRate: 0.05,
        epochs: 300,
        batchSize: 4,
        errorThreshold: 0.01,
        seed,
      });
      const result = await trainer.train(delayedCopy(seed, 16, 10, 2));
      // Fresh streams: it copies, rather than remembering the training streams.
      if (result.converged && trainer.loss(delayedCopy(seed + 1000, 20, 10, 2)) < 0.05) learned++;
      slowest = Math.max(slowest, result.epochs);
    }
    console.log(`delayed copy: ${learned} of 10 seeds learned; the slowest took ${slowest} epochs`);
    expect(learned).toBeGreaterThanOrEqual(9);
  });

  it('learns a leaky integrator y(t) = x(t) + 0.5 y(t − 1): a delayed self-connection finds its weight', async () => {
    const net = new Network()
      .addInput('x')
      .addOutput('y', { activation: 'identity' })
      .connect('x', 'y', 0.3)
      .connect('y', 'y', 0, { delay: 1 });
    const random = createRandom(5);
    const samples = Array.from({ length: 10 }, () => {
      let y = 0;
      return {
        steps: Array.from({ length: 6 }, () => {
          const x = random() * 2 - 1;
          y = x + 0.5 * y;
          return { input: [x], output: [y] };
        }),
      };
    });
    const result = await new Trainer(net, {
      optimizer: 'adam',
      learningRate: 0.02,
      epochs: 2000,
      errorThreshold: 1e-8,
    }).train(samples);
    expect(result.converged).toBe(true);
    expect(net.weight('x', 'y')).toBeCloseTo(1, 3);
    expect(net.weight('y', 'y')).toBeCloseTo(0.5, 3);
  });

  it('loss() is the mean over counted steps and outputs, from a reset memory per sequence; mixed samples too', () => {
    const net = elman(3);
    net.runSequence([[1], [1], [1]]); // the network's own memory does not leak into training
    const samples: TrainingSample[] = [
      ...copySamples,
      { input: [1], output: [0.5] },
      { steps: [{ input: [0], output: [1] }] },
    ];
    const trainer = new Trainer(net);
    const loss = trainer.loss(samples);
    // Silent evaluation leaves the network's own time and memory alone.
    expect(net.time).toBe(3);
    expect(loss).toBeCloseTo(referenceLoss(net, samples), 14);
  });

  it('on a feed-forward network, a sequence is its steps as one-step samples: same loss, same gradients', () => {
    const net = Network.layered([2, 3, 2], { seed: 4 });
    const random = createRandom(4);
    const steps = Array.from({ length: 5 }, () => ({ input: [random(), random()], output: [random(), random()] }));
    const trainer = new Trainer(net);
    const asSteps = trainer.gradients(steps);
    const asSequence = trainer.gradients([{ steps: steps.slice(0, 2) }, { steps: steps.slice(2) }]);
    asSequence.forEach(({ gradient }, i) => expect(gradient).toBeCloseTo(asSteps[i]!.gradient, 14));
    expect(trainer.loss([{ steps }])).toBeCloseTo(trainer.loss(steps), 14);
  });

  for (const optimizer of optimizerNames) {
    for (const batchSize of [1, 3, 100]) {
      it(`${optimizer}, batches of ${batchSize} sequences: the loss goes down and untrainable weights stay`, async () => {
        const net = elman(2);
        net.connect('x0', 'y0', 0.25, { trainable: false, delay: 2 });
        const trainer = new Trainer(net, { optimizer, batchSize, epochs: 30, learningRate: 0.05 });
        const before = trainer.loss(copySamples);
        const epochs: number[] = [];
        trainer.on('epochCompleted', ({ epoch, loss }) => {
          epochs.push(epoch);
          expect(loss).toBeGreaterThan(0);
        });
        const result = await trainer.train(copySamples);
        expect(epochs).toStrictEqual(Array.from({ length: 30 }, (_, k) => k + 1));
        expect(result.loss).toBeLessThan(before);
        expect(net.weight('x0', 'y0')).toBe(0.25);
      });
    }
  }

  it('untrainable connections also stay in one-step training: graph walk, matrix batches, observed runs', async () => {
    const xor = [
      { input: [0, 0], output: [0] },
      { input: [0, 1], output: [1] },
      { input: [1, 0], output: [1] },
      { input: [1, 1], output: [0] },
    ];
    for (const [batchSize, watched] of [
      [1, false],
      [4, false],
      [1, true],
    ] as const) {
      const net = Network.layered([2, 3, 1], { seed: 3 });
      const fixed = net.weight('x0', 'h1_1');
      net.disconnect('x0', 'h1_1').connect('x0', 'h1_1', fixed, { trainable: false });
      if (watched) net.on('runCompleted', () => {});
      const trainer = new Trainer(net, { batchSize, epochs: 20, optimizer: 'adam' });
      expect(trainer.gradients(xor).find(({ from, to }) => from === 'x0' && to === 'h1_1')?.gradient).toBe(0);
      await trainer.train(xor);
      expect(net.weight('x0', 'h1_1')).toBe(fixed);
      expect(net.weight('x1', 'h1_1')).not.toBe(Network.layered([2, 3, 1], { seed: 3 }).weight('x1', 'h1_1'));
    }
  });

  it('is deterministic: the same seed gives the same weights, bit for bit', async () => {
    const trained = async () => {
      const net = elman(6);
      await new Trainer(net, { epochs: 20, batchSize: 3, seed: 9, truncate: 3 }).train(copySamples);
      return net.toJSON();
    };
    expect(await trained()).toStrictEqual(await trained());
  });

  it('observed training runs every step for real (a reset per sequence) and learns the same weights', async () => {
    const silent = elman(5);
    await new Trainer(silent, { epochs: 5, seed: 2 }).train(copySamples);
    const net = elman(5);
    const tracer = new Tracer(net);
    const result = await new Trainer(net, { epochs: 5, seed: 2 }).train(copySamples);
    tracer.detach();
    const steps = copySamples.reduce((n, s) => n + ('steps' in s ? s.steps.length : 1), 0);
    const starts = tracer.events.filter((e) => e.type === 'runStarted');
    expect(starts.length).toBe(result.epochs * steps);
    // Each sequence starts at time 0.
    expect(starts.filter((e) => (e as { time: number }).time === 0).length).toBe(result.epochs * copySamples.length);
    expect(net.toJSON()).toStrictEqual(silent.toJSON());
  });

  it('stops at errorThreshold, at epochs, and on abort (before, from a listener, while yielding)', async () => {
    const threshold = await new Trainer(elman(1), { optimizer: 'adam', learningRate: 0.05, errorThreshold: 0.2 }).train(
      copySamples,
    );
    expect(threshold).toMatchObject({ converged: true, stoppedBy: 'threshold' });
    expect(await new Trainer(elman(1), { epochs: 3 }).train(copySamples)).toMatchObject({
      epochs: 3,
      stoppedBy: 'epochs',
    });

    const net = elman(1);
    const before = net.toJSON();
    const aborted = await new Trainer(net, { signal: AbortSignal.abort() }).train(copySamples);
    expect(aborted).toMatchObject({ epochs: 0, stoppedBy: 'abort' });
    expect(net.toJSON()).toStrictEqual(before);

    const controller = new AbortController();
    const trainer = new Trainer(elman(1), { epochs: 100, signal: controller.signal });
    trainer.on('epochCompleted', ({ epoch }) => epoch === 4 && controller.abort());
    expect(await trainer.train(copySamples)).toMatchObject({ epochs: 4, stoppedBy: 'abort' });

    const yielding = new AbortController();
    const running = new Trainer(elman(1), { epochs: 1_000_000, signal: yielding.signal, now: steppingClock() }).train(
      copySamples,
    );
    await nextTurn();
    yielding.abort();
    const result = await running;
    expect(result.stoppedBy).toBe('abort');
    expect(result.epochs).toBeLessThan(1000);
  });

  it('a sequence whose steps overflow: NumericError naming sample and step; train() a TrainingError naming the epoch', async () => {
    const net = new Network()
      .addInput('x')
      .addOutput('y', { activation: 'identity' })
      .connect('x', 'y', 1)
      .connect('y', 'y', 1e300, { delay: 1 });
    const samples = [{ steps: [{ input: [1e10] }, { input: [0], output: [0] }] }];
    const trainer = new Trainer(net);
    expect(() => trainer.loss(samples)).toThrow(NumericError);
    expect(() => trainer.gradients(samples)).toThrow(/the weighted input of "y" in sample 0, step 1/);
    const before = net.toJSON();
    const error: unknown = await trainer.train(samples).catch((e) => e);
    expect(error).toBeInstanceOf(TrainingError);
    expect(error).toMatchObject({ epoch: 1, message: expect.stringMatching(/^Trainer\.train: epoch 1: .*"y"/) });
    expect(net.toJSON()).toStrictEqual(before);
  });

  it('a gradient that explodes through time is a TrainingError naming the epoch; the weights stay finite', async () => {
    const net = new Network()
      .addInput('x')
      .addOutput('y', { activation: 'identity' })
      .connect('x', 'y', 1)
      .connect('y', 'y', 1.5, { delay: 1 });
    const samples = [{ steps: Array.from({ length: 40 }, () => ({ input: [1], output: [0] })) }];
    const error: unknown = await new Trainer(net, { learningRate: 1e10 }).train(samples).catch((e) => e);
    expect(error).toBeInstanceOf(TrainingError);
    expect((error as TrainingError).epoch).toBeGreaterThan(0);
    expect(Number.isFinite(net.weight('y', 'y'))).toBe(true);
  });
});

describe('bad sequences and options', () => {
  const bad: [string, unknown, RegExp][] = [
    ['no steps', { steps: [] }, /samples\[8\]\.steps must be a non-empty array/],
    ['steps that are not an array', { steps: 3 }, /samples\[8\]\.steps must be a non-empty array/],
    ['a step of the wrong width', { steps: [{ input: [1, 0], output: [1] }] }, /steps\[0\]\.input: got 2 input values/],
    ['a target of the wrong width', { steps: [{ input: [1], output: [1, 1] }] }, /steps\[0\]\.output/],
    ['a step without input', { steps: [{ output: [1] }] }, /steps\[0\] must be \{ input, output\? \}/],
    ['no step with an output', { steps: [{ input: [1] }, { input: [0] }] }, /samples\[8\] has no step with an output/],
    ['steps and input at once', { steps: [{ input: [1], output: [1] }], input: [1] }, /has steps and also input/],
    ['a non-finite input in a step', { steps: [{ input: [Number.NaN], output: [1] }] }, /not a finite number/],
  ];
  for (const [what, sample, message] of bad) {
    it(`${what}: an InputError that changes nothing`, async () => {
      const net = elman(1);
      const before = net.toJSON();
      const samples = [...copySamples, sample] as TrainingSample[];
      const trainer = new Trainer(net, { epochs: 3 });
      await expect(trainer.train(samples)).rejects.toThrow(InputError);
      await expect(trainer.train(samples)).rejects.toThrow(message);
      expect(() => trainer.loss(samples)).toThrow(message);
      expect(() => trainer.gradients(samples)).toThrow(message);
      expect(net.toJSON()).toStrictEqual(before);
      expect(net.time).toBe(0);
    });
  }

  it('truncate below 1, fractional or not a number is a UsageError', () => {
    for (const truncate of [0, -1, 1.5, Number.NaN, Infinity, '2', null]) {
      expect(() => new Trainer(elman(1), { truncate: truncate as never })).toThrow(UsageError);
      expect(() => new Trainer(elman(1), { truncate: truncate as never })).toThrow(
        /truncate must be a whole number ≥ 1/,
      );
    }
    expect(new Trainer(elman(1), { truncate: 4 }).truncate).toBe(4);
    expect(new Trainer(elman(1)).truncate).toBeUndefined();
  });

  it('a step neuron that reaches an output only through a delayed connection is refused, as on any path', () => {
    const net = new Network()
      .addInput('x')
      .addNeuron('s', { activation: 'step' })
      .addOutput('y')
      .connect('x', 's', 1)
      .connect('x', 'y', 1)
      .connect('s', 'y', 1, { delay: 1 });
    expect(() => new Trainer(net).gradients([{ input: [1], output: [1] }])).toThrow(/"s" uses the step activation/);
  });

  it('trainPerceptron still refuses networks with time, and sequence samples', () => {
    expect(() => trainPerceptron(elman(1), [{ input: [1], output: [1] }])).toThrow(UsageError);
    const net = new Network().addInput('a').addOutput('y', { activation: 'step' }).addBias();
    expect(() => trainPerceptron(net, [{ steps: [{ input: [1], output: [1] }] }] as never)).toThrow(
      /perceptron rule learns one step at a time/,
    );
  });
});
