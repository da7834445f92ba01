import { build as xor } from '../scenarios/xor.js';
import { describe, expect, it } from 'vitest';
import { type Network, Tracer, type TraceEvent } from '../src/index.js';

/** The seed's XOR network, built here so the test does not depend on scenarios/. */

const activation = (
  run: number,
  step: number,
  neuron: string,
  role: string,
  generation: number,
  input: number,
  output: number,
): TraceEvent =>
  ({ type: 'neuronActivated', run, time: run - 1, neuron, role, generation, step, input, output }) as TraceEvent;

const listeners = (net: Network) =>
  ['runStarted', 'neuronActivated', 'runCompleted'].map((event) => net.listenerCount(event as 'runStarted'));

describe('Tracer recording', () => {
  it('records a run as tagged events, in the order the network emits them', () => {
    const net = xor();
    const tracer = new Tracer(net);
    net.run([0, 1]);
    expect(tracer.events).toStrictEqual([
      { type: 'runStarted', run: 1, time: 0, inputs: { a: 0, b: 1 } },
      activation(1, 0, 'a', 'input', 0, 0, 0),
      activation(1, 1, 'b', 'input', 0, 1, 1),
      activation(1, 2, 'and', 'hidden', 1, 0.5, 0),
      activation(1, 3, 'xor', 'output', 2, 1, 1),
      { type: 'runCompleted', run: 1, time: 0, outputs: { xor: 1 } },
    ]);
  });

  it('keeps its own copy of the outputs, not the object run() returned', () => {
    const net = xor();
    const tracer = new Tracer(net);
    const outputs = net.run([1, 0]);
    outputs.xor = 42;
    expect(tracer.events.at(-1)).toStrictEqual({ type: 'runCompleted', run: 1, time: 0, outputs: { xor: 1 } });
  });

  it('detach removes its listeners, so nothing more is recorded and the network builds no payloads', () => {
    const net = xor();
    const before = listeners(net);
    const tracer = new Tracer(net);
    expect(listeners(net)).toEqual(before.map((count) => count + 1));
    net.run([1, 1]);
    tracer.detach();
    expect(listeners(net)).toEqual(before);
    net.run([0, 1]);
    expect(tracer.events).toHaveLength(6);
    expect(tracer.events.every((event) => event.run === 1)).toBe(true);
    expect(tracer.attached).toBe(false);
  });

  it('detaching one tracer leaves another recording', () => {
    const net = xor();
    const first = new Tracer(net);
    const second = new Tracer(net);
    first.detach();
    first.detach(); // twice is harmless and must not remove the other tracer's listeners
    net.run([1, 0]);
    expect(first.events).toHaveLength(0);
    expect(second.events).toHaveLength(6);
  });

  it('clear empties the record and keeps listening; an array read before keeps its events', () => {
    const net = xor();
    const tracer = new Tracer(net);
    net.run([1, 1]);
    const earlier = tracer.events;
    tracer.clear();
    expect(tracer.events).toHaveLength(0);
    net.run([0, 0]);
    expect(tracer.events.map((event) => event.run)).toEqual([2, 2, 2, 2, 2, 2]);
    expect(earlier).toHaveLength(6);
  });

  it('keeps the events of a run a listener aborted, without a runCompleted', () => {
    const net = xor();
    const tracer = new Tracer(net);
    net.on('neuronActivated', (event) => {
      if (event.neuron === 'and') throw new Error('stop here');
    });
    expect(() => net.run([1, 1])).toThrow('stop here');
    expect(tracer.events.map((event) => event.type)).toEqual([
      'runStarted',
      'neuronActivated',
      'neuronActivated',
      'neuronActivated',
    ]);
  });
});
