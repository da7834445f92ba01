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

/** The connections of a list, checked and ready for graphology: the `i`th is `sources[i]` → `targets[i]`. */
export interface CheckedEdges {
  readonly sources: readonly string[];
  readonly targets: readonly string[];
  readonly attributes: readonly ConnectionAttributes[];
}

const edgeKeys = new Set(['from', 'to', 'weight', 'delay', 'trainable']);

/** Each field of each edge as read (once), and the shape error that stopped the reading, if one did. */
interface ReadEdges {
  readonly from: unknown[];
  readonly to: unknown[];
  readonly weight: unknown[];
  readonly delay: unknown[];
  readonly trainable: unknown[];
  readonly stop: UsageError | undefined;
}

/**
 * Checks every connection of `edges` against `graph` and each other; throws the first problem, changes nothing.
 *
 * NOTE: two checkers. The fast one builds no message and allocates nothing per connection but the attributes
 * graphology keeps: ids become node indices through one Map, each neuron's own checks are made once per neuron,
 * pairs are told apart by stamping sources in one CSR by target (the same CSR the topological sort reads). It
 * only says yes or "ask the other". The other is the one that names problems: it checks connection by
 * connection in list order, so the first problem of the list is the one thrown, as `connect` would say it.
 */
export function checkEdges(graph: NeuronGraph, edges: unknown, where: string): CheckedEdges {
  if (
    edges === null ||
    typeof edges !== 'object' ||
    typeof (edges as Iterable<unknown>)[Symbol.iterator] !== 'function'
  ) {
    throw new UsageError(
      `${where}: edges must be an array of [from, to, weight] or { from, to, weight }, got ${describe(edges)}.`,
    );
  }
  const read = readEdges(edges as Iterable<unknown>, where);
  return (read.stop === undefined ? acceptedEdges(graph, read) : null) ?? namedProblem(graph, read, where);
}

function readEdges(edges: Iterable<unknown>, where: string): ReadEdges {
  const from: unknown[] = [];
  const to: unknown[] = [];
  const weight: unknown[] = [];
  const delay: unknown[] = [];
  const trainable: unknown[] = [];
  let stop: UsageError | undefined;
  for (const edge of edges) {
    if (Array.isArray(edge)) {
      if (edge.length !== 3) {
        stop = new UsageError(
          `${where}: edges[${from.length}]: an edge array is [from, to, weight], got ${edge.length} items.`,
        );
        break;
      }
      from.push(edge[0]);
      to.push(edge[1]);
      weight.push(edge[2]);
      delay.push(0);
      trainable.push(true);
      continue;
    }
    try {
      const fields = readEdgeObject(edge, `${where}: edges[${from.length}]`);
      from.push(fields.from);
      to.push(fields.to);
      weight.push(fields.weight);
      delay.push(fields.delay);
      trainable.push(fields.trainable);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      stop = error;
      break;
    }
  }
  return { from, to, weight, delay, trainable, stop };
}

