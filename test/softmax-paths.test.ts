// Softmax outputs on every path that runs a network: the scheduler with and without listeners, compile()
// (CSR and dense), runBatch, sequences with memory, against a softmax written out by the book.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CycleError,
  InputError,
  Network,
  NumericError,
  SerializationError,
  UsageError,
  createRandom,
  type NeuronActivatedEvent,
} from '../src/index.js';
import { byId, expectClose } from './support/close.js';
import { randomInputs, randomNetwork, referenceOutputs } from './support/random-network.js';
import { randomRecurrentNetwork, referenceSequence } from './support/recurrent-network.js';

/** A random DAG whose outputs (2 to 4 of them) form the softmax group. */
function softmaxDag(seed: number): Network {
  return randomNetwork(seed, {
    inputs: 1 + (seed % 3),
    hidden: seed % 7,
    outputs: 2 + (seed % 3),
    density: 0.5,
    bias: seed % 3 !== 0,
    softmax: true,
  });
}

function observedRun(net: Network, inputs: Record<string, number>) {
  const events: NeuronActivatedEvent[] = [];
  const listener = (event: NeuronActivatedEvent) => events.push(event);
  net.on('neuronActivated', listener);
  const outputs = net.run(inputs);
  net.off('neuronActivated', listener);
  return { outputs, events };
}

describe('softmax outputs', () => {
  it('give the by-the-book softmax of their logits on 100 random DAGs, on every path', () => {
    for (let seed = 1; seed <= 100; seed++) {
      const net = softmaxDag(seed);
      const random = createRandom(seed);
      const rows = Array.from({ length: 5 }, () => randomInputs(random, net));
      const compiled = net.compile();
      const flat = rows.flatMap((row) => net.inputs.map((id) => row[id]!));
      const batch = compiled.runBatch(flat, rows.length);
      rows.forEach((inputs, r) => {
        const expected = referenceOutputs(net, inputs);
        const silent = net.run(inputs);
        expectClose(silent, expected, 1e-12);
        const total = Object.values(silent).reduce((a, b) => a + b, 0);
        expect(Math.abs(total - 1)).toBeLessThan(1e-12);
        // Observed and silent runs and the CSR form do the same arithmetic: the same bits (dense layers sum
        // the bias in another order).
        expect(observedRun(net, inputs).outputs).toStrictEqual(silent);
        const fromCompiled = byId(compiled.run(net.inputs.map((id) => inputs[id]!)), net.outputs);
        if (compiled.kind === 'csr') expect(fromCompiled).toStrictEqual(silent);
        else expectClose(fromCompiled, silent, 1e-14);
        const k = net.outputs.length;
        const fromBatch = byId(batch.subarray(r * k, (r + 1) * k), net.outputs);
        for (const id of net.outputs) expect(fromBatch[id]).toBeCloseTo(silent[id]!, 14);
      });
    }
  });

  it('run as dense layers when layered, row by row in a batch', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const random = createRandom(seed);
      const sizes = [1 + (seed % 4), 2 + (seed % 5), 2 + (seed % 4)];
      const net = Network.layered(sizes, { activation: 'tanh', outputActivation: 'softmax', seed });
      const compiled = net.compile();
      expect(compiled.kind).toBe('dense');
      expect(net.toMatrices().at(-1)!.activation).toBe('softmax');
      const rows = Array.from({ length: 9 }, () => net.inputs.map(() => random() * 6 - 3));
      const batch = compiled.runBatch(rows.flat(), rows.length);
      rows.forEach((row, r) => {
        const expected = referenceOutputs(net, Object.fromEntries(net.inputs.map((id, i) => [id, row[i]!])));
        const k = net.outputs.length;
        expectClose(byId(batch.subarray(r * k, (r + 1) * k), net.outputs), expected, 1e-12);
        expectClose(byId(compiled.run(row), net.outputs), expected, 1e-12);
      });
    }
  });

  it('report each member once, logit in and probability out, together in the last generation', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const net = softmaxDag(seed);
      const inputs = randomInputs(createRandom(seed), net);
      const { outputs, events } = observedRun(net, inputs);
      const group = events.filter((event) => net.outputs.includes(event.neuron));
      expect(group.map((event) => event.neuron).sort()).toStrictEqual([...net.outputs].sort());
      // The group comes as one block, and no neuron of its generation follows it.
      const first = events.indexOf(group[0]!);
      expect(events.slice(first, first + group.length)).toStrictEqual(group);
      expect(new Set(group.map((event) => event.generation)).size).toBe(1);
      for (const event of events.slice(first + group.length))
        expect(event.generation).toBeGreaterThan(group[0]!.generation);
      const largest = Math.max(...group.map((event) => event.input));
      const total = group.reduce((sum, event) => sum + Math.exp(event.input - largest), 0);
      for (const event of group) {
        expect(event.output).toBe(outputs[event.neuron]);
        expect(event.output).toBeCloseTo(Math.exp(event.input - largest) / total, 14);
      }
    }
  });

  it('stay finite and sum to 1 for logits as large as ±1e6 (and any finite logits fast-check finds)', () => {
    const net = new Network().addInput('x');
    for (const [id, w] of [
      ['a', 1e6],
      ['b', -1e6],
      ['c', 0],
      ['d', 1e6],
    ] as const)
      net.addOutput(id, { activation: 'softmax' }).connect('x', id, w);
    const outputs = net.run([1]);
    expect(outputs).toStrictEqual({ a: 0.5, b: 0, c: 0, d: 0.5 });
    expect(net.compile().run([-1])).toStrictEqual(Float64Array.from([0, 1, 0.5 * 0, 0]));
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e300, max: 1e300, noNaN: true }), { minLength: 2, maxLength: 6 }),
        (weights) => {
          const group = new Network().addInput('x');
          weights.forEach((w, i) => group.addOutput(`p${i}`, { activation: 'softmax' }).connect('x', `p${i}`, w));
          const probabilities = Object.values(group.run([1]));
          expect(probabilities.every((p) => Number.isFinite(p) && p >= 0 && p <= 1)).toBe(true);
          expect(Math.abs(probabilities.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-12);
        },
      ),
    );
  });

  it('take delayed inputs over time like any output, on the scheduler and compiled', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const net = randomRecurrentNetwork(seed, { outputs: 0, products: 0.15 });
      // Add a softmax group reading the hidden neurons now and one step ago.
      const hidden = net.neurons.filter((id) => id.startsWith('h'));
      for (let k = 0; k < 3; k++) {
        net.addOutput(`p${k}`, { activation: 'softmax' });
        hidden.forEach((h, i) => net.connect(h, `p${k}`, ((i + k) % 3) - 1, { delay: (i + k) % 2 }));
      }
      const random = createRandom(seed);
      const steps = Array.from({ length: 6 }, () => net.inputs.map(() => random() * 2 - 1));
      const expected = referenceSequence(net, steps);
      const viaScheduler = net.runSequence(steps);
      viaScheduler.forEach((outputs, t) => expectClose(outputs, expected[t]!, 1e-12));
      const compiled = net.compile();
      const viaCompiled = compiled.runSequence(steps.flat(), steps.length);
      viaScheduler.forEach((outputs, t) =>
        expectClose(byId(viaCompiled.subarray(t * 3, t * 3 + 3), net.outputs), outputs, 1e-12),
      );
    }
  });

  it('round-trip through JSON, group and all', () => {
    const net = softmaxDag(7);
    const copy = Network.fromJSON(JSON.parse(JSON.stringify(net.toJSON())));
    expect(copy.toJSON()).toStrictEqual(net.toJSON());
    const inputs = randomInputs(createRandom(7), net);
    expect(copy.run(inputs)).toStrictEqual(net.run(inputs));
  });
});

