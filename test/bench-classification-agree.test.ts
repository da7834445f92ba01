import { describe, expect, it } from 'vitest';
import { HandWrittenMlp } from '../bench/classification/hand-written.js';
import { trainNeurograph } from '../bench/classification/neurograph.js';
import { build, loadDigits, startingWeights } from '../bench/classification/workload.js';

// W7's check on a small subset: neurograph's Trainer and the hand-written Adam loop, from the same
// starting weights and in the same shuffled order, end an epoch with the same loss and weights.
describe('W7 classification bench: neurograph and the hand-written loop agree', () => {
  it('after one epoch on 200 digits, for every hand-written kernel', async () => {
    const { train } = await loadDigits(200, 0, 3);
    const network = build(3);
    const start = startingWeights(network);
    const loss = await trainNeurograph(network, train, 1, 5);
    const [trained1, trained2] = network.toMatrices();
    for (const [forward, gradient] of [
      ['block4x2', 'axpy4'],
      ['dot4', 'axpy1'],
      ['block4x4', 'axpy4x2'],
    ] as const) {
      const mlp = new HandWrittenMlp(start, train, { forward, gradient, seed: 5 });
      const handLoss = mlp.epoch();
      expect(Math.abs(handLoss - loss) / loss).toBeLessThan(1e-9);
      const w = mlp.parameters;
      let largest = 0;
      for (const [k, value] of [
        ...trained1!.weights,
        ...trained1!.bias,
        ...trained2!.weights,
        ...trained2!.bias,
      ].entries())
        largest = Math.max(largest, Math.abs(value - w[k]!));
      expect(largest).toBeLessThan(1e-9);
    }
    expect(loss).toBeGreaterThan(0.5); // one epoch on 200 digits: far from learned, so the comparison means something
  });
});
