/**
 * Labelled points
 * ===============
 *
 * The playground datasets are points in the plane with a label: 1 or 0 for the two
 * classes (TensorFlow's playground says 1 and -1; 0 suits a sigmoid output and
 * cross-entropy), or a number for the regressions. Every generator takes the same
 * options, checked here once, and draws from its own seeded generator.
 *
 * [Reference]: TensorFlow playground, src/dataset.ts — https://github.com/tensorflow/playground
 */
import { UsageError } from '../errors.js';
import { describe } from '../format/describe.js';
import { checkOptionNames } from '../format/options.js';
import { createRandom, type Random } from '../random.js';

/** A point and its label: 1 or 0 for a class, or the value to regress. */
export interface Point {
  readonly x: number;
  readonly y: number;
  readonly label: number;
}

export interface PointOptions {
  /** How many points; defaults to 500, as in the playground. */
  readonly count?: number;
  /** From 0 (the default) to 1; each dataset says what it moves. The playground's slider goes to 0.5. */
  readonly noise?: number;
  /** Seed of the draw; defaults to 1. */
  readonly seed?: number;
}

/** The most points one call makes, so a mistyped count is an error instead of an exhausted heap. */
export const MAX_POINTS = 1_000_000;

/** The options checked and read; `where` starts messages (`datasets.circle`). */
export function readPointOptions(options: PointOptions | undefined, where: string) {
  checkOptionNames(options, ['count', 'noise', 'seed'], where);
  const { count = 500, noise = 0, seed = 1 } = options ?? {};
  if (!Number.isSafeInteger(count) || count < 1 || count > MAX_POINTS) {
    throw new UsageError(
      `${where}: count must be a whole number from 1 to ${MAX_POINTS.toLocaleString('en')}, got ${describe(count)}.`,
    );
  }
  if (typeof noise !== 'number' || !(noise >= 0 && noise <= 1)) {
    throw new UsageError(`${where}: noise must be a number from 0 to 1, got ${describe(noise)}.`);
  }
  if (!Number.isSafeInteger(seed)) throw new UsageError(`${where}: seed must be an integer, got ${describe(seed)}.`);
  return { count, noise, random: createRandom(seed) };
}

/** A draw from the standard normal distribution (Box–Muller; `1 - u` keeps log away from 0). */
export function gaussian(random: Random): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}
