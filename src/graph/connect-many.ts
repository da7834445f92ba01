/**
 * Connecting many at once
 * =======================
 *
 * `Network.connectMany(edges)` checks a whole list of connections before it adds any:
 * every id, weight and option as `connect` checks them, no pair twice (in the list or
 * in the graph), and — instead of one cycle search per connection, which costs a walk
 * of the graph each time a connection's source already has inputs and its target
 * already has outputs — one topological sort of every immediate connection, old and
 * new, on typed arrays: the plan's own (plan.ts), so the plan it makes is the network's
 * next plan. Only when that sort finds a cycle does it look for the first connection of
 * the list that closes one, to name it and its path as `connect` would.
 */
import { CycleError, NotFoundError, UsageError } from '../errors.js';
import { describe, withArticle } from '../format/describe.js';
import { isRevokedProxy } from '../format/revoked-proxy.js';
import { cycleClosedBy } from './cycle.js';
import { connectionAttributes, isComputed, type ConnectionAttributes, type NeuronGraph } from './neuron.js';
import { neuronIdProblem } from './neuron-id.js';
import { compilePlanIfAcyclic, MAX_DELAY, type Plan } from '../plan/plan.js';
import { concatPendingEdges, emptyPendingEdges, type PendingEdges } from './pending-edges.js';
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

/** Connections named by id, as the error path checks them: the `i`th is `sources[i]` → `targets[i]`. */
interface NamedEdges {
  readonly sources: readonly string[];
  readonly targets: readonly string[];
  readonly attributes: readonly ConnectionAttributes[];
}

const edgeKeys = new Set(['from', 'to', 'weight', 'delay', 'trainable']);

/**
 * Connections as columns: the `i`th is `from[i]` → `to[i]` with `weight[i]` (and `delay[i]`, `trainable[i]` when
 * given; 0 and true otherwise). The form for networks built from arrays: no object per connection.
 */
export interface EdgeColumns {
  readonly from: readonly string[];
  readonly to: readonly string[];
  readonly weight: NumberColumn;
  readonly delay?: NumberColumn;
  readonly trainable?: readonly boolean[];
}

/** A column of numbers: an Array or a typed array (other array-likes, DataViews and strings are refused). */
export type NumberColumn =
  | readonly number[]
  | Float64Array
  | Float32Array
  | Int32Array
  | Uint32Array
  | Int16Array
  | Uint16Array
  | Int8Array
  | Uint8Array
  | Uint8ClampedArray;

const columnKeys = ['from', 'to', 'weight', 'delay', 'trainable'] as const;

/**
 * Checked connections by node index (pending-edges.ts), and when the fast checker took them, the plan of the graph
 * with the pending connections and these after its own.
 */
export interface CheckedEdges {
  readonly edges: PendingEdges;
  /** The pending connections, then these: what is pending once they are accepted. */
  readonly joined: PendingEdges;
  readonly plan: Plan | null;
}

/** Each field of each edge as read (once), and the shape error that stopped the reading, if one did. */
export interface ReadEdges {
  /** How an error names connection `index` (`edges[3]`, or `connection 3` of columns). */
  readonly place: (index: number) => string;
  readonly from: unknown[];
  readonly to: unknown[];
  readonly weight: unknown[];
  readonly delay: unknown[];
  readonly trainable: unknown[];
  readonly stop: UsageError | undefined;
}

/**
 * Checks every connection of `edges` against `graph`, the connections still `pending` and each other; throws the
 * first problem, changes nothing observable (`withPendingAdded` hands the pending ones to graphology and returns
 * the graph: only the error path asks for it). The connections come back by node index (pending-edges.ts).
 *
 * NOTE: two checkers. The fast one builds no message and allocates nothing per connection: ids become node
 * indices through one Map, each neuron's own checks are made once per neuron,
 * pairs are told apart by stamping sources in one CSR by target (the same CSR the topological sort reads). It
 * only says yes or "ask the other". The other is the one that names problems: it checks connection by
 * connection in list order, so the first problem of the list is the one thrown, as `connect` would say it.
 */
export function checkEdges(
  graph: NeuronGraph,
  pending: PendingEdges | null,
  withPendingAdded: () => NeuronGraph,
  read: ReadEdges,
): CheckedEdges {
  const accepted = read.stop === undefined ? acceptedEdges(graph, pending, read) : null;
  if (accepted !== null) return accepted;
  // The error path names problems on graphology's view, so the connections still pending go there first (and then
  // none are pending).
  const complete = pending === null || pending.count === 0 ? graph : withPendingAdded();
  const named = byNodeIndex(complete, namedProblem(complete, read));
  return { edges: named, joined: named, plan: null };
}

