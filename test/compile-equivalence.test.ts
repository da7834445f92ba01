import { describe, expect, it } from 'vitest';
import { InputError, Network, NumericError, UsageError, createRandom, type ActivationSpec } from '../src/index.js';
import { byId, expectClose } from './support/close.js';
import { neuronActivationNames, pick, randomNetwork } from './support/random-network.js';

const specs: ActivationSpec[] = [
  ...neuronActivationNames,
  { name: 'step', threshold: -0.2 },
  { name: 'leakyRelu', alpha: 0.3 },
];

function randomLayered(seed: number): Network {
  const random = createRandom(seed);
  const depth = 2 + Math.floor(random() * 4);
  const sizes = Array.from({ length: depth }, () => 1 + Math.floor(random() * 7));
  const net = Network.layered(sizes, {
    activation: pick(random, specs),
    outputActivation: pick(random, specs),
    bias: random() < 0.7,
    seed,
  });
  // Drop a few connections: still layered unless a neuron loses all of its inputs.
  const edges = net.graph.mapEdges((_e, _a, source, target) => [source, target] as const);
  for (const [from, to] of edges) if (random() < 0.1) net.disconnect(from, to);
  return net;
}

function randomRows(seed: number, width: number, count: number): Float64Array {
  const random = createRandom(seed);
  return Float64Array.from({ length: width * count }, () => random() * 6 - 3);
}

/** A compiled result (in output order) against the scheduled run's record. */
function expectSameOutputs(compiled: Float64Array, scheduled: Record<string, number>, outputs: readonly string[]) {
  expectClose(byId(compiled, outputs), scheduled);
}

describe('compiled and scheduled runs', () => {
  it('agree within 1e-12 on 200 seeded random networks, layered and arbitrary, every activation', () => {
    const kinds = { dense: 0, csr: 0 };
    for (let seed = 1; seed <= 200; seed++) {
      const net =
        seed % 2 === 0
          ? randomLayered(seed)
          : randomNetwork(seed, { hidden: seed % 13, outputs: 1 + (seed % 3), activations: specs });
      const compiled = net.compile();
      kinds[compiled.kind]++;
      const rows = randomRows(seed, net.inputs.length, 5);
      for (let s = 0; s < 5; s++) {
        const row = rows.subarray(s * net.inputs.length, (s + 1) * net.inputs.length);
        expectSameOutputs(compiled.run(row), net.run(row), net.outputs);
      }
    }
    // Both forms were exercised.
    expect(kinds.dense).toBeGreaterThan(60);
    expect(kinds.csr).toBeGreaterThan(60);
  });

  it('batch rows equal single runs bit for bit, across block edges', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const net = seed % 2 === 0 ? randomLayered(seed) : randomNetwork(seed, { activations: specs });
      const compiled = net.compile();
      const count = seed % 11; // 0 … 10 rows: full blocks of four and remainders
      const rows = randomRows(seed, net.inputs.length, count);
      const batch = compiled.runBatch(rows, count);
      expect(compiled.runBatch(Array.from(rows), count)).toStrictEqual(batch);
      const single = new Float64Array(count * net.outputs.length);
      for (let s = 0; s < count; s++) {
        single.set(
          compiled.run(rows.subarray(s * net.inputs.length, (s + 1) * net.inputs.length)),
          s * net.outputs.length,
        );
      }
      expect(batch).toStrictEqual(single);
    }
  });

  it('refuse the same overflowing runs, naming the same neuron, on 100 seeded random networks', () => {
    let refused = 0;
    for (let seed = 1; seed <= 100; seed++) {
      const net = seed % 2 === 0 ? randomLayered(seed) : randomNetwork(seed, { hidden: seed % 13, activations: specs });
      const compiled = net.compile();
      const row = Float64Array.from(net.inputs, (_id, i) => (i % 2 === 0 ? 1e308 : -1e308) * (0.5 + (seed % 3) * 0.25));
      let scheduled: unknown = null;
      try {
        net.run(row);
      } catch (error) {
        scheduled = error;
      }
      if (scheduled === null) {
        expectSameOutputs(compiled.run(row), net.run(row), net.outputs);
        continue;
      }
      refused++;
      expect(scheduled).toBeInstanceOf(NumericError);
      const neuron = (scheduled as NumericError).neuron;
      expect(() => compiled.run(row), `seed ${seed}`).toThrow(expect.objectContaining({ neuron }));
      expect(() => compiled.runBatch(row, 1), `seed ${seed}`).toThrow(expect.objectContaining({ neuron }));
    }
    expect(refused).toBeGreaterThan(15);
  });

  it('the dense form handles odd layer widths in the blocked kernel', () => {
    const net = Network.layered([7, 9, 5, 3], { activation: 'tanh', outputActivation: 'identity', seed: 3 });
    const compiled = net.compile();
    expect(compiled.kind).toBe('dense');
    const rows = randomRows(1, 7, 13);
    const batch = compiled.runBatch(rows, 13);
    for (let s = 0; s < 13; s++)
      expectSameOutputs(batch.subarray(s * 3, s * 3 + 3), net.run(rows.subarray(s * 7, s * 7 + 7)), net.outputs);
  });
});

