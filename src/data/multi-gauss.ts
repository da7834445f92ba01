/**
 * Six Gaussians (regression)
 * ==========================
 *
 * Six bumps on a 3 × 2 grid, alternately +1 and -1 at their centres, each falling linearly
 * to 0 at distance 2; where two overlap, the one larger in absolute value wins. Points are
 * uniform over [-6, 6]²; noise moves where the label is read, by up to ±6 × noise on each axis.
 *
 * [Reference]: TensorFlow playground, src/dataset.ts, regressGaussian
 */
import { uniform } from '../random.js';
import { type Point, type PointOptions, readPointOptions } from './points.js';

const RADIUS = 6;

/** The bumps: centre x, centre y, sign. */
const BUMPS = [
  [-4, 2.5, 1],
  [0, 2.5, -1],
  [4, 2.5, 1],
  [-4, -2.5, -1],
  [0, -2.5, 1],
  [4, -2.5, -1],
] as const;

/** The label of a point read at (x, y), from -1 to 1. */
export function multiGaussLabel(x: number, y: number): number {
  let label = 0;
  for (const [cx, cy, sign] of BUMPS) {
    const height = sign * Math.max(0, 1 - Math.hypot(x - cx, y - cy) / 2);
    if (Math.abs(height) > Math.abs(label)) label = height;
  }
  return label;
}

export function multiGauss(options?: PointOptions): Point[] {
  const { count, noise, random } = readPointOptions(options, 'datasets.multiGauss');
  return Array.from({ length: count }, () => {
    const x = uniform(random, -RADIUS, RADIUS);
    const y = uniform(random, -RADIUS, RADIUS);
    const readX = x + uniform(random, -RADIUS, RADIUS) * noise;
    const readY = y + uniform(random, -RADIUS, RADIUS) * noise;
    return { x, y, label: multiGaussLabel(readX, readY) };
  });
}
