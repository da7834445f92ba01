/**
 * Seeded random numbers
 * =====================
 *
 * Everything random in neurograph takes a seed, so the same seed gives the same
 * network, the same shuffles and the same trace, bit for bit, in any process.
 *
 * [Reference]: mulberry32, Tommy Ettinger — https://gist.github.com/tommyettinger/46a874533244883189143505d203312c
 */

import { UsageError } from './errors.js';
import { describe } from './format/describe.js';

/** A generator of floats in [0, 1), fully determined by its 32-bit seed. */
export type Random = () => number;

/** A seeded generator; the seed is any safe integer (its low 32 bits are used). */
export function createRandom(seed: number): Random {
  if (!Number.isSafeInteger(seed)) {
    throw new UsageError(`createRandom: the seed must be an integer, got ${describe(seed)}.`);
  }
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A float in [low, high). */
export function uniform(random: Random, low: number, high: number): number {
  return low + (high - low) * random();
}

/** Shuffles `items` in place (Fisher–Yates) and returns it. */
export function shuffleInPlace<T>(items: T[], random: Random): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const swap = items[i] as T;
    items[i] = items[j] as T;
    items[j] = swap;
  }
  return items;
}
