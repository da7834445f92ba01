/**
 * Compiled networks over time
 * ===========================
 *
 * `compile()` of a network with delayed connections or product neurons: its own memory,
 * `time`, `reset()`, `run()` as one step and `runSequence()`, checked against the
 * scheduler's `Network.runSequence` on many seeded random recurrent networks; and a
 * compiled feed-forward network, which still remembers nothing.
 */
import { describe, expect, it } from 'vitest';
import { type CompiledNetwork, createRandom, InputError, Network, NumericError, UsageError } from '../src/index.js';
import { byId, expectClose } from './support/close.js';
import { randomRecurrentNetwork, leakyIntegrator as integrator } from './support/recurrent-network.js';

/** An integrator whose input weight is so large that an input of 1e10 overflows its sum. */
function fragile(): Network {
  return integrator().setWeight('x', 'y', 1e300);
}

/** `steps` random rows of `width` values in [-1, 1), row-major, and the same as arrays. */
function randomSteps(seed: number, steps: number, width: number): { flat: Float64Array; rows: number[][] } {
  const random = createRandom(seed);
  const rows = Array.from({ length: steps }, () => Array.from({ length: width }, () => random() * 2 - 1));
  return { flat: Float64Array.from(rows.flat()), rows };
}

/** The compiled network's observable state: its time, and its answer to one more step (which it takes). */
function nextAnswer(compiled: CompiledNetwork, input: number[]): { time: number; out: number[] } {
  const time = compiled.time;
  return { time, out: [...compiled.run(input)] };
}

