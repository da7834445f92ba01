/**
 * Time: delayed connections, steps, reset, sequences, product neurons — against an
 * independent simulation, and the rules and errors around them.
 */
import { DirectedGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import {
  CycleError,
  Network,
  NeurographError,
  NotFoundError,
  SerializationError,
  UsageError,
  createRandom,
} from '../src/index.js';
import { expectClose } from './support/close.js';
import {
  randomRecurrentNetwork,
  referenceSequence,
  leakyIntegrator as integrator,
} from './support/recurrent-network.js';

describe('time steps', () => {
  it('a delayed self-loop integrates its input step by step, and reset forgets', () => {
    const net = integrator();
    expect(net.time).toBe(0);
    expect(net.run([1])).toEqual({ y: 1 });
    expect(net.run([1])).toEqual({ y: 1.5 });
    expect(net.run([0])).toEqual({ y: 0.75 });
    expect(net.time).toBe(3);
    net.reset();
    expect(net.time).toBe(0);
    expect(net.run([1])).toEqual({ y: 1 });
  });

  it('a delay of d brings the output of d steps earlier, 0 before it exists', () => {
    const net = new Network()
      .addInput('x')
      .addOutput('late', { activation: 'identity' })
      .connect('x', 'late', 1, { delay: 3 });
    const outputs = net.runSequence([[1], [2], [3], [4], [5]]).map((o) => o.late);
    expect(outputs).toEqual([0, 0, 0, 1, 2]);
  });

  it('a network without delayed connections gives the same outputs at every step', () => {
    const net = Network.layered([2, 3, 1], { seed: 4 });
    const first = net.run([0.3, 0.7]);
    for (let t = 0; t < 5; t++) expect(net.run([0.3, 0.7])).toEqual(first);
    expect(net.time).toBe(6);
  });

  it('agrees with an independent simulation on 100 random recurrent networks and sequences', () => {
    for (let seed = 1; seed <= 100; seed++) {
      const net = randomRecurrentNetwork(seed, { delayed: 2 + (seed % 5), maxDelay: 1 + (seed % 3) });
      const random = createRandom(seed * 7);
      const steps = Array.from({ length: 8 }, () => net.inputs.map(() => random() * 2 - 1));
      const got = net.runSequence(steps);
      const want = referenceSequence(net, steps);
      got.forEach((outputs, t) => expectClose(outputs, want[t]!));
    }
  });

  it('events carry the step, from 0 after each reset', () => {
    const net = integrator();
    const times: number[] = [];
    net.on('runStarted', (e) => times.push(e.time));
    net.on('neuronActivated', (e) => times.push(e.time));
    net.on('runCompleted', (e) => times.push(e.time));
    net.run([1]);
    net.run([1]);
    net.reset().run([1]);
    expect(times).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0]);
  });

  it('runSequence resets first unless told not to, and a failing step undoes the whole call', () => {
    const net = integrator();
    net.run([2]);
    expect(net.runSequence([[1]], { reset: false })).toEqual([{ y: 2 }]);
    expect(net.runSequence([[1]])).toEqual([{ y: 1 }]);
    const before = { time: net.time, value: net.value('y'), document: net.toJSON() };
    expect(() => net.runSequence([[1], [1], [Number.NaN]])).toThrow(/Network\.runSequence: steps\[2\]/);
    expect({ time: net.time, value: net.value('y'), document: net.toJSON() }).toStrictEqual(before);
    // …and the memory too: the next step continues from before the failed call.
    expect(net.run([0])).toEqual({ y: 0.5 });
  });

  it('a run that throws leaves time and memory as they were', () => {
    const net = integrator();
    net.run([1]);
    net.once('runCompleted', () => {
      throw new Error('listener');
    });
    expect(() => net.run([1])).toThrow('listener');
    // runCompleted comes after the commit: that step counts.
    expect(net.time).toBe(2);
    net.once('neuronActivated', () => {
      throw new Error('early');
    });
    expect(() => net.run([1])).toThrow('early');
    expect(net.time).toBe(2);
    expect(net.run([0])).toEqual({ y: 0.75 });
  });

  it('memory follows the neurons through a structural change', () => {
    const net = integrator();
    net.run([1]);
    net.addInput('z').addNeuron('extra').connect('z', 'extra', 1);
    expect(net.run({ x: 0, z: 0 })).toEqual({ y: 0.5 });
  });
});

describe('product neurons', () => {
  it('multiply their weighted inputs, and addBias leaves them out', () => {
    const net = new Network()
      .addInput('a')
      .addInput('b')
      .addOutput('gate', { activation: 'identity', aggregate: 'product' })
      .connect('a', 'gate', 2)
      .connect('b', 'gate', 3)
      .addBias();
    expect(net.run([0.5, 4])).toEqual({ gate: 12 });
    expect(net.graph.hasDirectedEdge('bias', 'gate')).toBe(false);
    expect(net.graph.getNodeAttribute('gate', 'aggregate')).toBe('product');
  });

  it("refuse an aggregate other than 'sum' or 'product'", () => {
    const net = new Network();
    expect(() => net.addNeuron('h', { aggregate: 'max' as 'sum' })).toThrow(UsageError);
    expect(net.neurons).toEqual([]);
  });
});

