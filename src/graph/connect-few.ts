/**
 * A few connections into a big network
 * =====================================
 *
 * `connectMany`'s check (connect-many.ts) sorts the whole network, which is right for one big
 * list and wrong for a few connections at a time, call after call: one call per neuron, ten
 * connections each, built a 5,000-neuron network in 27 s, where `connect` one by one took
 * 0.2–0.4 s; checked this way, it takes 0.3–0.45 s. So a list that is small next to the network is
 * checked the way `connect` checks one connection, connection by connection, each against the
 * graph and the list's connections before it: its own checks, then a cycle search from its
 * target that walks only what the target reaches. Nothing is added until every connection has
 * passed.
 *
 * This checker only says yes or "ask the other": on any problem, or when its cycle searches
 * together walk more than a budget (about one full check's worth of neurons and connections),
 * the full check decides, and names the problem as it always has.
 */
import { MAX_DELAY } from '../plan/plan.js';
import type { ReadEdges } from './connect-many.js';
import { connectionAttributes, isComputed, type ConnectionAttributes, type NeuronGraph } from './neuron.js';
import { neuronIdProblem } from './neuron-id.js';
import { softmaxSourceProblem } from './softmax-group.js';

/**
 * How many neurons and connections of the network one connection of the list must be worth for the list to be
 * "few", and how many steps (a neuron or a connection walked) its cycle searches may take per neuron and connection
 * of the network.
 * NOTE: measured on a network of 5,000 neurons and 25,000 connections in graphology: the full check costs 0.34–0.46
 * µs per neuron and connection, this one 1.3–2.2 µs per connection of the list and ~0.37 µs per step of a search.
 * At these limits a list's own checks cost at most ~0.3 of the full check and its searches about one more; a list
 * whose searches run out of budget pays the full check on top (about 2.3 times it in all, at worst).
 */
const NETWORK_PER_CONNECTION = 16;
const STEPS_PER_NETWORK_ITEM = 1;

/**
 * How many few lists the full check takes while connections are pending (pending-edges.ts), before they are handed
 * to graphology so that this file can check the next ones.
 * NOTE: measured on W4 (10,000 neurons, 100,000 pending connections): handing them over costs 230–400 ms, once; a
 * full check of a small list against them ~30–50 ms, each time. A bulk list followed by a few small ones keeps its
 * connections pending; one followed by many small ones hands them over after these.
 */
export const FULL_CHECKS_WHILE_PENDING = 4;

/** Connections checked by this file, by list place. */
export interface FewEdges {
  readonly sources: readonly string[];
  readonly targets: readonly string[];
  readonly attributes: readonly ConnectionAttributes[];
}

/** Whether `count` connections are few next to a network of `size` neurons plus connections. */
export function isFew(count: number, size: number): boolean {
  return count * NETWORK_PER_CONNECTION <= size;
}

/**
 * Every connection of `read`, as `connect` would accept it after the ones before it; or null when one has a
 * problem, or the cycle searches went past their budget. Reads `graph` (which must hold every connection of the
 * network), changes nothing.
 */
export function fewEdgesAccepted(graph: NeuronGraph, read: ReadEdges): FewEdges | null {
  if (read.stop !== undefined) return null;
  const sources: string[] = [];
  const targets: string[] = [];
  const attributes: ConnectionAttributes[] = [];
  // The list's immediate connections so far, by source, and what they enter: the cycle search follows them too.
  const listOut = new Map<string, string[]>();
  const listInto = new Set<string>();
  const pairs = new Map<string, Set<string>>();
  const budget = { steps: Math.ceil((graph.order + graph.size) * STEPS_PER_NETWORK_ITEM) };
  for (let i = 0; i < read.from.length; i++) {
    const from = read.from[i];
    const to = read.to[i];
    const weight = read.weight[i];
    const delay = read.delay[i];
    const trainable = read.trainable[i];
    if (typeof from !== 'string' || typeof to !== 'string' || !graph.hasNode(from) || !graph.hasNode(to)) return null;
    if (neuronIdProblem(from) !== undefined || neuronIdProblem(to) !== undefined) return null;
    if (typeof delay !== 'number' || !Number.isSafeInteger(delay) || delay < 0 || delay > MAX_DELAY) return null;
    if (typeof trainable !== 'boolean' || typeof weight !== 'number' || !Number.isFinite(weight)) return null;
    if (softmaxSourceProblem(graph, from) !== undefined || !isComputed(graph.getNodeAttribute(to, 'role'))) return null;
    let seen = pairs.get(from);
    if (seen === undefined) pairs.set(from, (seen = new Set()));
    if (seen.has(to) || graph.hasDirectedEdge(from, to)) return null;
    seen.add(to);
    if (delay === 0) {
      if (closesCycle(graph, listOut, listInto, from, to, budget) !== false) return null;
      const out = listOut.get(from);
      if (out === undefined) listOut.set(from, [to]);
      else out.push(to);
      listInto.add(to);
    }
    sources.push(from);
    targets.push(to);
    attributes.push(connectionAttributes(weight, delay, trainable));
  }
  return { sources, targets, attributes };
}

/** Adds connections this file checked, in list order, as `connect` adds one. */
export function addFewEdges(graph: NeuronGraph, edges: FewEdges): void {
  for (let i = 0; i < edges.sources.length; i++) {
    graph.addDirectedEdge(edges.sources[i]!, edges.targets[i]!, edges.attributes[i]!);
  }
}

/**
 * Whether the immediate connection from → to closes a cycle through the graph's immediate connections and the
 * list's (`listOut`, entering `listInto`): true, false, or null when the search ran out of `budget`.
 */
function closesCycle(
  graph: NeuronGraph,
  listOut: ReadonlyMap<string, readonly string[]>,
  listInto: ReadonlySet<string>,
  from: string,
  to: string,
  budget: { steps: number },
): boolean | null {
  if (from === to) return true;
  // As cycle.ts: nothing enters `from`, or nothing leaves `to`, and no cycle can pass.
  if ((graph.inDegree(from) === 0 && !listInto.has(from)) || (graph.outDegree(to) === 0 && !listOut.has(to)))
    return false;
  const visited = new Set<string>([to]);
  const stack = [to];
  const visit = (next: string) => {
    if (!visited.has(next)) {
      visited.add(next);
      stack.push(next);
    }
  };
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node === from) return true;
    // Each connection walked is a step too, not only each neuron: a neuron with many connections (delayed ones, or
    // into neurons visited already) would otherwise be walked again, free, by every search of the list.
    budget.steps -= 1 + graph.outDegree(node) + (listOut.get(node)?.length ?? 0);
    if (budget.steps < 0) return null;
    graph.forEachOutEdge(node, (_edge, attributes, _source, next) => {
      if ((attributes.delay ?? 0) === 0) visit(next);
    });
    for (const next of listOut.get(node) ?? []) visit(next);
  }
  return false;
}
