/** Comparing results computed two ways: equal within 1e-12, relative (absolute near zero). */
import { expect } from 'vitest';

/** Every expected value, by id, within `tolerance` × max(1, |expected|) of the actual one. */
export function expectClose(
  actual: Readonly<Record<string, number>>,
  expected: Readonly<Record<string, number>>,
  tolerance = 1e-12,
): void {
  expect(Object.keys(actual)).toEqual(Object.keys(expected));
  for (const [id, value] of Object.entries(expected)) {
    const error = Math.abs(actual[id]! - value);
    expect(error, `${id}: ${actual[id]} vs ${value}`).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(value)));
  }
}

/** Values in `ids` order (a compiled run's result) as a record keyed by id. */
export function byId(values: ArrayLike<number>, ids: readonly string[]): Record<string, number> {
  return Object.fromEntries(ids.map((id, k) => [id, values[k]!]));
}
