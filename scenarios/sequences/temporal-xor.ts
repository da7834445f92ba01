/**
 * Temporal XOR data
 * =================
 *
 * Elman's bit stream: triplets of two random bits and their XOR, one after another. Fed a
 * bit at a time and asked for the next one, a network can only guess the first two bits of
 * each triplet but can know the third. Sequences start at a triplet's first bit, so step t
 * (reading bit t, predicting bit t + 1) is predictable when t mod 3 = 1.
 *
 * [Reference]: Elman 1990, "Finding Structure in Time", Cognitive Science 14, section "Exclusive-OR".
 */
import { createRandom } from '../../src/index.js';

/** A sequence sample: one step per bit but the last, each predicting the next bit. */
export interface BitSequence {
  readonly steps: { readonly input: [number]; readonly output: [number] }[];
}

/** `triplets` triplets of bits a, b, a XOR b, seeded. */
export function temporalXorStream(triplets: number, seed: number): number[] {
  const random = createRandom(seed);
  const bits: number[] = [];
  for (let k = 0; k < triplets; k++) {
    const a = random() < 0.5 ? 0 : 1;
    const b = random() < 0.5 ? 0 : 1;
    bits.push(a, b, a ^ b);
  }
  return bits;
}

/** Whether step t of a sequence (reading bit t) predicts a XOR bit, the only predictable ones. */
export const predictable = (t: number): boolean => t % 3 === 1;

/** `count` sequences of `triplets` triplets each, seeded: input bit t, target bit t + 1. */
export function temporalXorSamples(count: number, triplets: number, seed: number): BitSequence[] {
  const random = createRandom(seed);
  return Array.from({ length: count }, () => {
    const bits = temporalXorStream(triplets, Math.floor(random() * 2 ** 31));
    return { steps: bits.slice(0, -1).map((bit, t) => ({ input: [bit], output: [bits[t + 1]!] })) };
  });
}
