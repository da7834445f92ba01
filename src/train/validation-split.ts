/**
 * The validation split
 * ====================
 *
 * The draw behind `trainer.train(samples, { validationSplit })` and `neurograph train
 * --validation-split`: the same seed holds out the same samples in both, so the CLI can
 * hand them to the trainer as `{ validation }` and still know which samples were trained on.
 */
import { UsageError } from '../errors.js';
import { createRandom, shuffleInPlace } from '../random.js';
import type { TrainingSample } from './samples.js';

export interface HeldOut {
  readonly training: TrainingSample[];
  readonly validation: TrainingSample[];
}

/**
 * Holds out `round(fraction × n)` samples drawn from `seed` (at least one each way); both parts keep
 * their order. `option` starts the message of a split that leaves a part empty: the caller's name for
 * the fraction (`Trainer.train: validationSplit`, `--validation-split`).
 */
export function splitSamples(
  samples: readonly TrainingSample[],
  fraction: number,
  seed: number,
  option: string,
): HeldOut {
  const held = Math.round(samples.length * fraction);
  if (held < 1 || held > samples.length - 1) {
    throw new UsageError(
      `${option} ${fraction} of ${samples.length} samples holds out ${held}; it must leave at least ` +
        'one sample for validation and one for training.',
    );
  }
  // NOTE: a generator of its own (the seed's bits flipped), so the split does not move the shuffles' sequence.
  const picked = shuffleInPlace(
    Array.from({ length: samples.length }, (_, k) => k),
    createRandom((seed ^ 0x5eed5) >>> 0),
  );
  const isHeld = new Uint8Array(samples.length);
  for (let k = 0; k < held; k++) isHeld[picked[k]!] = 1;
  return {
    training: samples.filter((_, k) => isHeld[k] === 0),
    validation: samples.filter((_, k) => isHeld[k] === 1),
  };
}
