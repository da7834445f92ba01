/**
 * Revoked proxies
 * ===============
 *
 * A revoked Proxy throws a TypeError at any look: `Array.isArray`, `typeof x[k]`,
 * `instanceof`, `Object.keys`. A public call that is given one, at the top or inside an
 * argument, must still answer with a named error; the readers of hostile arguments ask here
 * first, where they meet an object.
 */

/** Whether `value` is a revoked Proxy (`Array.isArray` throws only for one). */
export function isRevokedProxy(value: unknown): boolean {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return false;
  try {
    Array.isArray(value);
    return false;
  } catch {
    return true;
  }
}
