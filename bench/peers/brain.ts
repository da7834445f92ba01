/**
 * brain.js 1.6.1: `NeuralNetwork` (float32 weights) and its `run`. Training is
 * `trainPatterns` — one online SGD step per sample, the loop `train()` runs each
 * iteration — with momentum 0: `train()` itself rejects momentum 0 (and an error
 * threshold of 0) as "out of normal training range". Fixed layers only: no arbitrary DAG.
 */
import { createRequire } from 'node:module';
import { meanSquaredError } from './synaptic.js';
import type { DenseModel, Peer, Sample } from './workloads.js';
import { FLOAT32, rowByRow } from './workloads.js';

interface BrainNetwork {
  sizes: number[] | null;
  weights: Float32Array[][];
  biases: Float32Array[];
  initialize(): void;
  run(input: ArrayLike<number>): Float32Array;
  trainOpts: { learningRate: number; momentum: number };
  trainPatterns(data: readonly { input: ArrayLike<number>; output: ArrayLike<number> }[]): void;
}
interface Brain {
  NeuralNetwork: new (options: Record<string, unknown>) => BrainNetwork;
}

const brain = createRequire(import.meta.url)('brain.js') as Brain;

function network(model: DenseModel): BrainNetwork {
  const net = new brain.NeuralNetwork({ hiddenLayers: model.sizes.slice(1, -1), activation: 'sigmoid' });
  net.sizes = [...model.sizes];
  net.initialize();
  model.layers.forEach(({ weights, bias }, k) => {
    const from = model.sizes[k]!;
    for (let j = 0; j < model.sizes[k + 1]!; j++) {
      net.biases[k + 1]![j] = bias[j]!;
      net.weights[k + 1]![j]!.set(weights.subarray(j * from, (j + 1) * from));
    }
  });
  return net;
}

export const brainPeer: Peer = {
  name: 'brain.js 1.6.1',
  tolerance: FLOAT32,
  dense(model) {
    const net = network(model);
    const width = model.sizes[0]!;
    return rowByRow(
      model,
      (rows, offset) => net.run(offset === 0 && rows.length === width ? rows : rows.subarray(offset, offset + width)),
      Float32Array,
    );
  },
  train(model, samples: readonly Sample[], learningRate) {
    const net = network(model);
    net.trainOpts.learningRate = learningRate;
    net.trainOpts.momentum = 0;
    const data = samples.map((sample) => ({ input: [...sample.input], output: [...sample.output] }));
    return {
      train(epochs) {
        for (let epoch = 0; epoch < epochs; epoch++) net.trainPatterns(data);
      },
      loss: () => meanSquaredError(samples, (input) => net.run(input)),
    };
  },
};
