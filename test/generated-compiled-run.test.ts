import { describe, expect, it } from 'vitest';
import { createRandom, InputError, Network, NumericError } from '../src/index.js';
import { generatedNetworkOf, sameBits } from './support/generated-networks.js';
import { randomNetwork } from './support/random-network.js';

// CompiledNetwork.run's usual call, `run(Float64Array, Float64Array)`, runs the generated row without readRows:
// these tests give it that call (the other tests of generated code mostly pass arrays, which take the checked way).

/** x → h (identity) → y (identity), with h's weight `w` and the bias `b` on y: small enough to reason about. */
function chain(w: number, b = 0): Network {
  return new Network()
    .addInput('x')
    .addOutput('y', { activation: 'identity' })
    .addBias('bias')
    .addNeuron('h', { activation: 'identity' })
    .connect('x', 'h', w)
    .connect('h', 'y', 1)
    .setWeight('bias', 'y', b);
}

describe("CompiledNetwork.run's generated row (Float64Array in and out)", () => {
  it('stays bit for bit once optimized (weights folded into the code as numbers), on every row of a sweep', () => {
    for (const seed of [2, 5, 8]) {
      const net = generatedNetworkOf(seed);
      const compiled = net.compile();
      const random = createRandom(seed);
      const rows = Array.from({ length: 64 }, () => Float64Array.from(net.inputs, () => random() * 8 - 4));
      const expected = rows.map((row) => Object.values(net.run(row)));
      const out = new Float64Array(net.outputs.length);
      // Enough calls for V8 to optimize the row where `run` calls it, then every row checked again.
      for (let i = 0; i < 40_000; i++) compiled.run(rows[i & 63]!, out);
      rows.forEach((row, k) => expect(sameBits(compiled.run(row, out), expected[k]!)).toBe(true));
    }
  });

  it('names the neuron whose sum overflows from finite inputs, and writes nothing', () => {
    const compiled = chain(1e308).compile();
    expect(compiled.generated).toBe(true);
    const out = Float64Array.of(7);
    expect(() => compiled.run(Float64Array.of(10), out)).toThrow(NumericError);
    expect(() => compiled.run(Float64Array.of(10), out)).toThrow(expect.objectContaining({ neuron: 'h' }));
    expect(out).toStrictEqual(Float64Array.of(7));
    expect(compiled.time).toBe(0);
    // A later neuron's overflow names that one: h is finite, y = h + b is not.
    const late = chain(1, 1.5e308).compile();
    expect(() => late.run(Float64Array.of(1.5e308), out)).toThrow(expect.objectContaining({ neuron: 'y' }));
    expect(out).toStrictEqual(Float64Array.of(7));
  });

  it('answers a false alarm right: every sum finite, their total not', () => {
    // h = 1e308 and y = h + 5e307 are both finite; added together (the row's one check) they overflow.
    const net = chain(1, 5e307);
    const compiled = net.compile();
    const input = Float64Array.of(1e308);
    const out = new Float64Array(1);
    expect(compiled.run(input, out)).toBe(out);
    expect(sameBits(out, Object.values(net.run(input)))).toBe(true);
    expect(out[0]).toBe(1e308 + 5e307);
    expect(compiled.time).toBe(1);
    // Opposite signs that cancel in the total are no alarm either way.
    const opposite = chain(-1, 1.7e308);
    expect(sameBits(opposite.compile().run(input, out), Object.values(opposite.run(input)))).toBe(true);
  });

  it('refuses a non-finite input by name, whether it feeds a sum, feeds one with weight 0, or feeds nothing', () => {
    const net = new Network()
      .addInput('fed')
      .addInput('zero')
      .addInput('unused')
      .addOutput('y', { activation: 'sigmoid' })
      .connect('fed', 'y', 0.5)
      .connect('zero', 'y', 0);
    const compiled = net.compile();
    expect(compiled.generated).toBe(true);
    const out = Float64Array.of(7);
    for (const bad of [Number.NaN, Infinity, -Infinity]) {
      for (const [k, id] of ['fed', 'zero', 'unused'].entries()) {
        const input = Float64Array.of(1, 2, 3);
        input[k] = bad;
        expect(() => compiled.run(input, out)).toThrow(InputError);
        expect(() => compiled.run(input, out)).toThrow(new RegExp(`input "${id}" is not a finite number`));
      }
    }
    expect(out).toStrictEqual(Float64Array.of(7));
    expect(compiled.time).toBe(0);
    // An input that is also an output, fed to nothing else.
    const through = new Network().addInput('x').addOutput('y', { activation: 'identity' }).connect('x', 'y', 1);
    expect(() => through.compile().run(Float64Array.of(Number.NaN), out)).toThrow(InputError);
  });

  it('takes the checked way for arrays of the wrong length or kind, with the same errors and answers', () => {
    const net = Network.layered([2, 3, 1], { seed: 5 });
    const compiled = net.compile();
    const expected = Object.values(net.run([0.5, -1]));
    const out = new Float64Array(1);
    expect(() => compiled.run(Float64Array.of(0.5, -1, 2), out)).toThrow(InputError);
    expect(() => compiled.run(Float64Array.of(0.5), out)).toThrow(InputError);
    expect(() => compiled.run(Float64Array.of(0.5, -1), new Float64Array(2))).toThrow(InputError);
    expect(() => compiled.run(Float64Array.of(0.5, -1), new Float64Array(0))).toThrow(InputError);
    expect(() => compiled.run(Float64Array.of(0.5, -1), new Float32Array(1) as never)).toThrow(InputError);
    expect(() => compiled.run(new BigInt64Array(2) as never, out)).toThrow(InputError);
    expect(() => compiled.run(new DataView(new ArrayBuffer(16)) as never, out)).toThrow(InputError);
    // A Float64Array whose prototype says Float32Array is still read as the numbers it holds.
    const disguised = Object.setPrototypeOf(Float64Array.of(0.5, -1), Float32Array.prototype) as Float64Array;
    expect(sameBits(compiled.run(disguised, out), expected)).toBe(true);
    expect(sameBits(compiled.run(Float32Array.of(0.5, -1), out), expected)).toBe(true);
    expect(compiled.time).toBe(2);
  });

  it('reads every input before writing an output: the same array may be input and out', () => {
    const net = new Network()
      .addInput('a')
      .addInput('b')
      .addOutput('p', { activation: 'identity' })
      .addOutput('q', { activation: 'identity' })
      .connect('b', 'p', 2)
      .connect('a', 'q', 3);
    const both = Float64Array.of(5, 7);
    expect(net.compile().run(both, both)).toStrictEqual(Float64Array.of(14, 15));
  });
});

