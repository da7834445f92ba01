/**
 * The small networks tests of generated code run on: random layered networks (even seeds) and random DAGs (odd
 * seeds), every activation among them, and outputs compared bit for bit.
 */
import { createRandom, Network, type ActivationSpec } from '../../src/index.js';
import { neuronActivationNames, pick, randomNetwork } from './random-network.js';

const specs: ActivationSpec[] = [
  ...neuronActivationNames,
  { name: 'step', threshold: -0.2 },
  { name: 'leakyRelu', alpha: 0.3 },
];

/** A small network that compiles to generated code: layered for an even seed, a random DAG for an odd one. */
export function generatedNetworkOf(seed: number): Network {
  const random = createRandom(seed);
  if (seed % 2 === 0) {
    const sizes = Array.from({ length: 2 + Math.floor(random() * 3) }, () => 1 + Math.floor(random() * 6));
    return Network.layered(sizes, {
      activation: pick(random, specs),
      outputActivation: pick(random, specs),
      bias: random() < 0.7,
      seed,
    });
  }
  return randomNetwork(seed, { hidden: seed % 11, outputs: 1 + (seed % 3), activations: specs });
}

/** Outputs compared with Object.is (so -0 and 0 differ). */
export function sameBits(actual: ArrayLike<number>, expected: ArrayLike<number>): boolean {
  if (actual.length !== expected.length) return false;
  for (let k = 0; k < actual.length; k++) if (!Object.is(actual[k], expected[k])) return false;
  return true;
}
