/**
 * The plan
 * ========
 *
 * The graph compiled into what the hot loop reads: neurons in topological order
 * (generation ascending, then insertion order) and their incoming connections as
 * CSR typed arrays indexed by that order. A plan is built once per structure and
 * reused until the graph changes; a weight change patches `weights` in place.
 *
 * Time: a *delayed* connection (delay d ≥ 1) brings its source's output from d steps
 * earlier, so it is left out of the topological order (generations count immediate
 * connections only) and kept in a second CSR whose slots follow all immediate ones in
 * the same `sources` / `weights` arrays: every connection has one slot, whatever its kind.
 *
 * NOTE: compiling walks graphology once for the nodes and once for the edges
 * (~1 µs an edge) and reads connections still pending (pending-edges.ts) from their
 * typed arrays; the topological sort then runs on typed arrays (Kahn's algorithm),
 * which is why it does not use graphology-dag's walk of the graph.
 */
import { resolveActivation, SOFTMAX } from '../activations.js';
import { UsageError } from '../errors.js';
import { describe } from '../format/describe.js';
import { internalized, neuronIdProblem } from '../graph/neuron-id.js';
import type { Role } from '../graph/neuron.js';
import type { PendingEdges } from '../graph/pending-edges.js';
import { softmaxNeuronProblem, softmaxSourceProblem } from '../graph/softmax-group.js';

/** The longest delay a connection may have: each step of delay keeps one more copy of every output. */
export const MAX_DELAY = 1000;
import { BIAS, DEFAULT_ACTIVATION, INPUT, OUTPUT, roleCodes, type NeuronGraph } from '../graph/neuron.js';

export interface Plan {
  /** Number of neurons. */
  readonly size: number;
  /** Neuron ids by position (topological order). */
  readonly ids: readonly string[];
  readonly positionOf: ReadonlyMap<string, number>;
  /** Role code by position (see `roleCodes`). */
  readonly roles: Uint8Array;
  readonly generations: Int32Array;
  /** Activation code by position (index in `activationNames`); unused for inputs and bias. */
  readonly activationCodes: Uint8Array;
  readonly activationParameters: Float64Array;
  /** CSR of incoming immediate connections: those of position p are slots starts[p] … starts[p + 1] - 1. */
  readonly starts: Int32Array;
  /** Source position of each slot (immediate slots first, then delayed ones). */
  readonly sources: Int32Array;
  /** Weight of each slot. */
  readonly weights: Float64Array;
  /**
   * CSR of incoming delayed connections: those of position p are slots delayedStarts[p] …
   * delayedStarts[p + 1] - 1, all at or after `starts[size]`; `delays[slot]` is the delay (0 for immediate slots).
   */
  readonly delayedStarts: Int32Array;
  readonly delays: Int32Array;
  /** The longest delay (0: the network has no memory). */
  readonly maxDelay: number;
  /** 1 where the neuron multiplies its weighted inputs instead of summing them, by position. */
  readonly products: Uint8Array;
  /** How many neurons multiply (0: every neuron sums). */
  readonly productCount: number;
  /** Whether any training slot is fixed: 0 where a connection is marked `trainable: false`, by slot. */
  readonly trainable: Uint8Array;
  /** Slot of each connection, by edge insertion index (for re-reading every weight at once). */
  readonly slotOfEdge: Int32Array;
  /** Input ids in insertion order, and their positions. */
  readonly inputIds: readonly string[];
  readonly inputPositions: Int32Array;
  /** Output ids in insertion order, and their positions. */
  readonly outputIds: readonly string[];
  readonly outputPositions: Int32Array;
  /** Every neuron id in insertion order. */
  readonly neuronIds: readonly string[];
  /** Positions of bias neurons. */
  readonly biasPositions: Int32Array;
  /**
   * Runs of consecutive computing neurons with one generation and one activation:
   * segment k covers positions segmentStarts[k] … segmentEnds[k] - 1. Neurons of one
   * generation never feed each other, so a segment's sums can all be taken before
   * its activation is applied.
   */
  readonly segmentStarts: Int32Array;
  readonly segmentEnds: Int32Array;
  /**
   * The softmax group: positions softmaxStart … softmaxEnd - 1 (empty when start = end), one segment
   * placed after every other neuron of its generation (the latest of its members'), since it feeds nothing.
   */
  readonly softmaxStart: number;
  readonly softmaxEnd: number;
  /** Indices into `outputIds` of the softmax group's neurons, in output order. */
  readonly softmaxOutputs: Int32Array;
}

