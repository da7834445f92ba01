/**
 * The plan
 * ========
 *
 * The graph compiled into what the hot loop reads: neurons in topological order
 * (generation ascending, then insertion order) and their incoming connections as
 * CSR typed arrays indexed by that order. A plan is built once per structure and
 * reused until the graph changes; a weight change patches `weights` in place.
 *
 * NOTE: compiling walks graphology once for the nodes and once for the edges
 * (~1 µs an edge); the topological sort then runs on typed arrays (Kahn's
 * algorithm), which is why it does not use graphology-dag's walk of the graph.
 */
import { resolveActivation } from '../activations.js';
import { UsageError } from '../errors.js';
import { describe } from '../format/describe.js';
import { neuronIdProblem } from '../graph/neuron-id.js';
import type { Role } from '../graph/neuron.js';
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
  /** CSR of incoming connections: those of position p are slots starts[p] … starts[p + 1] - 1. */
  readonly starts: Int32Array;
  /** Source position of each slot. */
  readonly sources: Int32Array;
  /** Weight of each slot. */
  readonly weights: Float64Array;
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
    codesByIndex[index] = activation.code;
    parametersByIndex[index] = activation.parameter;
    index++;
  });

  // Edges, by insertion index.
  const edgeSources = new Int32Array(edgeCount);
  const edgeTargets = new Int32Array(edgeCount);
  const edgeWeights = new Float64Array(edgeCount);
  let edge = 0;
  graph.forEachEdge((_key, attributes, source, target) => {
    const weight = attributes.weight;
    if (typeof weight !== 'number' || !Number.isFinite(weight)) {
      throw new UsageError(
        `Network.run: connection "${source}" -> "${target}" has weight ${describe(weight)}; ` +
          'set a finite weight with Network.setWeight.',
      );
    }
    edgeSources[edge] = indexOf.get(source)!;
    edgeTargets[edge] = indexOf.get(target)!;
    edgeWeights[edge] = weight;
    edge++;
  });

  const { order, generationsByIndex } = sortByGeneration(size, edgeSources, edgeTargets);
  const positionByIndex = new Int32Array(size);
  for (let position = 0; position < size; position++) positionByIndex[order[position]!] = position;

  // CSR by target position; within a target, connections keep their insertion order.
  const starts = new Int32Array(size + 1);
  for (let e = 0; e < edgeCount; e++) starts[positionByIndex[edgeTargets[e]!]! + 1]!++;
  for (let p = 0; p < size; p++) starts[p + 1]! += starts[p]!;
  const fill = starts.slice(0, size);
  const sources = new Int32Array(edgeCount);
  const weights = new Float64Array(edgeCount);
  const slotOfEdge = new Int32Array(edgeCount);
  for (let e = 0; e < edgeCount; e++) {
    const slot = fill[positionByIndex[edgeTargets[e]!]!]!++;
    slotOfEdge[e] = slot;
    sources[slot] = positionByIndex[edgeSources[e]!]!;
    weights[slot] = edgeWeights[e]!;
  }

  const ids: string[] = new Array(size);
  const positionOf = new Map<string, number>();
  const roles = new Uint8Array(size);
  const generations = new Int32Array(size);
  const activationCodes = new Uint8Array(size);
  const activationParameters = new Float64Array(size);
  for (let position = 0; position < size; position++) {
    const i = order[position]!;
    ids[position] = neuronIds[i]!;
    positionOf.set(neuronIds[i]!, position);
    roles[position] = rolesByIndex[i]!;
    generations[position] = generationsByIndex[i]!;
    activationCodes[position] = codesByIndex[i]!;
    activationParameters[position] = parametersByIndex[i]!;
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
      activationParameters[previous] === activationParameters[position];
    if (extends_) segmentEnds[last] = position + 1;
    else {
      segmentStarts.push(position);
      segmentEnds.push(position + 1);
    }
  }

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
    slotOfEdge,
    inputIds: Object.freeze(inputIndices.map((i) => neuronIds[i]!)),
    inputPositions: Int32Array.from(inputIndices, (i) => positionByIndex[i]!),
    outputIds: Object.freeze(outputIndices.map((i) => neuronIds[i]!)),
    outputPositions: Int32Array.from(outputIndices, (i) => positionByIndex[i]!),
    neuronIds: Object.freeze(neuronIds),
    biasPositions: Int32Array.from(biasPositions),
    segmentStarts: Int32Array.from(segmentStarts),
    segmentEnds: Int32Array.from(segmentEnds),
  };
}

/**
 * Kahn's algorithm with generations, then a stable counting sort by generation, so
 * the order is generation ascending, then insertion index.
 */
function sortByGeneration(size: number, edgeSources: Int32Array, edgeTargets: Int32Array) {
  const edgeCount = edgeSources.length;
  const outStarts = new Int32Array(size + 1);
  const remainingIn = new Int32Array(size);
  for (let e = 0; e < edgeCount; e++) {
    outStarts[edgeSources[e]! + 1]!++;
    remainingIn[edgeTargets[e]!]!++;
  }
  for (let i = 0; i < size; i++) outStarts[i + 1]! += outStarts[i]!;
  const outTargets = new Int32Array(edgeCount);
  const outFill = outStarts.slice(0, size);
  for (let e = 0; e < edgeCount; e++) outTargets[outFill[edgeSources[e]!]!++] = edgeTargets[e]!;

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

  const generationStarts = new Int32Array(maxGeneration + 2);
  for (let i = 0; i < size; i++) generationStarts[generationsByIndex[i]! + 1]!++;
  for (let g = 0; g <= maxGeneration; g++) generationStarts[g + 1]! += generationStarts[g]!;
  const order = new Int32Array(size);
  for (let i = 0; i < size; i++) order[generationStarts[generationsByIndex[i]!]!++] = i;
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
