/**
 * Reading values given per neuron
 * ===============================
 *
 * A run's inputs and a sample's targets come the same way: a record keyed by neuron
 * id, or an array / typed array in the neurons' insertion order. Either way every
 * value must be a finite number; anything else is one InputError that names every
 * offending neuron.
 */
import { InputError, type InputProblem } from '../errors.js';
import { describe } from '../format/describe.js';
import { isRevokedProxy } from '../format/revoked-proxy.js';
import { count } from '../format/plural.js';

export type Inputs = Readonly<Record<string, number>> | ArrayLike<number>;

/** What the values are called in messages: a run's inputs, or a sample's targets. */
export type ValueKind = 'input' | 'target';

const words = {
  input: { values: 'inputs', neuron: 'input', finite: 'a finite number' },
  target: { values: 'targets', neuron: 'output', finite: 'a finite target' },
} as const;

/**
 * Reads one value per neuron of `ids` (inputs, or outputs for targets) and writes it into
 * `values` at the matching `positions`. `where` starts error messages, e.g. `Network.run`.
 */
export function readNeuronValues(
  given: unknown,
  ids: readonly string[],
  positions: Int32Array,
  values: Float64Array,
  where: string,
  kind: ValueKind = 'input',
): void {
  if (isRevokedProxy(given)) {
    const { values: plural } = words[kind];
    throw new InputError(`${where}: ${plural} must be a record or an array, got a revoked Proxy.`);
  }
  if (Array.isArray(given) || (ArrayBuffer.isView(given) && !(given instanceof DataView))) {
    readArray(given as ArrayLike<unknown>, ids, positions, values, where, kind);
  } else if (typeof given === 'object' && given !== null) {
    readRecord(given as Record<string, unknown>, ids, positions, values, where, kind);
  } else {
    const { values: plural, neuron } = words[kind];
    throw new InputError(
      `${where}: ${plural} must be a record keyed by ${neuron} id or an array in ${neuron} order ` +
        `(${ids.join(', ')}), got ${describe(given)}.`,
    );
  }
}

function readArray(
  given: ArrayLike<unknown>,
  ids: readonly string[],
  positions: Int32Array,
  values: Float64Array,
  where: string,
  kind: ValueKind,
) {
  if (given.length !== ids.length) {
    const { neuron } = words[kind];
    throw new InputError(
      `${where}: got ${count(given.length, `${kind} value`)} for ${count(ids.length, neuron)} (${ids.join(', ')}); ` +
        `give one value per ${neuron}, in that order.`,
    );
  }
  let problems: InputProblem[] | undefined;
  for (let i = 0; i < ids.length; i++) {
    const value = given[i];
    if (typeof value === 'number' && Number.isFinite(value)) values[positions[i]!] = value;
    else (problems ??= []).push({ input: ids[i]!, problem: 'not a finite number' });
  }
  if (problems) throw problemsError(where, problems, ids, kind);
}

function readRecord(
  given: Record<string, unknown>,
  ids: readonly string[],
  positions: Int32Array,
  values: Float64Array,
  where: string,
  kind: ValueKind,
) {
  let problems: InputProblem[] | undefined;
  let present = 0;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    const value = Object.hasOwn(given, id) ? given[id] : undefined;
    if (value === undefined) {
      (problems ??= []).push({ input: id, problem: 'missing' });
      continue;
    }
    present++;
    if (typeof value === 'number' && Number.isFinite(value)) values[positions[i]!] = value;
    else (problems ??= []).push({ input: id, problem: 'not a finite number' });
  }
  // NOTE: counting keys finds unknown ones without allocating; they are named only on the error path.
  let keys = 0;
  for (const key in given) if (Object.hasOwn(given, key)) keys++;
  if (keys !== present) {
    const known = new Set(ids);
    for (const key of Object.keys(given)) {
      if (!known.has(key)) (problems ??= []).push({ input: key, problem: 'unknown' });
    }
  }
  if (problems) throw problemsError(where, problems, ids, kind);
}

function problemsError(where: string, problems: InputProblem[], ids: readonly string[], kind: ValueKind): InputError {
  const { neuron, finite } = words[kind];
  const described = problems.map(({ input, problem }) =>
    problem === 'missing'
      ? `missing ${neuron} "${input}"`
      : problem === 'unknown'
        ? `unknown ${neuron} "${input}"`
        : `${neuron} "${input}" is not a finite number`,
  );
  return new InputError(
    `${where}: ${described.join('; ')}. Give each ${neuron} ${finite}: ${ids.join(', ')}.`,
    problems,
  );
}
