/**
 * Pending connections
 * ===================
 *
 * `connectMany` checks a whole list of connections at once; until something reads the
 * graph, the checked connections wait here, in typed arrays, instead of in graphology.
 * graphology keeps an edge as a keyed record in a Map and in two adjacency objects: for
 * 100,000 connections that is ~200 ms and ~30 MB, more than a whole build by a library
 * that keeps plain arrays. A network built in bulk and then only compiled and run never
 * needs those records: the plan reads the connections from here. The first read of
 * `net.graph` (or any method that needs graphology's view) hands them to graphology in one
 * pass, in list order, so the graph is then the one `connect` one by one would have made
 * (edge keys aside, which neurograph never shows), and the plan made from here stays.
 *
 * Connections are named by node index: the place of a neuron in the graph's node order
 * (insertion order) when they were checked. A neuron added comes after all of them in that
 * order, and Network hands the pending connections to graphology before any neuron is
 * removed, so those indices stay true.
 */
import { freshEdgeKeys } from './edge-keys.js';
import { connectionAttributes, type ConnectionAttributes, type NeuronGraph } from './neuron.js';

/** Checked connections: the `i`th is node `sources[i]` → node `targets[i]`, by node index. */
export interface PendingEdges {
  readonly count: number;
  readonly sources: Int32Array;
  readonly targets: Int32Array;
  readonly weights: Float64Array;
  /** 0 for an immediate connection. */
  readonly delays: Int32Array;
  /** 0 where a connection is `trainable: false`. */
  readonly trainable: Uint8Array;
}

/** Room for `count` connections, all zeros (to be filled). */
export function emptyPendingEdges(count: number): PendingEdges {
  return {
    count,
    sources: new Int32Array(count),
    targets: new Int32Array(count),
    weights: new Float64Array(count),
    delays: new Int32Array(count),
    trainable: new Uint8Array(count),
  };
}

/** `first`'s connections, then `second`'s. */
export function concatPendingEdges(first: PendingEdges | null, second: PendingEdges): PendingEdges {
  if (first === null || first.count === 0) return second;
  const joined = emptyPendingEdges(first.count + second.count);
  for (const part of [first, second]) {
    const at = part === first ? 0 : first.count;
    joined.sources.set(part.sources, at);
    joined.targets.set(part.targets, at);
    joined.weights.set(part.weights, at);
    joined.delays.set(part.delays, at);
    joined.trainable.set(part.trainable, at);
  }
  return joined;
}

/** The attributes graphology keeps for connection `i` (the same shape `connect` stores). */
export function pendingAttributes(edges: PendingEdges, i: number): ConnectionAttributes {
  return connectionAttributes(edges.weights[i]!, edges.delays[i]!, edges.trainable[i] !== 0);
}

/** Adds every pending connection to `graph`, in order (checked already: this cannot fail). */
export function addPendingEdges(graph: NeuronGraph, edges: PendingEdges): void {
  const ids = graph.nodes();
  const keys = freshEdgeKeys(graph, edges.count);
  for (let i = 0; i < edges.count; i++) {
    graph.addDirectedEdgeWithKey(
      keys[i]!,
      ids[edges.sources[i]!]!,
      ids[edges.targets[i]!]!,
      pendingAttributes(edges, i),
    );
  }
}
