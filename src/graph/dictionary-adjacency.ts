/**
 * Dictionary adjacency
 * ====================
 *
 * graphology keeps each node's neighbours in two plain objects (`in`, `out`) keyed by
 * neighbour id. V8 gives a fresh `{}` fast properties: every new key is a transition to a
 * new hidden class, and since no two neurons have the same neighbours, every connection
 * made two new hidden classes (a map and its descriptors each) — about half of the time
 * graphology took to add an edge (W4, 100,000 connections: ~890 ms, ~460 ms after this).
 * An object already in dictionary mode takes a key with one hash-table insert.
 *
 * NOTE: a speed trick on graphology's internals (`graph._nodes`, a node's `in` and `out`),
 * invisible to everyone: the objects stay the same objects, with Object.prototype (graphology
 * calls their `hasOwnProperty`) and the same keys in the same order (dictionary properties
 * keep insertion order). Deleting a property that is not the last one added is what turns
 * an object into a dictionary. The two names are built-in property names, which no neuron
 * id can be; an object that has one as a neighbour (a node added to the graph directly) is
 * left as it is, so no neighbour is ever overwritten. Network converts new neurons' objects
 * in one batch, just before connections next reach graphology (none, for a network whose
 * connections never leave connectMany's typed arrays). (Named stores:
 * ~0.25 µs an object; symbol keys cost three times that.) When graphology stores nodes
 * differently, nothing happens and only the speed is graphology's.
 */
import type { NeuronGraph } from './neuron.js';

/** Puts the adjacency objects of node `id` into V8's dictionary mode. */
export function preferDictionaryAdjacency(graph: NeuronGraph, id: string): void {
  const nodes = (graph as unknown as { readonly _nodes?: unknown })._nodes;
  if (!(nodes instanceof Map)) return;
  const data: unknown = nodes.get(id);
  if (typeof data !== 'object' || data === null) return;
  toDictionary((data as { in?: unknown }).in);
  toDictionary((data as { out?: unknown }).out);
}

function toDictionary(neighbours: unknown): void {
  if (typeof neighbours !== 'object' || neighbours === null) return;
  // A neighbour of that name (a node added directly to a graph handed out, before Network's batch) is never touched.
  if (Object.hasOwn(neighbours, '__lookupGetter__') || Object.hasOwn(neighbours, '__lookupSetter__')) return;
  const object = neighbours as { __lookupGetter__?: unknown; __lookupSetter__?: unknown };
  object.__lookupGetter__ = 0;
  object.__lookupSetter__ = 0;
  delete object.__lookupGetter__;
  delete object.__lookupSetter__;
}
