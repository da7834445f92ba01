/**
 * Checking what the picture functions are given
 * =============================================
 *
 * `toSvg(net, null)` or `toHtml(net, events, { title: 5 })` is a caller's mistake:
 * it is refused with a UsageError that names the method and shows the value (through
 * `describe`, which never throws), before any drawing starts, instead of surfacing as
 * a TypeError from deep inside.
 */
import { UsageError } from '../errors.js';
import { describe, quoteId } from '../format/describe.js';
import { checkOptionNames } from '../format/options.js';
import { Network } from '../graph/network.js';

/** `net` must be a Network. */
export function checkNetwork(method: string, net: unknown): asserts net is Network {
  if (!isNetwork(net)) {
    throw new UsageError(`${method}: the first argument must be a Network, got ${describe(net)}.`);
  }
}

/**
 * A Network, or one made by another copy of neurograph in the same process (the
 * sources and dist/, say), whose class is not this one but whose graph is the same.
 */
export function isNetwork(value: unknown): value is Network {
  if (value instanceof Network) return true;
  if (value === null || typeof value !== 'object') return false;
  const { graph, inputs, outputs } = value as Partial<Network>;
  return typeof graph?.hasNode === 'function' && Array.isArray(inputs) && Array.isArray(outputs);
}

/**
 * `options` must be an object (or left out) naming only `known` options, so a misspelled
 * option is an error rather than a silent default; returns it, `{}` when left out.
 */
export function checkOptions<T extends object>(
  method: string,
  options: T | undefined,
  known: readonly (keyof T & string)[],
): T | Record<string, never> {
  checkOptionNames(options, known, method);
  return options ?? {};
}

/** An optional `true`/`false` option. */
export function checkBoolean(method: string, name: string, value: unknown): asserts value is boolean | undefined {
  if (value !== undefined && typeof value !== 'boolean') {
    throw new UsageError(`${method}: options.${name} must be true or false, got ${describe(value)}.`);
  }
}

/** The `values` option: a record of finite numbers keyed by neuron id, e.g. from `net.value(id)`. */
export function checkValues(
  method: string,
  values: unknown,
): asserts values is Readonly<Record<string, number>> | undefined {
  if (values === undefined) return;
  if (values === null || typeof values !== 'object' || Array.isArray(values)) {
    throw new UsageError(
      `${method}: options.values must be a record of finite numbers keyed by neuron id, got ${describe(values)}.`,
    );
  }
  for (const [id, value] of Object.entries(values)) {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new UsageError(
        `${method}: options.values[${quoteId(id)}] (neuron ${quoteId(id)}) must be a finite number, ` +
          `got ${describe(value)}; leave the neuron out to draw it without a value.`,
      );
    }
  }
}
