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
 * (~1 µs an edge); the topological sort then runs on typed arrays (Kahn's
 * algorithm), which is why it does not use graphology-dag's walk of the graph.
 */
import { resolveActivation, SOFTMAX } from '../activations.js';
import { UsageError } from '../errors.js';
import { describe } from '../format/describe.js';
import { internalized, neuronIdProblem } from '../graph/neuron-id.js';
import type { Role } from '../graph/neuron.js';
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

export function compilePlan(graph: NeuronGraph): Plan {
  const size = graph.order;
  const edgeCount = graph.size;

  // Nodes, by insertion index.
  const neuronIds: string[] = new Array(size);
  const indexOf = new Map<string, number>();
  const rolesByIndex = new Uint8Array(size);
  const codesByIndex = new Uint8Array(size);
  const parametersByIndex = new Float64Array(size);
  const productsByIndex = new Uint8Array(size);
  const inputIndices: number[] = [];
  const outputIndices: number[] = [];
  let index = 0;
  graph.forEachNode((id, attributes) => {
    const idProblem = neuronIdProblem(id);
    if (idProblem !== undefined) {
      throw new UsageError(
        `Network.run: a neuron was added to the graph directly: ${idProblem}. Add neurons with Network's methods.`,
      );
    }
    neuronIds[index] = id;
    indexOf.set(id, index);
    const role = roleCodes[attributes.role as Role];
    if (role === undefined)
      throw new UsageError(`Network.run: neuron "${id}" has an unknown role ${describe(attributes.role)}.`);
    rolesByIndex[index] = role;
    if (role === INPUT) inputIndices.push(index);
    else if (role === OUTPUT) outputIndices.push(index);
    const activation = resolveActivation(attributes.activation ?? DEFAULT_ACTIVATION, `Network.run: neuron "${id}"`);
    const softmaxProblem = softmaxNeuronProblem(id, attributes);
    if (softmaxProblem !== undefined) throw changedDirectly(softmaxProblem);
    codesByIndex[index] = activation.code;
    if (attributes.aggregate === 'product') productsByIndex[index] = 1;
    else if (attributes.aggregate !== undefined && attributes.aggregate !== 'sum') {
      throw new UsageError(`Network.run: neuron "${id}" has an unknown aggregate ${describe(attributes.aggregate)}.`);
    }
    parametersByIndex[index] = activation.parameter;
    index++;
  });

  // Edges, by insertion index.
  const edgeSources = new Int32Array(edgeCount);
  const edgeTargets = new Int32Array(edgeCount);
  const edgeWeights = new Float64Array(edgeCount);
  const edgeDelays = new Int32Array(edgeCount);
  const edgeFixed = new Uint8Array(edgeCount);
  let edge = 0;
  graph.forEachEdge((_key, attributes, source, target) => {
    const { weight, delay = 0, trainable = true } = attributes;
    if (typeof weight !== 'number' || !Number.isFinite(weight)) {
      throw new UsageError(
        `Network.run: connection "${source}" -> "${target}" has weight ${describe(weight)}; ` +
          'set a finite weight with Network.setWeight.',
      );
    }
    edgeSources[edge] = indexOf.get(source)!;
    if (codesByIndex[edgeSources[edge]!] === SOFTMAX) throw changedDirectly(softmaxSourceProblem(graph, source)!);
    edgeTargets[edge] = indexOf.get(target)!;
    edgeWeights[edge] = weight;
    if (!Number.isSafeInteger(delay) || delay < 0 || delay > MAX_DELAY || typeof trainable !== 'boolean') {
      throw new UsageError(
        `Network.run: connection "${source}" -> "${target}" has delay ${describe(delay)} and trainable ` +
          `${describe(trainable)}; it was changed on the graph directly. Connect with Network.connect.`,
      );
    }
    edgeDelays[edge] = delay;
    edgeFixed[edge] = trainable ? 0 : 1;
    edge++;
  });

  const { order, generationsByIndex } = sortByGeneration(size, edgeSources, edgeTargets, edgeDelays, codesByIndex);
  const positionByIndex = new Int32Array(size);
  for (let position = 0; position < size; position++) positionByIndex[order[position]!] = position;

  // Two CSRs by target position, immediate slots first, then delayed ones; within a
  // target, connections keep their insertion order.
  const starts = new Int32Array(size + 1);
  const delayedStarts = new Int32Array(size + 1);
  let maxDelay = 0;
  for (let e = 0; e < edgeCount; e++) {
    const delay = edgeDelays[e]!;
    if (delay > maxDelay) maxDelay = delay;
    (delay === 0 ? starts : delayedStarts)[positionByIndex[edgeTargets[e]!]! + 1]!++;
  }
  for (let p = 0; p < size; p++) starts[p + 1]! += starts[p]!;
  delayedStarts[0] = starts[size]!;
  for (let p = 0; p < size; p++) delayedStarts[p + 1]! += delayedStarts[p]!;
  const fill = starts.slice(0, size);
  const delayedFill = delayedStarts.slice(0, size);
  const sources = new Int32Array(edgeCount);
  const weights = new Float64Array(edgeCount);
  const delays = new Int32Array(edgeCount);
  const trainable = new Uint8Array(edgeCount);
  const slotOfEdge = new Int32Array(edgeCount);
  for (let e = 0; e < edgeCount; e++) {
    const target = positionByIndex[edgeTargets[e]!]!;
    const slot = edgeDelays[e] === 0 ? fill[target]!++ : delayedFill[target]!++;
    slotOfEdge[e] = slot;
    sources[slot] = positionByIndex[edgeSources[e]!]!;
    weights[slot] = edgeWeights[e]!;
    delays[slot] = edgeDelays[e]!;
    trainable[slot] = 1 - edgeFixed[e]!;
  }

  const ids: string[] = new Array(size);
  const positionOf = new Map<string, number>();
  const roles = new Uint8Array(size);
  const generations = new Int32Array(size);
  const activationCodes = new Uint8Array(size);
  const activationParameters = new Float64Array(size);
  const products = new Uint8Array(size);
  let productCount = 0;
  for (let position = 0; position < size; position++) {
    const i = order[position]!;
    ids[position] = neuronIds[i]!;
    positionOf.set(neuronIds[i]!, position);
    roles[position] = rolesByIndex[i]!;
    generations[position] = generationsByIndex[i]!;
    activationCodes[position] = codesByIndex[i]!;
    activationParameters[position] = parametersByIndex[i]!;
    products[position] = productsByIndex[i]!;
    productCount += productsByIndex[i]!;
  }

  const biasPositions: number[] = [];
  const segmentStarts: number[] = [];
  const segmentEnds: number[] = [];
  for (let position = 0; position < size; position++) {
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

  // Only output neurons carry softmax (checked above), and sortByGeneration put them side by side.
  const softmaxOutputs: number[] = [];
  outputIndices.forEach((i, k) => {
    if (codesByIndex[i] === SOFTMAX) softmaxOutputs.push(k);
  });
  const firstSoftmax = activationCodes.indexOf(SOFTMAX);
  const softmaxStart = firstSoftmax < 0 ? 0 : firstSoftmax;
  const softmaxEnd = softmaxStart + softmaxOutputs.length;

  return {
    size,
    ids,
    positionOf,
    roles,
    generations,
    activationCodes,
    activationParameters,
    starts,
    sources,
    weights,
    delayedStarts,
    delays,
    maxDelay,
    products,
    productCount,
    trainable,
    slotOfEdge,
    inputIds: Object.freeze(inputIndices.map((i) => internalized(neuronIds[i]!))),
    inputPositions: Int32Array.from(inputIndices, (i) => positionByIndex[i]!),
    outputIds: Object.freeze(outputIndices.map((i) => internalized(neuronIds[i]!))),
    outputPositions: Int32Array.from(outputIndices, (i) => positionByIndex[i]!),
    neuronIds: Object.freeze(neuronIds),
    biasPositions: Int32Array.from(biasPositions),
    segmentStarts: Int32Array.from(segmentStarts),
    segmentEnds: Int32Array.from(segmentEnds),
    softmaxStart,
    softmaxEnd,
    softmaxOutputs: Int32Array.from(softmaxOutputs),
  };
}

function changedDirectly(problem: string): UsageError {
  return new UsageError(`Network.run: ${problem}; the graph was changed directly. Use Network's methods.`);
}

/**
 * Kahn's algorithm with generations, then a stable counting sort by generation, so
 * the order is generation ascending, then insertion index. The softmax group (which
 * feeds nothing) moves to its latest member's generation, after every other neuron of it.
 */
function sortByGeneration(
  size: number,
  edgeSources: Int32Array,
  edgeTargets: Int32Array,
  edgeDelays: Int32Array,
  codes: Uint8Array,
) {
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

  const generationsByIndex = new Int32Array(size);
  const queue = new Int32Array(size);
  let head = 0;
  let tail = 0;
  for (let i = 0; i < size; i++) if (remainingIn[i] === 0) queue[tail++] = i;
  let maxGeneration = 0;
  while (head < tail) {
    const node = queue[head++]!;
    const next = generationsByIndex[node]! + 1;
    for (let k = outStarts[node]!; k < outStarts[node + 1]!; k++) {
      const target = outTargets[k]!;
      if (generationsByIndex[target]! < next) generationsByIndex[target] = next;
      if (--remainingIn[target]! === 0) queue[tail++] = target;
    }
    if (generationsByIndex[node]! > maxGeneration) maxGeneration = generationsByIndex[node]!;
  }
  if (tail !== size) {
    throw new UsageError(
      'Network.run: the graph has a cycle; it was changed directly. Change the network only through its methods.',
    );
  }

  let softmaxGeneration = -1;
  for (let i = 0; i < size; i++)
    if (codes[i] === SOFTMAX && generationsByIndex[i]! > softmaxGeneration) softmaxGeneration = generationsByIndex[i]!;
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
  return { order, generationsByIndex };
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
