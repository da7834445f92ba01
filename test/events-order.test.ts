import { describe, expect, it } from 'vitest';
import { Network, createRandom } from '../src/index.js';
import * as xor from '../scenarios/xor.js';
import { randomInputs, randomNetwork } from './support/random-network.js';

/** Records every event of a network as [name, payload]. */
function record(net: Network) {
  const events: [string, unknown][] = [];
  net.on('runStarted', (e) => events.push(['runStarted', e]));
  net.on('neuronActivated', (e) => events.push(['neuronActivated', e]));
  net.on('runCompleted', (e) => events.push(['runCompleted', e]));
  return events;
}

describe('events', () => {
  it('pin the whole lifecycle of the XOR network for one run', () => {
    const net = xor.build();
    const events = record(net);
    net.run([1, 1]);
    const activation = (
      step: number,
      neuron: string,
      role: string,
      generation: number,
      input: number,
      output: number,
    ) => ['neuronActivated', { run: 1, time: 0, neuron, role, generation, step, input, output }];
    expect(events).toStrictEqual([
      ['runStarted', { run: 1, time: 0, inputs: { a: 1, b: 1 } }],
      activation(0, 'a', 'input', 0, 1, 1),
      activation(1, 'b', 'input', 0, 1, 1),
      activation(2, 'and', 'hidden', 1, 1, 1),
      activation(3, 'xor', 'output', 2, 0, 0),
      ['runCompleted', { run: 1, time: 0, outputs: { xor: 0 } }],
    ]);
  });

  it('number runs from 1 per network and report record inputs for array runs', () => {
    const first = xor.build();
    const second = xor.build();
    const events = record(first);
    first.run([0, 1]);
    first.run({ b: 0, a: 1 });
    second.run([1, 1]);
    const started = events.filter(([name]) => name === 'runStarted').map(([, e]) => e);
    expect(started).toStrictEqual([
      { run: 1, time: 0, inputs: { a: 0, b: 1 } },
      { run: 2, time: 1, inputs: { a: 1, b: 0 } },
    ]);
  });

  it('fire every neuron exactly once, after all of its sources, by generation then insertion, on random networks', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const net = randomNetwork(seed, { hidden: 12, outputs: 3, shuffledConnections: seed % 2 === 0 });
      const fired: { neuron: string; generation: number; step: number; output: number }[] = [];
      net.on('neuronActivated', (e) => fired.push(e));
      const outputs = net.run(randomInputs(createRandom(seed), net));

      expect(fired.map((e) => e.neuron).sort()).toEqual([...net.neurons].sort());
      expect(fired.map((e) => e.step)).toEqual(fired.map((_e, i) => i));
      const firedAt = new Map(fired.map((e, i) => [e.neuron, i]));
      const insertion = new Map(net.neurons.map((id, i) => [id, i]));
      net.graph.forEachEdge((_edge, _attributes, source, target) =>
        expect(firedAt.get(source)!).toBeLessThan(firedAt.get(target)!),
      );
      for (let i = 1; i < fired.length; i++) {
        const [previous, current] = [fired[i - 1]!, fired[i]!];
        const ordered =
          previous.generation < current.generation ||
          (previous.generation === current.generation &&
            insertion.get(previous.neuron)! < insertion.get(current.neuron)!);
        expect(ordered, `${previous.neuron} before ${current.neuron}`).toBe(true);
      }
      // Generation: 0 without incoming connections, else 1 + the largest among sources.
      for (const e of fired) {
        const sources = net.graph.inNeighbors(e.neuron);
        const expected =
          sources.length === 0 ? 0 : 1 + Math.max(...sources.map((s) => fired[firedAt.get(s)!]!.generation));
        expect(e.generation).toBe(expected);
      }
      for (const id of net.outputs) expect(fired[firedAt.get(id)!]!.output).toBe(outputs[id]);
    }
  });

  it('a listener sees the summed input and the output, and value() holds them after the run', () => {
    const net = new Network()
      .addInput('x')
      .addOutput('y', { activation: 'relu' })
      .addBias()
      .connect('x', 'y', -2)
      .setWeight('bias', 'y', 0.5);
    const seen: [string, number, number][] = [];
    net.on('neuronActivated', (e) => seen.push([e.neuron, e.input, e.output]));
    net.run({ x: -1 });
    expect(seen).toEqual([
      ['x', -1, -1],
      ['bias', 0, 1],
      ['y', 2.5, 2.5],
    ]);
    expect(net.value('y')).toBe(2.5);
  });

  it('are built only while someone listens: off() stops them', () => {
    const net = xor.build();
    let count = 0;
    const listener = () => count++;
    net.on('neuronActivated', listener);
    net.run([0, 0]);
    net.off('neuronActivated', listener);
    net.run([0, 0]);
    expect(count).toBe(4);
    expect(net.listenerCount('neuronActivated')).toBe(0);
  });
});
