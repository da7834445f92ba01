/**
 * The validation split
 * ====================
 *
 * `neurograph train --validation-split 0.2` holds out the same samples as
 * `trainer.train(samples, { validationSplit: 0.2 })` with the same seed, and hands
 * them to the trainer as `{ validation }`: the command then knows which samples were
 * trained on, to evaluate both parts once training ends. The draw copies the trainer's
 * (trainer.ts, `splitSamples`); a test trains both ways and compares the weights.
 */
import { createRandom, shuffleInPlace } from '../random.js';
import type { TrainingSample } from '../train/samples.js';
import { CliError } from './context.js';

export interface HeldOut {
  readonly training: TrainingSample[];
  readonly validation: TrainingSample[];
}

/** Holds out round(fraction × n) samples drawn from `seed`, at least one each way; both parts keep their order. */
export function holdOut(samples: readonly TrainingSample[], fraction: number, seed: number): HeldOut {
  const held = Math.round(samples.length * fraction);
  if (held < 1 || held > samples.length - 1) {
    throw new CliError(
      `--validation-split ${fraction} of ${samples.length} samples holds out ${held}; it must leave at least one ` +
        'sample for validation and one for training.',
    );
  }
  // NOTE: the trainer's own generator for the split: the seed with these bits flipped.
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
