/**
 * Two moons
 * =========
 *
 * Two interleaved half circles of radius 1: the upper one, centred on (0, 0), is class 0;
 * the lower one, centred on (1, 0.5), opens up and is class 1. Noise is the standard
 * deviation of Gaussian noise added to each coordinate. As scikit-learn's make_moons, except
 * that the angles are drawn uniformly instead of evenly spaced, and the classes alternate
 * (0, 1, 0, …) instead of being shuffled.
 *
 * [Reference]: scikit-learn, sklearn/datasets/_samples_generator.py, make_moons
 */
import { gaussian, type Point, type PointOptions, readPointOptions } from './points.js';

export function moons(options?: PointOptions): Point[] {
  const { count, noise, random } = readPointOptions(options, 'datasets.moons');
  return Array.from({ length: count }, (_, i) => {
    const label = i % 2;
    const angle = Math.PI * random();
    const x = label === 0 ? Math.cos(angle) : 1 - Math.cos(angle);
    const y = label === 0 ? Math.sin(angle) : 0.5 - Math.sin(angle);
    return { x: x + noise * gaussian(random), y: y + noise * gaussian(random), label };
  });
}
