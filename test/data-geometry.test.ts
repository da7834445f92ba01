/**
 * Each playground dataset has the shape TensorFlow's playground gives it: labels read off
 * the geometry when noise is 0, and noise moving what the dataset says it moves.
 */
import { describe, expect, it } from 'vitest';
import { datasets } from '../src/data/index.js';
import { gaussVariance } from '../src/data/gauss.js';
import { multiGaussLabel } from '../src/data/multi-gauss.js';
import type { Point } from '../src/data/points.js';

const radius = (p: Point) => Math.hypot(p.x, p.y);
const share = (points: readonly Point[], test: (p: Point) => boolean) => points.filter(test).length / points.length;
const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const variance = (values: readonly number[]) => {
  const centre = mean(values);
  return mean(values.map((v) => (v - centre) ** 2));
};

describe('circle', () => {
  it('without noise: class 1 inside radius 2.5, class 0 in the ring from 3.5 to 5, half and half', () => {
    const points = datasets.circle({ count: 1001, seed: 3 });
    expect(points.every((p) => p.label === (radius(p) < 2.5 ? 1 : 0))).toBe(true);
    expect(points.filter((p) => p.label === 1)).toHaveLength(501);
    expect(points.filter((p) => p.label === 0).every((p) => radius(p) >= 3.5 && radius(p) <= 5)).toBe(true);
  });

  it('noise leaves the points in their rings but flips labels near the gap', () => {
    const points = datasets.circle({ count: 2000, noise: 0.3, seed: 3 });
    expect(points.every((p) => radius(p) <= 2.5 || (radius(p) >= 3.5 && radius(p) <= 5))).toBe(true);
    const wrong = share(points, (p) => p.label !== (radius(p) < 2.5 ? 1 : 0));
    expect(wrong).toBeGreaterThan(0.05);
    expect(wrong).toBeLessThan(0.5);
    expect(
      share(datasets.circle({ count: 2000, noise: 0.05, seed: 3 }), (p) => p.label !== (radius(p) < 2.5 ? 1 : 0)),
    ).toBeLessThan(wrong);
  });
  it('a label is read at most 5 × noise away on each axis: only points that close to radius 2.5 flip', () => {
    const noise = 0.05;
    const reach = 5 * Math.SQRT2 * noise;
    const points = datasets.circle({ count: 4000, noise, seed: 11 });
    const flipped = points.filter((p) => p.label !== (radius(p) < 2.5 ? 1 : 0));
    expect(flipped.length).toBeGreaterThan(10);
    expect(flipped.every((p) => Math.abs(radius(p) - 2.5) <= reach)).toBe(true);
  });
});

describe('xor', () => {
  it('without noise: class 1 where x and y have the same sign, and no point within 0.3 of an axis', () => {
    const points = datasets.xor({ count: 1000, seed: 4 });
    expect(points.every((p) => p.label === (Math.sign(p.x) === Math.sign(p.y) ? 1 : 0))).toBe(true);
    expect(points.every((p) => Math.min(Math.abs(p.x), Math.abs(p.y)) >= 0.3)).toBe(true);
    expect(points.every((p) => Math.max(Math.abs(p.x), Math.abs(p.y)) <= 5.3)).toBe(true);
    expect(share(points, (p) => p.label === 1)).toBeCloseTo(0.5, 1);
  });

  it('noise flips labels, more with more noise', () => {
    const wrong = (noise: number) =>
      share(datasets.xor({ count: 2000, noise, seed: 4 }), (p) => p.label !== (p.x * p.y > 0 ? 1 : 0));
    expect(wrong(0.1)).toBeGreaterThan(0);
    expect(wrong(0.5)).toBeGreaterThan(wrong(0.1));
  });
});

describe('gauss', () => {
  it('class 1 around (2, 2) and class 0 around (-2, -2), with the documented variance', () => {
    for (const noise of [0, 0.5]) {
      const points = datasets.gauss({ count: 20_000, noise, seed: 5 });
      for (const [label, centre] of [
        [1, 2],
        [0, -2],
      ] as const) {
        const xs = points.filter((p) => p.label === label).map((p) => p.x);
        expect(xs).toHaveLength(10_000);
        expect(Math.abs(mean(xs) - centre)).toBeLessThan(0.1);
        expect(variance(xs) / gaussVariance(noise)).toBeCloseTo(1, 1);
      }
    }
    expect([gaussVariance(0), gaussVariance(0.5)]).toStrictEqual([0.5, 4]);
  });
});

