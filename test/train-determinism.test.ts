import { describe, expect, it } from 'vitest';
import { Network, Trainer, createRandom, type Sample } from '../src/index.js';

const random = createRandom(9);
const samples: Sample[] = Array.from({ length: 30 }, () => {
  const [a, b] = [random() * 2 - 1, random() * 2 - 1];
  return { input: [a, b], output: [a * b > 0 ? 1 : 0] };
});

async function train(seed: number) {
  const net = Network.layered([2, 5, 1], { seed: 11, activation: 'tanh', outputActivation: 'sigmoid' });
  const result = await new Trainer(net, {
    optimizer: 'adam',
    loss: 'crossEntropy',
    batchSize: 4,
    epochs: 50,
    seed,
  }).train(samples);
  return { weights: net.toJSON(), result };
}

describe('determinism', () => {
  it('the same seed gives the same weights, bit for bit; another seed shuffles differently', async () => {
    const [a, b, c] = [await train(5), await train(5), await train(6)];
    expect(a).toStrictEqual(b);
    expect(Object.is(a.result.loss, b.result.loss)).toBe(true);
    expect(c.weights).not.toStrictEqual(a.weights);
  });
});
