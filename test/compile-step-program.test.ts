/**
 * The step program's shortcuts
 * ============================
 *
 * step-program.ts and `CompiledNetwork.run` take shortcuts for speed (W5): only the outputs
 * that delayed connections read are carried to the next step (in a loop, or by copyWithin for
 * long runs), neurons whose weights are all 1 skip the multiplications, sigmoid and tanh are
 * inlined, and `run` checks Float64Array arguments in place. Each must give the scheduler's
 * numbers bit for bit, and every refusal must stay as it was.
 */
import { describe, expect, it } from 'vitest';
import { createRandom, InputError, Network } from '../src/index.js';

function steps(seed: number, count: number, width: number): Float64Array[] {
  const random = createRandom(seed);
  return Array.from({ length: count }, () => Float64Array.from({ length: width }, () => random() * 4 - 2));
}

/** The compiled network one `run(input, out)` at a time, against `Network.run` from a reset, bit for bit. */
function expectSameSteps(net: Network, inputs: readonly Float64Array[]): void {
  net.reset();
  const compiled = net.compile();
  const out = new Float64Array(net.outputs.length);
  for (const input of inputs) {
    const record = net.run(input);
    expect(compiled.run(input, out)).toBe(out);
    expect(out).toStrictEqual(Float64Array.from(net.outputs, (id) => record[id]!));
  }
}

describe('the step program', () => {
  it('carries a long run of remembered outputs (an Elman layer of 40) and a short one, bit for bit', () => {
    expectSameSteps(Network.elman([3, 40, 2], { seed: 5 }), steps(1, 30, 3));
    expectSameSteps(Network.elman([3, 5, 2], { seed: 5 }), steps(2, 30, 3));
  });

  it('runs LSTM gating with weights of 1, and the same products with other weights, bit for bit', () => {
    const net = Network.lstm([4, 6, 3], { seed: 9 });
    expectSameSteps(net, steps(3, 40, 4));
    // Gating connections that are not 1 take the general loops.
    net.setWeight('c0_in', 'c0_write', 0.5).setWeight('c1_state', 'c1_squash', -1.5);
    expectSameSteps(net, steps(4, 40, 4));
  });

  it('gives -0 as the scheduler does through products and sums of weight 1', () => {
    // p = a × b and s = 0 + p + b: with a = 2 and b = -0, p is -0 and s is +0 (a plain p + b would be -0).
    const net = new Network()
      .addInput('a')
      .addInput('b')
      .addOutput('p', { aggregate: 'product', activation: 'identity' })
      .addOutput('s', { activation: 'identity' })
      .addOutput('y', { activation: 'identity' })
      .connect('a', 'p', 1)
      .connect('b', 'p', 1)
      .connect('p', 's', 1)
      .connect('b', 's', 1)
      .connect('s', 'y', 1)
      .connect('y', 'y', 1, { delay: 1 });
    const signs = [-0, 0, 2, -2];
    expectSameSteps(
      net,
      signs.flatMap((a) => signs.map((b) => Float64Array.of(a, b))),
    );
  });

  it('refuses Float64Arrays of the wrong length or with non-finite values as before', () => {
    const compiled = Network.lstm([2, 3, 2], { seed: 1 }).compile();
    const out = new Float64Array(2);
    expect(() => compiled.run(new Float64Array(3), out)).toThrow(InputError);
    expect(() => compiled.run(Float64Array.of(1, Number.NaN), out)).toThrow(/input "x1" is not a finite number/);
    expect(() => compiled.run(new Float64Array(2), new Float64Array(3))).toThrow(InputError);
    expect(compiled.time).toBe(0);
    expect(out).toStrictEqual(new Float64Array(2));
  });
});