describe('softmax, refused where it does not fit', () => {
  const snapshot = (net: Network) => JSON.stringify(net.toJSON());

  it('only output neurons that sum carry it', () => {
    const net = new Network().addInput('x').addOutput('y', { activation: 'softmax' });
    const before = snapshot(net);
    expect(() => net.addNeuron('h', { activation: 'softmax' })).toThrow(UsageError);
    expect(() => net.addNeuron('h', { activation: { name: 'softmax' } })).toThrow(/output neurons only/);
    expect(() => net.addOutput('g', { activation: 'softmax', aggregate: 'product' })).toThrow(/sums its logit/);
    expect(snapshot(net)).toBe(before);
  });

  it('a softmax output feeds nothing, immediate or delayed', () => {
    const net = new Network().addInput('x').addNeuron('h').addOutput('y', { activation: 'softmax' });
    net.connect('x', 'y', 1).connect('x', 'h', 1);
    const before = snapshot(net);
    expect(() => net.connect('y', 'h', 1)).toThrow(UsageError);
    expect(() => net.connect('y', 'h', 1, { delay: 1 })).toThrow(/feeds no connection/);
    expect(() => net.connect('y', 'y', 1, { delay: 1 })).toThrow(UsageError);
    expect(() => net.connect('h', 'h', 1)).toThrow(CycleError);
    expect(snapshot(net)).toBe(before);
  });

  it('documents that break the rules are SerializationErrors naming the place', () => {
    const document = new Network().addInput('x').addNeuron('h').addOutput('y', { activation: 'softmax' }).toJSON();
    const hidden = structuredClone(document);
    hidden.nodes[1]!.attributes.activation = 'softmax';
    expect(() => Network.fromJSON(hidden)).toThrow(SerializationError);
    expect(() => Network.fromJSON(hidden)).toThrow(/nodes\[1\]\.attributes\.activation/);
    const feeding = structuredClone(document);
    feeding.edges.push({ source: 'y', target: 'h', attributes: { weight: 1, delay: 1 } });
    expect(() => Network.fromJSON(feeding)).toThrow(/edges\[0\]\.source.*feeds no connection/);
  });

  it('a graph changed directly is refused when it runs, and the last run stays', () => {
    const net = Network.layered([2, 2, 3], { outputActivation: 'softmax' });
    const outputs = net.run([0.1, 0.2]);
    net.graph.setNodeAttribute('h1_0', 'activation', 'softmax');
    expect(() => net.run([0.1, 0.2])).toThrow(UsageError);
    expect(net.value('y0')).toBe(outputs.y0);
    net.graph.setNodeAttribute('h1_0', 'activation', 'sigmoid');
    net.graph.addDirectedEdge('y0', 'h1_1', { weight: 1, delay: 1 });
    expect(() => net.compile()).toThrow(/feeds no connection/);
  });

  it('bad inputs and non-finite logits are the usual errors', () => {
    const net = Network.layered([2, 3], { outputActivation: 'softmax' });
    expect(() => net.run([1])).toThrow(InputError);
    net.setWeight('x0', 'y1', 1e308).setWeight('x1', 'y1', 1e308);
    expect(() => net.run([10, 10])).toThrow(NumericError);
    expect(() => observedRun(net, { x0: 10, x1: 10 })).toThrow(/"y1"/);
    expect(() => net.compile().run([10, 10])).toThrow(NumericError);
  });
});