/** Whether a plan is the plain kind every executor handles: no delayed connection and no product neuron. */
export function isFeedForwardSum(plan: Plan): boolean {
  return plan.maxDelay === 0 && plan.productCount === 0;
}

/** Refuses a plan with delayed connections or product neurons, for what cannot run them (yet). */
export function assertFeedForwardSum(plan: Plan, where: string, instead: string): void {
  if (isFeedForwardSum(plan)) return;
  const has = [plan.maxDelay > 0 ? 'delayed connections' : '', plan.productCount > 0 ? 'product neurons' : '']
    .filter(Boolean)
    .join(' and ');
  throw new UsageError(`${where}: the network has ${has}, which this does not handle yet; ${instead}.`);
}

/**
 * The plan of `graph` with the connections `pending` (checked by `connectMany`, not yet in graphology) after the
 * graph's own: the same plan as once they are added to it.
 *
 * NOTE: one function per loop. A network is compiled a few times, not thousands: V8 optimizes a long function's
 * loops one by one while they run (on-stack replacement), and each optimized loop gives up on the next loop, which
 * has not run yet (W4's first compiles: 180–270 ms instead of 15–35 ms). A small function per loop is optimized
 * on its own and stays optimized.
 */
export function compilePlan(graph: NeuronGraph, pending: PendingEdges | null = null): Plan {
  const plan = compilePlanIfAcyclic(graph, pending);
  if (plan === null) {
    throw new UsageError(
      'Network.run: the graph has a cycle; it was changed directly. Change the network only through its methods.',
    );
  }
  return plan;
}

/**
 * As `compilePlan`, or null if the immediate connections close a cycle: the one topological sort that both orders
 * the plan and checks a list of new connections (connect-many.ts).
 */
export function compilePlanIfAcyclic(graph: NeuronGraph, pending: PendingEdges | null): Plan | null {
  const nodes = readNodes(graph);
  const size = nodes.neuronIds.length;
  const edges = readEdges(graph, nodes, pending);
  const sorted = sortByGeneration(size, edges.sources, edges.targets, edges.delays, nodes.codesByIndex);
  if (sorted === null) return null;
  const { order, generationsByIndex } = sorted;
  const positionByIndex = new Int32Array(size);
  for (let position = 0; position < size; position++) positionByIndex[order[position]!] = position;
  const slots = slotsByTarget(size, positionByIndex, edges);
  const neurons = neuronsByPosition(nodes, order, generationsByIndex);
  const segments = segmentsOf(neurons);

  // Only output neurons carry softmax (checked above), and sortByGeneration put them side by side.
  const softmaxOutputs: number[] = [];
  nodes.outputIndices.forEach((i, k) => {
    if (nodes.codesByIndex[i] === SOFTMAX) softmaxOutputs.push(k);
  });
  const firstSoftmax = neurons.activationCodes.indexOf(SOFTMAX);
  const softmaxStart = firstSoftmax < 0 ? 0 : firstSoftmax;
  const softmaxEnd = softmaxStart + softmaxOutputs.length;
  const { neuronIds, inputIndices, outputIndices } = nodes;

  return {
    size,
    ...neurons,
    ...slots,
    inputIds: Object.freeze(inputIndices.map((i) => internalized(neuronIds[i]!))),
    inputPositions: Int32Array.from(inputIndices, (i) => positionByIndex[i]!),
    outputIds: Object.freeze(outputIndices.map((i) => internalized(neuronIds[i]!))),
    outputPositions: Int32Array.from(outputIndices, (i) => positionByIndex[i]!),
    neuronIds: Object.freeze(neuronIds),
    ...segments,
    softmaxStart,
    softmaxEnd,
    softmaxOutputs: Int32Array.from(softmaxOutputs),
  };
}

