/**
 * The working copy
 * ================
 *
 * Training reads and writes weights millions of times; the graph is where they
 * live. A working copy holds the network's weights in plan slot order (two
 * buffers: the current weights and room for the next step's, so a step that goes
 * non-finite is simply not taken) and writes them back to the graph in one bulk
 * update whenever someone could look: before a forward pass that emits events,
 * before a trainer event, and when training ends.
 *
 * Forward passes go through `Network.run` for real when anyone listens to the
 * network, and through propagation on the working weights otherwise.
 */
import { NeurographError, UsageError } from '../errors.js';
import type { NeuronActivatedEvent } from '../graph/events.js';
import type { Network } from '../graph/network.js';
import { planOf } from '../plan/plan-cache.js';
import type { Plan } from '../plan/plan.js';
import { createPassBuffers, forward, type PassBuffers } from './backprop.js';

export class WorkingCopy {
  readonly network: Network;
  /** The network's plan when the copy was made; the copy is valid while it stays the network's plan. */
  readonly plan: Plan;
  readonly buffers: PassBuffers;
  /** The plan with the current working weights (what the fast path and the backward pass read). */
  current: Plan;
  /** The plan with the spare buffer an optimizer step writes into. */
  next: Plan;

  readonly #where: string;
  #dirty = false;
  #writing = false;
  #changedOutside = false;
  #observed = false;
  readonly #onWeightsUpdated = () => {
    if (!this.#writing) this.#changedOutside = true;
  };
  readonly #capture = (event: NeuronActivatedEvent) => {
    this.buffers.values[event.step] = event.output;
    this.buffers.sums[event.step] = event.input;
  };

  constructor(network: Network, where: string) {
    this.network = network;
    this.#where = where;
    this.plan = planOf(network);
    this.buffers = createPassBuffers(this.plan);
    // NOTE: shallow copies of the plan that differ only in `weights`, made once, so the
    // scheduler and the backward pass run unchanged on either buffer.
    this.current = { ...this.plan, weights: this.plan.weights.slice() };
    this.next = { ...this.plan, weights: new Float64Array(this.plan.weights.length) };
    network.graph.on('edgeAttributesUpdated', this.#onWeightsUpdated);
    network.graph.on('eachEdgeAttributesUpdated', this.#onWeightsUpdated);
    this.updateObserved();
  }

  /** Stops watching the graph; call when done. */
  release(): void {
    this.network.graph.off('edgeAttributesUpdated', this.#onWeightsUpdated);
    this.network.graph.off('eachEdgeAttributesUpdated', this.#onWeightsUpdated);
  }

  /** Makes the step written into `next` the current weights. */
  swap(): void {
    const previous = this.current;
    this.current = this.next;
    this.next = previous;
    this.#dirty = true;
  }

  /** Marks in-place changes to `current.weights` (the perceptron rule's). */
  markChanged(): void {
    this.#dirty = true;
  }

  /**
   * Re-reads whether anyone listens to the network. Called at points where a listener
   * can have been attached: before each epoch and after training yields.
   */
  updateObserved(): void {
    const network = this.network;
    this.#observed =
      network.listenerCount('runStarted') > 0 || network.listenerCount('neuronActivated') > 0 || network.listenerCount('runCompleted') > 0;
  }

  /** Whether someone listens to the network's runs (as of the last `updateObserved`). */
  get observed(): boolean {
    return this.#observed;
  }

  /** One forward pass of the input row at `inputs[offset …]`; fills `buffers.values` and `buffers.sums`. */
  forward(inputs: Float64Array, offset: number): void {
    if (!this.#observed) {
      forward(this.current, this.buffers, inputs, offset);
      return;
    }
    // Someone listens: the pass is a real run of the network, on the working weights.
    this.writeBack();
    const network = this.network;
    network.on('neuronActivated', this.#capture);
    try {
      network.run(inputs.subarray(offset, offset + this.plan.inputIds.length));
    } finally {
      network.off('neuronActivated', this.#capture);
    }
  }

  /** Writes the current weights to the graph, in one bulk update, if they changed since the last write. */
  writeBack(): void {
    if (!this.#dirty) return;
    this.assertUnchanged();
    const weights = this.current.weights;
    for (let slot = 0; slot < weights.length; slot++) {
      if (!Number.isFinite(weights[slot]!)) {
        throw new NeurographError(`${this.#where}: refusing to write the non-finite weight ${weights[slot]} into the graph; this is a bug in neurograph's training.`);
      }
    }
    const { slotOfEdge } = this.plan;
    let edge = 0;
    this.#writing = true;
    try {
      // NOTE: one graph event for all weights (the network then re-reads them into its
      // plan at once); attributes are updated in place rather than copied per edge.
      this.network.graph.updateEachEdgeAttributes(
        (_key, attributes) => {
          attributes.weight = weights[slotOfEdge[edge++]!]!;
          return attributes;
        },
        { attributes: ['weight'] },
      );
    } finally {
      this.#writing = false;
    }
    this.#dirty = false;
  }

  /** Whether the network is still as this copy found it (same structure, no weight set from outside). */
  get unchanged(): boolean {
    return !this.#changedOutside && planOf(this.network) === this.plan;
  }

  /** Throws a UsageError if the network changed outside this copy (e.g. in a listener, or while training yielded). */
  assertUnchanged(): void {
    if (this.unchanged) return;
    const what = planOf(this.network) === this.plan ? 'a weight was set' : 'its structure changed';
    throw new UsageError(
      `${this.#where}: the network changed while training (${what}); change it before train() or after its promise settles, or abort training first with the signal option.`,
    );
  }
}
