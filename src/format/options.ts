/**
 * Option objects
 * ==============
 *
 * Every public call that takes an options object refuses names it does not know, so a
 * misspelled option (`{ activaton: 'relu' }`) is an error instead of a silent default.
 */
import { UsageError } from '../errors.js';
import { describe } from './describe.js';
import { isRevokedProxy } from './revoked-proxy.js';

/**
 * Throws a UsageError if `options` is given but is not an object, or names an option
 * outside `known`. `undefined` (no options) passes; `where` starts the message.
 */
export function checkOptionNames(options: unknown, known: readonly string[], where: string): void {
  if (options === undefined) return;
  if (typeof options !== 'object' || options === null || isRevokedProxy(options) || Array.isArray(options)) {
    throw new UsageError(`${where}: options must be an object such as { ${known[0]}: … }, got ${describe(options)}.`);
  }
  for (const key of Object.keys(options)) {
    if (known.includes(key)) continue;
    const accepted = known.length === 0 ? 'it takes no options' : `the options are ${known.join(', ')}`;
    throw new UsageError(`${where}: unknown option ${describe(key)}; ${accepted}.`);
  }
}