describe('delayed connections: rules', () => {
  it('may close loops and be self-loops; an immediate loop is still a CycleError', () => {
    const net = new Network().addInput('x').addNeuron('a').addNeuron('b').connect('x', 'a', 1).connect('a', 'b', 1);
    net.connect('b', 'a', 0.5, { delay: 1 }).connect('a', 'a', 0.1, { delay: 2 });
    expect(() => net.connect('b', 'x', 1, { delay: 1 })).toThrow(UsageError);
    const error = (() => {
      try {
        new Network().addInput('x').addNeuron('a').connect('a', 'a', 1);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(CycleError);
  });

  it('an immediate connection that closes a loop of immediate connections names that loop only', () => {
    const net = new Network().addInput('x').addNeuron('a').addNeuron('b').connect('a', 'b', 1);
    net.connect('b', 'a', 1, { delay: 1 });
    expect(() => net.connect('b', 'a', 1)).toThrow(UsageError); // already connected
    net.addNeuron('c').connect('b', 'c', 1);
    let caught: CycleError | undefined;
    try {
      net.connect('c', 'a', 1);
    } catch (e) {
      caught = e as CycleError;
    }
    expect(caught?.path).toEqual(['c', 'a', 'b', 'c']);
  });

  it('connection() describes one; unknown ones are NotFoundError', () => {
    const net = integrator();
    expect(net.connection('y', 'y')).toEqual({ from: 'y', to: 'y', weight: 0.5, delay: 1, trainable: true });
    net.addOutput('z').connect('x', 'z', 2, { trainable: false });
    expect(net.connection('x', 'z')).toEqual({ from: 'x', to: 'z', weight: 2, delay: 0, trainable: false });
    expect(() => net.connection('y', 'x')).toThrow(NotFoundError);
  });

  it.each([
    ['a negative delay', { delay: -1 }],
    ['a fractional delay', { delay: 1.5 }],
    ['a string delay', { delay: '1' }],
    ['a BigInt delay', { delay: 1n }],
    ['a huge delay', { delay: 1e9 }],
    ['a non-boolean trainable', { trainable: 'no' }],
    ['an unknown option', { dealy: 1 }],
  ])('%s is a UsageError that changes nothing', (_label, options) => {
    const net = new Network().addInput('x').addOutput('y');
    const before = net.toJSON();
    expect(() => net.connect('x', 'y', 1, options as never)).toThrow(UsageError);
    expect(net.toJSON()).toStrictEqual(before);
  });
});

describe('documents with time', () => {
  it('round-trip delays, untrainable connections and product neurons (version 2)', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const net = randomRecurrentNetwork(seed);
      const document = net.toJSON();
      expect(document.attributes.version).toBe(2);
      const copy = Network.fromJSON(JSON.parse(JSON.stringify(document)));
      expect(copy.toJSON()).toStrictEqual(document);
      const steps = [
        [0.5, -0.5],
        [1, 0],
        [0, 1],
        [0.2, 0.2],
      ];
      expect(copy.runSequence(steps)).toStrictEqual(net.runSequence(steps));
    }
  });

  it('still read version 1, which has no delays', () => {
    const document = integrator().toJSON();
    document.attributes.version = 1;
    expect(() => Network.fromJSON(document)).toThrow(/version 1 documents have no delay/);
    document.edges.pop();
    expect(Network.fromJSON(document).run([2])).toEqual({ y: 2 });
  });

  it('refuse an immediate loop, and name its connection', () => {
    const document = integrator().toJSON();
    delete document.edges[1]!.attributes.delay;
    expect(() => Network.fromJSON(document)).toThrow(SerializationError);
    expect(() => Network.fromJSON(document)).toThrow(/edges\[1\]: .*immediate self-loop/);
  });

  it('graphology reads them, with delay, trainable and aggregate as plain attributes', () => {
    const net = integrator().addNeuron('g', { aggregate: 'product' });
    net.connect('x', 'g', 1, { trainable: false });
    const graph = DirectedGraph.from(net.toJSON());
    expect(graph.getEdgeAttributes(graph.edge('y', 'y'))).toEqual({ weight: 0.5, delay: 1 });
    expect(graph.getEdgeAttributes(graph.edge('x', 'g'))).toEqual({ weight: 1, trainable: false });
    expect(graph.getNodeAttribute('g', 'aggregate')).toBe('product');
  });
});

describe('what time does not touch yet', () => {
  it('every error from a network with time is a named one', () => {
    const net = integrator();
    for (const call of [() => net.runSequence('x' as never), () => net.runSequence([[1]], { reset: 1 } as never)]) {
      expect(call).toThrow(NeurographError);
    }
  });
});