/** The graph's neurons, by insertion index. */
interface NodesByIndex {
  readonly neuronIds: string[];
  readonly indexOf: Map<string, number>;
  readonly rolesByIndex: Uint8Array;
  readonly codesByIndex: Uint8Array;
  readonly parametersByIndex: Float64Array;
  readonly productsByIndex: Uint8Array;
  readonly inputIndices: number[];
  readonly outputIndices: number[];
}

function readNodes(graph: NeuronGraph): NodesByIndex {
  const size = graph.order;
  const nodes: NodesByIndex = {
    neuronIds: new Array(size),
    indexOf: new Map<string, number>(),
    rolesByIndex: new Uint8Array(size),
    codesByIndex: new Uint8Array(size),
    parametersByIndex: new Float64Array(size),
    productsByIndex: new Uint8Array(size),
    inputIndices: [],
    outputIndices: [],
  };
  let index = 0;
  graph.forEachNode((id, attributes) => {
    const idProblem = neuronIdProblem(id);
    if (idProblem !== undefined) {
      throw new UsageError(
        `Network.run: a neuron was added to the graph directly: ${idProblem}. Add neurons with Network's methods.`,
      );
    }
    nodes.neuronIds[index] = id;
    nodes.indexOf.set(id, index);
    const role = roleCodes[attributes.role as Role];
    if (role === undefined)
      throw new UsageError(`Network.run: neuron "${id}" has an unknown role ${describe(attributes.role)}.`);
    nodes.rolesByIndex[index] = role;
    if (role === INPUT) nodes.inputIndices.push(index);
    else if (role === OUTPUT) nodes.outputIndices.push(index);
    const activation = resolveActivation(attributes.activation ?? DEFAULT_ACTIVATION, `Network.run: neuron "${id}"`);
    const softmaxProblem = softmaxNeuronProblem(id, attributes);
    if (softmaxProblem !== undefined) throw changedDirectly(softmaxProblem);
    nodes.codesByIndex[index] = activation.code;
    if (attributes.aggregate === 'product') nodes.productsByIndex[index] = 1;
    else if (attributes.aggregate !== undefined && attributes.aggregate !== 'sum') {
      throw new UsageError(`Network.run: neuron "${id}" has an unknown aggregate ${describe(attributes.aggregate)}.`);
    }
    nodes.parametersByIndex[index] = activation.parameter;
    index++;
  });
  return nodes;
}

/** Every connection by insertion index (the graph's, then the pending ones), ends by node index. */
interface EdgesByIndex {
  readonly sources: Int32Array;
  readonly targets: Int32Array;
  readonly weights: Float64Array;
  readonly delays: Int32Array;
  /** 1 where a connection is `trainable: false`. */
  readonly fixed: Uint8Array;
}

