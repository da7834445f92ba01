// The classification scenarios learn what they claim: iris in full, the digits on a small seeded subset.
import { describe, expect, it, vi } from 'vitest';
import * as digits from '../scenarios/digits.js';
import * as iris from '../scenarios/iris.js';

describe('classification scenarios', () => {
  it('iris: at least 90% of the held-out flowers right, the traced flower ending in probabilities that sum to 1', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      expect(await iris.main()).toBe(true);
      const printed = log.mock.calls.map((call) => String(call[0])).join('\n');
      const accuracy = Number(/accuracy ([\d.]+)%/.exec(printed)?.[1]);
      expect(accuracy).toBeGreaterThanOrEqual(90);
      const outputs = /outputs y0=(\S+) y1=(\S+) y2=(\S+)/.exec(printed)!.slice(1).map(Number);
      expect(Math.abs(outputs.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-3);
    } finally {
      log.mockRestore();
    }
  });

  it('iris: inputs are standardized with the training flowers’ statistics only', () => {
    const { train, test } = iris.data(3);
    for (const key of ['x0', 'x1', 'x2', 'x3']) {
      const values = train.map((sample) => sample.input[key]!);
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      expect(Math.abs(mean)).toBeLessThan(1e-12);
      expect(Math.abs(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length - 1)).toBeLessThan(1e-12);
      // The test flowers are scaled with the same numbers, so their mean is not exactly 0.
      expect(Math.abs(test.reduce((a, s) => a + s.input[key]!, 0) / test.length)).toBeGreaterThan(1e-6);
    }
  });

  it('digits: 1,500 training digits read 300 others at least 85% right', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      expect(await digits.main({ train: 1500, test: 300 }, 1, 0.85)).toBe(true);
    } finally {
      log.mockRestore();
    }
  }, 60_000);
});
