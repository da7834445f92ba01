// The peer benchmark's adapters (bench/peers/) still compute W1 and W2 like the float64 reference: they cannot rot.
import { describe, expect, it } from 'vitest';
import { peers } from '../bench/peers/index.js';
import {
  denseReference,
  maxError,
  randomDenseModel,
  randomRows,
  xorModel,
  xorSamples,
} from '../bench/peers/workloads.js';

const w2 = randomDenseModel([64, 128, 128, 10], 2);
const w2Inputs = randomRows(64, 4, 3);

describe.each(peers.filter((peer) => peer.dense !== undefined).map((peer) => [peer.name, peer] as const))(
  '%s',
  (_name, peer) => {
    it('agrees with the float64 reference on W1 (XOR 2-2-1) and W2 (64-128-128-10, single and batch)', async () => {
      await peer.init?.();
      const xor = peer.dense!(xorModel);
      for (const sample of xorSamples) {
        const input = Float64Array.from(sample.input);
        expect(maxError(xor.forward(input), denseReference(xorModel, input))).toBeLessThanOrEqual(peer.tolerance);
        expect(Math.round(xor.forward(input)[0]!)).toBe(sample.output[0]);
      }
      const dense = peer.dense!(w2);
      const expected = new Float64Array(4 * 10);
      for (let s = 0; s < 4; s++) {
        const row = w2Inputs.subarray(s * 64, (s + 1) * 64);
        expected.set(denseReference(w2, row), s * 10);
        expect(maxError(dense.forward(row), expected.subarray(s * 10, (s + 1) * 10))).toBeLessThanOrEqual(
          peer.tolerance,
        );
      }
      expect(maxError(dense.batch(w2Inputs, 4), expected)).toBeLessThanOrEqual(peer.tolerance);
    });
  },
);