/**
 * Every field of every connection of `edges`, read once. Every getter, iterator and Proxy trap of the caller's runs
 * here, before `checkEdges` looks at the network: one that changes the network cannot leave the check comparing
 * against a snapshot taken before it.
 */
export function readEdgeInput(edges: unknown, where: string): ReadEdges {
  if (edges === null || typeof edges !== 'object' || isRevokedProxy(edges)) {
    throw new UsageError(
      `${where}: edges must be an array of [from, to, weight] or { from, to, weight }, or columns ` +
        `{ from: [...], to: [...], weight: [...] }, got ${describe(edges)}.`,
    );
  }
  return typeof (edges as Iterable<unknown>)[Symbol.iterator] === 'function'
    ? readEdges(edges as Iterable<unknown>, where)
    : readColumns(edges, where);
}

function readEdges(edges: Iterable<unknown>, where: string): ReadEdges {
  const from: unknown[] = [];
  const to: unknown[] = [];
  const weight: unknown[] = [];
  const delay: unknown[] = [];
  const trainable: unknown[] = [];
  let stop: UsageError | undefined;
  const place = (index: number) => `${where}: edges[${index}]`;
  for (const edge of edges) {
    if (isRevokedProxy(edge)) {
      stop = new UsageError(
        `${place(from.length)}: an edge is [from, to, weight] or { from, to, weight }, got ${describe(edge)}.`,
      );
      break;
    }
    if (Array.isArray(edge)) {
      if (edge.length !== 3) {
        stop = new UsageError(`${place(from.length)}: an edge array is [from, to, weight], got ${edge.length} items.`);
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
      const fields = readEdgeObject(edge, place(from.length));
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
  return { place, from, to, weight, delay, trainable, stop };
}

/** The most items a column may have: an Array's longest length. */
const MAX_COLUMN_LENGTH = 2 ** 32 - 1;

/** What an item of each column must be; the copy of a column ends after its first item that is not. */
const columnItemOk: Record<(typeof columnKeys)[number], (item: unknown) => boolean> = {
  from: (item) => typeof item === 'string',
  to: (item) => typeof item === 'string',
  weight: (item) => typeof item === 'number',
  delay: (item) => typeof item === 'number',
  trainable: (item) => typeof item === 'boolean',
};

/**
 * Columns, each item read once (a getter answers once). Every length is compared before any item is read, and
 * each column is copied up to its first item of the wrong type (a hole, a BigInt): the list's first problem is at
 * or before the earliest such item, so nothing after it is read, and a sparse array of length 2³² - 1 costs nothing.
 */
function readColumns(columns: object, where: string): ReadEdges {
  for (const key of Object.keys(columns)) {
    if (!(columnKeys as readonly string[]).includes(key))
      throw new UsageError(
        `${where}: unknown column ${describe(key)}; columns are from, to, weight, delay, trainable.`,
      );
  }
  const given = columns as Record<string, unknown>;
  const taken: Partial<Record<(typeof columnKeys)[number], { column: ArrayLike<unknown>; length: number }>> = {};
  for (const key of columnKeys) {
    const column = given[key];
    if (column === undefined && (key === 'delay' || key === 'trainable')) continue;
    const length: unknown = isArrayLike(column) ? column.length : -1;
    if (typeof length !== 'number' || !Number.isSafeInteger(length) || length < 0) {
      throw new UsageError(`${where}: columns.${key} must be an array or typed array, got ${describe(column)}.`);
    }
    if (length > MAX_COLUMN_LENGTH) {
      throw new UsageError(
        `${where}: columns.${key} says it has ${length} items; a column has at most ${MAX_COLUMN_LENGTH}.`,
      );
    }
    taken[key] = { column: column as ArrayLike<unknown>, length };
  }
  const count = taken.from!.length;
  for (const key of columnKeys) {
    const length = taken[key]?.length ?? count;
    if (length !== count) {
      throw new UsageError(
        `${where}: columns.${key} has ${length} items and columns.from ${count}; every column has one per connection.`,
      );
    }
  }
  let end = count;
  const read: Partial<Record<(typeof columnKeys)[number], unknown[]>> = {};
  for (const key of columnKeys) {
    const column = taken[key];
    if (column === undefined) continue;
    const copy = copyUntil(column.column, end, columnItemOk[key]);
    // Past the first wrong item of any column, no connection is checked: the error is at or before it.
    end = Math.min(end, copy.length);
    read[key] = copy;
  }
  const cut = (items: unknown[] | undefined, fill: unknown) =>
    items === undefined ? new Array<unknown>(end).fill(fill) : items.length > end ? items.slice(0, end) : items;
  return {
    place: (index) => `${where}: connection ${index}`,
    from: cut(read.from, undefined),
    to: cut(read.to, undefined),
    weight: cut(read.weight, undefined),
    delay: cut(read.delay, 0),
    trainable: cut(read.trainable, true),
    stop: undefined,
  };
}

/**
 * The first `length` items of `column`, or fewer: up to and including the first one that is not `ok`.
 *
 * NOTE: a loop of plain reads, not `Array.from` (iteration: ~10× slower on 100,000 items) nor `slice` (which asks the
 * array's constructor what to make, a hostile array's choice): each item read once, into an array of our own.
 */
function copyUntil(column: ArrayLike<unknown>, length: number, ok: (item: unknown) => boolean): unknown[] {
  const copy: unknown[] = [];
  for (let i = 0; i < length; i++) {
    const item = column[i];
    copy.push(item);
    if (!ok(item)) break;
  }
  return copy;
}

function isArrayLike(value: unknown): value is ArrayLike<unknown> {
  if (isRevokedProxy(value)) return false;
  return (Array.isArray(value) || ArrayBuffer.isView(value)) && !(value instanceof DataView);
}

/**
 * The checked connections if every one of them is acceptable, or null (some problem, to be named), with the plan of
 * the graph, the `pending` connections (accepted before, not yet in `graph`) and these: the plan's topological sort
 * is the acyclicity check, and the plan is the one the network needs next.
 *
 * NOTE: one small function per loop: a list is checked a few times, not thousands, and V8 optimizes a long
 * function loop by loop, each optimized loop giving up at the next one (see plan.ts's compilePlan).
 */
function acceptedEdges(graph: NeuronGraph, pending: PendingEdges | null, read: ReadEdges): CheckedEdges | null {
  const accepted = emptyPendingEdges(read.from.length);
  if (!checkEach(read, nodeIndex(graph), accepted)) return null;
  const joined = concatPendingEdges(pending, accepted);
  let plan: Plan | null;
  try {
    plan = compilePlanIfAcyclic(graph, joined);
  } catch (error) {
    // The graph was changed directly in a way no plan takes: the checker that names problems decides.
    if (error instanceof UsageError) return null;
    throw error;
  }
  return plan === null || hasPairTwice(plan) ? null : { edges: accepted, joined, plan };
}

/** The graph's neurons by node index, and by node index: 1 if a connection may leave it, 2 if one may enter it. */
function nodeIndex(graph: NeuronGraph): { readonly indexOf: Map<string, number>; readonly allowed: Uint8Array } {
  const indexOf = new Map<string, number>();
  const allowed = new Uint8Array(graph.order);
  graph.forEachNode((id, attributes) => {
    const index = indexOf.size;
    indexOf.set(id, index);
    if (neuronIdProblem(id) !== undefined) return;
    allowed[index] = (softmaxSourceProblem(graph, id) === undefined ? 1 : 0) | (isComputed(attributes.role) ? 2 : 0);
  });
  return { indexOf, allowed };
}

/** Each connection's own checks (ids, ends, weight, delay, trainable), into `accepted`; false at the first problem. */
function checkEach(
  read: ReadEdges,
  nodes: { readonly indexOf: Map<string, number>; readonly allowed: Uint8Array },
  accepted: PendingEdges,
): boolean {
  const { indexOf, allowed } = nodes;
  // NOTE: an id the same string as the connection before's is not looked up again (lists come by target or source).
  let lastFrom: unknown;
  let lastTo: unknown;
  let source: number | undefined;
  let target: number | undefined;
  for (let i = 0; i < accepted.count; i++) {
    const from = read.from[i];
    const to = read.to[i];
    const weight = read.weight[i];
    const delay = read.delay[i];
    const trainable = read.trainable[i];
    if (typeof from !== 'string' || typeof to !== 'string') return false;
    if (from !== lastFrom) {
      source = indexOf.get(from);
      lastFrom = from;
    }
    if (to !== lastTo) {
      target = indexOf.get(to);
      lastTo = to;
    }
    if (source === undefined || target === undefined || (allowed[source]! & 1) === 0 || (allowed[target]! & 2) === 0)
      return false;
    if (typeof weight !== 'number' || !Number.isFinite(weight)) return false;
    if (typeof delay !== 'number' || !Number.isSafeInteger(delay) || delay < 0 || delay > MAX_DELAY) return false;
    if (typeof trainable !== 'boolean') return false;
    if (source === target && delay === 0) return false;
    accepted.sources[i] = source;
    accepted.targets[i] = target;
    accepted.weights[i] = weight;
    accepted.delays[i] = delay;
    accepted.trainable[i] = trainable ? 1 : 0;
  }
  return true;
}

/** A pair twice: one source stamped twice among one neuron's incoming connections (immediate and delayed). */
function hasPairTwice({ size, starts, delayedStarts, sources }: Plan): boolean {
  const stamp = new Int32Array(size);
  for (let p = 0; p < size; p++) {
    for (let slot = starts[p]!; slot < starts[p + 1]!; slot++) {
      if (stamp[sources[slot]!] === p + 1) return true;
      stamp[sources[slot]!] = p + 1;
    }
    for (let slot = delayedStarts[p]!; slot < delayedStarts[p + 1]!; slot++) {
      if (stamp[sources[slot]!] === p + 1) return true;
      stamp[sources[slot]!] = p + 1;
    }
  }
  return false;
}

/** Connections named by id (the error path's), by node index instead. */
function byNodeIndex(graph: NeuronGraph, checked: NamedEdges): PendingEdges {
  const indexOf = new Map<string, number>();
  graph.forEachNode((id) => indexOf.set(id, indexOf.size));
  const edges = emptyPendingEdges(checked.sources.length);
  for (let i = 0; i < edges.count; i++) {
    const { weight, delay = 0, trainable = true } = checked.attributes[i]!;
    edges.sources[i] = indexOf.get(checked.sources[i]!)!;
    edges.targets[i] = indexOf.get(checked.targets[i]!)!;
    edges.weights[i] = weight;
    edges.delays[i] = delay;
    edges.trainable[i] = trainable ? 1 : 0;
  }
  return edges;
}

/**
 * Checks connection by connection, in list order, and throws the first problem as `connect` one by one would meet
 * it: a connection's own problem only if the ones before it close no cycle, else the cycle they close.
 */
function namedProblem(graph: NeuronGraph, read: ReadEdges): NamedEdges {
  const sources: string[] = [];
  const targets: string[] = [];
  const attributes: ConnectionAttributes[] = [];
  // NOTE: pairs within the list are told apart by a Map per source, not a joined string key, so that
  // no id can collide with another pair's key.
  const seen = new Map<string, Set<string>>();
  // A connection's own problem, unless the connections before it close a cycle (thrown here instead).
  const unlessCycleBefore = (error: Error): Error => {
    assertAcyclic(graph, sources, targets, attributes, read.place);
    return error;
  };
  for (let index = 0; index < read.from.length; index++) {
    const at = read.place(index);
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
        new UsageError(
          `${at}: ${pair}: "${target}" is ${withArticle(targetRole)} neuron and takes no incoming connections.`,
        ),
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
    sources.push(source);
    targets.push(target);
    attributes.push(connectionAttributes(weight, delay, trainable));
  }
  assertAcyclic(graph, sources, targets, attributes, read.place);
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
  place: (index: number) => string,
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
  const replay = immediateCopy(graph);
  if (!isAcyclic(indexOf.size, from, to, old)) {
    // The graph's own connections close a cycle already (added to `net.graph` directly; no plan takes them): as
    // `connect` one by one, only a cycle a connection of the list closes counts, each searched for in the copy.
    for (const index of places) {
      const cycle = cycleClosedBy(replay, sources[index]!, targets[index]!);
      if (cycle !== null) throw closedCycleError(place(index), sources[index]!, targets[index]!, cycle);
      replay.addDirectedEdge(sources[index]!, targets[index]!);
    }
    return;
  }
  // The smallest k whose first k immediate connections of the list close a cycle.
  let low = 1;
  let high = places.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (isAcyclic(indexOf.size, from, to, old + middle)) low = middle + 1;
    else high = middle;
  }
  for (let k = 0; k < low - 1; k++) replay.addDirectedEdge(sources[places[k]!]!, targets[places[k]!]!);
  const index = places[low - 1]!;
  throw closedCycleError(
    place(index),
    sources[index]!,
    targets[index]!,
    cycleClosedBy(replay, sources[index]!, targets[index]!)!,
  );
}

/** A copy of `graph` with its immediate connections only: the ones a cycle search follows. */
function immediateCopy(graph: NeuronGraph): NeuronGraph {
  const copy = graph.emptyCopy() as NeuronGraph;
  graph.forEachEdge((_key, attributes, source, target) => {
    if ((attributes.delay ?? 0) === 0) copy.addDirectedEdge(source, target, attributes);
  });
  return copy;
}

function closedCycleError(at: string, source: string, target: string, cycle: string[]): CycleError {
  const shown = cycle.map((id) => `"${id}"`).join(' -> ');
  return new CycleError(
    `${at}: "${source}" -> "${target}" would close the cycle ${shown} within one step; nothing ` +
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
