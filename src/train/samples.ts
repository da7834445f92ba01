/**
 * Training samples
 * ================
 *
 * A sample is one step, `{ input, output }`, or a sequence of steps,
 * `{ steps: [{ input, output? }, …] }`, run from a reset memory; only the steps that
 * have an `output` count in the loss. Inputs and targets are records keyed by neuron
 * id or arrays in input / output insertion order, like `run`'s inputs.
 *
 * Samples are checked and copied into flat Float64Arrays once, before training
 * starts, so a bad sample is an InputError before any weight moves and the training
 * loop reads typed arrays only. Every step is one row; a one-step sample is a
 * sequence of one counted row, so when no sample is a sequence, row k is sample k.
 */
import { InputError } from '../errors.js';
import { describe } from '../format/describe.js';
import { isRevokedProxy } from '../format/revoked-proxy.js';
import { readNeuronValues, type Inputs } from '../graph/read-values.js';
import type { Plan } from '../plan/plan.js';

/** What the output neurons should give: a record keyed by output id, or an array in output order. */
export type Targets = Readonly<Record<string, number>> | ArrayLike<number>;

/** One time step of a sequence; without `output`, the step runs but does not count in the loss. */
export interface SequenceStep {
  readonly input: Inputs;
  readonly output?: Targets;
}

/** A sequence: the network's memory is reset, then the steps run in order. */
export interface SequenceSample {
  readonly steps: readonly SequenceStep[];
}

/** One step: the input, and what the outputs should give. */
export interface Sample {
  readonly input: Inputs;
  readonly output: Targets;
}

/** What `Trainer` learns from: one step, `{ input, output }`, or a sequence, `{ steps }`. */
export type TrainingSample = Sample | SequenceSample;

/** Samples as rows of flat arrays: row r's inputs are `inputs[r * inputWidth …]`. */
export interface SampleBlock {
  /** Samples (one-step samples and sequences alike). */
  readonly count: number;
  readonly inputWidth: number;
  readonly outputWidth: number;
  /** Input values in input order, one row per step. */
  readonly inputs: Float64Array;
  /** Target values in output order, one row per step (zeros where the step has no output). */
  readonly targets: Float64Array;
  /** Sample k's steps are rows `stepStarts[k] … stepStarts[k + 1] - 1`. */
  readonly stepStarts: Int32Array;
  /** 1 where a row has a target (the step counts in the loss), by row. */
  readonly counted: Uint8Array;
  /** How many rows count, over all samples: the loss is a mean over them (and the outputs). */
  readonly countedSteps: number;
  /** Whether some sample is a sequence (`{ steps }`); when not, row k is sample k. */
  readonly sequences: boolean;
  /** The most steps of one sample. */
  readonly longest: number;
}