/** The checked connections if every one of them is acceptable, or null (some problem, to be named). */
function acceptedEdges(graph: NeuronGraph, read: ReadEdges): CheckedEdges | null {
  const count = read.from.length;
  const indexOf = new Map<string, number>();
  // By node index: 1 if a connection may leave it, 2 if one may enter it.
  const allowed: number[] = [];
  graph.forEachNode((id, attributes) => {
    indexOf.set(id, indexOf.size);
    if (neuronIdProblem(id) !== undefined) allowed.push(0);
    else allowed.push((softmaxSourceProblem(graph, id) === undefined ? 1 : 0) | (isComputed(attributes.role) ? 2 : 0));
  });
  const size = indexOf.size;
  // Every connection, old then new: its source and target index, 1 if immediate.
  const total = graph.size + count;
  const edgeSources = new Int32Array(total);
  const edgeTargets = new Int32Array(total);
  const immediate = new Uint8Array(total);
  let e = 0;
  graph.forEachEdge((_key, attributes, source, target) => {
    edgeSources[e] = indexOf.get(source)!;
    edgeTargets[e] = indexOf.get(target)!;
    immediate[e++] = (attributes.delay ?? 0) === 0 ? 1 : 0;
  });
  const sources: string[] = new Array(count);
  const targets: string[] = new Array(count);
  const attributes: ConnectionAttributes[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const from = read.from[i];
    const to = read.to[i];
    const weight = read.weight[i];
    const delay = read.delay[i];
    const trainable = read.trainable[i];
    if (typeof from !== 'string' || typeof to !== 'string') return null;
    const source = indexOf.get(from);
    const target = indexOf.get(to);
    if (source === undefined || target === undefined || (allowed[source]! & 1) === 0 || (allowed[target]! & 2) === 0)
      return null;
    if (typeof weight !== 'number' || !Number.isFinite(weight)) return null;
    if (typeof delay !== 'number' || !Number.isSafeInteger(delay) || delay < 0 || delay > MAX_DELAY) return null;
    if (typeof trainable !== 'boolean') return null;
    if (source === target && delay === 0) return null;
    edgeSources[e] = source;
    edgeTargets[e] = target;
    immediate[e++] = delay === 0 ? 1 : 0;
    sources[i] = from;
    targets[i] = to;
    const checked: ConnectionAttributes = { weight };
    if (delay > 0) checked.delay = delay;
    if (!trainable) checked.trainable = false;
    attributes[i] = checked;
  }
  // Every connection by target (CSR); `slotImmediate` says which ones order the neurons.
  const starts = new Int32Array(size + 1);
  for (e = 0; e < total; e++) starts[edgeTargets[e]! + 1]!++;
  for (let n = 0; n < size; n++) starts[n + 1]! += starts[n]!;
  const fill = starts.slice(0, size);
  const slotSources = new Int32Array(total);
  const slotImmediate = new Uint8Array(total);
  const waiting = new Int32Array(size);
  for (e = 0; e < total; e++) {
    const slot = fill[edgeTargets[e]!]!++;
    slotSources[slot] = edgeSources[e]!;
    if (immediate[e] === 1) {
      slotImmediate[slot] = 1;
      waiting[edgeSources[e]!]!++;
    }
  }
  // A pair twice: one source stamped twice among one target's connections.
  const stamp = new Int32Array(size);
  for (let n = 0; n < size; n++) {
    for (let slot = starts[n]!; slot < starts[n + 1]!; slot++) {
      const source = slotSources[slot]!;
      if (stamp[source] === n + 1) return null;
      stamp[source] = n + 1;
    }
  }
  // Kahn's algorithm on the reversed immediate connections: a neuron is done once all it feeds are done.
  const queue = new Int32Array(size);
  let head = 0;
  let tail = 0;
  for (let n = 0; n < size; n++) if (waiting[n] === 0) queue[tail++] = n;
  while (head < tail) {
    const n = queue[head++]!;
    for (let slot = starts[n]!; slot < starts[n + 1]!; slot++) {
      if (slotImmediate[slot] === 1 && --waiting[slotSources[slot]!]! === 0) queue[tail++] = slotSources[slot]!;
    }
  }
  return tail === size ? { sources, targets, attributes } : null;
}

/**
 * Checks connection by connection, in list order, and throws the first problem as `connect` one by one would meet
 * it: a connection's own problem only if the ones before it close no cycle, else the cycle they close.
 */
function namedProblem(graph: NeuronGraph, read: ReadEdges, where: string): CheckedEdges {
  const sources: string[] = [];
  const targets: string[] = [];
  const attributes: ConnectionAttributes[] = [];
  // NOTE: pairs within the list are told apart by a Map per source, not a joined string key, so that
  // no id can collide with another pair's key.
  const seen = new Map<string, Set<string>>();
  // A connection's own problem, unless the connections before it close a cycle (thrown here instead).
  const unlessCycleBefore = (error: Error): Error => {
    assertAcyclic(graph, sources, targets, attributes, where);
    return error;
  };
  for (let index = 0; index < read.from.length; index++) {
    const at = `${where}: edges[${index}]`;
    const from = read.from[index];
    const to = read.to[index];
    const weight = read.weight[index];
    const delay = read.delay[index];
    const trainable = read.trainable[index];
    // In connect's order: missing neurons, ids, delay, trainable, the softmax source, the target's role, the pair
    // taken, the weight, then a cycle.
    for (const id of [from, to]) {
      if (typeof id !== 'string' || !graph.hasNode(id)) {
        throw unlessCycleBefore(new NotFoundError(`${at}: no neuron ${describe(id)}; add it first.`));
      }
    }
    for (const id of [from, to] as string[]) {
      const problem = neuronIdProblem(id);
      if (problem !== undefined)
        throw unlessCycleBefore(new UsageError(`${at}: ${problem}; it was added to the graph directly.`));
    }
    const source = from as string;
    const target = to as string;
    const pair = `"${source}" -> "${target}"`;
    if (typeof delay !== 'number' || !Number.isSafeInteger(delay) || delay < 0 || delay > MAX_DELAY) {
      throw unlessCycleBefore(
        new UsageError(
          `${at}: ${pair}: delay must be a whole number of steps from 0 to ${MAX_DELAY}, got ${describe(delay)}.`,
        ),
      );
    }
    if (typeof trainable !== 'boolean') {
      throw unlessCycleBefore(
        new UsageError(`${at}: ${pair}: trainable must be true or false, got ${describe(trainable)}.`),
      );
    }
    const softmaxProblem = softmaxSourceProblem(graph, source);
    if (softmaxProblem !== undefined) throw unlessCycleBefore(new UsageError(`${at}: ${pair}: ${softmaxProblem}.`));
    const targetRole = graph.getNodeAttribute(target, 'role');
    if (!isComputed(targetRole)) {
      throw unlessCycleBefore(
        new UsageError(`${at}: ${pair}: "${target}" is a ${targetRole} neuron and takes no incoming connections.`),
      );
    }
    let seenTargets = seen.get(source);
    if (seenTargets === undefined) seen.set(source, (seenTargets = new Set()));
    if (seenTargets.has(target) || graph.hasDirectedEdge(source, target)) {
      throw unlessCycleBefore(
        new UsageError(
          `${at}: ${pair} appears twice (in the list or already in the network); a pair holds one connection.`,
        ),
      );
    }
    if (typeof weight !== 'number' || !Number.isFinite(weight)) {
      throw unlessCycleBefore(
        new UsageError(`${at}: ${pair}: a weight must be a finite number, got ${describe(weight)}.`),
      );
    }
    if (source === target && delay === 0) {
      throw unlessCycleBefore(
        new CycleError(
          `${at}: ${pair} would close the cycle ${pair} within one step; a self-loop must be delayed ({ delay: 1 }).`,
          source,
          target,
          [source, target],
        ),
      );
    }
    seenTargets.add(target);
    const checked: ConnectionAttributes = { weight };
    if (delay > 0) checked.delay = delay;
    if (!trainable) checked.trainable = false;
    sources.push(source);
    targets.push(target);
    attributes.push(checked);
  }
  assertAcyclic(graph, sources, targets, attributes, where);
  if (read.stop !== undefined) throw read.stop;
  return { sources, targets, attributes };
}

