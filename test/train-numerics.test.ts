import { describe, expect, it } from 'vitest';
import { Network, NumericError, Trainer, TrainingError, UsageError, type NetworkDocument } from '../src/index.js';
import { chain } from './support/chain.js';
import { XOR_SAMPLES, nextTurn, steppingClock } from './support/training.js';

describe('training numerics and refusals', () => {
  it('a loss that overflows stops training with a TrainingError naming the epoch; the weights are those before that step', async () => {
    const net = new Network()
      .addInput('x')
      .addOutput('y', { activation: 'identity' })
      .connect('x', 'y', 1)
      .addBias('bias', { weight: 0.5 });
    const trainer = new Trainer(net, { learningRate: 1e100, batchSize: 2, epochs: 100 });
    const snapshots: NetworkDocument[] = [net.toJSON()];
    trainer.on('epochCompleted', () => snapshots.push(net.toJSON()));
    const samples = [
      { input: [10], output: [0] },
      { input: [-3], output: [1] },
    ];
    const error: unknown = await trainer.train(samples).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TrainingError);
    const { epoch, message } = error as TrainingError;
    expect(epoch).toBeGreaterThan(1);
    expect(message).toMatch(new RegExp(`^Trainer\\.train: epoch ${epoch}: `));
    // One step per epoch: the weights before the failing step are those after the previous epoch.
    expect(net.toJSON()).toStrictEqual(snapshots[epoch - 1]);
  });

  it('refuses step neurons on a path to an output, naming them and suggesting sigmoid or trainPerceptron', async () => {
    const net = new Network()
      .addInput('a')
      .addNeuron('gate', { activation: 'step' })
      .addNeuron('side', { activation: 'step' }) // leads nowhere: harmless
      .addOutput('out', { activation: 'step' })
      .connect('a', 'gate', 1)
      .connect('gate', 'out', 1)
      .connect('a', 'side', 1);
    const trainer = new Trainer(net);
    const samples = [{ input: [1], output: [1] }];
    await expect(trainer.train(samples)).rejects.toThrow(UsageError);
    await expect(trainer.train(samples)).rejects.toThrow(
      /"gate", "out" use the step activation.*sigmoid.*trainPerceptron/,
    );
    expect(() => trainer.gradients(samples)).toThrow(/"gate", "out"/);
    expect(() => trainer.gradients(samples)).not.toThrow(/"side"/);
  });

  it('refuses a network without outputs, and a second train() while one runs', async () => {
    expect(() => new Trainer(new Network().addInput('a')).loss([{ input: [1], output: [] }])).toThrow(UsageError);
    const net = Network.layered([1, 1], { seed: 1 });
    const trainer = new Trainer(net, { epochs: 10 });
    const first = trainer.train([{ input: [1], output: [1] }]);
    await expect(trainer.train([{ input: [1], output: [1] }])).rejects.toThrow(/already training/);
    await first;
  });

  it('a network changed while training yields is a UsageError', async () => {
    const net = Network.layered([2, 2, 1], { seed: 1 });
    const training = new Trainer(net, { epochs: 100_000_000, now: steppingClock() }).train([
      { input: [1, 0], output: [1] },
    ]);
    await nextTurn(); // training has yielded (its clock says 1 s passed at every reading)
    net.setWeight('x0', 'h1_0', 3);
    await expect(training).rejects.toThrow(/the network changed while training/);
    expect(net.weight('x0', 'h1_0')).toBe(3);
  });
});

describe('training refuses what run() refuses', () => {
  // Weights into h1_0 with which run([1e308, 1e308]) overflows h1_0's weighted sum.
  const overflowing = () =>
    Network.layered([2, 3, 1], { seed: 1 }).setWeight('x0', 'h1_0', 1).setWeight('x1', 'h1_0', 1);
  const huge = [{ input: [1e308, 1e308], output: [1] }];

  it('loss() and gradients() throw the NumericError run() throws, naming the neuron and the sample', () => {
    const net = overflowing();
    expect(() => net.run([1e308, 1e308])).toThrow(NumericError);
    const trainer = new Trainer(net);
    expect(() => trainer.loss(huge)).toThrow(NumericError);
    expect(() => trainer.loss(huge)).toThrow(/Trainer\.loss: the weighted input of "h1_0" in sample 0/);
    expect(() => trainer.gradients(huge)).toThrow(/Trainer\.gradients: the weighted input of "h1_0" in sample 0/);
  });

  it('train() stops with a TrainingError naming the epoch and changes nothing, watched or not, batched or not', async () => {
    for (const [batchSize, watched] of [
      [1, false],
      [1, true],
      [2, false],
    ] as const) {
      const net = overflowing();
      if (watched) net.on('runCompleted', () => {});
      const before = net.toJSON();
      const error: unknown = await new Trainer(net, { batchSize })
        .train([...huge, { input: [0, 1], output: [0] }])
        .catch((e) => e);
      expect(error).toBeInstanceOf(TrainingError);
      expect(error).toMatchObject({ epoch: 1, message: expect.stringMatching(/^Trainer\.train: epoch 1: .*"h1_0"/) });
      expect(net.toJSON()).toStrictEqual(before);
    }
  });

  it('a step whose weights overflow the next pass is taken back: momentum at 1e308 leaves a network that still runs', async () => {
    const net = Network.layered([2, 3, 1], { seed: 1 });
    const trainer = new Trainer(net, { optimizer: 'momentum', learningRate: 1e308 });
    await expect(trainer.train(XOR_SAMPLES)).rejects.toThrow(TrainingError);
    for (const { input } of XOR_SAMPLES) expect(() => net.run(input)).not.toThrow();
    expect(Number.isFinite(trainer.loss(XOR_SAMPLES))).toBe(true);
  });

  it('batches of 2 on a 200,000-neuron chain train without overflowing the stack', async () => {
    const net = chain(200_000);
    const samples = [
      { input: [0.5], output: [1] },
      { input: [-1], output: [0] },
    ];
    const result = await new Trainer(net, { batchSize: 2, epochs: 1 }).train(samples);
    expect(result).toMatchObject({ epochs: 1, stoppedBy: 'epochs' });
  }, 60_000);
});
