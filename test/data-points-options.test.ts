/**
 * The playground generators share their options: the same seed gives the same points,
 * another seed other points, exactly `count` of them, and a bad option is a UsageError
 * that names it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { datasets } from '../src/data/index.js';
import { MAX_POINTS } from '../src/data/points.js';
import { UsageError } from '../src/errors.js';

const generators = {
  circle: datasets.circle,
  xor: datasets.xor,
  gauss: datasets.gauss,
  spiral: datasets.spiral,
  moons: datasets.moons,
  plane: datasets.plane,
  multiGauss: datasets.multiGauss,
};
const named = Object.entries(generators);

describe.each(named)('datasets.%s', (name, generate) => {
  it('gives the same points for the same seed and other points for another seed', () => {
    const options = { count: 60, noise: 0.3, seed: 7 };
    expect(generate(options)).toStrictEqual(generate({ ...options }));
    const other = generate({ ...options, seed: 8 });
    expect(other).toHaveLength(60);
    expect(other.filter((p, i) => p.x === generate(options)[i]!.x)).toHaveLength(0);
  });

  it('makes exactly count finite points, odd counts too, with 500 by default', () => {
    for (const count of [1, 2, 3, 101]) {
      const points = generate({ count, noise: 0.1 });
      expect(points).toHaveLength(count);
      expect(points.every((p) => [p.x, p.y, p.label].every(Number.isFinite))).toBe(true);
    }
    expect(generate()).toHaveLength(500);
    expect(generate()).toStrictEqual(generate({ count: 500, noise: 0, seed: 1 }));
  });

  it('refuses a count that is not a whole number from 1 to the maximum, naming count', () => {
    const bad = fc.oneof(
      fc.double().filter((v) => !(Number.isInteger(v) && v >= 1 && v <= MAX_POINTS)),
      fc.integer({ min: -1e9, max: 0 }),
      fc.integer({ min: MAX_POINTS + 1, max: Number.MAX_SAFE_INTEGER }),
      fc.constantFrom<unknown>(Number.NaN, Number.POSITIVE_INFINITY, '10', null, 10n, [10], {}),
    );
    fc.assert(
      fc.property(bad, (count) => {
        expect(() => generate({ count: count as number })).toThrow(UsageError);
        expect(() => generate({ count: count as number })).toThrow(new RegExp(`datasets\\.${name}: count must`));
      }),
    );
  });

  it('refuses noise outside 0…1 or not a number, and a seed that is not an integer', () => {
    const badNoise = fc.oneof(
      fc.double().filter((v) => !(v >= 0 && v <= 1)),
      fc.constantFrom<unknown>('0.1', null, true, Number.NaN),
    );
    fc.assert(
      fc.property(badNoise, (noise) => {
        expect(() => generate({ count: 2, noise: noise as number })).toThrow(/noise must be a number from 0 to 1/);
      }),
    );
    for (const seed of [0.5, Number.NaN, '1', 2 ** 60]) {
      expect(() => generate({ seed: seed as number })).toThrow(UsageError);
      expect(() => generate({ seed: seed as number })).toThrow(/seed must be an integer/);
    }
  });

  it('refuses unknown option names and options that are not an object', () => {
    expect(() => generate({ count: 10, nosie: 0.1 } as never)).toThrow(/unknown option "nosie"; the options are count/);
    expect(() => generate(10 as never)).toThrow(UsageError);
    expect(() => generate([] as never)).toThrow(UsageError);
  });
});

it('a huge count is refused at once, with the limit in the message', () => {
  const started = performance.now();
  expect(() => datasets.circle({ count: 1e9 })).toThrow(
    'count must be a whole number from 1 to 1,000,000, got 1000000000',
  );
  expect(performance.now() - started).toBeLessThan(50);
  expect(datasets.xor({ count: MAX_POINTS })).toHaveLength(MAX_POINTS);
});