describe("CompiledNetwork.run's argument checks, for the forms that are not generated", () => {
  it('refuses wrong lengths and kinds of Float64Array-like arguments, and answers right ones as run() does', () => {
    for (const net of [Network.layered([40, 40, 10], { seed: 2 }), randomNetwork(4, { inputs: 40, hidden: 200 })]) {
      const compiled = net.compile();
      expect(compiled.generated).toBe(false);
      const width = net.inputs.length;
      const row = Float64Array.from({ length: width }, (_, i) => Math.sin(i));
      const out = new Float64Array(net.outputs.length);
      expect(() => compiled.run(new Float64Array(width + 1), out)).toThrow(InputError);
      expect(() => compiled.run(new Float64Array(width - 1), out)).toThrow(InputError);
      expect(() => compiled.run(row, new Float64Array(out.length + 1))).toThrow(InputError);
      expect(() => compiled.run(row, new Float32Array(out.length) as never)).toThrow(InputError);
      const bad = row.slice();
      bad[width - 1] = Number.NaN;
      expect(() => compiled.run(bad, out)).toThrow(InputError);
      expect(compiled.time).toBe(0);
      const expected = Object.values(net.run(row));
      compiled.run(row, out).forEach((value, k) => expect(value).toBeCloseTo(expected[k]!, 12));
      expect(compiled.time).toBe(1);
    }
  });
});
