/**
 * Points become samples a network trains on, keyed by its ids; `split` cuts any list into
 * seeded train and test parts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { datasets } from '../src/data/index.js';
import { UsageError } from '../src/errors.js';
import { Network } from '../src/graph/network.js';
import { Trainer } from '../src/train/trainer.js';

describe('toSamples', () => {
  it("keys each point by Network.layered's ids by default, or by the ids given", () => {
    const points = datasets.xor({ count: 5, seed: 2 });
    expect(datasets.toSamples(points)).toStrictEqual(
      points.map(({ x, y, label }) => ({ input: { x0: x, x1: y }, output: { y0: label } })),
    );
    const [first] = datasets.toSamples(points, { inputs: ['a', 'b'], output: 'out' });
    expect(first).toStrictEqual({ input: { a: points[0]!.x, b: points[0]!.y }, output: { out: points[0]!.label } });
  });

  it('gives samples a layered network learns from', async () => {
    const samples = datasets.toSamples(datasets.gauss({ count: 200, seed: 3 }));
    const net = Network.layered([2, 1], { outputActivation: 'sigmoid', seed: 1 });
    await new Trainer(net, { loss: 'crossEntropy', learningRate: 0.1, epochs: 20, seed: 1 }).train(samples);
    const right = samples.filter((s) => Math.round(net.run(s.input).y0!) === s.output.y0).length;
    expect(right / samples.length).toBeGreaterThan(0.95);
  });

  it('refuses bad ids, unknown options and points that are not finite { x, y, label }', () => {
    const points = datasets.circle({ count: 3 });
    for (const options of [
      { inputs: ['a'] },
      { inputs: ['a', 'a'] },
      { inputs: ['a', 'b'], output: 'a' },
      { output: '' },
    ]) {
      expect(() => datasets.toSamples(points, options as never)).toThrow(UsageError);
    }
    expect(() => datasets.toSamples(points, { input: ['a', 'b'] } as never)).toThrow(/unknown option "input"/);
    expect(() => datasets.toSamples([{ x: 1, y: Number.NaN, label: 0 }])).toThrow(
      /points\[0\] must be \{ x, y, label \}/,
    );
    expect(() => datasets.toSamples([null] as never)).toThrow(UsageError);
    expect(() => datasets.toSamples('points' as never)).toThrow(/points must be an array/);
  });
});

describe('split', () => {
  it('puts every item in exactly one part, the documented share in test, the same way for the same seed', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 300 }),
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        fc.integer(),
        (n, share, seed) => {
          const items = Array.from({ length: n }, (_, i) => i);
          const { train, test } = datasets.split(items, { test: share, seed });
          expect([...train, ...test].sort((a, b) => a - b)).toStrictEqual(items);
          expect(test.length).toBe(Math.min(n - 1, Math.max(1, Math.round(share * n))));
          expect(datasets.split(items, { test: share, seed })).toStrictEqual({ train, test });
        },
      ),
    );
  });

  it('shuffles: another seed gives another test part, and the input is left as it was', () => {
    const items = Array.from({ length: 100 }, (_, i) => i);
    const one = datasets.split(items, { seed: 1 });
    expect(one.test).toHaveLength(20);
    expect(datasets.split(items, { seed: 2 }).test).not.toStrictEqual(one.test);
    expect(one.test).not.toStrictEqual(items.slice(0, 20));
    expect(items).toStrictEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it('refuses a share outside (0, 1), fewer than two items, a bad seed and unknown options', () => {
    for (const test of [0, 1, -0.2, 1.5, Number.NaN, '0.2']) {
      expect(() => datasets.split([1, 2, 3], { test: test as number })).toThrow(
        /test must be a share above 0 and below 1/,
      );
    }
    expect(() => datasets.split([1])).toThrow(/at least 2/);
    expect(() => datasets.split('ab' as never)).toThrow(UsageError);
    expect(() => datasets.split([1, 2], { seed: 0.5 })).toThrow(/seed must be an integer/);
    expect(() => datasets.split([1, 2], { train: 0.8 } as never)).toThrow(/unknown option "train"/);
  });
});
