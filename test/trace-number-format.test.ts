import { describe, expect, it } from 'vitest';
import { formatNumber, formatNumberForDrawing } from '../src/format/number.js';

describe('formatNumber', () => {
  it('keeps ordinary values compact, without trailing zeros or -0', () => {
    expect([1, 0.5, -2, 0.7310585, 12.5, -0, 0].map((v) => formatNumber(v))).toStrictEqual([
      '1',
      '0.5',
      '-2',
      '0.731',
      '12.5',
      '0',
      '0',
    ]);
  });

  it('never writes a small non-zero value as 0', () => {
    expect([7e-7, -1.234e-5, 0.0004].map((v) => formatNumber(v))).toStrictEqual(['7e-7', '-1.2e-5', '4e-4']);
    expect(formatNumber(0.0004, 4)).toBe('0.0004');
    expect(formatNumber(0.00099996)).toBe('0.001');
  });

  it('writes huge values and non-finite ones readably, and everything reads back with Number()', () => {
    expect([1234567, 1e308, -Infinity, Number.NaN].map((v) => formatNumber(v))).toStrictEqual([
      '1.23e6',
      '1e308',
      '-Infinity',
      'NaN',
    ]);
    for (const value of [7e-7, -1.234e-5, 0.731, 1234567, 1e308]) {
      expect(Math.abs(Number(formatNumber(value)) / value - 1)).toBeLessThan(0.05);
    }
  });

  it('uses the typographic minus sign for drawings', () => {
    expect(formatNumberForDrawing(-2.5)).toBe('\u22122.5');
    expect(formatNumberForDrawing(-7e-7)).toBe('\u22127e\u22127');
  });
});
