/**
 * Seeded random networks for tests, and a reference propagation written
 * independently of the scheduler (graphology-dag's topological sort, graph reads,
 * the activation table's functions) to compare it against.
 */
import { topologicalSort } from 'graphology-dag';
import {
  Network,
  activationNames,
  activations,
  createRandom,
  type ActivationSpec,
  type Random,
} from '../../src/index.js';

export interface RandomNetworkOptions {
  readonly inputs?: number;
  readonly hidden?: number;
  readonly outputs?: number;
  /** Probability of each forward connection (i < j in a hidden random order). */
  readonly density?: number;
  /** Exact number of connections instead of a density (for big sparse networks). */
  readonly connections?: number;
  readonly bias?: boolean;
  /** Activations to draw from; defaults to all of them. */
  readonly activations?: readonly ActivationSpec[];
  /** Connect in a shuffled order (exercises the cycle check) instead of grouped by target. */
  readonly shuffledConnections?: boolean;
  /** Every output a softmax output (ranked last, so they feed nothing); hidden neurons draw from `activations`. */
  readonly softmax?: boolean;
}

/** Every activation a hidden neuron may have (softmax is for output groups only). */
export const neuronActivationNames = activationNames.filter((name) => name !== 'softmax');

export function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

/** A random DAG: neurons get a random rank, connections go from lower to higher rank. */
export function randomNetwork(seed: number, options: RandomNetworkOptions = {}): Network {
  const random = createRandom(seed);
  const { inputs = 3, hidden = 8, outputs = 2, density = 0.35, bias = true, shuffledConnections = false } = options;
  const softmax = options.softmax ?? false;
  const specs: readonly ActivationSpec[] = options.activations ?? [
    ...neuronActivationNames,
    { name: 'step', threshold: 0.1 },
    { name: 'leakyRelu', alpha: 0.2 },
  ];
  const net = new Network();
  const computed: string[] = [];
  for (let i = 0; i < inputs; i++) net.addInput(`in${i}`);
  // Hidden and output neurons interleaved in insertion order, so insertion order differs from rank order.
  const kinds = [...Array<'hidden'>(hidden).fill('hidden'), ...Array<'output'>(outputs).fill('output')];
  shuffle(random, kinds);
  kinds.forEach((role, i) => {
    const id = `${role === 'hidden' ? 'h' : 'out'}${i}`;
    const activation = softmax && role === 'output' ? 'softmax' : pick(random, specs);
    net.addNeuron(id, { role, activation });
    computed.push(id);
  });
  if (bias) net.addBias('bias');

  // Rank order: sources (inputs, bias) anywhere before their targets.
  const sources = net.inputs.concat(bias ? ['bias'] : []);
  const shuffled = shuffle(random, [...computed]);
  const last = softmax ? shuffled.filter((id) => id.startsWith('out')) : [];
  const ranked = [...sources, ...shuffled.filter((id) => !last.includes(id)), ...last];
  const pairs: [string, string][] = [];
  if (options.connections !== undefined) {
    const seen = new Set<string>();
    while (pairs.length < options.connections) {
      const a = Math.floor(random() * ranked.length);
      const b = Math.floor(random() * ranked.length);
      if (a === b) continue;
      const [from, to] = a < b ? [ranked[a]!, ranked[b]!] : [ranked[b]!, ranked[a]!];
      if (from === 'bias' || sources.includes(to) || seen.has(`${from}\0${to}`)) continue;
      seen.add(`${from}\0${to}`);
      pairs.push([from, to]);
    }
  } else {
    for (let j = sources.length; j < ranked.length; j++) {
      for (let i = 0; i < j; i++) {
        if (ranked[i] === 'bias') continue; // addBias already connected it
        if (random() < density) pairs.push([ranked[i]!, ranked[j]!]);
      }
    }
  }
  if (shuffledConnections) shuffle(random, pairs);
  else {
    // Grouped by target rank: each connect then needs no cycle search.
    const rankOf = new Map(ranked.map((id, i) => [id, i]));
    pairs.sort((p, q) => rankOf.get(p[1])! - rankOf.get(q[1])!);
  }
  // Softmax outputs feed nothing: drop the pairs among them.
  for (const [from, to] of pairs) if (!last.includes(from)) net.connect(from, to, randomWeight(random));
  if (bias) for (const id of computed) net.setWeight('bias', id, randomWeight(random));
  return net;
}

export function randomWeight(random: Random): number {
  return Math.round((random() * 4 - 2) * 1000) / 1000;
}

export function randomInputs(random: Random, net: Network): Record<string, number> {
  return Object.fromEntries(net.inputs.map((id) => [id, Math.round((random() * 4 - 2) * 100) / 100]));
}

export function shuffle<T>(random: Random, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/**
 * Every neuron's output, computed straight from the graph in graphology-dag's topological order;
 * softmax outputs keep their logit until the end, then share one softmax (written out here, by the book).
 */
export function referenceValues(net: Network, inputs: Record<string, number>): Map<string, number> {
  const graph = net.graph;
  const values = new Map<string, number>();
  const softmaxGroup: string[] = [];
  for (const id of topologicalSort(graph)) {
    const { role, activation } = graph.getNodeAttributes(id);
    if (role === 'input') values.set(id, inputs[id]!);
    else if (role === 'bias') values.set(id, 1);
    else {
      let sum = 0;
      graph.forEachInEdge(id, (_edge, { weight }, source) => (sum += weight * values.get(source)!));
      const spec = activation ?? 'sigmoid';
      const name = typeof spec === 'string' ? spec : spec.name;
      if (name === 'softmax') {
        softmaxGroup.push(id);
        values.set(id, sum);
        continue;
      }
      const parameter =
        typeof spec === 'string'
          ? undefined
          : 'threshold' in spec
            ? spec.threshold
            : 'alpha' in spec
              ? spec.alpha
              : undefined;
      const definition = activations[name];
      values.set(id, definition.fn(sum, parameter ?? definition.parameter?.default ?? 0));
    }
  }
  const largest = Math.max(...softmaxGroup.map((id) => values.get(id)!));
  const exps = softmaxGroup.map((id) => Math.exp(values.get(id)! - largest));
  const total = exps.reduce((a, b) => a + b, 0);
  softmaxGroup.forEach((id, i) => values.set(id, exps[i]! / total));
  return values;
}

/** The outputs `run` should return, from the reference propagation. */
export function referenceOutputs(net: Network, inputs: Record<string, number>): Record<string, number> {
  const values = referenceValues(net, inputs);
  return Object.fromEntries(net.outputs.map((id) => [id, values.get(id)!]));
}

/** Activations backpropagation trains through (no step on a path to an output). */
export const trainableActivations: readonly ActivationSpec[] = [
  'identity',
  'sigmoid',
  'tanh',
  'relu',
  'leakyRelu',
  { name: 'leakyRelu', alpha: 0.2 },
];
