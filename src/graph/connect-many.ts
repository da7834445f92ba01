/**
 * Connecting many at once
 * =======================
 *
 * `Network.connectMany(edges)` checks a whole list of connections before it adds any:
 * every id, weight and option as `connect` checks them, no pair twice (in the list or
 * in the graph), and — instead of one cycle search per connection, which costs a walk
 * of the graph each time a connection's source already has inputs and its target
 * already has outputs — one topological sort of every immediate connection, old and
 * new, on typed arrays. Only when that sort finds a cycle does it look for the first
 * connection of the list that closes one, to name it and its path as `connect` would.
 */
import { CycleError, NotFoundError, UsageError } from '../errors.js';
import { describe } from '../format/describe.js';
import { MAX_DELAY } from '../plan/plan.js';
import { cycleClosedBy } from './cycle.js';
import { isComputed, type ConnectionAttributes, type NeuronGraph } from './neuron.js';
import { neuronIdProblem } from './neuron-id.js';
import { softmaxSourceProblem } from './softmax-group.js';

/** One connection for `connectMany`: `[from, to, weight]`, or with options as `connect` takes them. */
export type EdgeSpec =
  | readonly [from: string, to: string, weight: number]
  | {
      readonly from: string;
      readonly to: string;
      readonly weight: number;
      readonly delay?: number;
      readonly trainable?: boolean;
    };

/** A connection checked and ready for graphology. */
export interface CheckedEdge {
  readonly from: string;
  readonly to: string;
  readonly attributes: ConnectionAttributes;
}

const edgeKeys = new Set(['from', 'to', 'weight', 'delay', 'trainable']);

/** Checks every connection of `edges` against `graph` and each other; throws the first problem, changes nothing. */
export function checkEdges(graph: NeuronGraph, edges: unknown, where: string): CheckedEdge[] {
  if (
    edges === null ||
    typeof edges !== 'object' ||
    typeof (edges as Iterable<unknown>)[Symbol.iterator] !== 'function'
  ) {
    throw new UsageError(
      `${where}: edges must be an array of [from, to, weight] or { from, to, weight }, got ${describe(edges)}.`,
    );
  }
  const checked: CheckedEdge[] = [];
  // NOTE: pairs within the list are told apart by a Map per source, not a joined string key, so that
  // no id can collide with another pair's key.
  const seen = new Map<string, Set<string>>();
  let index = 0;
  for (const edge of edges as Iterable<unknown>) {
    const at = `${where}: edges[${index}]`;
    const { from, to, weight, delay, trainable } = readEdge(edge, at);
    for (const id of [from, to]) {
      if (typeof id !== 'string' || !graph.hasNode(id)) {
        throw new NotFoundError(`${at}: no neuron ${describe(id)}; add it first.`);
      }
      const problem = neuronIdProblem(id);
      if (problem !== undefined) throw new UsageError(`${at}: ${problem}; it was added to the graph directly.`);
    }
    const source = from as string;
    const target = to as string;
    const pair = `"${source}" -> "${target}"`;
    if (typeof weight !== 'number' || !Number.isFinite(weight)) {
      throw new UsageError(`${at}: ${pair}: a weight must be a finite number, got ${describe(weight)}.`);
    }
    if (typeof delay !== 'number' || !Number.isSafeInteger(delay) || delay < 0 || delay > MAX_DELAY) {
      throw new UsageError(
        `${at}: ${pair}: delay must be a whole number of steps from 0 to ${MAX_DELAY}, got ${describe(delay)}.`,
      );
    }
    if (typeof trainable !== 'boolean') {
      throw new UsageError(`${at}: ${pair}: trainable must be true or false, got ${describe(trainable)}.`);
    }
    const softmaxProblem = softmaxSourceProblem(graph, source);
    if (softmaxProblem !== undefined) throw new UsageError(`${at}: ${pair}: ${softmaxProblem}.`);
    const targetRole = graph.getNodeAttribute(target, 'role');
    if (!isComputed(targetRole)) {
      throw new UsageError(`${at}: ${pair}: "${target}" is a ${targetRole} neuron and takes no incoming connections.`);
    }
    if (source === target && delay === 0) {
      throw new CycleError(
        `${at}: ${pair} would close the cycle ${pair} within one step; a self-loop must be delayed ({ delay: 1 }).`,
        source,
        target,
        [source, target],
      );
    }
    let targets = seen.get(source);
    if (targets === undefined) seen.set(source, (targets = new Set()));
    if (targets.has(target) || graph.hasDirectedEdge(source, target)) {
      throw new UsageError(
        `${at}: ${pair} appears twice (in the list or already in the network); a pair holds one connection.`,
      );
    }
    targets.add(target);
    const attributes: ConnectionAttributes = { weight };
    if (delay > 0) attributes.delay = delay;
    if (!trainable) attributes.trainable = false;
    checked.push({ from: source, to: target, attributes });
    index++;
  }
  assertAcyclic(graph, checked, where);
  return checked;
}

