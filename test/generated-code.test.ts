import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { forwardSource, GENERATED_MAX_SIZE, generatedForward } from '../src/executors/generated-code.js';
import { Network, NumericError } from '../src/index.js';
import { planOf } from '../src/plan/plan-cache.js';
import { stepSource } from '../src/train/generated-step.js';
import { generatedNetworkOf, sameBits } from './support/generated-networks.js';
import { randomNetwork } from './support/random-network.js';
import { hostileSourceIds } from './support/hostile-ids.js';

describe('generated code', () => {
  it('equals the scheduler bit for bit on hundreds of random small networks and inputs', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { minLength: 8, maxLength: 8 }),
        (seed, values) => {
          const net = generatedNetworkOf(seed);
          const compiled = net.compile();
          expect(compiled.generated).toBe(true);
          const row = Float64Array.from(net.inputs, (_id, i) => values[i % values.length]!);
          const scheduled = Object.values(net.run(row));
          expect(sameBits(compiled.run(row), scheduled)).toBe(true);
          // The usual call (a Float64Array in, one out) takes the row without readRows: the same bits.
          const out = new Float64Array(net.outputs.length);
          expect(compiled.run(row, out)).toBe(out);
          expect(sameBits(out, scheduled)).toBe(true);
          // A batch row is the same function on that row.
          expect(
            sameBits(compiled.runBatch(Float64Array.from([...row, ...row]), 2), [...scheduled, ...scheduled]),
          ).toBe(true);
        },
      ),
      { numRuns: 400, seed: 13 },
    );
  });

  it('keeps the shape the loops would show: dense layers for a layered network, csr otherwise', () => {
    const layered = Network.layered([2, 3, 1], { seed: 1 }).compile();
    expect([layered.generated, layered.kind, layered.layers.length]).toEqual([true, 'dense', 2]);
    const dag = randomNetwork(3, { hidden: 4 }).compile();
    expect([dag.generated, dag.kind, dag.layers.length]).toEqual([true, 'csr', 0]);
  });

  it('is chosen by size: a network past the crossover runs on the loops, with the same answers', () => {
    const big = Network.layered([40, 40, 10], { seed: 2 });
    const plan = planOf(big);
    expect(plan.sources.length + plan.size).toBeGreaterThan(GENERATED_MAX_SIZE);
    const compiled = big.compile();
    expect(compiled.generated).toBe(false);
    const row = Float64Array.from({ length: 40 }, (_, i) => Math.sin(i));
    const scheduled = Object.values(big.run(row));
    compiled.run(row).forEach((value, k) => expect(value).toBeCloseTo(scheduled[k]!, 12));
  });

  it('refuses a row that leaves the finite numbers as the scheduler does, naming the same neuron, writing nothing', () => {
    const net = new Network()
      .addInput('x')
      .addNeuron('h', { activation: 'identity' })
      .addOutput('y', { activation: 'identity' })
      .connect('x', 'h', 1e308)
      .connect('h', 'y', 1);
    const compiled = net.compile();
    expect(compiled.generated).toBe(true);
    const out = Float64Array.of(7);
    expect(() => compiled.run([10], out)).toThrow(expect.objectContaining({ neuron: 'h' }));
    expect(() => compiled.run([10], out)).toThrow(NumericError);
    expect(out).toStrictEqual(Float64Array.of(7));
    const batchOut = Float64Array.of(7, 7);
    expect(() => compiled.runBatch(Float64Array.of(1e-300, 10), 2, batchOut)).toThrow(/"h" in row 1/);
    expect(batchOut).toStrictEqual(Float64Array.of(7, 7));
  });

  it('splices no id into its source: hostile ids give the same source text as plain ones', () => {
    const hostile = [...hostileSourceIds, 'v0', 'w[0]'];
    const build = (ids: readonly string[]) => {
      const [a, b, h1, h2, y] = ids;
      return new Network()
        .addInput(a!)
        .addInput(b!)
        .addNeuron(h1!, { activation: 'tanh' })
        .addNeuron(h2!, { activation: { name: 'leakyRelu', alpha: 0.1 } })
        .addOutput(y!, { activation: 'sigmoid' })
        .addBias(ids[5]!)
        .connect(a!, h1!, 0.5)
        .connect(b!, h1!, -0.25)
        .connect(a!, h2!, 2)
        .connect(h1!, y!, 1.5)
        .connect(h2!, y!, -1)
        .connect(b!, y!, 0.75);
    };
    for (let shift = 0; shift < hostile.length; shift++) {
      const ids = Array.from({ length: 6 }, (_, k) => hostile[(shift + k) % hostile.length]!);
      const evil = build(ids);
      const plain = build(['a', 'b', 'h1', 'h2', 'y', 'bias']);
      const evilPlan = planOf(evil);
      const source = forwardSource(evilPlan);
      expect(source).toBe(forwardSource(planOf(plain)));
      expect(stepSource(evilPlan, 'mse')).toBe(stepSource(planOf(plain), 'mse'));
      // (the last two ids are lookalikes of the generated names, so the source holds their text anyway)
      for (const id of ids) if (id !== 'v0' && id !== 'w[0]') expect(source).not.toContain(id);
      const compiled = evil.compile();
      expect(compiled.generated).toBe(true);
      expect(sameBits(compiled.run([0.3, -0.7]), Object.values(evil.run([0.3, -0.7])))).toBe(true);
    }
    expect((globalThis as { pwned?: unknown }).pwned).toBeUndefined();
  });

  it('reads weights from the array it is given: one structure, one source, whatever the weights', () => {
    const net = Network.layered([3, 4, 2], { seed: 5 });
    const before = forwardSource(planOf(net));
    const forward = generatedForward(planOf(net));
    const compiled = net.compile();
    net.setWeight('x0', 'h1_0', 123.5).randomizeWeights({ seed: 9 });
    expect(forwardSource(planOf(net))).toBe(before);
    // The weights were patched into the same plan: the same function serves it, nothing generated again.
    expect(generatedForward(planOf(net))).toBe(forward);
    expect(before).not.toContain('123.5');
    // The compiled snapshot keeps its own weights; compiling again takes the new ones.
    const row = [0.1, 0.2, 0.3];
    expect(sameBits(net.compile().run(row), Object.values(net.run(row)))).toBe(true);
    expect(sameBits(compiled.run(row), Object.values(net.run(row)))).toBe(false);
  });
});

