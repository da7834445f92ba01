/**
 * Input rows
 * ==========
 *
 * What the compiled network accepts as input: any array-like of finite numbers (an
 * array, a typed array holding numbers, an object with a length), one row or `count`
 * rows after each other (a batch's samples, or a sequence's time steps). Everything
 * else is one InputError that names the first bad value, never a TypeError or a
 * RangeError from reading it.
 */
import { InputError } from '../errors.js';
import { describe, quoteId } from '../format/describe.js';
import { isRevokedProxy } from '../format/revoked-proxy.js';

/** What a row is called in messages: a batch's sample or a sequence's time step. */
export type RowUnit = 'row' | 'step';

/**
 * Reads `count` rows of `ids.length` values from `given`. Returns `given` itself when it
 * is a Float64Array (checked, not copied), else a copy in `buffer` (at least `count × ids.length`
 * long; a function is asked for it only once the length is known to be right).
 */
export function readRows(
  given: unknown,
  count: number,
  ids: readonly string[],
  where: string,
  buffer: Float64Array | ((length: number) => Float64Array),
  unit: RowUnit = 'row',
): Float64Array {
  const width = ids.length;
  const rows = arrayLike(given, ids, where);
  const length = count * width;
  if (rows.length !== length) {
    const wanted = count === 1 && where.endsWith('.run') ? `${width} inputs` : `${count} ${unit}s of ${width} inputs`;
    throw new InputError(
      `${where}: got ${describe(rows.length)} values for ${wanted} (${ids.join(', ')}); ` +
        `give one number per input, in that order, ${unit} after ${unit}.`,
    );
  }
  // NOTE: a typed array holds numbers only, so its finiteness is checked while copying
  // (propagation.ts's `x * 0` check); anything else is read once, value by value.
  if (!ArrayBuffer.isView(rows)) {
    const into = typeof buffer === 'function' ? buffer(length) : buffer;
    for (let i = 0; i < length; i++) {
      const value = rows[i];
      if (typeof value !== 'number' || !Number.isFinite(value)) throw notFinite(value, i, ids, count, where, unit);
      into[i] = value;
    }
    return into;
  }
  const numbers = rows as unknown as Float64Array;
  const into = numbers instanceof Float64Array ? numbers : typeof buffer === 'function' ? buffer(length) : buffer;
  let check = 0;
  if (into === numbers) check = sumTimesZero(into, length);
  else for (let i = 0; i < length; i++) check += (into[i] = numbers[i]!) * 0;
  if (check !== 0) {
    for (let i = 0; i < length; i++) {
      if (!Number.isFinite(into[i]!)) throw notFinite(into[i], i, ids, count, where, unit);
    }
  }
  return into;
}

/**
 * A new result buffer of `length` values, or an InputError when that many cannot be held (a
 * network without inputs reads no values, so only its result's size bounds `count`).
 */
export function resultOf(length: number, where: string, unit: RowUnit): Float64Array {
  // NOTE: typed arrays stop well below 2^32 elements; past that, the constructor's RangeError is the only sign.
  if (length > 2 ** 31) {
    throw new InputError(`${where}: ${describe(length)} result values are too many to hold; run fewer ${unit}s.`);
  }
  return new Float64Array(length);
}

/** Refuses a result buffer that is not a Float64Array of `length` values. */
export function checkOut(out: unknown, length: number, where: string): asserts out is Float64Array {
  // A Proxy of a Float64Array passes instanceof; its traps would run while results are written.
  if (!(out instanceof Float64Array) || !ArrayBuffer.isView(out) || out.length !== length) {
    throw new InputError(`${where}: \`out\` must be a Float64Array of ${length} values, got ${describe(out)}.`);
  }
}

/** `given` as an array-like that can hold numbers (no BigInt arrays, no DataView), or an InputError. */
function arrayLike(given: unknown, ids: readonly string[], where: string): ArrayLike<unknown> {
  // NOTE: the common case first: a Float64Array needs none of the other checks (isView first: a revoked Proxy
  // throws at instanceof).
  if (ArrayBuffer.isView(given) && given instanceof Float64Array) return given;
  if (isRevokedProxy(given)) {
    throw new InputError(`${where}: inputs must be an array or typed array of numbers, got a revoked Proxy.`);
  }
  if (given instanceof TypedArray && !ArrayBuffer.isView(given)) {
    // A Proxy of a typed array, or an object given a typed array's prototype: its `length` getter would throw.
    throw new InputError(
      `${where}: inputs must be an array or typed array of numbers, got ${describe(given)}, which only looks like ` +
        'a typed array (a Proxy?); give the typed array itself.',
    );
  }
  const holdsNumbers =
    typeof given === 'object' &&
    given !== null &&
    typeof (given as { length?: unknown }).length === 'number' &&
    !(given instanceof DataView || given instanceof BigInt64Array || given instanceof BigUint64Array);
  if (!holdsNumbers) {
    throw new InputError(
      `${where}: inputs must be an array or typed array of numbers in input order (${ids.join(', ')}), got ` +
        `${describe(given)}.`,
    );
  }
  return given as ArrayLike<unknown>;
}

/** %TypedArray%, the constructor every typed array kind extends. */
const TypedArray = Object.getPrototypeOf(Int8Array) as abstract new () => ArrayBufferView;

function notFinite(
  value: unknown,
  i: number,
  ids: readonly string[],
  count: number,
  where: string,
  unit: RowUnit,
): InputError {
  const id = ids[i % ids.length]!;
  const row = count > 1 || !where.endsWith('.run') ? ` in ${unit} ${Math.floor(i / ids.length)}` : '';
  return new InputError(`${where}: input ${quoteId(id)}${row} is not a finite number (${describe(value)}).`, [
    { input: id, problem: 'not a finite number' },
  ]);
}

/**
 * Σ values[i] · 0 over the first `length` values: 0 when all are finite, NaN otherwise.
 * NOTE: four independent sums, so the adds do not wait on each other (about 2× faster on 65k values).
 */
export function sumTimesZero(values: Float64Array, length: number): number {
  let a = 0;
  let b = 0;
  let c = 0;
  let d = 0;
  let i = 0;
  for (; i + 3 < length; i += 4) {
    a += values[i]! * 0;
    b += values[i + 1]! * 0;
    c += values[i + 2]! * 0;
    d += values[i + 3]! * 0;
  }
  for (; i < length; i++) a += values[i]! * 0;
  return a + b + c + d;
}