function readEdges(graph: NeuronGraph, nodes: NodesByIndex, pending: PendingEdges | null): EdgesByIndex {
  const count = graph.size + (pending?.count ?? 0);
  const edges: EdgesByIndex = {
    sources: new Int32Array(count),
    targets: new Int32Array(count),
    weights: new Float64Array(count),
    delays: new Int32Array(count),
    fixed: new Uint8Array(count),
  };
  const { indexOf, codesByIndex } = nodes;
  let edge = 0;
  graph.forEachEdge((_key, attributes, source, target) => {
    const { weight, delay = 0, trainable = true } = attributes;
    if (typeof weight !== 'number' || !Number.isFinite(weight)) {
      throw new UsageError(
        `Network.run: connection "${source}" -> "${target}" has weight ${describe(weight)}; ` +
          'set a finite weight with Network.setWeight.',
      );
    }
    edges.sources[edge] = indexOf.get(source)!;
    if (codesByIndex[edges.sources[edge]!] === SOFTMAX) throw changedDirectly(softmaxSourceProblem(graph, source)!);
    edges.targets[edge] = indexOf.get(target)!;
    edges.weights[edge] = weight;
    if (!Number.isSafeInteger(delay) || delay < 0 || delay > MAX_DELAY || typeof trainable !== 'boolean') {
      throw new UsageError(
        `Network.run: connection "${source}" -> "${target}" has delay ${describe(delay)} and trainable ` +
          `${describe(trainable)}; it was changed on the graph directly. Connect with Network.connect.`,
      );
    }
    edges.delays[edge] = delay;
    edges.fixed[edge] = trainable ? 0 : 1;
    edge++;
  });
  if (pending !== null) copyPendingEdges(pending, edges, edge);
  return edges;
}

/** Checked when they were accepted, against these very neurons (any change of neurons adds them to the graph first). */
function copyPendingEdges(pending: PendingEdges, edges: EdgesByIndex, first: number): void {
  edges.sources.set(pending.sources, first);
  edges.targets.set(pending.targets, first);
  edges.weights.set(pending.weights, first);
  edges.delays.set(pending.delays, first);
  for (let i = 0; i < pending.count; i++) edges.fixed[first + i] = 1 - pending.trainable[i]!;
}

/**
 * Two CSRs by target position, immediate slots first, then delayed ones; within a target, connections keep their
 * insertion order.
 */
function slotsByTarget(size: number, positionByIndex: Int32Array, edges: EdgesByIndex) {
  const edgeCount = edges.sources.length;
  const starts = new Int32Array(size + 1);
  const delayedStarts = new Int32Array(size + 1);
  let maxDelay = 0;
  for (let e = 0; e < edgeCount; e++) {
    const delay = edges.delays[e]!;
    if (delay > maxDelay) maxDelay = delay;
    (delay === 0 ? starts : delayedStarts)[positionByIndex[edges.targets[e]!]! + 1]!++;
  }
  for (let p = 0; p < size; p++) starts[p + 1]! += starts[p]!;
  delayedStarts[0] = starts[size]!;
  for (let p = 0; p < size; p++) delayedStarts[p + 1]! += delayedStarts[p]!;
  const slots = {
    starts,
    delayedStarts,
    maxDelay,
    sources: new Int32Array(edgeCount),
    weights: new Float64Array(edgeCount),
    delays: new Int32Array(edgeCount),
    trainable: new Uint8Array(edgeCount),
    slotOfEdge: new Int32Array(edgeCount),
  };
  fillSlots(positionByIndex, edges, slots);
  return slots;
}

function fillSlots(
  positionByIndex: Int32Array,
  edges: EdgesByIndex,
  slots: Pick<Plan, 'starts' | 'delayedStarts' | 'sources' | 'weights' | 'delays' | 'trainable' | 'slotOfEdge'>,
): void {
  const size = positionByIndex.length;
  const fill = slots.starts.slice(0, size);
  const delayedFill = slots.delayedStarts.slice(0, size);
  for (let e = 0; e < edges.sources.length; e++) {
    const target = positionByIndex[edges.targets[e]!]!;
    const slot = edges.delays[e] === 0 ? fill[target]!++ : delayedFill[target]!++;
    slots.slotOfEdge[e] = slot;
    slots.sources[slot] = positionByIndex[edges.sources[e]!]!;
    slots.weights[slot] = edges.weights[e]!;
    slots.delays[slot] = edges.delays[e]!;
    slots.trainable[slot] = 1 - edges.fixed[e]!;
  }
}

