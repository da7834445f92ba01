/**
 * Training samples
 * ================
 *
 * A sample is `{ input, output }`, each a record keyed by neuron id or an array in
 * input / output insertion order, like `run`'s inputs. Samples are checked and
 * copied into two flat Float64Arrays once, before training starts, so a bad sample
 * is an InputError before any weight moves and the training loop reads typed
 * arrays only.
 */
import { InputError } from '../errors.js';
import { describe } from '../format/describe.js';
import { readNeuronValues, type Inputs } from '../graph/read-values.js';
import type { Plan } from '../plan/plan.js';

/** What the output neurons should give: a record keyed by output id, or an array in output order. */
export type Targets = Readonly<Record<string, number>> | ArrayLike<number>;

export interface Sample {
  readonly input: Inputs;
  readonly output: Targets;
}

/** Samples as rows of two flat arrays: sample k's inputs are `inputs[k * inputWidth …]`. */
export interface SampleBlock {
  readonly count: number;
  readonly inputWidth: number;
  readonly outputWidth: number;
  /** Input values in input order, one row per sample. */
  readonly inputs: Float64Array;
  /** Target values in output order, one row per sample. */
  readonly targets: Float64Array;
}

/** Checks every sample against the plan's inputs and outputs and copies them. `where` starts error messages. */
export function readSamples(samples: unknown, plan: Plan, where: string): SampleBlock {
  if (!Array.isArray(samples) || samples.length === 0) {
    throw new InputError(
      `${where}: samples must be a non-empty array of { input, output }, got ` +
        `${Array.isArray(samples) ? 'an empty array' : describe(samples)}.`,
    );
  }
  const count = samples.length;
  const inputWidth = plan.inputIds.length;
  const outputWidth = plan.outputIds.length;
  const inputs = new Float64Array(count * inputWidth);
  const targets = new Float64Array(count * outputWidth);
  const rowPositions = Int32Array.from({ length: Math.max(inputWidth, outputWidth) }, (_, i) => i);
  for (let k = 0; k < count; k++) {
    const sample: unknown = samples[k];
    if (typeof sample !== 'object' || sample === null || !('input' in sample) || !('output' in sample)) {
      throw new InputError(`${where}: samples[${k}] must be { input, output }, got ${describeSample(sample)}.`);
    }
    const row = inputs.subarray(k * inputWidth, (k + 1) * inputWidth);
    readNeuronValues(sample.input, plan.inputIds, rowPositions, row, `${where}: samples[${k}].input`);
    const targetRow = targets.subarray(k * outputWidth, (k + 1) * outputWidth);
    readNeuronValues(
      sample.output,
      plan.outputIds,
      rowPositions,
      targetRow,
      `${where}: samples[${k}].output`,
      'target',
    );
  }
  return { count, inputWidth, outputWidth, inputs, targets };
}

function describeSample(value: unknown): string {
  if (value === null || typeof value !== 'object') return describe(value);
  const keys = Object.keys(value);
  if (keys.length === 0) return 'an object without keys';
  return `an object with keys ${keys
    .slice(0, 5)
    .map((key) => describe(key))
    .join(', ')}${keys.length > 5 ? ', …' : ''}`;
}
