/**
 * Reading a run's inputs
 * ======================
 *
 * `run` takes a record keyed by input id, or an array / typed array in input
 * insertion order. Either way every input must be a finite number; anything else
 * is one InputError that names every offending input.
 */
import { InputError, type InputProblem } from './errors.js';

export type Inputs = Readonly<Record<string, number>> | ArrayLike<number>;

/**
 * Writes the inputs into `values` at `positions` (both in input order).
 * `where` starts error messages, e.g. `Network.run`.
 */
export function readInputs(
  inputs: unknown,
  inputIds: readonly string[],
  positions: Int32Array,
  values: Float64Array,
  where: string,
): void {
  if (Array.isArray(inputs) || (ArrayBuffer.isView(inputs) && !(inputs instanceof DataView))) {
    readArray(inputs as ArrayLike<unknown>, inputIds, positions, values, where);
  } else if (typeof inputs === 'object' && inputs !== null) {
    readRecord(inputs as Record<string, unknown>, inputIds, positions, values, where);
  } else {
    throw new InputError(
      `${where}: inputs must be a record keyed by input id or an array in input order (${inputIds.join(', ')}), got ${String(inputs)}.`,
    );
  }
}

function readArray(inputs: ArrayLike<unknown>, inputIds: readonly string[], positions: Int32Array, values: Float64Array, where: string) {
  if (inputs.length !== inputIds.length) {
    throw new InputError(
      `${where}: got ${inputs.length} input values for ${inputIds.length} inputs (${inputIds.join(', ')}); give one value per input, in that order.`,
    );
  }
  let problems: InputProblem[] | undefined;
  for (let i = 0; i < inputIds.length; i++) {
    const value = inputs[i];
    if (typeof value === 'number' && Number.isFinite(value)) values[positions[i]!] = value;
    else (problems ??= []).push({ input: inputIds[i]!, problem: 'not a finite number' });
  }
  if (problems) throw inputError(where, problems, inputIds);
}

function readRecord(inputs: Record<string, unknown>, inputIds: readonly string[], positions: Int32Array, values: Float64Array, where: string) {
  let problems: InputProblem[] | undefined;
  let present = 0;
  for (let i = 0; i < inputIds.length; i++) {
    const id = inputIds[i]!;
    const value = Object.hasOwn(inputs, id) ? inputs[id] : undefined;
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
  for (const key in inputs) if (Object.hasOwn(inputs, key)) keys++;
  if (keys !== present) {
    const known = new Set(inputIds);
    for (const key of Object.keys(inputs)) {
      if (!known.has(key)) (problems ??= []).push({ input: key, problem: 'unknown' });
    }
  }
  if (problems) throw inputError(where, problems, inputIds);
}

function inputError(where: string, problems: InputProblem[], inputIds: readonly string[]): InputError {
  const described = problems.map(({ input, problem }) =>
    problem === 'missing' ? `missing input "${input}"` : problem === 'unknown' ? `unknown input "${input}"` : `input "${input}" is not a finite number`,
  );
  return new InputError(`${where}: ${described.join('; ')}. Give each input a finite number: ${inputIds.join(', ')}.`, problems);
}
