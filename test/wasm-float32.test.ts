import { describe, expect, it } from 'vitest';
import { createRandom, Network } from '../src/index.js';
import { denseWasm, WasmArena } from '../src/executors/wasm-dense.js';
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
});
