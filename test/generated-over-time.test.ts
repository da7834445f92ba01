/**
 * Generated code over time
 * ========================
 *
 * compile() of a small network with delayed connections or product neurons runs one generated
 * function per step (generated-over-time.ts). Checked against the scheduler (`Network.run`, one
 * step at a time) and the step program (the loops it replaces), bit for bit (-0 included), on
 * many seeded random recurrent networks: delays 1 … 4, self-loops, product neurons, softmax
 * outputs, activations with parameters, reset() and sequences across many steps; failing steps
 * change nothing and name the scheduler's neuron; hostile ids give the same source.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CsrOverTimeCompiledNetwork } from '../src/executors/csr-over-time-compiled.js';
import {
  GENERATED_OVER_TIME_MAX_SIZE,
  generatedOverTime,
  stateLayout,
  stepSource,
} from '../src/executors/generated-over-time.js';
import { createRandom, type CompiledNetwork, Network, NumericError } from '../src/index.js';
import { planOf } from '../src/plan/plan-cache.js';
import { pick } from './support/random-network.js';
import { randomRecurrentNetwork } from './support/recurrent-network.js';
import { hostileSourceIds } from './support/hostile-ids.js';

/** A random recurrent network, sometimes with a softmax group reading it now and earlier, and odd activations. */
function randomNetwork(seed: number): Network {
  const random = createRandom(seed);
  const net = randomRecurrentNetwork(seed, {
    inputs: 1 + (seed % 3),
    hidden: 2 + (seed % 7),
    outputs: seed % 4 === 0 ? 0 : 1 + (seed % 3),
    products: 0.3,
    density: 0.3 + random() * 0.4,
    delayed: 2 + (seed % 6),
    maxDelay: 1 + (seed % 4),
  });
  const computed = net.neurons.filter((id) => id.startsWith('h') || id.startsWith('y'));
  // Parameters reach the source as numbers; a self-loop on each.
  net.addNeuron('stepper', { activation: { name: 'step', threshold: -0.25 } });
  net.addNeuron('leaky', { activation: { name: 'leakyRelu', alpha: 0.3 }, role: 'output' });
  net.connect(net.inputs[0]!, 'stepper', 0.75).connect('stepper', 'leaky', -1.5);
  net.connect('leaky', 'leaky', 0.5, { delay: 1 }).connect('stepper', 'stepper', 1, { delay: 1 + (seed % 3) });
  if (computed.length > 0) net.connect(pick(random, computed), 'leaky', 0.25, { delay: 2 });
  // One-term sums without a bias, whose -0 the scheduler's leading 0 + turns into 0 (an input of -0 gives one).
  net.addNeuron('signed', { activation: 'identity', role: 'output' }).connect(net.inputs[0]!, 'signed', 2);
  net.addNeuron('squashed', { activation: 'tanh', role: 'output' }).connect('signed', 'squashed', 0.5, { delay: 1 });
  if (seed % 4 === 0 || seed % 5 === 0) {
    for (let k = 0; k < 2 + (seed % 3); k++) {
      net.addOutput(`p${k}`, { activation: 'softmax' });
      computed.forEach((id, i) => {
        if (random() < 0.6)
          net.connect(id, `p${k}`, Math.round((random() * 2 - 1) * 1000) / 1000, { delay: (i + k) % 3 });
      });
    }
  }
  return net;
}

/** Values as a list, compared with Object.is (so -0 and 0 differ). */
function same(actual: ArrayLike<number>, expected: ArrayLike<number>): boolean {
  if (actual.length !== expected.length) return false;
  for (let k = 0; k < actual.length; k++) if (!Object.is(actual[k], expected[k])) return false;
  return true;
}

