/**
 * Training to a criterion
 * =======================
 *
 * How the sequence scenarios train: epoch after epoch, and after each one a check on held-out
 * data (never trained on) decides whether the task is learned; training stops there, or when the
 * trainer's `epochs` run out. The number of epochs a seed needs varies a lot (a plateau, then a
 * jump when the long-range dependency is found), so a fixed count is either too short for some
 * seeds or wasted on the others.
 */
import { type Network, type TrainingSample, Trainer, type TrainerOptions } from '../../src/index.js';

export interface CriterionRun {
  /** Epochs trained. */
  readonly epochs: number;
  /** Whether the check passed (else the epochs ran out). */
  readonly reached: boolean;
  /** The last check's answer. */
  readonly score: number;
}

/**
 * Trains `net` on `samples` with `options` until `score(net)`, computed after every epoch, is at least
 * `target`, or `options.epochs` have run. `onEpoch` sees every epoch's loss and score.
 */
export async function trainToCriterion(
  net: Network,
  samples: readonly TrainingSample[],
  options: TrainerOptions,
  score: (net: Network) => number,
  target: number,
  onEpoch?: (epoch: number, loss: number, score: number) => void,
): Promise<CriterionRun> {
  const stop = new AbortController();
  const trainer = new Trainer(net, { ...options, signal: stop.signal });
  let last = Number.NaN;
  let reached = false;
  // The network holds the epoch's weights while listeners run; aborting here stops before the next epoch's first step.
  trainer.on('epochCompleted', ({ epoch, loss }) => {
    last = score(net);
    onEpoch?.(epoch, loss, last);
    if (last >= target) {
      reached = true;
      stop.abort();
    }
  });
  const { epochs } = await trainer.train(samples);
  return { epochs, reached, score: last };
}
