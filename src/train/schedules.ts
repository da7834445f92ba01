/**
 * Learning-rate schedules
 * =======================
 *
 * A schedule is a plain function of the epoch (from 1 within a `train` call, the
 * number `epochCompleted` reports) returning the learning rate for that epoch's steps;
 * `Trainer` takes one as `learningRate`. These make the common ones:
 *
 * - `schedules.step({ initial, factor, every })`: initial · factor^⌊(epoch − 1) / every⌋
 *   (Keras's step decay, with epochs counted from 1);
 * - `schedules.exponential({ initial, decay })`: initial · decay^(epoch − 1).
 *
 * The optimizer's state (momentum's velocity, adam's moments) does not depend on the
 * rate and carries on across rate changes.
 */
import { UsageError } from '../errors.js';
import { describe } from '../format/describe.js';
import { checkOptionNames } from '../format/options.js';

/** The learning rate for the steps of `epoch` (from 1); must return a finite number above 0. */
export type LearningRateSchedule = (epoch: number) => number;

export interface StepDecayOptions {
  /** The rate of epochs 1 … every. */
  readonly initial: number;
  /** What the rate is multiplied by every `every` epochs (above 0; below 1 decays). */
  readonly factor: number;
  /** Epochs between two changes (a whole number ≥ 1). */
  readonly every: number;
}

export interface ExponentialDecayOptions {
  /** The rate of epoch 1. */
  readonly initial: number;
  /** What the rate is multiplied by each epoch (above 0; below 1 decays). */
  readonly decay: number;
}

function positive(value: unknown, name: string, where: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new UsageError(`${where}: ${name} must be a finite number above 0, got ${describe(value)}.`);
  }
  return value;
}

function options(value: unknown, known: readonly string[], where: string): Record<string, unknown> {
  if (value === undefined) throw new UsageError(`${where}: needs options { ${known.join(', ')} }.`);
  checkOptionNames(value, known, where);
  return value as Record<string, unknown>;
}

export const schedules = {
  /** initial · factor^⌊(epoch − 1) / every⌋: the rate changes by `factor` every `every` epochs. */
  step(settings: StepDecayOptions): LearningRateSchedule {
    const where = 'schedules.step';
    const read = options(settings, ['initial', 'factor', 'every'], where);
    const initial = positive(read.initial, 'initial', where);
    const factor = positive(read.factor, 'factor', where);
    const every = read.every;
    if (typeof every !== 'number' || !Number.isSafeInteger(every) || every < 1) {
      throw new UsageError(`${where}: every must be a whole number ≥ 1 (epochs), got ${describe(every)}.`);
    }
    return (epoch) => initial * factor ** Math.floor((epoch - 1) / every);
  },

  /** initial · decay^(epoch − 1). */
  exponential(settings: ExponentialDecayOptions): LearningRateSchedule {
    const where = 'schedules.exponential';
    const read = options(settings, ['initial', 'decay'], where);
    const initial = positive(read.initial, 'initial', where);
    const decay = positive(read.decay, 'decay', where);
    return (epoch) => initial * decay ** (epoch - 1);
  },
} as const;
