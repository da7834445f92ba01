/**
 * Cycle checks
 * ============
 *
 * An immediate connection from → to closes a cycle exactly when `from` is reachable
 * from `to` along immediate connections. Delayed connections (delay ≥ 1) carry an
 * earlier step's output, so they may close loops: they are never followed here.
 *
 * NOTE: graphology-dag's `willCreateCycle` walks paths without a visited set, so its
 * cost explodes on dense layered networks. Here the common cases are O(1) (a source
 * with no incoming or a target with no outgoing connections can close no cycle) and
 * the rest is one depth-first search that visits each neuron at most once.
 */
import type { NeuronGraph } from './neuron.js';

/** The cycle `from → to` would close, as `[from, to, …, from]`, or null if it closes none. */
export function cycleClosedBy(graph: NeuronGraph, from: string, to: string): string[] | null {
  if (from === to) return [from, to];
  if (graph.inDegree(from) === 0 || graph.outDegree(to) === 0) return null;
  const path = findPath(graph, to, from);
  return path === null ? null : [from, ...path];
}

/** A directed path start → … → goal, or null; iterative, so deep graphs cannot overflow the stack. */
function findPath(graph: NeuronGraph, start: string, goal: string): string[] | null {
  const cameFrom = new Map<string, string | null>([[start, null]]);
  const stack = [start];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node === goal) {
      const path: string[] = [];
      for (let step: string | null | undefined = node; step != null; step = cameFrom.get(step)) path.push(step);
      return path.reverse();
    }
    graph.forEachOutEdge(node, (_edge, attributes, _source, next) => {
      if ((attributes.delay ?? 0) === 0 && !cameFrom.has(next)) {
        cameFrom.set(next, node);
        stack.push(next);
      }
    });
  }
  return null;
}