describe('where code cannot be generated from strings', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  it('compile() and training keep the loops, detected once (new Function stubbed to throw as under a strict CSP)', async () => {
    let attempts = 0;
    vi.stubGlobal(
      'Function',
      new Proxy(Function, {
        construct() {
          attempts++;
          throw new EvalError('Code generation from strings disallowed for this context');
        },
      }),
    );
    vi.resetModules();
    const fresh = await import('../src/index.js');
    const net = fresh.Network.layered([2, 3, 1], { seed: 1 });
    const compiled = net.compile();
    expect(compiled.generated).toBe(false);
    expect(compiled.run([1, 0])[0]).toBeCloseTo(net.run([1, 0]).y0!, 12);
    const trainer = new fresh.Trainer(net, { learningRate: 0.5, epochs: 5, shuffle: false });
    await trainer.train([{ input: [0, 1], output: [1] }]);
    net.compile();
    expect(attempts).toBe(1);
  });

  it('under node --disallow-code-generation-from-strings, compile() runs the loops', () => {
    const script =
      "import('./src/index.ts').then(({ Network }) => { const net = Network.layered([2, 2, 1], { seed: 1 }); " +
      'const compiled = net.compile(); const run = net.run([1, 0]); ' +
      'console.log(JSON.stringify({ generated: compiled.generated, close: Math.abs(compiled.run([1, 0])[0] - Object.values(run)[0]) < 1e-12 })); });';
    const output = execFileSync(
      process.execPath,
      ['--disallow-code-generation-from-strings', '--import', 'tsx', '--input-type=module', '-e', script],
      { encoding: 'utf8' },
    );
    expect(JSON.parse(output.trim())).toEqual({ generated: false, close: true });
  });
});
