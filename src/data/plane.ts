/**
 * Plane (regression)
 * ==================
 *
 * Points uniform over [-6, 6]²; the label is (x + y) / 10, so from -1.2 to 1.2 (an identity
 * or tanh output fits it). Noise moves where the label is read, by up to ±6 × noise on each axis.
 *
 * [Reference]: TensorFlow playground, src/dataset.ts, regressPlane
 */
import { uniform } from '../random.js';
import { type Point, type PointOptions, readPointOptions } from './points.js';

const RADIUS = 6;

/** The label of a point read at (x, y): the playground's scale from [-10, 10] to [-1, 1]. */
export const planeLabel = (x: number, y: number) => (x + y) / 10;

export function plane(options?: PointOptions): Point[] {
  const { count, noise, random } = readPointOptions(options, 'datasets.plane');
  return Array.from({ length: count }, () => {
    const x = uniform(random, -RADIUS, RADIUS);
    const y = uniform(random, -RADIUS, RADIUS);
    const readX = x + uniform(random, -RADIUS, RADIUS) * noise;
    const readY = y + uniform(random, -RADIUS, RADIUS) * noise;
    return { x, y, label: planeLabel(readX, readY) };
  });
}
