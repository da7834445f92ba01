/**
 * Points as training samples
 * ==========================
 *
 * A point becomes `{ input: { x0: x, x1: y }, output: { y0: label } }`, keyed by the ids
 * `Network.layered([2, …, 1])` gives its inputs and output, or by ids of your choosing.
 */
import { UsageError } from '../errors.js';
import { describe } from '../format/describe.js';
import { isRevokedProxy } from '../format/revoked-proxy.js';
import { checkOptionNames } from '../format/options.js';
import type { Sample } from '../train/samples.js';
import type { Point } from './points.js';

export interface ToSamplesOptions {
  /** The ids of the two input neurons that take x and y; defaults to `['x0', 'x1']`. */
  readonly inputs?: readonly [string, string];
  /** The id of the output neuron whose target is the label; defaults to `'y0'`. */
  readonly output?: string;
}

/** A sample made from a point: records keyed by neuron id. */
export interface PointSample extends Sample {
  readonly input: Readonly<Record<string, number>>;
  readonly output: Readonly<Record<string, number>>;
}

export function toSamples(points: readonly Point[], options?: ToSamplesOptions): PointSample[] {
  const where = 'datasets.toSamples';
  checkOptionNames(options, ['inputs', 'output'], where);
  const { inputs = ['x0', 'x1'], output = 'y0' } = options ?? {};
  const ids = Array.isArray(inputs) ? [...inputs, output] : [];
  if (ids.length !== 3 || !ids.every((id) => typeof id === 'string' && id !== '') || new Set(ids).size !== 3) {
    throw new UsageError(
      `${where}: inputs must be two ids and output one more, all different non-empty strings, such as ` +
        `{ inputs: ['x0', 'x1'], output: 'y0' }; got inputs ${describe(inputs)} and output ${describe(output)}.`,
    );
  }
  if (isRevokedProxy(points) || !Array.isArray(points))
    throw new UsageError(`${where}: points must be an array, got ${describe(points)}.`);
  const [xId, yId] = inputs;
  return points.map((point: unknown, i) => {
    const { x, y, label } = (point ?? {}) as Partial<Point>;
    if (![x, y, label].every(Number.isFinite)) {
      throw new UsageError(`${where}: points[${i}] must be { x, y, label } of finite numbers, got ${describe(point)}.`);
    }
    return { input: { [xId]: x as number, [yId]: y as number }, output: { [output]: label as number } };
  });
}
