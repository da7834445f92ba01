import { describe, expectTypeOf, it } from 'vitest';
import {
  Network,
  type NeuronActivatedEvent,
  type Role,
  type RunCompletedEvent,
  type RunStartedEvent,
} from '../src/index.js';

describe('the event map', () => {
  const net = new Network();

  it('types each payload', () => {
    net.on('runStarted', (e) => {
      expectTypeOf(e).toEqualTypeOf<RunStartedEvent>();
      expectTypeOf(e.inputs).toEqualTypeOf<Readonly<Record<string, number>>>();
    });
    net.on('neuronActivated', (e) => {
      expectTypeOf(e).toEqualTypeOf<NeuronActivatedEvent>();
      expectTypeOf(e.role).toEqualTypeOf<Role>();
      expectTypeOf(e.step).toBeNumber();
      expectTypeOf(e.neuron).toBeString();
    });
    net.on('runCompleted', (e) => {
      expectTypeOf(e).toEqualTypeOf<RunCompletedEvent>();
      expectTypeOf(e.outputs).toEqualTypeOf<Readonly<Record<string, number>>>();
    });
  });

  it('refuses unknown events and wrong payloads', () => {
    // @ts-expect-error: no such event
    net.on('neuronFired', () => {});
    // @ts-expect-error: runStarted has no `neuron`
    net.on('runStarted', (e) => e.neuron);
    // @ts-expect-error: an event's payload must be the declared one
    net.emit('runCompleted', { run: 1 });
  });

  it('types run() and value()', () => {
    expectTypeOf(net.run).toBeCallableWith({ a: 1 });
    expectTypeOf(net.run).toBeCallableWith([1, 0]);
    expectTypeOf(net.run).toBeCallableWith(new Float64Array(2));
    // @ts-expect-error: inputs are numbers
    net.run({ a: '1' });
    expectTypeOf(net.run({ a: 1 })).toEqualTypeOf<Record<string, number>>();
    expectTypeOf(net.value('a')).toEqualTypeOf<number | undefined>();
  });
});
