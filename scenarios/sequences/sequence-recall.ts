/**
 * Distracted sequence recall data
 * ===============================
 *
 * synaptic's `Trainer.DSR` task with its defaults: a sequence of `length` symbols, one-hot
 * over the ten symbols 0–9, of which the last two are the prompts 0 and 1; before them,
 * distractors (3, 5, 6, 9) everywhere but at two distinct random positions, which hold
 * targets (2, 4, 7, 8). At the k-th prompt the network must name the k-th target, one-hot
 * over the four targets; at every other step its outputs must all be 0. A sequence is
 * recalled when every output, rounded, is right at every step (synaptic's test; its
 * criterion is 95% of sequences). Unlike synaptic, the two positions are sorted as numbers.
 *
 * [Reference]: synaptic 1.1.4, src/trainer.js, `DSR`; Monner & Reggia 2012.
 */
import { createRandom, type Random } from '../../src/index.js';

export const targets = [2, 4, 7, 8] as const;
export const distractors = [3, 5, 6, 9] as const;
export const prompts = [0, 1] as const;
export const symbolCount = targets.length + distractors.length + prompts.length;
export const sequenceLength = 24;

export interface RecallStep {
  readonly input: number[];
  readonly output: number[];
}

/** A sequence sample and the symbols it was made of. */
export interface RecallSequence {
  readonly symbols: number[];
  readonly steps: RecallStep[];
}

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

/** One sequence, drawn from `random`. */
export function recallSequence(random: Random, length = sequenceLength): RecallSequence {
  const body = length - prompts.length;
  const symbols: number[] = Array.from({ length: body }, () => pick(random, distractors));
  const positions: number[] = [];
  while (positions.length < prompts.length) {
    const position = Math.floor(random() * body);
    if (!positions.includes(position)) positions.push(position);
  }
  positions.sort((p, q) => p - q);
  const chosen = positions.map(() => Math.floor(random() * targets.length));
  positions.forEach((position, k) => (symbols[position] = targets[chosen[k]!]!));
  symbols.push(...prompts);
  const steps = symbols.map((symbol, t) => {
    const input = new Array<number>(symbolCount).fill(0);
    input[symbol] = 1;
    const output = new Array<number>(targets.length).fill(0);
    if (t >= body) output[chosen[t - body]!] = 1;
    return { input, output };
  });
  return { symbols, steps };
}

/** `count` sequences, seeded. */
export function recallSequences(count: number, seed: number, length = sequenceLength): RecallSequence[] {
  const random = createRandom(seed);
  return Array.from({ length: count }, () => recallSequence(random, length));
}

/** synaptic's test of one step: every output, rounded, equals its target. */
export const stepRight = (outputs: ArrayLike<number>, target: readonly number[]): boolean =>
  target.every((value, k) => Math.round(outputs[k]!) === value);
