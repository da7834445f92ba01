// compile({ precision: 'float32' }): layered sigmoid/identity networks in float32 with WebAssembly SIMD, close
// to float64; everything else stays float64 and says so.
import { describe, expect, it } from 'vitest';
import { Network, NumericError, UsageError, createRandom } from '../src/index.js';

function rows(seed: number, width: number, count: number): Float64Array {
  const random = createRandom(seed);
  return Float64Array.from({ length: width * count }, () => random() * 4 - 2);
}

describe("compile({ precision: 'float32' })", () => {
  it('runs layered sigmoid and identity networks in float32, within 1e-5 of float64, one row or a batch', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const random = createRandom(seed);
      const sizes = [1 + Math.floor(random() * 12), 2 + Math.floor(random() * 40), 1 + Math.floor(random() * 10)];
      const net = Network.layered(sizes, { outputActivation: seed % 2 ? 'sigmoid' : 'identity', seed });
      const wide = net.compile();
      const narrow = net.compile({ precision: 'float32' });
      expect(wide.precision).toBe('float64');
      expect(narrow.precision).toBe('float32');
      const count = 1 + Math.floor(random() * 50);
      const input = rows(seed, sizes[0]!, count);
      const expected = wide.runBatch(input, count);
      const actual = narrow.runBatch(input, count);
      let differs = false;
      expected.forEach((value, i) => {
        expect(Math.abs(actual[i]! - value)).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(value)));
        if (actual[i] !== value) differs = true;
      });
      // It really is another arithmetic: float32 rounding shows somewhere.
      expect(differs).toBe(true);
      const one = narrow.run(input.subarray(0, sizes[0]!));
      expect(Array.from(one)).toStrictEqual(Array.from(actual.subarray(0, sizes[2]!)));
    }
  });

  it('leaves other networks in float64 and says so', () => {
    const tanh = Network.layered([3, 5, 2], { activation: 'tanh', seed: 1 });
    const skip = Network.layered([2, 3, 1], { seed: 1 }).connect('x0', 'y0', 0.5);
    for (const net of [tanh, skip]) {
      const compiled = net.compile({ precision: 'float32' });
      expect(compiled.precision).toBe('float64');
      const input = rows(3, net.inputs.length, 4);
      expect(compiled.runBatch(input, 4)).toStrictEqual(net.compile().runBatch(input, 4));
    }
  });

  it('refuses a bad precision or a misspelled option', () => {
    const net = Network.layered([2, 2, 1]);
    expect(() => net.compile({ precision: 'float16' as 'float32' })).toThrow(UsageError);
    expect(() => net.compile({ precison: 'float32' } as never)).toThrow(/precison/);
  });

  it('a batch that leaves float32 is a NumericError naming the row, and out stays as it was', () => {
    const net = new Network()
      .addInput('x')
      .addNeuron('h', { activation: 'identity' })
      .addOutput('y', { activation: 'identity' });
    net.connect('x', 'h', 1e30).connect('h', 'y', 1e30);
    const compiled = net.compile({ precision: 'float32' });
    expect(compiled.precision).toBe('float32');
    const out = new Float64Array([7, 7, 7]);
    expect(() => compiled.runBatch([0, 0, 1], 3, out)).toThrow(NumericError);
    expect(() => compiled.runBatch([0, 0, 1], 3, out)).toThrow(/row 2|sample 2|2/);
    expect(Array.from(out)).toStrictEqual([7, 7, 7]);
  });
});
