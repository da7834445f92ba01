import { build as xor } from '../scenarios/xor.js';
import { describe, expect, it } from 'vitest';
import { type Network, Tracer, UsageError } from '../src/index.js';

const truthTable = (net: Network) =>
  [
    [0, 0],
    [0, 1],
    [1, 0],
    [1, 1],
  ].forEach((row) => net.run(row));

const summary = (tracer: Tracer) =>
  tracer.events.map((event) =>
    event.type === 'neuronActivated' ? `${event.run}:${event.neuron}` : `${event.run}:${event.type}`,
  );

describe('Tracer filters', () => {
  it('neurons: records only those activations, and still every run start and end', () => {
    const net = xor();
    const tracer = new Tracer(net, { neurons: ['and', 'xor'] });
    net.run([1, 1]);
    expect(summary(tracer)).toEqual(['1:runStarted', '1:and', '1:xor', '1:runCompleted']);
  });

  it('runs as numbers: records those runs only', () => {
    const net = xor();
    const tracer = new Tracer(net, { runs: [2, 4] });
    truthTable(net);
    expect(new Set(tracer.events.map((event) => event.run))).toEqual(new Set([2, 4]));
    expect(tracer.events).toHaveLength(12);
  });

  it('runs as a function: asked once per run, and combined with a neuron filter', () => {
    const net = xor();
    const asked: number[] = [];
    const tracer = new Tracer(net, {
      neurons: ['xor'],
      runs: (run) => {
        asked.push(run);
        return run % 2 === 1;
      },
    });
    truthTable(net);
    expect(asked).toEqual([1, 2, 3, 4]);
    expect(summary(tracer)).toEqual([
      '1:runStarted',
      '1:xor',
      '1:runCompleted',
      '3:runStarted',
      '3:xor',
      '3:runCompleted',
    ]);
  });

  it('refuses options it cannot use', () => {
    const net = xor();
    expect(() => new Tracer(net, { neurons: 'xor' as unknown as string[] })).toThrow(UsageError);
    expect(() => new Tracer(net, { runs: [1.5] })).toThrow(UsageError);
    expect(net.listenerCount('neuronActivated')).toBe(0);
  });
});
