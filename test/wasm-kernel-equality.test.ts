import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRandom, Network } from '../src/index.js';
import { affineBatch, transpose } from '../src/executors/dense-kernels.js';
import { DenseForward } from '../src/executors/dense-forward.js';
import { denseWasm, forgetDenseWasm, WasmArena } from '../src/executors/wasm-dense.js';
import { denseModelOf, type DenseModel } from '../src/plan/dense-model.js';
import { planOf } from '../src/plan/plan-cache.js';

function randomArray(random: () => number, length: number): Float64Array {
  return Float64Array.from({ length }, () => (random() - 0.5) * 10 ** Math.floor(random() * 6 - 3));
}

function modelOf(net: Network): DenseModel {
  const found = denseModelOf(planOf(net));
  if (!('model' in found)) throw new Error(found.reason);
  return found.model;
}

describe('the WebAssembly dense kernel', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    forgetDenseWasm();
  });

  it('sums exactly as the JavaScript kernel, bit for bit, on 300 random shapes and strides', () => {
    const module = denseWasm()!;
    expect(module).not.toBeNull();
    const random = createRandom(13);
    for (let trial = 0; trial < 300; trial++) {
      const inputs = Math.floor(random() * 40);
      const outputs = 1 + Math.floor(random() * 40);
      const count = 1 + Math.floor(random() * 20);
      const weights = randomArray(random, inputs * outputs);
      const bias = randomArray(random, outputs);
      const x = randomArray(random, count * inputs);
      const start = randomArray(random, count * outputs);
      const expected = new Float64Array(count * outputs);
      affineBatch(weights, bias, inputs, outputs, x, count, expected);
      // X is also handed over transposed and read through strides; accumulate adds to what Y holds.
      const arena = WasmArena.create(module, [inputs * outputs, outputs, count * inputs, count * outputs])!;
      const [wt, b, xt, y] = arena.views as [Float64Array, Float64Array, Float64Array, Float64Array];
      transpose(weights, outputs, inputs, wt);
      b.set(bias);
      const transposed = trial % 2 === 1;
      if (transposed) transpose(x, count, inputs, xt);
      else xt.set(x);
      const accumulate = trial % 3 === 0;
      y.set(start);
      arena.affine(wt, b, inputs, outputs, xt, transposed ? 1 : inputs, transposed ? count : 1, count, y, accumulate);
      for (let i = 0; i < expected.length; i++) {
        const want = accumulate ? start[i]! + expected[i]! : expected[i]!;
        if (!Object.is(y[i], want)) expect(`trial ${trial}, value ${i}: ${y[i]}`).toBe(`${want}`);
      }
    }
  });

  it('runs dense passes that equal the JavaScript passes bit for bit, at every batch size', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const random = createRandom(seed);
      const sizes = Array.from({ length: 2 + Math.floor(random() * 3) }, () => 1 + Math.floor(random() * 24));
      const net = Network.layered(sizes, { activation: 'tanh', outputActivation: 'sigmoid', seed });
      const model = modelOf(net);
      const count = 1 + Math.floor(random() * 40);
      const rows = randomArray(random, count * sizes[0]!);
      const viaWasm = new DenseForward(model, 0, true);
      const viaJs = new DenseForward(model, 0, true, { wasm: false });
      expect(viaWasm.run(rows, count)).toBeNull();
      expect(viaJs.run(rows, count)).toBeNull();
      expect(viaWasm.usesWasm(count)).toBe(count * model.layers.reduce((n, l) => n + l.weights.length, 0) >= 256);
      expect(viaJs.arena).toBeNull();
      for (let k = 0; k < model.layers.length; k++) {
        expect(viaWasm.activations[k]!.subarray(0, count * sizes[k + 1]!)).toStrictEqual(
          viaJs.activations[k]!.subarray(0, count * sizes[k + 1]!),
        );
        expect(viaWasm.sums[k]!.subarray(0, count * sizes[k + 1]!)).toStrictEqual(
          viaJs.sums[k]!.subarray(0, count * sizes[k + 1]!),
        );
      }
    }
  });

  it('falls back to JavaScript, with the same results, where WebAssembly or its SIMD is missing', () => {
    const net = Network.layered([16, 32, 4], { seed: 2 });
    const rows = randomArray(createRandom(2), 64 * 16);
    const expected = net.compile().runBatch(rows, 64);
    // No SIMD: the kernels' bytes do not validate.
    vi.stubGlobal('WebAssembly', { ...WebAssembly, validate: () => false });
    forgetDenseWasm();
    expect(denseWasm()).toBeNull();
    expect(net.compile().runBatch(rows, 64)).toStrictEqual(expected);
    // No WebAssembly at all.
    vi.stubGlobal('WebAssembly', undefined);
    forgetDenseWasm();
    expect(denseWasm()).toBeNull();
    const forward = new DenseForward(modelOf(net), 64, false);
    expect(forward.arena).toBeNull();
    expect(net.compile().runBatch(rows, 64)).toStrictEqual(expected);
  });
});