/** Each neuron's id and properties by position (topological order). */
function neuronsByPosition(nodes: NodesByIndex, order: Int32Array, generationsByIndex: Int32Array) {
  const size = order.length;
  const neurons = {
    ids: new Array<string>(size),
    positionOf: new Map<string, number>(),
    roles: new Uint8Array(size),
    generations: new Int32Array(size),
    activationCodes: new Uint8Array(size),
    activationParameters: new Float64Array(size),
    products: new Uint8Array(size),
    productCount: 0,
  };
  for (let position = 0; position < size; position++) {
    const i = order[position]!;
    neurons.ids[position] = nodes.neuronIds[i]!;
    neurons.positionOf.set(nodes.neuronIds[i]!, position);
    neurons.roles[position] = nodes.rolesByIndex[i]!;
    neurons.generations[position] = generationsByIndex[i]!;
    neurons.activationCodes[position] = nodes.codesByIndex[i]!;
    neurons.activationParameters[position] = nodes.parametersByIndex[i]!;
    neurons.products[position] = nodes.productsByIndex[i]!;
    neurons.productCount += nodes.productsByIndex[i]!;
  }
  return neurons;
}

/** Bias positions, and the runs of consecutive computing neurons with one generation and one activation. */
function segmentsOf(neurons: ReturnType<typeof neuronsByPosition>) {
  const { roles, generations, activationCodes, activationParameters, products } = neurons;
  const biasPositions: number[] = [];
  const segmentStarts: number[] = [];
  const segmentEnds: number[] = [];
  for (let position = 0; position < roles.length; position++) {
    const role = roles[position]!;
    if (role === BIAS) biasPositions.push(position);
    if (role === BIAS || role === INPUT) continue;
    const last = segmentEnds.length - 1;
    const previous = position - 1;
    const extends_ =
      last >= 0 &&
      segmentEnds[last] === position &&
      generations[previous] === generations[position] &&
      activationCodes[previous] === activationCodes[position] &&
      activationParameters[previous] === activationParameters[position] &&
      products[previous] === products[position];
    if (extends_) segmentEnds[last] = position + 1;
    else {
      segmentStarts.push(position);
      segmentEnds.push(position + 1);
    }
  }
  return {
    biasPositions: Int32Array.from(biasPositions),
    segmentStarts: Int32Array.from(segmentStarts),
    segmentEnds: Int32Array.from(segmentEnds),
  };
}

function changedDirectly(problem: string): UsageError {
  return new UsageError(`Network.run: ${problem}; the graph was changed directly. Use Network's methods.`);
}

/**
 * Kahn's algorithm with generations (null if there is a cycle), then a stable counting sort by generation, so
 * the order is generation ascending, then insertion index. The softmax group (which
 * feeds nothing) moves to its latest member's generation, after every other neuron of it.
 */
function sortByGeneration(
  size: number,
  edgeSources: Int32Array,
  edgeTargets: Int32Array,
  edgeDelays: Int32Array,
  codes: Uint8Array,
): { order: Int32Array; generationsByIndex: Int32Array } | null {
  const out = immediateOutgoing(size, edgeSources, edgeTargets, edgeDelays);
  const generationsByIndex = new Int32Array(size);
  if (!generationsByKahn(size, out, generationsByIndex)) return null;
  return { order: orderByGeneration(codes, generationsByIndex), generationsByIndex };
}

/** Outgoing immediate connections by source (CSR), and each neuron's count of incoming ones. */
function immediateOutgoing(size: number, edgeSources: Int32Array, edgeTargets: Int32Array, edgeDelays: Int32Array) {
  const edgeCount = edgeSources.length;
  const outStarts = new Int32Array(size + 1);
  const remainingIn = new Int32Array(size);
  // Delayed connections carry an earlier step's output: they do not order this step.
  for (let e = 0; e < edgeCount; e++) {
    if (edgeDelays[e] !== 0) continue;
    outStarts[edgeSources[e]! + 1]!++;
    remainingIn[edgeTargets[e]!]!++;
  }
  for (let i = 0; i < size; i++) outStarts[i + 1]! += outStarts[i]!;
  const outTargets = new Int32Array(outStarts[size]!);
  const outFill = outStarts.slice(0, size);
  for (let e = 0; e < edgeCount; e++) {
    if (edgeDelays[e] === 0) outTargets[outFill[edgeSources[e]!]!++] = edgeTargets[e]!;
  }
  return { outStarts, outTargets, remainingIn };
}

