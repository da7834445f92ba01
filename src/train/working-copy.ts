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
 * Weights that training leaves in the graph must be ones a forward pass has run
 * without leaving the finite numbers: a step's weights count as good only once the
 * next pass used them (`verified`); until then the spare buffer still holds the
 * weights before the step, and `revert` takes them back. That is the cheap check:
 * finite weights can still overflow a sum, and the next pass is run anyway.
 */
import { NeurographError, UsageError } from '../errors.js';
import type { Network } from '../graph/network.js';
import { planOf } from '../plan/plan-cache.js';
import type { Plan } from '../plan/plan.js';

/**
 * Weight buffers of released copies, by plan, for the next copy of the same plan.
 * NOTE: a training call on a big network otherwise allocates three weight-sized arrays, and the garbage collections
 * they bring mark the whole graph (measured on 128-256-10 with one epoch of 16 samples per call: the collector took
 * as long as the training).
 */
const spareBuffers = new WeakMap<Plan, Float64Array[]>();

function takeBuffer(plan: Plan): Float64Array {
  return spareBuffers.get(plan)?.pop() ?? new Float64Array(plan.weights.length);
}

export class WorkingCopy {
  readonly network: Network;
  /** The network's plan when the copy was made; the copy is valid while it stays the network's plan. */
  readonly plan: Plan;
  /** The plan with the current working weights (what the fast path and the backward pass read). */
  current: Plan;
  /** The plan with the spare buffer an optimizer step writes into. */
  next: Plan;

  readonly #where: string;
  /** The network's weights when the copy was made (for `restoreOriginal`). */
  readonly #original: Float64Array;
  #verified = true;
  #dirty = false;
  #writing = false;
  #changedOutside = false;
  #observed = false;
  #released = false;
  readonly #onWeightsUpdated = () => {
    if (!this.#writing) this.#changedOutside = true;
  };

  constructor(network: Network, where: string) {
    this.network = network;
    this.#where = where;
    this.plan = planOf(network);
    this.#original = takeBuffer(this.plan);
    this.#original.set(this.plan.weights);
    // NOTE: shallow copies of the plan that differ only in `weights`, made once, so the
    // scheduler and the backward pass run unchanged on either buffer. The spare one's contents are
    // never read before a step has written all of it.
    const current = takeBuffer(this.plan);
    current.set(this.plan.weights);
    this.current = { ...this.plan, weights: current };
    this.next = { ...this.plan, weights: takeBuffer(this.plan) };
    network.graph.on('edgeAttributesUpdated', this.#onWeightsUpdated);
    network.graph.on('eachEdgeAttributesUpdated', this.#onWeightsUpdated);
    this.updateObserved();
  }

  /** Stops watching the graph and hands its buffers on to the next copy of the plan; call when done, and once. */
  release(): void {
    this.network.graph.off('edgeAttributesUpdated', this.#onWeightsUpdated);
    this.network.graph.off('eachEdgeAttributesUpdated', this.#onWeightsUpdated);
    if (this.#released) return;
    this.#released = true;
    let spare = spareBuffers.get(this.plan);
    if (spare === undefined) spareBuffers.set(this.plan, (spare = []));
    // One copy's worth is kept: copies of one plan at the same time (a loss() from a listener) are rare.
    if (spare.length === 0) spare.push(this.#original, this.current.weights, this.next.weights);
  }

  /** Makes the step written into `next` the current weights (not yet verified); `next` keeps the previous ones. */
  swap(): void {
    const previous = this.current;
    this.current = this.next;
    this.next = previous;
    this.#dirty = true;
    this.#verified = false;
  }

  /**
   * Whether the current weights are the network's own, or have run a forward pass without leaving the finite numbers.
   */
  get verified(): boolean {
    return this.#verified;
  }

  /** Records that a forward pass ran finite with the current weights. */
  markVerified(): void {
    this.#verified = true;
  }

  /**
   * Takes back the last step (whose weights a pass found non-finite): the previous, verified weights are current
   * again.
   */
  revert(): void {
    if (this.#verified) return;
    this.swap();
    this.#verified = true;
  }

  /**
   * Makes `weights` (ones a pass has already run finite with, such as an earlier epoch's that later steps started
   * from) the current weights; they reach the graph at the next `writeBack`. Nothing changes if they already are.
   */
  restore(weights: Float64Array): void {
    const current = this.current.weights;
    let same = true;
    for (let slot = 0; slot < current.length && same; slot++) same = Object.is(current[slot], weights[slot]);
    if (same) return;
    current.set(weights);
    this.#verified = true;
    this.#dirty = true;
  }

  /**
   * Puts the network's own weights back (for calls that must change nothing when they throw), writing them to the
   * graph.
   */
  restoreOriginal(): void {
    this.current.weights.set(this.#original);
    this.#verified = true;
    this.#dirty = true;
    this.writeBack();
  }

  /**
   * Re-reads whether anyone listens to the network. Called at points where a listener
   * can have been attached: before each epoch and after training yields.
   */
  updateObserved(): void {
    const network = this.network;
    this.#observed =
      network.listenerCount('runStarted') > 0 ||
      network.listenerCount('neuronActivated') > 0 ||
      network.listenerCount('runCompleted') > 0;
  }

  /** Whether someone listens to the network's runs (as of the last `updateObserved`). */
  get observed(): boolean {
    return this.#observed;
  }

  /** Writes the current weights to the graph, in one bulk update, if they changed since the last write. */
  writeBack(): void {
    if (!this.#dirty) return;
    this.assertUnchanged();
    const weights = this.current.weights;
    for (let slot = 0; slot < weights.length; slot++) {
      if (!Number.isFinite(weights[slot]!)) {
        throw new NeurographError(
          `${this.#where}: refusing to write the non-finite weight ${weights[slot]} into the graph; this is a ` +
            `bug in neurograph's training.`,
        );
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
      `${this.#where}: the network changed while training (${what}); change it before train() or after its ` +
        `promise settles, or abort training first with the signal option.`,
    );
  }
}
