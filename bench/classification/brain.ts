/**
 * brain.js 1.6.1 in W7. Its `NeuralNetwork` has no softmax and no mini-batches: every
 * layer takes the one activation (sigmoid by default; its 'relu' rectifies the outputs
 * too), training is one online step per sample on (t − y)·σ′ with its own learning rate
 * and momentum (0.3 and 0.1 by default), float32 weights. So W7 measures what it can do:
 * 784-64-10 sigmoid, its default training, one-hot targets, from neurograph's starting
 * weights, through `train(data, { iterations })` (one iteration is one epoch in order; it
 * also computes the training error each iteration, from the same steps).
 */
import { createRequire } from 'node:module';
import { CLASSES, HIDDEN, INPUTS, SIZES, type Digits, type StartingWeights } from './workload.js';

interface BrainNetwork {
  sizes: number[] | null;
  weights: Float32Array[][];
  biases: Float32Array[];
  initialize(): void;
  run(input: ArrayLike<number>): Float32Array;
  train(
    data: readonly { input: number[]; output: number[] }[],
    options: Record<string, unknown>,
  ): { error: number; iterations: number };
}
interface Brain {
  NeuralNetwork: new (options: Record<string, unknown>) => BrainNetwork;
}

const brain = createRequire(import.meta.url)('brain.js') as Brain;

export interface BrainClassifier {
  /** Trains `epochs` epochs; returns brain.js's training error (its mean squared error) of the last. */
  train(epochs: number): number;
  outputs(digits: Digits): Float32Array;
}

export function brainSigmoid(start: StartingWeights, train: Digits): BrainClassifier {
  const net = new brain.NeuralNetwork({ hiddenLayers: [HIDDEN], activation: 'sigmoid' });
  net.sizes = [...SIZES];
  net.initialize();
  for (let j = 0; j < HIDDEN; j++) {
    net.biases[1]![j] = start.b1[j]!;
    net.weights[1]![j]!.set(start.w1.subarray(j * INPUTS, (j + 1) * INPUTS));
  }
  for (let k = 0; k < CLASSES; k++) {
    net.biases[2]![k] = start.b2[k]!;
    net.weights[2]![k]!.set(start.w2.subarray(k * HIDDEN, (k + 1) * HIDDEN));
  }
  const data = train.samples.map((sample) => ({ input: sample.input, output: sample.output }));
  return {
    // NOTE: errorThresh 1e-9 so that only `iterations` ends training (0 is refused as out of range).
    train: (epochs) => net.train(data, { iterations: epochs, errorThresh: 1e-9 }).error,
    outputs(digits) {
      const out = new Float32Array(digits.count * CLASSES);
      for (let s = 0; s < digits.count; s++)
        out.set(net.run(digits.inputs.subarray(s * INPUTS, (s + 1) * INPUTS)), s * CLASSES);
      return out;
    },
  };
}
