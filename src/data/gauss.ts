/**
 * Two Gaussians
 * =============
 *
 * Class 1 around (2, 2), class 0 around (-2, -2). Noise widens both: the variance goes
 * linearly from 0.5 at noise 0 to 4 at noise 0.5 (and on, to 7.5 at noise 1).
 *
 * [Reference]: TensorFlow playground, src/dataset.ts, classifyTwoGaussData
 */
import { gaussian, type Point, type PointOptions, readPointOptions } from './points.js';

/** The variance of each coordinate at this noise. */
export const gaussVariance = (noise: number) => 0.5 + noise * 7;

/** Half the points (the odd one too) around (2, 2), labelled 1, then the others around (-2, -2), labelled 0. */
export function gauss(options?: PointOptions): Point[] {
  const { count, noise, random } = readPointOptions(options, 'datasets.gauss');
  const spread = Math.sqrt(gaussVariance(noise));
  const first = Math.ceil(count / 2);
  return Array.from({ length: count }, (_, i) => {
    const [centre, label] = i < first ? [2, 1] : [-2, 0];
    return { x: centre + spread * gaussian(random), y: centre + spread * gaussian(random), label };
  });
}
