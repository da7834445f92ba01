/**
 * Numbers as people read them
 * ===========================
 *
 * The one way every output of neurograph writes a number: traces, truth tables, the
 * CLI, the SVG drawing and the HTML player. Ordinary values stay compact (`1`, `0.5`,
 * `-2`, `0.731`); a value too small for the decimals shown is written in exponent form
 * (`7e-7`, `-1.2e-5`) so it is never mistaken for zero, and a very large one too
 * (`1.23e9`). Every result reads back with `Number()`; no `-0`.
 *
 * Plain ECMAScript with no imports: the browser player bundles this same file.
 */

/** Decimals shown when none are asked for. */
export const DEFAULT_DIGITS = 3;

/** From this size on, values are written as `1.23e6`, not as seven or more digits. */
const LARGE = 1e6;

/**
 * `value` with up to `digits` decimals (trailing zeros dropped): 1, 0.5, -2, 0.731.
 * Non-zero values below 10^-digits show two significant digits in exponent form
 * (7e-7, 7.3e-7); values of a million or more show three (1.23e6).
 * NaN and ±Infinity are written as JavaScript writes them.
 */
export function formatNumber(value: number, digits: number = DEFAULT_DIGITS): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  // toFixed accepts 0 to 100 decimals; nobody reads more than 20.
  digits = Number.isInteger(digits) ? Math.min(20, Math.max(0, digits)) : DEFAULT_DIGITS;
  const size = Math.abs(value);
  if (size < 10 ** -digits) {
    const small = exponent(value, 1);
    // 0.00099996 rounds up to 1e-3, which the decimals can show after all.
    if (Math.abs(Number(small)) < 10 ** -digits) return small;
  }
  if (size >= LARGE) return exponent(value, 2);
  const fixed = trimZeros(value.toFixed(digits));
  return fixed === '-0' ? '0' : fixed;
}

/** The same with a typographic minus sign (U+2212), for drawings. */
export function formatNumberForDrawing(value: number, digits: number = DEFAULT_DIGITS): string {
  return formatNumber(value, digits).replace(/-/g, '\u2212');
}

/** `7.0e-7` → `7e-7`, `1.23e+6` → `1.23e6`. */
function exponent(value: number, fractionDigits: number): string {
  const [mantissa = '', power = ''] = value.toExponential(fractionDigits).split('e');
  return `${trimZeros(mantissa)}e${power.replace('+', '')}`;
}

function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}