describe('compiled networks over time', () => {
  it('agree with the scheduler within 1e-12 on 100 random recurrent networks and sequences', () => {
    for (let seed = 1; seed <= 100; seed++) {
      const net = randomRecurrentNetwork(seed, {
        inputs: 1 + (seed % 3),
        hidden: 3 + (seed % 6),
        outputs: 1 + (seed % 2),
        delayed: 2 + (seed % 5),
        maxDelay: 1 + (seed % 3),
      });
      const steps = 6 + (seed % 10);
      const { flat, rows } = randomSteps(seed * 13, steps, net.inputs.length);
      const compiled = net.compile();
      expect(compiled.kind).toBe('csr');
      expect(compiled.layers).toEqual([]);
      const got = compiled.runSequence(flat, steps);
      const want = net.runSequence(rows);
      const width = net.outputs.length;
      want.forEach((outputs, t) => {
        expectClose(byId(got.subarray(t * width, (t + 1) * width), net.outputs), outputs);
      });
      expect(compiled.time).toBe(steps);

      // One step at a time gives the same numbers, bit for bit.
      compiled.reset();
      const stepped = rows.flatMap((row) => [...compiled.run(row)]);
      expect(Float64Array.from(stepped)).toStrictEqual(got);

      // Two halves, the second without a reset, are the whole sequence.
      const half = Math.floor(steps / 2);
      const inputs = net.inputs.length;
      const first = compiled.runSequence(flat.subarray(0, half * inputs), half);
      const second = compiled.runSequence(flat.subarray(half * inputs), steps - half, undefined, { reset: false });
      expect(Float64Array.from([...first, ...second])).toStrictEqual(got);
      expect(compiled.time).toBe(steps);
    }
  });

  it('gives the numbers of the scheduler bit for bit on Elman and LSTM networks, over 200 steps', () => {
    for (const net of [Network.elman([2, 6, 2], { seed: 3 }), Network.lstm([2, 4, 2], { seed: 3 })]) {
      const { flat, rows } = randomSteps(11, 200, 2);
      const got = net.compile().runSequence(flat, 200);
      const want = net.runSequence(rows).flatMap((outputs) => net.outputs.map((id) => outputs[id]!));
      expect(got).toStrictEqual(Float64Array.from(want));
    }
  });

  it('runs short delays in its own order (step-program.ts), bit for bit, and long ones on the plan', () => {
    const nets = [Network.lstm([6, 7, 6], { seed: 2 }), Network.lstm([3, 5, 2], { seed: 4 })];
    for (let seed = 1; seed <= 30; seed++) {
      const maxDelay = seed <= 10 ? 1 : seed <= 20 ? 4 : 7;
      nets.push(randomRecurrentNetwork(seed, { hidden: 4 + (seed % 5), products: 0.3, delayed: 4, maxDelay }));
    }
    nets.forEach((net, n) => {
      const { flat, rows } = randomSteps(n + 5, 40, net.inputs.length);
      const got = net.compile().runSequence(flat, 40);
      const want = net.runSequence(rows).flatMap((outputs) => net.outputs.map((id) => outputs[id]!));
      expect(got).toStrictEqual(Float64Array.from(want));
    });
  });

  it('keeps one memory across run, runSequence (continued, reset, failing) and reset(), bit for bit', () => {
    const nets = [
      Network.lstm([3, 5, 2], { seed: 6 }),
      randomRecurrentNetwork(7, { hidden: 6, delayed: 5, maxDelay: 4 }),
    ];
    for (const net of nets) {
      // A neuron that overflows on a large input, so that a sequence can fail part-way.
      net.addNeuron('fragile', { activation: 'identity' }).connect(net.inputs[0]!, 'fragile', 1e300);
      const width = net.inputs.length;
      const { flat, rows } = randomSteps(21, 10, width);
      const want = net.compile().runSequence(flat, 10);
      const outputs = net.outputs.length;
      const compiled = net.compile();
      const got: number[] = [];
      const sequence = (from: number, to: number, reset: boolean) =>
        got.push(...compiled.runSequence(flat.subarray(from * width, to * width), to - from, undefined, { reset }));
      got.push(...compiled.run(rows[0]!), ...compiled.run(rows[1]!));
      sequence(2, 5, false);
      const huge = new Float64Array(2 * width).fill(1e10);
      expect(() => compiled.runSequence(huge, 2, undefined, { reset: false })).toThrow(NumericError);
      got.push(...compiled.run(rows[5]!));
      sequence(6, 8, false);
      got.push(...compiled.run(rows[8]!), ...compiled.run(rows[9]!));
      expect(Float64Array.from(got)).toStrictEqual(want);

      compiled.reset();
      got.length = 0;
      got.push(...compiled.run(rows[0]!));
      sequence(1, 4, false);
      expect(Float64Array.from(got)).toStrictEqual(want.subarray(0, 4 * outputs));
      sequence(0, 3, true);
      got.push(...compiled.run(rows[3]!));
      expect(Float64Array.from(got.slice(4 * outputs))).toStrictEqual(want.subarray(0, 4 * outputs));
    }
  });

  it('names the first failing neuron in the network order, whatever its own order', () => {
    // "a" (tanh) comes before "b" (sigmoid) in the network; the compiled form sorts b first.
    const net = new Network()
      .addInput('x')
      .addNeuron('a', { activation: 'tanh' })
      .addNeuron('b', { activation: 'sigmoid' })
      .addOutput('y', { activation: 'identity' })
      .connect('x', 'a', 1e300)
      .connect('x', 'b', 1e300)
      .connect('a', 'y', 1)
      .connect('b', 'y', 1)
      .connect('y', 'a', 0.5, { delay: 1 });
    const compiled = net.compile();
    expect(compiled.run([1])).toStrictEqual(Float64Array.from([net.run([1]).y!]));
    expect(() => net.run([1e10])).toThrow(/"a"/);
    expect(() => compiled.run([1e10])).toThrow(/"a"/);
    expect(compiled.time).toBe(1);
  });

  it('counts time by steps, and reset() forgets every earlier output', () => {
    const compiled = integrator().compile();
    expect(compiled.time).toBe(0);
    expect([...compiled.run([1])]).toEqual([1]);
    expect([...compiled.run([1])]).toEqual([1.5]);
    expect([...compiled.run([0])]).toEqual([0.75]);
    expect(compiled.time).toBe(3);
    expect(compiled.reset()).toBe(compiled);
    expect(compiled.time).toBe(0);
    expect([...compiled.run([1])]).toEqual([1]);

    // runSequence resets first unless told not to.
    expect([...compiled.runSequence([1, 1], 2)]).toEqual([1, 1.5]);
    expect(compiled.time).toBe(2);
    expect([...compiled.runSequence([0], 1, undefined, { reset: false })]).toEqual([0.75]);
    expect(compiled.time).toBe(3);
    expect([...compiled.runSequence([0], 1, new Float64Array(1), { reset: true })]).toEqual([0]);
    expect(compiled.time).toBe(1);

    // An empty sequence still resets.
    compiled.run([4]);
    expect(compiled.runSequence([], 0)).toStrictEqual(new Float64Array(0));
    expect(compiled.time).toBe(0);
    expect([...compiled.run([0])]).toEqual([0]);
  });

  it('writes into out without allocating a result, in run and runSequence', () => {
    const compiled = integrator().compile();
    const out = new Float64Array(3);
    expect(compiled.runSequence(Float64Array.of(1, 1, 0), 3, out)).toBe(out);
    expect([...out]).toEqual([1, 1.5, 0.75]);
    const one = new Float64Array(1);
    expect(compiled.run([0], one)).toBe(one);
    expect([...one]).toEqual([0.375]);
  });

  it('starts with an empty memory and keeps its own: the network and other compilations are not shared', () => {
    const net = integrator();
    net.run([1]);
    net.run([1]);
    const a = net.compile();
    const b = net.compile();
    expect(a.time).toBe(0);
    expect([...a.run([1])]).toEqual([1]);
    expect([...a.run([1])]).toEqual([1.5]);
    expect([...b.run([0])]).toEqual([0]);
    expect(net.time).toBe(2);
    expect(net.run([0])).toEqual({ y: 0.75 });
  });

  it('is a snapshot: later weight and structure changes do not reach it', () => {
    const net = integrator();
    const compiled = net.compile();
    net.setWeight('y', 'y', 2).setWeight('x', 'y', 3);
    expect([...compiled.runSequence([1, 1, 1], 3)]).toEqual([1, 1.5, 1.75]);
    net.addInput('z').connect('z', 'y', 1).disconnect('y', 'y');
    expect(compiled.inputs).toEqual(['x']);
    expect([...compiled.runSequence([1, 1, 1], 3)]).toEqual([1, 1.5, 1.75]);
    expect([...net.compile().runSequence([1, 1, 1, 1], 2)]).toEqual([4, 4]);
  });

  it('a step that fails leaves memory, time and out as they were', () => {
    const compiled = fragile().compile();
    const twin = fragile().compile();
    compiled.run([1]);
    twin.run([1]);
    expect(() => compiled.run([1e10])).toThrow(NumericError);
    expect(() => compiled.run([1e10])).toThrow(expect.objectContaining({ neuron: 'y' }));
    expect(compiled.time).toBe(1);
    expect(nextAnswer(compiled, [0])).toEqual(nextAnswer(twin, [0]));

    // A sequence is all or nothing, with or without its reset.
    const out = new Float64Array(3).fill(7);
    expect(() => compiled.runSequence([1, 0, 1e10], 3, out, { reset: false })).toThrow(/"y" in step 2/);
    expect(() => compiled.runSequence([1, 0, 1e10], 3, out)).toThrow(NumericError);
    expect([...out]).toEqual([7, 7, 7]);
    expect(compiled.time).toBe(2);
    expect(nextAnswer(compiled, [0])).toEqual(nextAnswer(twin, [0]));
    expect(nextAnswer(compiled, [1])).toEqual(nextAnswer(twin, [1]));
  });

  it('refuses bad arguments with an InputError or UsageError, changing nothing', () => {
    const compiled = new Network()
      .addInput('a')
      .addInput('b')
      .addOutput('y', { activation: 'identity' })
      .connect('a', 'y', 1)
      .connect('b', 'y', 1)
      .connect('y', 'y', 0.5, { delay: 2 })
      .compile();
    const twin = Network.fromJSON(
      new Network()
        .addInput('a')
        .addInput('b')
        .addOutput('y', { activation: 'identity' })
        .connect('a', 'y', 1)
        .connect('b', 'y', 1)
        .connect('y', 'y', 0.5, { delay: 2 })
        .toJSON(),
    ).compile();
    for (const c of [compiled, twin]) c.runSequence([1, 1, 2, 0], 2);

    const inputs: [unknown, unknown][] = [
      [[1, 2, 3], 2],
      [[1, 2], 2],
      [[1, 2, 3, 4], 1],
      [new BigInt64Array(4), 2],
      [new BigUint64Array(4), 2],
      [new DataView(new ArrayBuffer(32)), 2],
      [[1, 2, 3, 2n], 2],
      [[1, 2, 3, '4'], 2],
      [[1, 2, 3, Number.NaN], 2],
      [[1, 2, 3, Number.POSITIVE_INFINITY], 2],
      [null, 2],
      ['1234', 2],
      [{}, 2],
      [[1, 2], 1.5],
      [[1, 2], -1],
      [[1, 2], Number.NaN],
      [[1, 2], Number.POSITIVE_INFINITY],
      [[1, 2], '1'],
      [[1, 2], 1n],
      [[1, 2], null],
      [[1, 2], undefined],
    ];
    for (const [given, steps] of inputs) {
      expect(() => compiled.runSequence(given as never, steps as never), `${String(given)} × ${String(steps)}`).toThrow(
        InputError,
      );
    }
    expect(() => compiled.runSequence([1, 2, 3, Number.NaN], 2)).toThrow(/"b" in step 1 is not a finite number/);
    expect(() => compiled.runSequence([1, 2, 3], 2)).toThrow(/got 3 values for 2 steps of 2 inputs/);
    for (const out of [new Float64Array(1), new Float64Array(3), [0, 0], new Float32Array(2), 'out']) {
      expect(() => compiled.runSequence([1, 2, 3, 4], 2, out as never)).toThrow(InputError);
    }
    for (const options of [3, null, [], { reset: 'yes' }, { reset: 1 }, { rest: false }]) {
      const call = () => compiled.runSequence([1, 2, 3, 4], 2, undefined, options as never);
      expect(call, JSON.stringify(options)).toThrow(UsageError);
      expect(call).not.toThrow(InputError);
    }
    for (const input of [[1], [1, 2, 3], new BigInt64Array(2), null, [1, Number.NaN]]) {
      expect(() => compiled.run(input as never)).toThrow(InputError);
    }

    // Rows of a batch would depend on each other: runBatch points to runSequence.
    expect(() => compiled.runBatch([1, 2, 3, 4], 2)).toThrow(UsageError);
    expect(() => compiled.runBatch([1, 2, 3, 4], 2)).toThrow(/runSequence/);

    expect(compiled.time).toBe(2);
    expect(compiled.runSequence([0, 0, 0, 0, 1, 0], 3, undefined, { reset: false })).toStrictEqual(
      twin.runSequence([0, 0, 0, 0, 1, 0], 3, undefined, { reset: false }),
    );
  });

  it('refuses a sequence too long to hold with an InputError, not a RangeError', () => {
    const oscillator = new Network()
      .addOutput('y', { activation: 'identity' })
      .addBias('bias', { weight: 1 })
      .connect('y', 'y', -1, { delay: 1 })
      .compile();
    expect([...oscillator.runSequence([], 4)]).toEqual([1, 0, 1, 0]);
    expect(() => oscillator.runSequence([], 2 ** 40)).toThrow(InputError);
    expect(oscillator.time).toBe(4);
  });

  it('a network of product neurons without delays remembers nothing and runs batches', () => {
    const net = new Network()
      .addInput('a')
      .addInput('b')
      .addNeuron('g', { aggregate: 'product', activation: 'identity' })
      .addOutput('y', { activation: 'tanh' })
      .connect('a', 'g', 2)
      .connect('b', 'g', 0.5)
      .connect('g', 'y', 1)
      .connect('a', 'y', -0.25);
    const compiled = net.compile();
    expect(compiled.kind).toBe('csr');
    const rows = [0.5, -1, 2, 0.25, -0.75, 0.5];
    const batch = compiled.runBatch(rows, 3);
    expect(compiled.time).toBe(0);
    expect(compiled.runSequence(rows, 3)).toStrictEqual(batch);
    for (let s = 0; s < 3; s++) {
      const row = rows.slice(2 * s, 2 * s + 2);
      expect(compiled.run(row)[0]).toBe(batch[s]);
      expectClose(byId(compiled.run(row), compiled.outputs), net.run(row));
    }
    expect(compiled.time).toBe(9);
  });
});

