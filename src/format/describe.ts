/**
 * Describing values in messages
 * =============================
 *
 * Error messages quote what the caller gave. `JSON.stringify` and `String()` throw on
 * BigInts, circular objects, symbols and `Object.create(null)`, so a message built with
 * them can turn a clear error into a TypeError. Everything that shows a caller's value
 * in a message goes through `describe`, which never throws and stays short.
 */

import { isRevokedProxy } from './revoked-proxy.js';

const MAX_LENGTH = 80;

/** A short, readable, never-throwing rendering of any value: `"a"`, `1n`, `[object]`, `Symbol(x)`. */
export function describe(value: unknown): string {
  try {
    return shorten(render(value));
  } catch {
    // A proxy or a getter can throw even while being looked at.
    return 'an unreadable value';
  }
}

/** A neuron id as messages show it: JSON-quoted, so control characters and lone surrogates are visible. */
export function quoteId(id: string): string {
  return JSON.stringify(id);
}

function render(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'bigint':
      return `${value}n (a BigInt)`;
    case 'symbol':
      return value.description === undefined ? 'a Symbol' : `Symbol(${value.description})`;
    case 'function':
      return 'a function';
    case 'undefined':
      return 'undefined';
    case 'number':
    case 'boolean':
      return String(value);
    default:
      break;
  }
  if (value === null) return 'null';
  if (isRevokedProxy(value)) return 'a revoked Proxy';
  if (ArrayBuffer.isView(value)) return `a ${Object.prototype.toString.call(value).slice(8, -1)}`;
  return JSON.stringify(value, jsonSafe()) ?? 'an object';
}

/** A JSON.stringify replacer that shows BigInts and symbols and cuts cycles instead of throwing. */
function jsonSafe(): (key: string, value: unknown) => unknown {
  const seen = new WeakSet<object>();
  return (_key, value) => {
    if (typeof value === 'bigint') return `${value}n`;
    if (typeof value === 'symbol') return value.toString();
    if (typeof value === 'object' && value !== null) {
      if (seen.has(value)) return '[circular]';
      seen.add(value);
    }
    return value;
  };
}

function shorten(text: string): string {
  return text.length > MAX_LENGTH ? `${text.slice(0, MAX_LENGTH - 1)}…` : text;
}

/** `word` after "a" or "an": "an input", "a hidden". */
export function withArticle(word: string): string {
  return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}