function readEdge(edge: unknown, at: string) {
  if (Array.isArray(edge)) {
    if (edge.length !== 3) {
      throw new UsageError(`${at}: an edge array is [from, to, weight], got ${edge.length} items.`);
    }
    return {
      from: edge[0] as unknown,
      to: edge[1] as unknown,
      weight: edge[2] as unknown,
      delay: 0 as unknown,
      trainable: true as unknown,
    };
  }
  if (edge === null || typeof edge !== 'object') {
    throw new UsageError(
      `${at}: an edge is [from, to, weight] or { from, to, weight, delay?, trainable? }, got ${describe(edge)}.`,
    );
  }
  for (const key of Object.keys(edge)) {
    if (!edgeKeys.has(key))
      throw new UsageError(`${at}: unknown field ${describe(key)}; an edge has from, to, weight, delay, trainable.`);
  }
  const { from, to, weight, delay = 0, trainable = true } = edge as Record<string, unknown>;
  return { from, to, weight, delay, trainable };
}

/**
 * Kahn's algorithm over every immediate connection, those of the graph and the new ones. On a cycle, the new
 * connections are replayed one by one onto a copy of the graph's immediate connections to find the first that
 * closes one (the error path only).
 */
function assertAcyclic(graph: NeuronGraph, edges: readonly CheckedEdge[], where: string): void {
  const indexOf = new Map<string, number>();
  graph.forEachNode((id) => indexOf.set(id, indexOf.size));
  const size = indexOf.size;
  const sources: number[] = [];
  const targets: number[] = [];
  graph.forEachEdge((_key, attributes, source, target) => {
    if ((attributes.delay ?? 0) !== 0) return;
    sources.push(indexOf.get(source)!);
    targets.push(indexOf.get(target)!);
  });
  for (const { from, to, attributes } of edges) {
    if ((attributes.delay ?? 0) !== 0) continue;
    sources.push(indexOf.get(from)!);
    targets.push(indexOf.get(to)!);
  }
  const outStarts = new Int32Array(size + 1);
  const remaining = new Int32Array(size);
  for (let e = 0; e < sources.length; e++) {
    outStarts[sources[e]! + 1]!++;
    remaining[targets[e]!]!++;
  }
  for (let i = 0; i < size; i++) outStarts[i + 1]! += outStarts[i]!;
  const outTargets = new Int32Array(sources.length);
  const fill = outStarts.slice(0, size);
  for (let e = 0; e < sources.length; e++) outTargets[fill[sources[e]!]!++] = targets[e]!;
  const queue = new Int32Array(size);
  let head = 0;
  let tail = 0;
  for (let i = 0; i < size; i++) if (remaining[i] === 0) queue[tail++] = i;
  while (head < tail) {
    const node = queue[head++]!;
    for (let k = outStarts[node]!; k < outStarts[node + 1]!; k++)
      if (--remaining[outTargets[k]!]! === 0) queue[tail++] = outTargets[k]!;
  }
  if (tail === size) return;

  const replay = graph.emptyCopy() as NeuronGraph;
  graph.forEachEdge((_key, attributes, source, target) => {
    if ((attributes.delay ?? 0) === 0) replay.addDirectedEdge(source, target, attributes);
  });
  edges.forEach(({ from, to, attributes }, index) => {
    if ((attributes.delay ?? 0) !== 0) return;
    const cycle = cycleClosedBy(replay, from, to);
    if (cycle !== null) {
      const shown = cycle.map((id) => `"${id}"`).join(' -> ');
      throw new CycleError(
        `${where}: edges[${index}]: "${from}" -> "${to}" would close the cycle ${shown} within one step; nothing was ` +
          'connected. Connect these neurons the other way, or make this connection delayed ({ delay: 1 }).',
        from,
        to,
        cycle,
      );
    }
    replay.addDirectedEdge(from, to, attributes);
  });
}
