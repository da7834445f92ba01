// The peer benchmark's adapters (bench/peers/) still compute W1 and W2 like the float64 reference, and the tight
// hand-written loops (the baseline of every ratio) compute forward passes and SGD steps like it on other sizes too.
import { describe, expect, it } from 'vitest';
import { handWritten, tightDenseForward, tightSgd, tightSgdFor } from '../bench/peers/hand-written.js';
import { peers } from '../bench/peers/index.js';
import { neurographFloat32 } from '../bench/peers/neurograph.js';
import {
  type DenseModel,
  type Sample,
  denseReference,
  maxError,
  randomDenseModel,
  randomRows,
  xorModel,
  xorSamples,
} from '../bench/peers/workloads.js';

const w2 = randomDenseModel([64, 128, 128, 10], 2);
const w2Inputs = randomRows(64, 4, 3);

// compile({ precision: 'float32' }) only where the library has it (its adapter throws otherwise).
const available = (peer: (typeof peers)[number]) => {
  if (peer !== neurographFloat32) return true;
  try {
    peer.dense!(w2);
    return true;
  } catch {
    return false;
  }
};

describe.each(
  peers.filter((peer) => peer.dense !== undefined && available(peer)).map((peer) => [peer.name, peer] as const),
)('%s', (_name, peer) => {
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
      expect(maxError(dense.forward(row), expected.subarray(s * 10, (s + 1) * 10))).toBeLessThanOrEqual(peer.tolerance);
    }
    expect(maxError(dense.batch(w2Inputs, 4), expected)).toBeLessThanOrEqual(peer.tolerance);
  });
});

/** Plain online SGD on mean((y − t)²), one sample a step, as the reference for the tight trainers. */
function referenceSgd(model: DenseModel, samples: readonly Sample[], learningRate: number, epochs: number): DenseModel {
  const layers = model.layers.map((layer) => ({ weights: layer.weights.slice(), bias: layer.bias.slice() }));
  const current = { sizes: model.sizes, layers };
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (const sample of samples) {
      const values: Float64Array[] = [Float64Array.from(sample.input)];
      for (const [k, layer] of layers.entries())
        values.push(denseReference({ sizes: model.sizes.slice(k, k + 2), layers: [layer] }, values[k]!));
      const y = values[layers.length]!;
      let delta = Float64Array.from(y, (yj, j) => (2 / y.length) * (yj - sample.output[j]!) * yj * (1 - yj));
      for (let k = layers.length - 1; k >= 0; k--) {
        const { weights, bias } = layers[k]!;
        const x = values[k]!;
        const below = new Float64Array(x.length);
        for (let j = 0; j < delta.length; j++) {
          bias[j]! -= learningRate * delta[j]!;
          for (let i = 0; i < x.length; i++) {
            below[i]! += delta[j]! * weights[j * x.length + i]!;
            weights[j * x.length + i]! -= learningRate * delta[j]! * x[i]!;
          }
        }
        delta = below.map((d, i) => d * x[i]! * (1 - x[i]!));
      }
    }
  }
  return current;
}

describe('the tight hand-written loops', () => {
  const sizes = [
    [2, 3, 1],
    [3, 5, 2],
    [7, 9, 3],
    [8, 16, 4],
    [5, 6, 7, 3],
  ];
  it.each(sizes)('forward: %s, %s, %s … agree with the float64 reference (unrolled and generic)', (...shape) => {
    const model = randomDenseModel(shape, 7);
    const inputs = randomRows(shape[0]!, 4, 8);
    for (const forward of [tightDenseForward(model), handWritten.dense!(model).forward]) {
      for (let s = 0; s < 4; s++) {
        const row = inputs.slice(s * shape[0]!, (s + 1) * shape[0]!);
        expect(maxError(forward(row, 0), denseReference(model, row))).toBeLessThanOrEqual(1e-12);
      }
    }
  });

  it.each(sizes)('online SGD: %s, %s, %s … takes the reference steps (unrolled and generic)', (...shape) => {
    const model = randomDenseModel(shape, 9);
    const inputs = randomRows(shape[0]!, 6, 10);
    const outputs = shape[shape.length - 1]!;
    const samples: Sample[] = Array.from({ length: 6 }, (_, s) => ({
      input: [...inputs.slice(s * shape[0]!, (s + 1) * shape[0]!)],
      output: Array.from({ length: outputs }, (_, j) => ((s + j) % 2 === 0 ? 1 : 0)),
    }));
    const expected = referenceSgd(model, samples, 0.5, 50);
    for (const trainer of [tightSgd(model, samples, 0.5), tightSgdFor(model, samples, 0.5)]) {
      trainer.train(20);
      trainer.train(30);
      trainer.model().layers.forEach((layer, k) => {
        expect(maxError(layer.weights, expected.layers[k]!.weights)).toBeLessThanOrEqual(1e-12);
        expect(maxError(layer.bias, expected.layers[k]!.bias)).toBeLessThanOrEqual(1e-12);
      });
    }
  });
});
