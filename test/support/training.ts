/** What the training tests share: XOR's samples, and a clock that makes training yield on cue. */
import type { Sample } from '../../src/index.js';

/** XOR's truth table as training samples, inputs and targets as arrays. */
export const XOR_SAMPLES: readonly Sample[] = [
  { input: [0, 0], output: [0] },
  { input: [0, 1], output: [1] },
  { input: [1, 0], output: [1] },
  { input: [1, 1], output: [0] },
];

/**
 * A clock for `TrainerOptions.now` that moves `ms` per reading: with 20 ms or more, training
 * yields to the event loop at every clock check, whatever the machine's speed.
 */
export function steppingClock(ms = 1000): () => number {
  let time = 0;
  return () => (time += ms);
}

/** Resolves after everything queued on the event loop before it (training's yields included) ran once. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
