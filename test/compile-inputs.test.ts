import { describe, expect, it } from 'vitest';
import { CompiledNetwork, InputError, Network, NumericError } from '../src/index.js';

// The same network both ways: layered (dense form) and with one skip connection (CSR form).
const dense = () => Network.layered([2, 3, 1], { seed: 5 }).compile();
const csr = () => Network.layered([2, 3, 1], { seed: 5 }).connect('x0', 'y0', 0).compile();

describe.each([
  ['dense', dense],
  ['csr', csr],
] as const)('the %s compiled form', (kind, compile) => {
  it('is a CompiledNetwork of that kind', () => {
    expect(compile()).toBeInstanceOf(CompiledNetwork);
    expect(compile().kind).toBe(kind);
  });

  it('reads any array-like of numbers, in run and runBatch alike', () => {
    const compiled = compile();
    const rows = Float64Array.of(0.5, -1, 2, 0.25);
    const expected = compiled.runBatch(rows, 2).slice();
    const likes: ArrayLike<number>[] = [
      [0.5, -1, 2, 0.25],
      Float32Array.of(0.5, -1, 2, 0.25),
      { length: 4, 0: 0.5, 1: -1, 2: 2, 3: 0.25 },
    ];
    for (const like of likes) expect(compiled.runBatch(like, 2)).toStrictEqual(expected);
    expect(compiled.run([2, 0.25])).toStrictEqual(expected.slice(1));
    expect(compiled.run(Int8Array.of(2, 0))).toStrictEqual(compiled.run([2, 0]));
  });

  it('refuses every input that is not finite numbers with an InputError, never a TypeError', () => {
    const compiled = compile();
    const bad: unknown[] = [
      null,
      undefined,
      3,
      'ab',
      Symbol('s'),
      {},
      new BigInt64Array(2),
      new DataView(new ArrayBuffer(16)),
    ];
    bad.push([1, 2n], [1, '2'], [1, null], [1, Number.NaN], Object.create(null));
    // Typed-array look-alikes: a Proxy's or a borrowed prototype's `length` getter throws a TypeError.
    bad.push(new Proxy(Float64Array.of(1, 2), {}), new Proxy(Float32Array.of(1, 2), {}));
    bad.push(Object.create(Float64Array.prototype), Object.create(Int8Array.prototype));
    for (const input of bad) {
      expect(() => compiled.run(input as never), String(typeof input)).toThrow(InputError);
      expect(() => compiled.runBatch(input as never, 1), String(typeof input)).toThrow(InputError);
    }
    for (const count of [-1, 1.5, Number.NaN, '1', 1n, null])
      expect(() => compiled.runBatch([1, 2], count as never)).toThrow(InputError);
    expect(() => compiled.runBatch([1, 2, 3, Infinity], 2)).toThrow(/"x1" in row 1 is not a finite number/);
    expect(() => compiled.run([1, 2], [0] as never)).toThrow(InputError);
    expect(() => compiled.runBatch([1, 2], 1, new Float64Array(2))).toThrow(InputError);
  });

  it('throws the NumericError run() throws, naming the same neuron, and writes nothing into out', () => {
    const net = Network.layered([2, 3, 1], { seed: 5 }).setWeight('x0', 'h1_1', 1).setWeight('x1', 'h1_1', 1);
    if (kind === 'csr') net.connect('x0', 'y0', 0);
    const compiled = net.compile();
    const huge = [1e308, 1e308];
    expect(() => net.run(huge)).toThrow(expect.objectContaining({ neuron: 'h1_1' }));
    expect(() => compiled.run(huge)).toThrow(NumericError);
    expect(() => compiled.run(huge)).toThrow(expect.objectContaining({ neuron: 'h1_1' }));
    const out = new Float64Array(2).fill(7);
    expect(() => compiled.runBatch([0, 1, ...huge], 2, out)).toThrow(/"h1_1" in row 1/);
    expect(out).toStrictEqual(new Float64Array(2).fill(7));
  });
});
