/**
 * Train / test split
 * ==================
 *
 * A seeded shuffle, then a cut: the same items and seed always give the same two parts,
 * which together hold every item once.
 */
import { UsageError } from '../errors.js';
import { describe } from '../format/describe.js';
import { isRevokedProxy } from '../format/revoked-proxy.js';
import { checkOptionNames } from '../format/options.js';
import { createRandom, shuffleInPlace } from '../random.js';

export interface SplitOptions {
  /** The share of items that go to the test part, above 0 and below 1; defaults to 0.2. */
  readonly test?: number;
  /** Seed of the shuffle; defaults to 1. */
  readonly seed?: number;
}

export interface Split<T> {
  readonly train: T[];
  readonly test: T[];
}

/** Round(test × length) items, at least one, go to `test`, the rest (at least one) to `train`; both shuffled. */
export function split<T>(items: readonly T[], options?: SplitOptions): Split<T> {
  const where = 'datasets.split';
  checkOptionNames(options, ['test', 'seed'], where);
  const { test = 0.2, seed = 1 } = options ?? {};
  if (isRevokedProxy(items) || !Array.isArray(items) || items.length < 2) {
    throw new UsageError(`${where}: items must be an array of at least 2, got ${describe(items)}.`);
  }
  if (typeof test !== 'number' || !(test > 0 && test < 1)) {
    throw new UsageError(`${where}: test must be a share above 0 and below 1, such as 0.2; got ${describe(test)}.`);
  }
  if (!Number.isSafeInteger(seed)) throw new UsageError(`${where}: seed must be an integer, got ${describe(seed)}.`);
  const shuffled = shuffleInPlace([...items], createRandom(seed));
  const testCount = Math.min(items.length - 1, Math.max(1, Math.round(test * items.length)));
  return { train: shuffled.slice(testCount), test: shuffled.slice(0, testCount) };
}
