/**
 * The plan cache
 * ==============
 *
 * One plan per graph, derived on demand and kept true to the graph through
 * graphology's own events: a structural change discards it, a weight change patches
 * one slot, a bulk weight update re-reads them all. Every executor (propagation,
 * compiling, training, pictures) asks here for the plan of a network's graph, so
 * there is exactly one place that knows when a plan is stale. Connections `connectMany`
 * accepted before anyone read the graph are not in graphology yet (pending-edges.ts): the
 * network passes them to `current`, tells the cache when it accepts more (`replace`), and
 * hands them to graphology under `keepWhileAdding`, which keeps the plan.
 */
import type { NeuronGraph } from '../graph/neuron.js';
import type { PendingEdges } from '../graph/pending-edges.js';
import { compilePlan, patchWeight, refreshWeights, type Plan } from './plan.js';

export class PlanCache {
  #plan: Plan | null = null;
  readonly #graph: NeuronGraph;
  /** While connections already in the plan go to graphology: their events change nothing. */
  #adding = false;

  constructor(graph: NeuronGraph) {
    this.#graph = graph;
    const invalidate = () => {
      if (!this.#adding) this.#plan = null;
    };
    for (const event of [
      'nodeAdded',
      'nodeDropped',
      'edgeAdded',
      'edgeDropped',
      'cleared',
      'edgesCleared',
      'nodeAttributesUpdated',
      'eachNodeAttributesUpdated',
    ] as const) {
      graph.on(event, invalidate);
    }
    // A weight that is not finite (set on the graph directly) discards the plan, so the
    // next compile refuses it instead of propagating it. Only a change of `weight` alone is
    // patched; any other edge attribute (a delay) changes the structure.
    graph.on('edgeAttributesUpdated', (payload) => {
      if (this.#plan === null) return;
      const { key, attributes } = payload;
      const [source, target] = graph.extremities(key);
      const weightOnly = payload.type === 'set' && payload.name === 'weight' && Number.isFinite(attributes.weight);
      if (!weightOnly || !patchWeight(this.#plan, source, target, attributes.weight)) this.#plan = null;
    });
    graph.on('eachEdgeAttributesUpdated', ({ hints }) => {
      if (this.#plan === null) return;
      const weightOnly = hints?.attributes?.length === 1 && hints.attributes[0] === 'weight';
      if (!weightOnly || !refreshWeights(this.#plan, graph)) this.#plan = null;
    });
  }

  /** The plan of the graph with the connections `pending` (none by default) after its own. */
  current(pending: PendingEdges | null = null): Plan {
    return (this.#plan ??= compilePlan(this.#graph, pending));
  }

  /**
   * Connections were accepted that graphology does not hold yet (so it told no one): the plan is now `plan`, made
   * with them, or made on demand if null.
   */
  replace(plan: Plan | null): void {
    this.#plan = plan;
  }

  /** Runs `add`, which hands graphology connections the plan already has, in the plan's order: the plan stays. */
  keepWhileAdding(add: () => void): void {
    this.#adding = true;
    try {
      add();
    } finally {
      this.#adding = false;
    }
  }
}

const caches = new WeakMap<NeuronGraph, PlanCache>();

/** The one plan cache of a graph (made on first use). */
export function planCacheOf(graph: NeuronGraph): PlanCache {
  let cache = caches.get(graph);
  if (cache === undefined) {
    cache = new PlanCache(graph);
    caches.set(graph, cache);
  }
  return cache;
}

/**
 * The plan of a network's graph (compiled now if the graph changed since the last one).
 * Internal to the library: its typed arrays are the engine's own, never hand them out.
 */
export function planOf(network: { readonly graph: NeuronGraph }): Plan {
  return planCacheOf(network.graph).current();
}
