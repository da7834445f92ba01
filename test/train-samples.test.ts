import { describe, expect, it } from 'vitest';
import { InputError, Network, NeurographError, Trainer, evaluate, type Sample } from '../src/index.js';

const good: Sample[] = [
  { input: { x0: 0, x1: 1 }, output: { y0: 1 } },
  { input: [1, 1], output: [0] },
  { input: new Float64Array([1, 0]), output: new Float64Array([1]) },
];

const bad: [string, unknown, RegExp][] = [
  ['a missing input', { input: { x0: 1 }, output: [1] }, /samples\[3\]\.input: missing input "x1"/],
  ['an unknown input', { input: { x0: 1, x1: 0, x2: 5 }, output: [1] }, /unknown input "x2"/],
  ['an input array of the wrong length', { input: [1, 0, 1], output: [1] }, /got 3 input values for 2 inputs/],
  ['a non-finite input', { input: [Number.NaN, 0], output: [1] }, /input "x0" is not a finite number/],
  ['a missing target', { input: [1, 0], output: {} }, /samples\[3\]\.output: missing output "y0"/],
  ['an unknown target', { input: [1, 0], output: { y0: 1, z: 0 } }, /unknown output "z"/],
  ['a target array of the wrong length', { input: [1, 0], output: [1, 0] }, /got 2 target values for 1 output/],
  ['an infinite target', { input: [1, 0], output: [Infinity] }, /output "y0" is not a finite number/],
  ['no output at all', { input: [1, 0] }, /samples\[3\] must be \{ input, output \}/],
  ['not an object', 42, /samples\[3\] must be \{ input, output \}/],
];

describe('training samples', () => {
  for (const [what, sample, message] of bad) {
    it(`${what} is an InputError before any weight moves`, async () => {
      const net = Network.layered([2, 2, 1], { seed: 4 });
      const before = net.toJSON();
      const trainer = new Trainer(net, { epochs: 5 });
      const samples = [...good, sample] as Sample[];
      await expect(trainer.train(samples)).rejects.toThrow(InputError);
      await expect(trainer.train(samples)).rejects.toThrow(message);
      expect(() => trainer.loss(samples)).toThrow(InputError);
      expect(() => trainer.gradients(samples)).toThrow(InputError);
      expect(net.toJSON()).toStrictEqual(before);
    });
  }

  it('an empty sample list is an InputError, and the same trainer then trains normally', async () => {
    const net = Network.layered([2, 2, 1], { seed: 4 });
    const trainer = new Trainer(net, { epochs: 5 });
    await expect(trainer.train([])).rejects.toThrow(InputError);
    await expect(trainer.train(good)).resolves.toMatchObject({ epochs: 5, stoppedBy: 'epochs' });
  });

  it('refuses a revoked Proxy anywhere a sample, an option or a size is read with a named error', async () => {
    const revoked = (): never => {
      const { proxy, revoke } = Proxy.revocable([], {});
      revoke();
      return proxy as never;
    };
    const net = Network.layered([2, 2, 1], { seed: 1 });
    const trainer = new Trainer(net);
    const calls: (() => unknown)[] = [
      () => new Trainer(revoked()),
      () => new Trainer(net, revoked()),
      () => trainer.train(revoked()),
      () => trainer.train([revoked()]),
      () => trainer.train([{ steps: revoked() }]),
      () => trainer.train([{ steps: [revoked()] }]),
      () => trainer.train([{ input: revoked(), output: [1] }]),
      () => trainer.train([{ input: [1, 0], output: [1] }], revoked()),
      () => trainer.loss(revoked()),
      () => trainer.gradients([{ input: [1, 0], output: revoked() }]),
      () => evaluate(net, revoked()),
      () => Network.layered(revoked()),
      () => Network.elman(revoked()),
      () => Network.lstm(revoked()),
    ];
    for (const call of calls) await expect(Promise.resolve().then(call)).rejects.toBeInstanceOf(NeurographError);
  });
});
