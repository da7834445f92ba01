/**
 * W7's workload: MNIST digits (from the `mnist` dev dependency through `datasets.mnist`,
 * seeded, train and test disjoint) as flat Float64Arrays, and the 784-64-10 network's
 * starting weights, read from neurograph's own seeded network with `toMatrices()` so that
 * every library starts from the same numbers.
 */
import { datasets, Network, type DigitSample } from '../../src/index.js';

export const SIZES = [784, 64, 10] as const;
export const INPUTS = SIZES[0];
export const HIDDEN = SIZES[1];
export const CLASSES = SIZES[2];

/** The training knobs every library gets. */
export const SETTINGS = { batchSize: 32, learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 } as const;

/** Digits as one row-major `count × 784` block of grey levels, their labels, and the samples they came from. */
export interface Digits {
  readonly count: number;
  readonly inputs: Float64Array;
  readonly labels: Int32Array;
  readonly samples: readonly DigitSample[];
}

/** The network's starting weights: W1 (64 × 784) and W2 (10 × 64) row-major, target by source, with their biases. */
export interface StartingWeights {
  readonly w1: Float64Array;
  readonly b1: Float64Array;
  readonly w2: Float64Array;
  readonly b2: Float64Array;
}

export function build(seed: number): Network {
  return Network.layered([...SIZES], { activation: 'relu', outputActivation: 'softmax', seed });
}

export function toDigits(samples: readonly DigitSample[]): Digits {
  const inputs = new Float64Array(samples.length * INPUTS);
  const labels = new Int32Array(samples.length);
  samples.forEach((sample, s) => {
    inputs.set(sample.input, s * INPUTS);
    labels[s] = sample.label;
  });
  return { count: samples.length, inputs, labels, samples };
}

export async function loadDigits(train: number, test: number, seed: number): Promise<{ train: Digits; test: Digits }> {
  const split = await datasets.mnist({ train, test, seed });
  return { train: toDigits(split.train), test: toDigits(split.test) };
}

/** neurograph's seeded starting weights, checked to be in the layout the other libraries assume. */
export function startingWeights(network: Network): StartingWeights {
  const [first, second] = network.toMatrices();
  if (
    first === undefined ||
    second === undefined ||
    first.from.some((id, i) => id !== network.inputs[i]) ||
    second.to.some((id, j) => id !== network.outputs[j]) ||
    first.to.length !== HIDDEN ||
    second.from.some((id, i) => id !== first.to[i])
  ) {
    throw new Error('W7: the network is not 784-64-10 in input and output order');
  }
  return {
    w1: Float64Array.from(first.weights),
    b1: Float64Array.from(first.bias),
    w2: Float64Array.from(second.weights),
    b2: Float64Array.from(second.bias),
  };
}

/** The share of rows whose largest output is the label (the first largest on ties). */
export function accuracyOf(outputs: ArrayLike<number>, labels: Int32Array): number {
  let right = 0;
  for (let s = 0; s < labels.length; s++) {
    let best = 0;
    for (let k = 1; k < CLASSES; k++) if (outputs[s * CLASSES + k]! > outputs[s * CLASSES + best]!) best = k;
    if (best === labels[s]) right++;
  }
  return right / labels.length;
}
