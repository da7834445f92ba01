import { describe, expect, it } from 'vitest';
import { Network, createRandom } from '../src/index.js';
import {
  randomInputs,
  randomNetwork,
  randomWeight,
  referenceOutputs,
  referenceValues,
} from './support/random-network.js';
import { planOf } from '../src/plan/plan-cache.js';
import { expectClose } from './support/close.js';

describe('the scheduler against a reference propagation', () => {
  it('agrees on 200 seeded random networks with every activation', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const random = createRandom(seed * 7919);
      const net = randomNetwork(seed, {
        inputs: 1 + (seed % 4),
        hidden: seed % 15,
        outputs: 1 + (seed % 3),
        bias: seed % 3 !== 0,
      });
      for (let trial = 0; trial < 3; trial++) {
        const inputs = randomInputs(random, net);
        expectClose(net.run(inputs), referenceOutputs(net, inputs));
        const values = referenceValues(net, inputs);
        for (const id of net.neurons) expect(net.value(id)).toBeCloseTo(values.get(id)!, 12);
      }
    }
  });

  it('gives the same values, bit for bit, with and without a listener (two loops, one answer)', () => {
    for (let seed = 1; seed <= 100; seed++) {
      const net = randomNetwork(seed, { hidden: 3 + (seed % 12), outputs: 1 + (seed % 3) });
      const inputs = randomInputs(createRandom(seed), net);
      net.run(inputs);
      const silent = net.neurons.map((id) => net.value(id));
      const reported = new Map<string, number>();
      net.on('neuronActivated', (e) => reported.set(e.neuron, e.output));
      net.run(inputs);
      expect(net.neurons.map((id) => net.value(id))).toStrictEqual(silent);
      expect(net.neurons.map((id) => reported.get(id))).toStrictEqual(silent);
    }
  });

  it('stays right while the network changes between runs', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const random = createRandom(seed);
      const net = randomNetwork(seed, { hidden: 6, outputs: 2 });
      const inputs = randomInputs(random, net);
      const check = () => expectClose(net.run(inputs), referenceOutputs(net, inputs));
      check();

      const edges = net.graph.mapEdges((_edge, _attributes, source, target) => [source, target] as const);
      const [from, to] = edges[Math.floor(random() * edges.length)]!;
      net.setWeight(from, to, randomWeight(random));
      check();
      net
        .addNeuron('late', { activation: 'tanh' })
        .connect(net.inputs[0]!, 'late', 0.7)
        .addOutput('lateOut', { activation: 'identity' })
        .connect('late', 'lateOut', -1.5);
      check();
      net.disconnect(from, to);
      check();
      const hidden = net.neurons.filter((id) => id.startsWith('h'));
      if (hidden.length > 0) net.removeNeuron(hidden[Math.floor(random() * hidden.length)]!);
      check();
      net.randomizeWeights({ seed, scheme: seed % 2 ? 'he' : 'uniform' });
      check();
    }
  });
});

describe('the plan', () => {
  it('is patched, not rebuilt, when only a weight changes', () => {
    const net = randomNetwork(3);
    const plan = planOf(net);
    const [from, to] = net.graph.mapEdges((_e, _a, source, target) => [source, target] as const)[0]!;
    net.setWeight(from, to, 1.25);
    expect(planOf(net)).toBe(plan);
    net.randomizeWeights({ seed: 9 });
    expect(planOf(net)).toBe(plan);
    const inputs = randomInputs(createRandom(1), net);
    expectClose(net.run(inputs), referenceOutputs(net, inputs));
  });

  it('is rebuilt when the structure changes', () => {
    const net = randomNetwork(4);
    const plans = [planOf(net)];
    net.addNeuron('extra');
    plans.push(planOf(net));
    net.connect(net.inputs[0]!, 'extra', 1);
    plans.push(planOf(net));
    net.disconnect(net.inputs[0]!, 'extra');
    plans.push(planOf(net));
    net.removeNeuron('extra');
    plans.push(planOf(net));
    expect(new Set(plans).size).toBe(plans.length);
  });

  it('orders by generation, then insertion', () => {
    const net = new Network()
      .addNeuron('lonely', { activation: 'identity' })
      .addOutput('o', { activation: 'identity' })
      .addInput('x')
      .addNeuron('h', { activation: 'identity' })
      .connect('x', 'h', 2)
      .connect('h', 'o', 3)
      .connect('x', 'o', 1);
    expect(planOf(net).ids).toEqual(['lonely', 'x', 'h', 'o']);
    expect(Array.from(planOf(net).generations)).toEqual([0, 0, 1, 2]);
    // A neuron with no incoming connections outputs activation(0).
    expect(net.run([1])).toEqual({ o: 7 });
    expect(net.value('lonely')).toBe(0);
  });
});

describe('value()', () => {
  it('is undefined before any run, for unknown neurons, and for neurons added since the last run', () => {
    const net = new Network().addInput('x').addOutput('y', { activation: 'identity' }).connect('x', 'y', 2);
    expect(net.value('y')).toBeUndefined();
    net.run([3]);
    expect(net.value('y')).toBe(6);
    expect(net.value('nope')).toBeUndefined();
    net.removeNeuron('y').addOutput('y', { activation: 'identity' });
    expect(net.value('y')).toBeUndefined();
    expect(net.value('x')).toBe(3);
    expect(net.run([3])).toEqual({ y: 0 });
    expect(net.value('y')).toBe(0);
  });
});
