/**
 * Seeded random networks with time (delayed connections, self-loops, product neurons,
 * untrainable connections), and a reference simulation of them written independently
 * of the plan: graph reads, a graphology-dag topological sort of the immediate
 * connections, a history of every neuron's output by step, the activation table's functions.
 */
import { DirectedGraph } from 'graphology';
import { topologicalSort } from 'graphology-dag';
import { activations, createRandom, Network, type ActivationSpec, type Random } from '../../src/index.js';

/** x → h (a product neuron) → y; y feeds itself one step later and h two steps later: a small network with memory. */
export function gatedLoop(): Network {
  return new Network()
    .addInput('x')
    .addNeuron('h', { aggregate: 'product' })
    .addOutput('y', { activation: 'identity' })
    .connect('x', 'h', 1)
    .connect('h', 'y', 1)
    .connect('y', 'y', 0.5, { delay: 1 })
    .connect('y', 'h', 1, { delay: 2 });
}

/** A leaky integrator: one identity neuron that keeps half of its last output and adds its input. */
export function leakyIntegrator(): Network {
  return new Network()
    .addInput('x')
    .addOutput('y', { activation: 'identity' })
    .connect('x', 'y', 1)
    .connect('y', 'y', 0.5, { delay: 1 });
}

export interface RecurrentOptions {
  readonly inputs?: number;
  readonly hidden?: number;
  readonly outputs?: number;
  /** Chance that a hidden or output neuron multiplies instead of summing. */
  readonly products?: number;
  /** Chance of each forward (immediate) connection. */
  readonly density?: number;
  /** How many delayed connections (any direction, self-loops included). */
  readonly delayed?: number;
  readonly maxDelay?: number;
}

const specs: readonly ActivationSpec[] = ['identity', 'sigmoid', 'tanh', 'relu', 'leakyRelu', 'step'];

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

export function randomRecurrentNetwork(seed: number, options: RecurrentOptions = {}): Network {
  const { inputs = 2, hidden = 5, outputs = 2, products = 0.2, density = 0.4, delayed = 4, maxDelay = 3 } = options;
  const random = createRandom(seed);
  const net = new Network();
  for (let i = 0; i < inputs; i++) net.addInput(`x${i}`);
  const computed: string[] = [];
  for (let i = 0; i < hidden + outputs; i++) {
    const id = i < hidden ? `h${i}` : `y${i - hidden}`;
    const aggregate = random() < products ? 'product' : 'sum';
    // Product neurons with unbounded activations can grow without bound over many steps: keep them squashing.
    const activation = aggregate === 'product' ? pick(random, ['sigmoid', 'tanh'] as const) : pick(random, specs);
    net.addNeuron(id, { role: i < hidden ? 'hidden' : 'output', activation, aggregate });
    computed.push(id);
  }
  net.addBias('bias');
  const order = [...net.inputs, 'bias', ...computed];
  const weight = () => Math.round((random() * 2 - 1) * 1000) / 1000;
  for (let j = inputs + 1; j < order.length; j++) {
    for (let i = 0; i < j; i++) {
      if (order[i] === 'bias' || random() >= density) continue;
      net.connect(order[i]!, order[j]!, weight(), { trainable: random() > 0.1 });
    }
  }
  for (let k = 0; k < delayed; k++) {
    const from = pick(random, [...net.inputs, ...computed]);
    const to = pick(random, computed);
    if (net.graph.hasDirectedEdge(from, to)) continue;
    net.connect(from, to, weight(), { delay: 1 + Math.floor(random() * maxDelay) });
  }
  return net;
}

/** Each step's outputs (by id), simulated from the graph alone. */
export function referenceSequence(net: Network, steps: readonly (readonly number[])[]): Record<string, number>[] {
  const graph = net.graph;
  const immediate = new DirectedGraph();
  graph.forEachNode((id) => immediate.addNode(id));
  graph.forEachEdge((_edge, attributes, from, to) => {
    if ((attributes.delay ?? 0) === 0) immediate.addDirectedEdge(from, to);
  });
  const order = topologicalSort(immediate);
  const history: Map<string, number>[] = [];
  return steps.map((inputs, time) => {
    const now = new Map<string, number>();
    net.inputs.forEach((id, i) => now.set(id, inputs[i]!));
    const softmaxGroup: string[] = [];
    for (const id of order) {
      const { role, activation, aggregate } = graph.getNodeAttributes(id);
      if (role === 'input') continue;
      if (role === 'bias') {
        now.set(id, 1);
        continue;
      }
      const product = aggregate === 'product';
      let input = product ? 1 : 0;
      graph.forEachInEdge(id, (_edge, { weight, delay = 0 }, from) => {
        const source = delay === 0 ? now.get(from)! : (history[time - delay]?.get(from) ?? 0);
        input = product ? input * (weight * source) : input + weight * source;
      });
      const spec = activation!;
      const name = typeof spec === 'string' ? spec : spec.name;
      if (name === 'softmax') {
        softmaxGroup.push(id);
        now.set(id, input);
        continue;
      }
      const parameter =
        typeof spec === 'string'
          ? (activations[name].parameter?.default ?? 0)
          : Object.values(spec).find((v) => typeof v === 'number');
      now.set(
        id,
        activations[name].fn(input, (parameter as number | undefined) ?? activations[name].parameter?.default ?? 0),
      );
    }
    // The softmax outputs share one softmax of their logits, written out by the book.
    const largest = Math.max(...softmaxGroup.map((id) => now.get(id)!));
    const exps = softmaxGroup.map((id) => Math.exp(now.get(id)! - largest));
    const total = exps.reduce((a, b) => a + b, 0);
    softmaxGroup.forEach((id, i) => now.set(id, exps[i]! / total));
    history.push(now);
    return Object.fromEntries(net.outputs.map((id) => [id, now.get(id)!]));
  });
}