const input = fc.oneof(
  { weight: 6, arbitrary: fc.double({ min: -3, max: 3, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(0, -0, 1, -1) },
);

describe('generated code over time', () => {
  it('equals the scheduler and the step program bit for bit on random recurrent networks, over many steps and resets', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.array(input, { minLength: 40, maxLength: 120 }),
        (seed, values) => {
          const net = randomNetwork(seed);
          const compiled = net.compile();
          expect(compiled.generated).toBe(true);
          const loops = new CsrOverTimeCompiledNetwork(planOf(net));
          net.reset();
          const width = net.inputs.length;
          const steps = Math.floor(values.length / width);
          for (let t = 0; t < steps; t++) {
            // A reset of all three, now and then, in the middle of the run.
            if (t === 17 || t === 31) {
              net.reset();
              compiled.reset();
              loops.reset();
            }
            const row = Float64Array.from(values.slice(t * width, (t + 1) * width));
            const scheduled = Object.values(net.run(row));
            expect(same(compiled.run(row), scheduled)).toBe(true);
            expect(same(loops.run(row), scheduled)).toBe(true);
          }
        },
      ),
      { numRuns: 300, seed: 21 },
    );
  });

  it('runs the LSTMs and Elman networks it is chosen for, bit for bit, across sequences continued and reset', () => {
    const nets = [
      Network.lstm([6, 7, 6], { seed: 2 }),
      Network.lstm([3, 5, 2], { seed: 4, outputActivation: 'softmax' }),
      Network.elman([4, 16, 4], { seed: 5 }),
    ];
    for (const [n, net] of nets.entries()) {
      const compiled = net.compile();
      expect(compiled.generated).toBe(true);
      const loops = new CsrOverTimeCompiledNetwork(planOf(net));
      const random = createRandom(n + 1);
      const flat = Float64Array.from({ length: 300 * net.inputs.length }, () => random() * 4 - 2);
      const width = net.inputs.length;
      const want = loops.runSequence(flat, 300);
      expect(same(compiled.runSequence(flat, 300), want)).toBe(true);
      // The same steps in pieces: run, a continued sequence, run again.
      compiled.reset();
      const got: number[] = [...compiled.run(flat.subarray(0, width))];
      got.push(...compiled.runSequence(flat.subarray(width, 200 * width), 199, undefined, { reset: false }));
      for (let t = 200; t < 300; t++) got.push(...compiled.run(flat.subarray(t * width, (t + 1) * width)));
      expect(same(got, want)).toBe(true);
      expect(compiled.time).toBe(300);
      // A reset sequence starts over.
      expect(
        same(compiled.runSequence(flat.subarray(0, 10 * width), 10), want.subarray(0, 10 * net.outputs.length)),
      ).toBe(true);
    }
  });

  it('runs batches of a network with product neurons and no delays, row by row as run', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const net = randomRecurrentNetwork(seed, { products: 0.5, delayed: 0 });
      if (planOf(net).productCount === 0) continue;
      const compiled = net.compile();
      expect(compiled.generated).toBe(true);
      const random = createRandom(seed);
      const rows = Float64Array.from({ length: 5 * net.inputs.length }, () => random() * 2 - 1);
      const batch = compiled.runBatch(rows, 5);
      const width = net.inputs.length;
      const stepped = Array.from({ length: 5 }, (_, r) => [
        ...Object.values(net.run(rows.subarray(r * width, (r + 1) * width))),
      ]);
      expect(same(batch, stepped.flat())).toBe(true);
    }
  });

  it('refuses a failing step as the scheduler does, naming the same neuron, changing nothing', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const net = randomNetwork(seed);
      // A neuron that overflows on a large input, read later by a delayed connection.
      net.addNeuron('fragile', { activation: 'identity' }).connect(net.inputs[0]!, 'fragile', 1e300);
      net.connect('fragile', 'leaky', 1e-300, { delay: 1 });
      const compiled = net.compile();
      expect(compiled.generated).toBe(true);
      const width = net.inputs.length;
      const random = createRandom(seed);
      const rows = Array.from({ length: 6 }, () => Float64Array.from({ length: width }, () => random() * 2 - 1));
      const huge = new Float64Array(width).fill(1e10);
      net.reset();
      for (const row of rows.slice(0, 3)) same(compiled.run(row), Object.values(net.run(row)));
      let scheduled: unknown;
      try {
        net.run(huge);
      } catch (error) {
        scheduled = error;
      }
      expect(scheduled).toBeInstanceOf(NumericError);
      const out = new Float64Array(net.outputs.length).fill(7);
      expect(() => compiled.run(huge, out)).toThrow(
        expect.objectContaining({ neuron: (scheduled as NumericError).neuron }),
      );
      expect(out).toStrictEqual(new Float64Array(net.outputs.length).fill(7));
      const sequenceOut = new Float64Array(2 * net.outputs.length).fill(7);
      expect(() =>
        compiled.runSequence(Float64Array.from([...rows[3]!, ...huge]), 2, sequenceOut, { reset: false }),
      ).toThrow(/in step 1/);
      expect(sequenceOut).toStrictEqual(new Float64Array(2 * net.outputs.length).fill(7));
      expect(compiled.time).toBe(3);
      // Nothing was remembered of the failed steps: the next steps go on as the scheduler's.
      for (const row of rows.slice(3)) expect(same(compiled.run(row), Object.values(net.run(row)))).toBe(true);
    }
  });

  it('splices no id into its source: hostile ids give the same source text as plain ones', () => {
    const hostile = [...hostileSourceIds, 'r0_1', 'm[0]'];
    const build = (ids: readonly string[]) => {
      const [a, g, h, s, y, bias, p0, p1] = ids;
      return new Network()
        .addInput(a!)
        .addBias(bias!)
        .addNeuron(g!, { activation: 'sigmoid' })
        .addNeuron(h!, { activation: { name: 'leakyRelu', alpha: 0.1 }, aggregate: 'product' })
        .addNeuron(s!, { activation: 'tanh' })
        .addOutput(y!, { activation: { name: 'step', threshold: 0.2 } })
        .addOutput(p0!, { activation: 'softmax' })
        .addOutput(p1!, { activation: 'softmax' })
        .connect(a!, g!, 0.5)
        .connect(bias!, g!, 0.125)
        .connect(g!, h!, 1)
        .connect(s!, h!, 1, { delay: 1 })
        .connect(h!, s!, 2)
        .connect(s!, s!, 0.5, { delay: 2 })
        .connect(s!, y!, 1.5)
        .connect(bias!, s!, -0.25, { delay: 1 })
        .connect(h!, p0!, 1)
        .connect(s!, p1!, -1, { delay: 1 });
    };
    const plain = build(['a', 'g', 'h', 's', 'y', 'bias', 'p0', 'p1']);
    const plainSource = stepSource(planOf(plain));
    for (let shift = 0; shift < hostile.length; shift++) {
      const ids = Array.from({ length: 8 }, (_, k) => hostile[(shift + k) % hostile.length]!);
      const evil = build(ids);
      const source = stepSource(planOf(evil));
      expect(source).toBe(plainSource);
      // (the last two ids are lookalikes of the generated names, so the source holds their text anyway)
      for (const id of ids) if (id !== 'r0_1' && id !== 'm[0]') expect(source).not.toContain(id);
      const compiled = evil.compile();
      expect(compiled.generated).toBe(true);
      for (const x of [0.3, -0.7, 2, 0]) expect(same(compiled.run([x]), Object.values(evil.run([x])))).toBe(true);
    }
    expect((globalThis as { pwned?: unknown }).pwned).toBeUndefined();
  });

  it('reads weights from the array it is given: one structure, one source; each compile keeps its snapshot', () => {
    const net = Network.lstm([2, 3, 1], { seed: 5 });
    const before = stepSource(planOf(net));
    const step = generatedOverTime(planOf(net))!.step;
    const compiled = net.compile();
    net.setWeight('x0', 'c0_in', 123.5).randomizeWeights({ seed: 9 });
    expect(stepSource(planOf(net))).toBe(before);
    expect(before).not.toContain('123.5');
    // A new plan of the same structure (a neuron added and removed) gets the same function, not a new closure.
    const plan = planOf(net);
    net.addNeuron('extra').removeNeuron('extra');
    expect(planOf(net)).not.toBe(plan);
    expect(generatedOverTime(planOf(net))!.step).toBe(step);
    const row = [0.1, 0.2];
    const fresh = net.compile();
    net.reset();
    const scheduled = Object.values(net.run(row));
    expect(same(fresh.run(row), scheduled)).toBe(true);
    expect(same(compiled.run(row), scheduled)).toBe(false);
  });

  it('is chosen by size: a network past the limit runs on the step program, with the same answers', () => {
    const big = Network.lstm([10, 16, 8], { seed: 2 });
    const plan = planOf(big);
    expect(plan.sources.length + plan.size + stateLayout(plan).length).toBeGreaterThan(GENERATED_OVER_TIME_MAX_SIZE);
    expect(generatedOverTime(plan)).toBeNull();
    const compiled: CompiledNetwork = big.compile();
    expect(compiled.generated).toBe(false);
    const random = createRandom(4);
    const flat = Float64Array.from({ length: 20 * 10 }, () => random() * 2 - 1);
    expect(same(compiled.runSequence(flat, 20), new CsrOverTimeCompiledNetwork(plan).runSequence(flat, 20))).toBe(true);
  });
});

describe('generated code over time, where code cannot be generated from strings', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  it('compile() keeps the step program (new Function stubbed to throw as under a strict CSP)', async () => {
    vi.stubGlobal(
      'Function',
      new Proxy(Function, {
        construct() {
          throw new EvalError('Code generation from strings disallowed for this context');
        },
      }),
    );
    vi.resetModules();
    const fresh = await import('../src/index.js');
    const net = fresh.Network.lstm([2, 3, 1], { seed: 1 });
    const compiled = net.compile();
    expect(compiled.generated).toBe(false);
    expect(same(compiled.run([1, 0]), Object.values(net.run([1, 0])))).toBe(true);
  });
});