/** Each neuron's generation (the longest immediate path to it) into `generations`; false if there is a cycle. */
function generationsByKahn(
  size: number,
  { outStarts, outTargets, remainingIn }: ReturnType<typeof immediateOutgoing>,
  generations: Int32Array,
): boolean {
  const queue = new Int32Array(size);
  let head = 0;
  let tail = 0;
  for (let i = 0; i < size; i++) if (remainingIn[i] === 0) queue[tail++] = i;
  while (head < tail) {
    const node = queue[head++]!;
    const next = generations[node]! + 1;
    for (let k = outStarts[node]!; k < outStarts[node + 1]!; k++) {
      const target = outTargets[k]!;
      if (generations[target]! < next) generations[target] = next;
      if (--remainingIn[target]! === 0) queue[tail++] = target;
    }
  }
  return tail === size;
}

/** Node indices by generation, then insertion index; the softmax group after its latest member's generation. */
function orderByGeneration(codes: Uint8Array, generationsByIndex: Int32Array): Int32Array {
  const size = codes.length;
  let maxGeneration = 0;
  let softmaxGeneration = -1;
  for (let i = 0; i < size; i++) {
    const generation = generationsByIndex[i]!;
    if (generation > maxGeneration) maxGeneration = generation;
    if (codes[i] === SOFTMAX && generation > softmaxGeneration) softmaxGeneration = generation;
  }
  // Key = 2 × generation, + 1 for the softmax group: it sorts after its generation's other neurons.
  const keys = new Int32Array(size);
  for (let i = 0; i < size; i++) {
    if (codes[i] === SOFTMAX) generationsByIndex[i] = softmaxGeneration;
    keys[i] = 2 * generationsByIndex[i]! + (codes[i] === SOFTMAX ? 1 : 0);
  }
  const keyStarts = new Int32Array(2 * maxGeneration + 3);
  for (let i = 0; i < size; i++) keyStarts[keys[i]! + 1]!++;
  for (let k = 0; k < keyStarts.length - 1; k++) keyStarts[k + 1]! += keyStarts[k]!;
  const order = new Int32Array(size);
  for (let i = 0; i < size; i++) order[keyStarts[keys[i]!]!++] = i;
  return order;
}

/** Patches one connection's weight in place; false if the plan has no such connection. */
export function patchWeight(plan: Plan, source: string, target: string, weight: number): boolean {
  const sourcePosition = plan.positionOf.get(source);
  const targetPosition = plan.positionOf.get(target);
  if (sourcePosition === undefined || targetPosition === undefined) return false;
  for (let slot = plan.starts[targetPosition]!; slot < plan.starts[targetPosition + 1]!; slot++) {
    if (plan.sources[slot] === sourcePosition) {
      plan.weights[slot] = weight;
      return true;
    }
  }
  for (let slot = plan.delayedStarts[targetPosition]!; slot < plan.delayedStarts[targetPosition + 1]!; slot++) {
    if (plan.sources[slot] === sourcePosition) {
      plan.weights[slot] = weight;
      return true;
    }
  }
  return false;
}

/**
 * Re-reads every weight from the graph, after a bulk update. The structure is the
 * plan's own (any structural change discards the plan), so edge order still matches.
 * Returns false if some weight is not a finite number (the plan is then unusable).
 */
export function refreshWeights(plan: Plan, graph: NeuronGraph): boolean {
  let edge = 0;
  let check = 0;
  graph.forEachEdge((_key, attributes) => {
    const weight = attributes.weight;
    // NOTE: propagation.ts's `x * 0` finiteness check, over all weights at once.
    check += typeof weight === 'number' ? weight * 0 : Number.NaN;
    plan.weights[plan.slotOfEdge[edge++]!] = weight;
  });
  return check === 0;
}