describe('spiral', () => {
  it('without noise: two arms, the second the first turned by half a turn, winding out to radius 5', () => {
    const points = datasets.spiral({ count: 400, seed: 6 });
    const first = points.filter((p) => p.label === 1);
    const second = points.filter((p) => p.label === 0);
    expect([first.length, second.length]).toStrictEqual([200, 200]);
    first.forEach((p, i) => {
      expect(second[i]!.x).toBeCloseTo(-p.x, 12);
      expect(second[i]!.y).toBeCloseTo(-p.y, 12);
      expect(radius(p)).toBeCloseTo((i / 200) * 5, 12);
    });
    // 1.75 turns over the arm: from point 1 to point 199 (point 0 is the origin) the angle turns 198 / 200 of that.
    let turned = 0;
    for (let i = 2; i < first.length; i++) {
      const [a, b] = [first[i - 1]!, first[i]!];
      turned += Math.atan2(a.x * b.y - a.y * b.x, a.x * b.x + a.y * b.y);
    }
    expect(Math.abs(turned) / (2 * Math.PI)).toBeCloseTo((1.75 * 198) / 200, 9);
  });

  it('noise moves each point by up to ±noise on each axis', () => {
    const clean = datasets.spiral({ count: 400, seed: 6 });
    const noisy = datasets.spiral({ count: 400, noise: 0.4, seed: 6 });
    const moved = noisy.map((p, i) => Math.max(Math.abs(p.x - clean[i]!.x), Math.abs(p.y - clean[i]!.y)));
    expect(Math.max(...moved)).toBeLessThanOrEqual(0.4);
    expect(Math.max(...moved)).toBeGreaterThan(0.3);
    expect(noisy.map((p) => p.label)).toStrictEqual(clean.map((p) => p.label));
  });
});

describe('moons', () => {
  it('without noise: class 0 on the upper half of the unit circle, class 1 on the lower one around (1, 0.5)', () => {
    const points = datasets.moons({ count: 300, seed: 7 });
    for (const p of points) {
      const [cx, cy] = p.label === 0 ? [0, 0] : [1, 0.5];
      expect(Math.hypot(p.x - cx, p.y - cy)).toBeCloseTo(1, 12);
      expect(p.label === 0 ? p.y >= 0 : p.y <= 0.5).toBe(true);
    }
    expect(points.map((p) => p.label).slice(0, 4)).toStrictEqual([0, 1, 0, 1]);
  });

  it('noise is the standard deviation of each coordinate about the moon', () => {
    const points = datasets.moons({ count: 20_000, noise: 0.1, seed: 7 });
    const off = points.map((p) => Math.hypot(p.x - (p.label === 0 ? 0 : 1), p.y - (p.label === 0 ? 0 : 0.5)) - 1);
    // Radial deviation of isotropic noise with σ = 0.1 has standard deviation close to 0.1.
    expect(Math.sqrt(variance(off))).toBeCloseTo(0.1, 2);
  });
});

describe('plane (regression)', () => {
  it('without noise the label is (x + y) / 10 over [-6, 6]²; noise moves it by at most 1.2 × noise', () => {
    const points = datasets.plane({ count: 1000, seed: 8 });
    expect(points.every((p) => Math.abs(p.label - (p.x + p.y) / 10) < 1e-12)).toBe(true);
    expect(points.every((p) => Math.abs(p.x) <= 6 && Math.abs(p.y) <= 6)).toBe(true);
    const noisy = datasets.plane({ count: 1000, noise: 0.5, seed: 8 });
    const moved = noisy.map((p) => Math.abs(p.label - (p.x + p.y) / 10));
    expect(Math.max(...moved)).toBeLessThanOrEqual(0.6 + 1e-12);
    expect(mean(moved)).toBeGreaterThan(0.1);
  });
});

describe('multiGauss (regression)', () => {
  it('six bumps of height ±1 at their centres, falling to 0 at distance 2, largest in absolute value wins', () => {
    const centres = [
      [-4, 2.5, 1],
      [0, 2.5, -1],
      [4, 2.5, 1],
      [-4, -2.5, -1],
      [0, -2.5, 1],
      [4, -2.5, -1],
    ];
    for (const [x, y, sign] of centres) expect(multiGaussLabel(x!, y!)).toBe(sign);
    expect(multiGaussLabel(-4, 1.5)).toBeCloseTo(0.5, 12);
    expect(multiGaussLabel(0, 0)).toBe(0);
    expect(multiGaussLabel(6, 6)).toBe(0);
    // Between (0, 2.5) and (0, -2.5), 1 nearer the upper bump: -0.5 at distance 1.5 · vs +0 at 3.5.
    expect(multiGaussLabel(0, 1)).toBeCloseTo(-(1 - 1.5 / 2), 12);
  });

  it('without noise each label is the bumps at the point; noise moves labels off it', () => {
    const points = datasets.multiGauss({ count: 1000, seed: 9 });
    expect(points.every((p) => p.label === multiGaussLabel(p.x, p.y))).toBe(true);
    expect(points.every((p) => p.label >= -1 && p.label <= 1)).toBe(true);
    expect(share(points, (p) => p.label > 0.5)).toBeGreaterThan(0.05);
    expect(share(points, (p) => p.label < -0.5)).toBeGreaterThan(0.05);
    const noisy = datasets.multiGauss({ count: 1000, noise: 0.3, seed: 9 });
    expect(share(noisy, (p) => p.label !== multiGaussLabel(p.x, p.y))).toBeGreaterThan(0.3);
  });
});
