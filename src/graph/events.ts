/**
 * The events a Network emits, synchronously and in this order within a run:
 * runStarted, then one neuronActivated per neuron in topological order, then runCompleted.
 */

import type { EventEmitter } from 'eventemitter3';
import type { Role } from './neuron.js';

/**
 * Whether anybody listens to any event of `emitter`.
 * NOTE: eventemitter3 counts its events with listeners in `_eventsCount` (its own `eventNames` reads it); one
 * load, where `listenerCount` per event is a call and a look-up each.
 */
export function hasListeners(emitter: EventEmitter): boolean {
  return (emitter as unknown as { readonly _eventsCount: number })._eventsCount !== 0;
}

export interface RunStartedEvent {
  /** Run number, from 1 per network. */
  readonly run: number;
  /** The time step: runs since the last `reset()` (or since the network was made), from 0. */
  readonly time: number;
  /** The run's inputs keyed by input id, whatever form `run` was given. */
  readonly inputs: Readonly<Record<string, number>>;
}

export interface NeuronActivatedEvent {
  readonly run: number;
  readonly time: number;
  readonly neuron: string;
  readonly role: Role;
  /** 0 without incoming connections, else 1 + the largest generation among its sources. */
  readonly generation: number;
  /** Activations so far within this run: 0 for the first neuron. */
  readonly step: number;
  /** The summed weighted input (the given value for inputs, 0 for the bias neuron). */
  readonly input: number;
  /** activation(input) (the given value for inputs, 1 for the bias neuron). */
  readonly output: number;
}

export interface RunCompletedEvent {
  readonly run: number;
  readonly time: number;
  /** The output neurons' outputs, keyed by id in insertion order (the object `run` returns). */
  readonly outputs: Readonly<Record<string, number>>;
}

export interface NetworkEvents {
  /** Once per run, before any neuron activates. */
  runStarted: (event: RunStartedEvent) => void;
  /** Exactly once per neuron per run, after all of its sources. */
  neuronActivated: (event: NeuronActivatedEvent) => void;
  /** Once per run, last, after the run's values are committed. */
  runCompleted: (event: RunCompletedEvent) => void;
}
