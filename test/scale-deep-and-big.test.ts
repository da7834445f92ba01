import { describe, expect, it } from 'vitest';
import { Network, createRandom } from '../src/index.js';
import { randomInputs, randomNetwork, referenceOutputs } from './support/random-network.js';
import { planOf } from '../src/plan/plan-cache.js';

describe('deep and big networks', () => {
  it('runs a chain of 200,000 neurons (nothing recurses)', () => {
    const length = 200_000;
    const net = new Network().addInput('x');
    let previous = 'x';
    for (let i = 1; i <= length; i++) {
      const id = `n${i}`;
      if (i === length) net.addOutput(id, { activation: 'tanh' });
      else net.addNeuron(id, { activation: 'tanh' });
      net.connect(previous, id, 1.1);
      previous = id;
    }
    let expected = 0.3;
    for (let i = 0; i < length; i++) expected = Math.tanh(1.1 * expected);
    expect(net.run([0.3])[previous]).toBe(expected);
    expect(planOf(net).generations[length]).toBe(length);
    let last = -1;
    net.on('neuronActivated', (e) => (last = e.step));
    net.run([0.3]);
    expect(last).toBe(length);
  });

  it('runs a random DAG of 10,000 neurons and 100,000 connections like the reference', () => {
    const net = randomNetwork(2024, { inputs: 20, hidden: 9_960, outputs: 20, connections: 100_000 });
    expect(net.graph.order).toBe(10_001);
    expect(net.graph.size).toBe(100_000 + 9_980);
    const random = createRandom(1);
    for (let trial = 0; trial < 3; trial++) {
      const inputs = randomInputs(random, net);
      const outputs = net.run(inputs);
      const expected = referenceOutputs(net, inputs);
      for (const id of net.outputs) expect(outputs[id]).toBeCloseTo(expected[id]!, 10);
    }
  });
});
