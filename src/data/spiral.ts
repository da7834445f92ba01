/**
 * Spiral
 * ======
 *
 * Two arms winding out from the origin to radius 5 over 1.75 turns, the second the first
 * turned by half a turn: class 1 on the first, class 0 on the second. Noise moves each point
 * by up to ±noise on each axis.
 *
 * [Reference]: TensorFlow playground, src/dataset.ts, classifySpiralData
 */
import { uniform } from '../random.js';
import { type Point, type PointOptions, readPointOptions } from './points.js';

/** The first arm's points (half, the odd one too), labelled 1, then the second's, labelled 0. */
export function spiral(options?: PointOptions): Point[] {
  const { count, noise, random } = readPointOptions(options, 'datasets.spiral');
  const arms = [
    { length: Math.ceil(count / 2), turn: 0, label: 1 },
    { length: Math.floor(count / 2), turn: Math.PI, label: 0 },
  ];
  return arms.flatMap(({ length, turn, label }) =>
    Array.from({ length }, (_, i) => {
      const r = (i / length) * 5;
      const t = ((1.75 * i) / length) * 2 * Math.PI + turn;
      const x = r * Math.sin(t) + uniform(random, -1, 1) * noise;
      const y = r * Math.cos(t) + uniform(random, -1, 1) * noise;
      return { x, y, label };
    }),
  );
}
