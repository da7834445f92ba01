/**
 * Early stopping
 * ==============
 *
 * The `earlyStopping` option, checked, and the monitor that watches the validation loss
 * epoch by epoch for `Trainer`: the best loss so far, its epoch and (with `restoreBest`)
 * its weights, and whether `patience` epochs have passed without an improvement.
 */
import { UsageError } from '../errors.js';
import { describe } from '../format/describe.js';
import { checkOptionNames } from '../format/options.js';
import type { EarlyStopping } from './trainer.js';

/** Checks the `earlyStopping` option and fills in its defaults. */
export function readEarlyStopping(value: unknown, where: string): Required<EarlyStopping> | undefined {
  if (value === undefined) return undefined;
  const at = `${where}: earlyStopping`;
  checkOptionNames(value, ['patience', 'restoreBest', 'minDelta'], at);
  const { patience, restoreBest = false, minDelta = 0 } = value as Record<string, unknown>;
  if (typeof patience !== 'number' || !Number.isSafeInteger(patience) || patience < 1) {
    throw new UsageError(
      `${at}.patience must be a whole number ≥ 1 (epochs without improvement before stopping), got ` +
        `${describe(patience)}.`,
    );
  }
  if (typeof restoreBest !== 'boolean') {
    throw new UsageError(`${at}.restoreBest must be true or false, got ${describe(restoreBest)}.`);
  }
  if (typeof minDelta !== 'number' || !Number.isFinite(minDelta) || minDelta < 0) {
    throw new UsageError(`${at}.minDelta must be a finite number ≥ 0, got ${describe(minDelta)}.`);
  }
  return { patience, restoreBest, minDelta };
}

/**
 * Watches the validation loss epoch by epoch: the best so far (an improvement must beat it by more than
 * `minDelta`), its epoch and weights, and whether `patience` epochs passed without one (as Keras's EarlyStopping).
 */
export class Monitor {
  best = Number.POSITIVE_INFINITY;
  bestEpoch = 0;
  readonly bestWeights: Float64Array;
  #waited = 0;
  readonly #patience: number;
  readonly #minDelta: number;
  readonly #keepWeights: boolean;

  constructor(earlyStopping: Required<EarlyStopping> | undefined, size: number) {
    this.#patience = earlyStopping?.patience ?? Number.POSITIVE_INFINITY;
    this.#minDelta = earlyStopping?.minDelta ?? 0;
    this.#keepWeights = earlyStopping?.restoreBest ?? false;
    this.bestWeights = new Float64Array(this.#keepWeights ? size : 0);
  }

  record(epoch: number, loss: number, weights: Float64Array): void {
    if (loss < this.best - this.#minDelta) {
      this.best = loss;
      this.bestEpoch = epoch;
      this.#waited = 0;
      if (this.#keepWeights) this.bestWeights.set(weights);
    } else this.#waited++;
  }

  /** Whether `patience` epochs in a row brought no improvement. */
  get exhausted(): boolean {
    return this.#waited >= this.#patience;
  }
}
