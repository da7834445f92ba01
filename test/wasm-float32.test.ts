import { describe, expect, it } from 'vitest';
import { createRandom, Network } from '../src/index.js';
import { denseWasm, PANEL, packDense32, WasmArena } from '../src/executors/wasm-dense.js';
import { Float32DenseForward } from '../src/executors/wasm-float32.js';
import { denseModelOf, type DenseModel } from '../src/plan/dense-model.js';
import { planOf } from '../src/plan/plan-cache.js';

function modelOf(net: Network): DenseModel {
  const found = denseModelOf(planOf(net));
  if (!('model' in found)) throw new Error(found.reason);
  return found.model;
}

describe('the float32 dense pass (f32x4, sigmoid in wasm)', () => {
  it('agrees with the float64 pass within float32 rounding on 30 random networks', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const random = createRandom(seed);
      const sizes = Array.from({ length: 2 + Math.floor(random() * 3) }, () => 1 + Math.floor(random() * 40));
      const net = Network.layered(sizes, { outputActivation: seed % 3 === 0 ? 'identity' : 'sigmoid', seed });
      const count = 1 + Math.floor(random() * 50);
      const rows = Float64Array.from({ length: count * sizes[0]! }, () => random() * 4 - 2);
      const expected = net.compile().runBatch(rows, count);
      const out = new Float64Array(expected.length);
      expect(Float32DenseForward.forModel(modelOf(net))!.run(rows, count, out)).toBeNull();
      for (let i = 0; i < out.length; i++) {
        expect(Math.abs(out[i]! - expected[i]!), `seed ${seed}, value ${i}`).toBeLessThanOrEqual(
          1e-5 * Math.max(1, Math.abs(expected[i]!)),
        );
      }
    }
  });

  it('computes the sigmoid within a few float32 ulps, saturating far out', () => {
    const arena = WasmArena.create(denseWasm()!, [], [2003])!;
    const [values] = arena.float32Views as [Float32Array];
    const inputs = Float32Array.from({ length: 2003 }, (_, i) => (i - 1001) / 10);
    inputs[0] = -1000;
    inputs[2002] = 1000;
    values.set(inputs);
    arena.sigmoid32(values, 2003);
    for (let i = 0; i < 2003; i++) {
      const exact = 1 / (1 + Math.exp(-inputs[i]!));
      expect(Math.abs(values[i]! - exact), `sigmoid(${inputs[i]})`).toBeLessThanOrEqual(4 * 2 ** -24 * exact + 1e-38);
    }
    expect(values[2002]).toBe(1);
    expect(values[0]).toBeLessThan(1e-38);
  });

  it('is offered only for sigmoid and identity layers (the caller keeps float64 otherwise)', () => {
    expect(Float32DenseForward.forModel(modelOf(Network.layered([3, 4, 2], { activation: 'tanh' })))).toBeNull();
    expect(Float32DenseForward.forModel(modelOf(Network.layered([3, 4, 2])))).not.toBeNull();
  });
  it('sums each output from its bias in input order, rounding to float32 at every step, on packed panels', () => {
    // The reference: the same sums in scalars, every product and sum rounded with Math.fround.
    const random = createRandom(7);
    for (let trial = 0; trial < 40; trial++) {
      const inputs = 1 + Math.floor(random() * 40);
      const outputs = 1 + Math.floor(random() * 40);
      const count = 1 + Math.floor(random() * 13);
      const panels = Math.ceil(outputs / PANEL);
      const weights = Float64Array.from({ length: outputs * inputs }, () => random() * 2 - 1);
      const bias = Float64Array.from({ length: outputs }, () => random() * 2 - 1);
      const arena = WasmArena.create(
        denseWasm()!,
        [],
        [panels * PANEL * inputs, panels * PANEL, count * (inputs + 3), count * panels * PANEL],
      )!;
      const [packed, padded, x, y] = arena.float32Views as [Float32Array, Float32Array, Float32Array, Float32Array];
      packDense32(weights, inputs, outputs, packed);
      padded.set(bias);
      // Every other trial reads X's rows three values apart, as a padded layer's activations are.
      const xRow = inputs + (trial % 2) * 3;
      for (let i = 0; i < x.length; i++) x[i] = random() * 4 - 2;
      arena.dense32(packed, padded, inputs, panels, x, xRow, count, y, false);
      for (let s = 0; s < count; s++) {
        for (let j = 0; j < outputs; j++) {
          let sum = Math.fround(bias[j]!);
          for (let i = 0; i < inputs; i++)
            sum = Math.fround(sum + Math.fround(Math.fround(weights[j * inputs + i]!) * x[s * xRow + i]!));
          expect(y[s * panels * PANEL + j], `trial ${trial}, sample ${s}, output ${j}`).toBe(sum);
        }
      }
    }
  });

  it('gives every row of a batch what that row alone gives, bit for bit, blocks of four or not', () => {
    const net = Network.layered([5, 11, 3], { seed: 3 });
    const pass = Float32DenseForward.forModel(modelOf(net))!;
    const random = createRandom(5);
    for (let count = 1; count <= 10; count++) {
      const rows = Float64Array.from({ length: count * 5 }, () => random() * 4 - 2);
      const batch = new Float64Array(count * 3);
      expect(pass.run(rows, count, batch)).toBeNull();
      for (let s = 0; s < count; s++) {
        const one = new Float64Array(3);
        expect(pass.run(rows.subarray(s * 5, s * 5 + 5), 1, one)).toBeNull();
        expect(Array.from(one), `count ${count}, row ${s}`).toStrictEqual(Array.from(batch.subarray(s * 3, s * 3 + 3)));
      }
    }
  });

  it('keeps a NaN a NaN through the sigmoid (the caller reports it), and saturates the infinities', () => {
    const arena = WasmArena.create(denseWasm()!, [], [7])!;
    const [values] = arena.float32Views as [Float32Array];
    // Seven values: one block of four lanes and three single ones, a NaN in each part.
    values.set([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0, 0, Number.NaN, 1]);
    arena.sigmoid32(values, 7);
    expect(Number.isNaN(values[0]!)).toBe(true);
    expect(values[1]).toBe(1);
    expect(values[2]).toBeLessThan(1e-38);
    expect(values[3]).toBe(0.5);
    expect(Number.isNaN(values[5]!)).toBe(true);
  });
  it('rounds float64 inputs to float32 as Float32Array does, whatever their size', () => {
    const random = createRandom(11);
    const count = 1003;
    const arena = WasmArena.create(denseWasm()!, [count], [count])!;
    const [from] = arena.views as [Float64Array];
    const [to] = arena.float32Views as [Float32Array];
    const bits = new Uint32Array(from.buffer, from.byteOffset, count * 2);
    // Random bit patterns (every exponent: subnormals, halfway cases, beyond float32's range), made finite.
    for (let i = 0; i < count * 2; i++) bits[i] = Math.floor(random() * 2 ** 32);
    for (let i = 0; i < count; i++) if (!Number.isFinite(from[i]!)) from[i] = i;
    from[0] = 3.4028235677973366e38; // rounds up to float32's largest; just above it goes to Infinity
    from[1] = 2 ** -150; // halfway to the smallest subnormal: rounds to 0 (even)
    arena.demote(from, to, count);
    expect(Array.from(to)).toStrictEqual(Array.from(Float32Array.from(from)));
  });
});