describe.each([
  ['dense', () => Network.layered([2, 3, 1], { seed: 5 }).compile()],
  ['csr', () => Network.layered([2, 3, 1], { seed: 5 }).connect('x0', 'y0', 0.5).compile()],
] as const)('a compiled feed-forward network (%s)', (kind, compile) => {
  it('has no state: the same input gives the same output every time, and a sequence is a batch', () => {
    const compiled = compile();
    expect(compiled.kind).toBe(kind);
    const first = compiled.run([0.5, -1]).slice();
    expect(compiled.run([0.5, -1])).toStrictEqual(first);
    expect(compiled.run([2, 3])).not.toStrictEqual(first);
    expect(compiled.run([0.5, -1])).toStrictEqual(first);
    expect(compiled.time).toBe(4);

    const rows = Float64Array.of(0.5, -1, 2, 3, 0.5, -1);
    const batch = compiled.runBatch(rows, 3).slice();
    expect(compiled.time).toBe(4);
    expect(compiled.runSequence(rows, 3)).toStrictEqual(batch);
    expect(compiled.time).toBe(3);
    expect(compiled.runSequence(rows, 3, undefined, { reset: false })).toStrictEqual(batch);
    expect(compiled.time).toBe(6);
    expect(compiled.reset().time).toBe(0);
    expect(compiled.run([0.5, -1])).toStrictEqual(first);
  });

  it('names a failing step of a sequence and changes nothing', () => {
    const net = Network.layered([2, 3, 1], { seed: 5 }).setWeight('x0', 'h1_1', 1).setWeight('x1', 'h1_1', 1);
    if (kind === 'csr') net.connect('x0', 'y0', 0);
    const compiled = net.compile();
    compiled.run([0, 0]);
    const out = new Float64Array(2).fill(7);
    expect(() => compiled.runSequence([0, 0, 1e308, 1e308], 2, out)).toThrow(/"h1_1" in step 1/);
    expect([...out]).toEqual([7, 7]);
    expect(compiled.time).toBe(1);
  });
});