describe('a compiled network', () => {
  it('is a snapshot: later changes to the network do not reach it', () => {
    const net = Network.layered([2, 3, 1], { seed: 4 });
    const compiled = net.compile();
    const before = compiled.run([0.5, -1]).slice();
    net.setWeight('x0', 'h1_0', 5).randomizeWeights({ seed: 99 });
    net.addNeuron('extra').connect('x1', 'extra', 1).connect('extra', 'y0', 2);
    expect(compiled.run([0.5, -1])).toStrictEqual(before);
    expect(net.compile().run([0.5, -1])[0]).toBeCloseTo(net.run([0.5, -1]).y0!, 12);
  });

  it('runs without allocating when given `out`, and returns it', () => {
    const compiled = Network.layered([2, 2, 1], { seed: 1 }).compile();
    const out = new Float64Array(1);
    expect(compiled.run([1, 0], out)).toBe(out);
  });

  it('refuses bad inputs with InputError', () => {
    const compiled = Network.layered([2, 2, 1]).compile();
    expect(() => compiled.run([1])).toThrow(InputError);
    expect(() => compiled.run([1, Number.NaN])).toThrow(InputError);
    expect(() => compiled.runBatch(new Float64Array(5), 2)).toThrow(InputError);
    expect(() => compiled.runBatch(Float64Array.of(1, 2, 3, Infinity), 2)).toThrow(/row 1/);
    expect(() => compiled.run([1, 0], new Float64Array(3))).toThrow(InputError);
    expect(() => compiled.run(['1', 0] as unknown as number[])).toThrow(InputError);
    const csr = Network.layered([2, 2, 1]).connect('x0', 'y0', 1).compile();
    for (const net of [compiled, csr]) {
      expect(() => net.run(Float64Array.of(1, Number.NaN))).toThrow(/"x1" is not a finite number/);
      expect(() => net.run(Float64Array.of(-Infinity, 0))).toThrow(/"x0" is not a finite number/);
    }
  });
});

describe('layers as matrices', () => {
  it('show each layer as a to × from weight matrix with the bias folded in', () => {
    const net = Network.layered([2, 3, 1], { seed: 8 });
    const [hidden, output] = net.toMatrices();
    expect(hidden!.from).toEqual(['x0', 'x1']);
    expect(hidden!.to).toEqual(['h1_0', 'h1_1', 'h1_2']);
    expect(hidden!.weights[2 * 1 + 0]).toBe(net.weight('x0', 'h1_1'));
    expect(hidden!.weights[2 * 2 + 1]).toBe(net.weight('x1', 'h1_2'));
    expect(Array.from(hidden!.bias)).toEqual(['h1_0', 'h1_1', 'h1_2'].map((id) => net.weight('bias', id)));
    expect(output!.weights).toHaveLength(3);
    expect(output!.activation).toBe('sigmoid');
    expect(net.compile().layers).toStrictEqual(net.toMatrices());
  });

  it('reproduce the network by hand: σ(W₂ σ(W₁ x + b₁) + b₂)', () => {
    const net = Network.layered([3, 4, 2], { activation: 'tanh', outputActivation: 'sigmoid', seed: 12 });
    const [first, second] = net.toMatrices();
    const x = [0.3, -1.2, 2];
    const h = first!.to.map((_id, j) =>
      Math.tanh(x.reduce((sum, xi, i) => sum + first!.weights[j * 3 + i]! * xi, 0) + first!.bias[j]!),
    );
    const y = second!.to.map(
      (_id, j) =>
        1 / (1 + Math.exp(-(h.reduce((sum, hi, i) => sum + second!.weights[j * 4 + i]! * hi, 0) + second!.bias[j]!))),
    );
    const scheduled = net.run(x);
    y.forEach((value, j) => expect(value).toBeCloseTo(scheduled[`y${j}`]!, 12));
  });

  it('are refused, with the reason, for a network that is not layered', () => {
    const skip = Network.layered([2, 2, 1], { seed: 1 }).connect('x0', 'y0', 1);
    expect(() => skip.toMatrices()).toThrow(UsageError);
    expect(() => skip.toMatrices()).toThrow(/"x0" -> "y0" skips from generation 0 to 2/);
    expect(skip.compile().kind).toBe('csr');
    const mixed = new Network()
      .addInput('x')
      .addOutput('a', { activation: 'relu' })
      .addOutput('b', { activation: 'tanh' })
      .connect('x', 'a', 1)
      .connect('x', 'b', 1);
    expect(() => mixed.toMatrices()).toThrow(/mixes activations/);
  });
});