function readEdgeObject(edge: unknown, at: string) {
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
 * Throws the CycleError of the first new connection that closes a cycle of immediate connections, if one does:
 * found by bisecting the list (whether the graph's connections and the list's first k close a cycle only grows
 * with k), each probe one topological sort on typed arrays; then its path, by one search in a copy of the graph
 * with the connections before it (the error path only).
 */
function assertAcyclic(
  graph: NeuronGraph,
  sources: readonly string[],
  targets: readonly string[],
  attributes: readonly ConnectionAttributes[],
  where: string,
): void {
  const indexOf = new Map<string, number>();
  graph.forEachNode((id) => indexOf.set(id, indexOf.size));
  const from: number[] = [];
  const to: number[] = [];
  graph.forEachEdge((_key, edgeAttributes, source, target) => {
    if ((edgeAttributes.delay ?? 0) !== 0) return;
    from.push(indexOf.get(source)!);
    to.push(indexOf.get(target)!);
  });
  const old = from.length;
  // The list's immediate connections, by their place in the list.
  const places: number[] = [];
  attributes.forEach((edgeAttributes, index) => {
    if ((edgeAttributes.delay ?? 0) !== 0) return;
    places.push(index);
    from.push(indexOf.get(sources[index]!)!);
    to.push(indexOf.get(targets[index]!)!);
  });
  if (isAcyclic(indexOf.size, from, to, from.length)) return;
  // The smallest k whose first k immediate connections of the list close a cycle.
  let low = 1;
  let high = places.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (isAcyclic(indexOf.size, from, to, old + middle)) low = middle + 1;
    else high = middle;
  }
  const replay = graph.emptyCopy() as NeuronGraph;
  graph.forEachEdge((_key, edgeAttributes, source, target) => {
    if ((edgeAttributes.delay ?? 0) === 0) replay.addDirectedEdge(source, target, edgeAttributes);
  });
  for (let k = 0; k < low - 1; k++) replay.addDirectedEdge(sources[places[k]!]!, targets[places[k]!]!);
  const index = places[low - 1]!;
  const source = sources[index]!;
  const target = targets[index]!;
  const cycle = cycleClosedBy(replay, source, target)!;
  const shown = cycle.map((id) => `"${id}"`).join(' -> ');
  throw new CycleError(
    `${where}: edges[${index}]: "${source}" -> "${target}" would close the cycle ${shown} within one step; nothing ` +
      'was connected. Connect these neurons the other way, or make this connection delayed ({ delay: 1 }).',
    source,
    target,
    cycle,
  );
}

/** Whether the first `count` connections `from[e]` → `to[e]` among `size` neurons close no cycle (Kahn). */
function isAcyclic(size: number, from: readonly number[], to: readonly number[], count: number): boolean {
  const outStarts = new Int32Array(size + 1);
  const remaining = new Int32Array(size);
  for (let e = 0; e < count; e++) {
    outStarts[from[e]! + 1]!++;
    remaining[to[e]!]!++;
  }
  for (let i = 0; i < size; i++) outStarts[i + 1]! += outStarts[i]!;
  const outTargets = new Int32Array(count);
  const fill = outStarts.slice(0, size);
  for (let e = 0; e < count; e++) outTargets[fill[from[e]!]!++] = to[e]!;
  const queue = new Int32Array(size);
  let head = 0;
  let tail = 0;
  for (let i = 0; i < size; i++) if (remaining[i] === 0) queue[tail++] = i;
  while (head < tail) {
    const node = queue[head++]!;
    for (let k = outStarts[node]!; k < outStarts[node + 1]!; k++)
      if (--remaining[outTargets[k]!]! === 0) queue[tail++] = outTargets[k]!;
  }
  return tail === size;
}
