/**
 * XOR
 * ===
 *
 * Points spread over [-5.3, 5.3]² with a gap of 0.3 along each axis; class 1 where x and y
 * have the same sign (first and third quadrants), class 0 elsewhere. Noise moves where the
 * label is read, by up to ±5 × noise on each axis.
 *
 * [Reference]: TensorFlow playground, src/dataset.ts, classifyXORData
 */
import { uniform } from '../random.js';
import { type Point, type PointOptions, readPointOptions } from './points.js';

const PADDING = 0.3;

export function xor(options?: PointOptions): Point[] {
  const { count, noise, random } = readPointOptions(options, 'datasets.xor');
  const away = (v: number) => v + (v > 0 ? PADDING : -PADDING);
  return Array.from({ length: count }, () => {
    const x = away(uniform(random, -5, 5));
    const y = away(uniform(random, -5, 5));
    const readX = x + uniform(random, -5, 5) * noise;
    const readY = y + uniform(random, -5, 5) * noise;
    return { x, y, label: readX * readY >= 0 ? 1 : 0 };
  });
}
