import { describe, expect, it } from 'vitest';
import { Network, Trainer, TrainingError, UsageError, type NetworkDocument } from '../src/index.js';

describe('training numerics and refusals', () => {
  it('a loss that overflows stops training with a TrainingError naming the epoch; the weights are those before that step', async () => {
    const net = new Network().addInput('x').addOutput('y', { activation: 'identity' }).connect('x', 'y', 1).addBias('bias', { weight: 0.5 });
    const trainer = new Trainer(net, { learningRate: 1e100, batchSize: 2, epochs: 100 });
    const snapshots: NetworkDocument[] = [net.toJSON()];
    trainer.on('epochCompleted', () => snapshots.push(net.toJSON()));
    const samples = [{ input: [10], output: [0] }, { input: [-3], output: [1] }];
    const error: unknown = await trainer.train(samples).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TrainingError);
    const { epoch, message } = error as TrainingError;
    expect(epoch).toBeGreaterThan(1);
    expect(message).toMatch(new RegExp(`^Trainer\\.train: epoch ${epoch}: `));
    // One step per epoch: the weights before the failing step are those after the previous epoch.
    expect(net.toJSON()).toStrictEqual(snapshots[epoch - 1]);
    expect(net.graph.mapEdges((_e, { weight }) => Number.isFinite(weight)).every(Boolean)).toBe(true);
  });

  it('refuses step neurons on a path to an output, naming them and suggesting sigmoid or trainPerceptron', async () => {
    const net = new Network()
      .addInput('a')
      .addNeuron('gate', { activation: 'step' })
      .addNeuron('side', { activation: 'step' }) // leads nowhere: harmless
      .addOutput('out', { activation: 'step' })
      .connect('a', 'gate', 1).connect('gate', 'out', 1).connect('a', 'side', 1);
    const trainer = new Trainer(net);
    const samples = [{ input: [1], output: [1] }];
    await expect(trainer.train(samples)).rejects.toThrow(UsageError);
    await expect(trainer.train(samples)).rejects.toThrow(/"gate", "out" use the step activation.*sigmoid.*trainPerceptron/);
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
    const training = new Trainer(net, { epochs: 100_000_000 }).train([{ input: [1, 0], output: [1] }]);
    await new Promise((resolve) => setTimeout(resolve, 30));
    net.setWeight('x0', 'h1_0', 3);
    await expect(training).rejects.toThrow(/the network changed while training/);
    expect(net.weight('x0', 'h1_0')).toBe(3);
  });
});
