/**
 * Circle
 * ======
 *
 * Class 1 inside a circle of radius 2.5 around the origin, class 0 in a ring from 3.5
 * to 5. Noise does not move a point: it moves where its label is read, by up to
 * ±5 × noise on each axis, so points near the gap can carry the other class's label.
 *
 * [Reference]: TensorFlow playground, src/dataset.ts, classifyCircleData
 */
import { uniform } from '../random.js';
import { type Point, type PointOptions, readPointOptions } from './points.js';

const RADIUS = 5;

/** Half the points (the odd one too) inside, labelled 1 when noise is 0, then the others outside. */
export function circle(options?: PointOptions): Point[] {
  const { count, noise, random } = readPointOptions(options, 'datasets.circle');
  const inside = Math.ceil(count / 2);
  return Array.from({ length: count }, (_, i) => {
    const r = i < inside ? uniform(random, 0, RADIUS * 0.5) : uniform(random, RADIUS * 0.7, RADIUS);
    const angle = uniform(random, 0, 2 * Math.PI);
    const x = r * Math.sin(angle);
    const y = r * Math.cos(angle);
    const readX = x + uniform(random, -RADIUS, RADIUS) * noise;
    const readY = y + uniform(random, -RADIUS, RADIUS) * noise;
    return { x, y, label: Math.hypot(readX, readY) < RADIUS * 0.5 ? 1 : 0 };
  });
}