/** Checks every sample against the plan's inputs and outputs and copies them. `where` starts error messages. */
export function readSamples(samples: unknown, plan: Plan, where: string): SampleBlock {
  if (isRevokedProxy(samples) || !Array.isArray(samples) || samples.length === 0) {
    throw new InputError(
      `${where}: samples must be a non-empty array of { input, output } or { steps }, got ` +
        `${!isRevokedProxy(samples) && Array.isArray(samples) ? 'an empty array' : describe(samples)}.`,
    );
  }
  const count = samples.length;
  const inputWidth = plan.inputIds.length;
  const outputWidth = plan.outputIds.length;

  // First the shape: which samples are sequences, and how many rows there are. Each sample's
  // properties are read once (a getter could answer differently the second time).
  const stepStarts = new Int32Array(count + 1);
  const shapes: (Step | readonly Step[])[] = new Array(count);
  let sequences = false;
  let longest = 1;
  for (let k = 0; k < count; k++) {
    const sample: unknown = samples[k];
    let length = 1;
    if (isRevokedProxy(sample)) {
      throw new InputError(`${where}: samples[${k}] must be { input, output } or { steps }, got a revoked Proxy.`);
    }
    if (typeof sample === 'object' && sample !== null && 'steps' in sample) {
      const steps = readSteps(sample, `${where}: samples[${k}]`);
      shapes[k] = steps;
      length = steps.length;
      sequences = true;
    } else if (typeof sample !== 'object' || sample === null || !('input' in sample) || !('output' in sample)) {
      throw new InputError(
        `${where}: samples[${k}] must be { input, output } or { steps: [{ input, output? }, …] }, got ` +
          `${describeSample(sample)}.`,
      );
    } else {
      shapes[k] = { input: sample.input, output: sample.output };
    }
    if (length > longest) longest = length;
    stepStarts[k + 1] = stepStarts[k]! + length;
  }

  const rows = stepStarts[count]!;
  const inputs = new Float64Array(rows * inputWidth);
  const targets = new Float64Array(rows * outputWidth);
  const counted = new Uint8Array(rows);
  const rowPositions = Int32Array.from({ length: Math.max(inputWidth, outputWidth) }, (_, i) => i);
  const readRow = (step: Step, row: number, at: string, required: boolean) => {
    const inputRow = inputs.subarray(row * inputWidth, (row + 1) * inputWidth);
    readNeuronValues(step.input, plan.inputIds, rowPositions, inputRow, `${at}.input`);
    if (step.output === undefined && !required) return;
    const targetRow = targets.subarray(row * outputWidth, (row + 1) * outputWidth);
    readNeuronValues(step.output, plan.outputIds, rowPositions, targetRow, `${at}.output`, 'target');
    counted[row] = 1;
  };
  let countedSteps = 0;
  for (let k = 0; k < count; k++) {
    const shape = shapes[k]!;
    const first = stepStarts[k]!;
    if (Array.isArray(shape)) {
      shape.forEach((step, t) => readRow(step, first + t, `${where}: samples[${k}].steps[${t}]`, false));
      let any = 0;
      for (let row = first; row < stepStarts[k + 1]!; row++) any += counted[row]!;
      if (any === 0) {
        throw new InputError(
          `${where}: samples[${k}] has no step with an output, so nothing of it would count; give at least one ` +
            'step an output (e.g. the last).',
        );
      }
      countedSteps += any;
    } else {
      readRow(shape as Step, first, `${where}: samples[${k}]`, true);
      countedSteps++;
    }
  }
  return { count, inputWidth, outputWidth, inputs, targets, stepStarts, counted, countedSteps, sequences, longest };
}

/** One step's input and output, each read once from the sample. */
interface Step {
  readonly input: unknown;
  readonly output: unknown;
}

/** The steps of a sequence sample, checked for shape (their values are read later). */
function readSteps(sample: object, at: string): readonly Step[] {
  const steps: unknown = (sample as { steps: unknown }).steps;
  if ('input' in sample || 'output' in sample) {
    throw new InputError(
      `${at} has steps and also input or output; a sequence is { steps: [{ input, output? }, …] } alone.`,
    );
  }
  if (isRevokedProxy(steps) || !Array.isArray(steps) || steps.length === 0) {
    throw new InputError(
      `${at}.steps must be a non-empty array of { input, output? }, got ` +
        `${!isRevokedProxy(steps) && Array.isArray(steps) ? 'an empty array' : describe(steps)}.`,
    );
  }
  const length = steps.length;
  const read: Step[] = new Array(length);
  for (let t = 0; t < length; t++) {
    const step: unknown = steps[t];
    if (typeof step !== 'object' || step === null || isRevokedProxy(step) || !('input' in step)) {
      throw new InputError(`${at}.steps[${t}] must be { input, output? }, got ${describeSample(step)}.`);
    }
    read[t] = { input: step.input, output: 'output' in step ? step.output : undefined };
  }
  return read;
}

function describeSample(value: unknown): string {
  if (value === null || typeof value !== 'object' || isRevokedProxy(value)) return describe(value);
  const keys = Object.keys(value);
  if (keys.length === 0) return 'an object without keys';
  return `an object with keys ${keys
    .slice(0, 5)
    .map((key) => describe(key))
    .join(', ')}${keys.length > 5 ? ', …' : ''}`;
}
