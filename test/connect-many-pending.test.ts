// connectMany's connections wait outside graphology until something reads the graph (pending-edges.ts): the plan
// read from them must be the plan of the graph that connect() one by one builds, before and after graphology gets
// them; a graph already handed out sees them at once; and the columns form is the list form.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CycleError,
  Network,
  NotFoundError,
  Trainer,
  UsageError,
  createRandom,
  type EdgeColumns,
  type Random,
} from '../src/index.js';
import { hostileSourceIds } from './support/hostile-ids.js';

interface Edge {
  readonly from: string;
  readonly to: string;
  readonly weight: number;
  readonly delay: number;
  readonly trainable: boolean;
}

/** Inputs, hidden neurons (some with numeric or hostile ids), outputs, maybe a bias; no connections. */
function neuronsOf(random: Random): Network {
  const net = new Network();
  for (let i = 0; i < 2; i++) net.addInput(`x${i}`);
  const hidden = 2 + Math.floor(random() * 8);
  const names = ['1', '0x1', ...hostileSourceIds];
  for (let i = 0; i < hidden; i++) {
    net.addNeuron(random() < 0.3 ? `${names[i % names.length]}${i === 0 ? '' : i}` : `h${i}`, {
      activation: random() < 0.5 ? 'tanh' : 'sigmoid',
    });
  }
  net.addOutput('y0', { activation: 'identity' });
  net.addOutput('y1', { activation: 'sigmoid' });
  if (random() < 0.5) net.addBias();
  return net;
}

/** Acceptable connections in a random order: immediate ones forward in a random rank, some delayed, some fixed. */
function edgesOf(net: Network, random: Random): Edge[] {
  const ids = net.neurons;
  const rank = new Map(ids.map((id) => [id, random()]));
  const taken = new Set<string>();
  const edges: Edge[] = [];
  for (let k = 0; k < 3 * ids.length; k++) {
    const from = ids[Math.floor(random() * ids.length)]!;
    const to = ids[Math.floor(random() * ids.length)]!;
    const role = net.graph.getNodeAttribute(to, 'role');
    if (role === 'input' || role === 'bias' || taken.has(`${from}\u0000${to}`) || net.graph.hasDirectedEdge(from, to))
      continue;
    const delay = random() < 0.15 ? 1 + Math.floor(random() * 2) : 0;
    if (delay === 0 && (from === to || rank.get(from)! >= rank.get(to)!)) continue;
    taken.add(`${from}\u0000${to}`);
    edges.push({ from, to, weight: random() * 2 - 1, delay, trainable: random() < 0.9 });
  }
  return edges;
}

const columnsOf = (edges: readonly Edge[]): EdgeColumns => ({
  from: edges.map((edge) => edge.from),
  to: edges.map((edge) => edge.to),
  weight: Float64Array.from(edges, (edge) => edge.weight),
  delay: edges.map((edge) => edge.delay),
  trainable: edges.map((edge) => edge.trainable),
});

const connectEach = (net: Network, edges: readonly Edge[]) => {
  for (const { from, to, weight, delay, trainable } of edges) net.connect(from, to, weight, { delay, trainable });
};

/** Three steps of outputs, every output's bits, from `compile()` and from `run()` with a listener. */
function behaviour(net: Network, random: Random): string {
  const steps = Array.from({ length: 3 }, () => [random() * 4 - 2, random() * 4 - 2]);
  const compiled = net.compile();
  const out = new Float64Array(net.outputs.length);
  const seen: number[] = [];
  for (const step of steps) seen.push(...compiled.run(Float64Array.from(step), out));
  const activations: number[] = [];
  const listener = ({ output }: { output: number }) => activations.push(output);
  net.on('neuronActivated', listener);
  const observed = net.runSequence(steps);
  net.off('neuronActivated', listener);
  return JSON.stringify({ seen, observed, activations, outputs: net.outputs, neurons: net.neurons });
}

describe('connectMany: connections pending outside graphology', () => {
  it('runs as connect() one by one does, before and after the graph is read (fast-check)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 3 }), (seed, batches) => {
        const random = createRandom(seed);
        const document = neuronsOf(random).toJSON();
        const one = Network.fromJSON(document);
        const edges = edgesOf(one, random);
        connectEach(one, edges);
        // fromJSON does not hand the graph out: every batch stays pending (each one checked against the others).
        const many = Network.fromJSON(document);
        const cuts = [
          0,
          ...Array.from({ length: batches - 1 }, () => Math.floor(random() * edges.length)),
          edges.length,
        ].sort((a, b) => a - b);
        for (let b = 0; b < batches; b++) {
          const batch = edges.slice(cuts[b], cuts[b + 1]);
          many.connectMany(b % 2 === 0 ? columnsOf(batch) : batch);
        }
        const inputSeed = Math.floor(random() * 1e6);
        const expected = behaviour(one, createRandom(inputSeed));
        expect(behaviour(many, createRandom(inputSeed))).toBe(expected);
        // Training reads the plan made from the pending connections (fixed ones included) once graphology has them.
        const samples = [{ input: [0.5, -1], output: [0.25, 0.75] }];
        expect(JSON.stringify(new Trainer(many).gradients(samples))).toBe(
          JSON.stringify(new Trainer(one).gradients(samples)),
        );
        // Reading the graph hands the connections to graphology: the same document, the plan kept and still true.
        expect(JSON.stringify(many.toJSON())).toBe(JSON.stringify(one.toJSON()));
        expect(many.graph.size).toBe(one.graph.size);
        expect(behaviour(many, createRandom(inputSeed))).toBe(expected);
        // A weight patched after that lands in the right slot; a bulk redraw re-reads every slot.
        if (edges.length > 0) {
          const { from, to } = edges[Math.floor(random() * edges.length)]!;
          one.setWeight(from, to, 0.75);
          many.setWeight(from, to, 0.75);
          expect(behaviour(many, createRandom(inputSeed))).toBe(behaviour(one, createRandom(inputSeed)));
        }
        one.randomizeWeights({ seed });
        many.randomizeWeights({ seed });
        expect(behaviour(many, createRandom(inputSeed))).toBe(behaviour(one, createRandom(inputSeed)));
      }),
      { numRuns: 150 },
    );
  });

  it('shows its connections at once in a graph already handed out, with graphology telling its listeners', () => {
    const net = new Network().addInput('x').addNeuron('a').addOutput('y');
    const graph = net.graph;
    const added: string[] = [];
    graph.on('edgeAdded', ({ source, target }) => added.push(`${source}->${target}`));
    net.connectMany([
      ['x', 'a', 1],
      ['a', 'y', 2],
    ]);
    expect(added).toStrictEqual(['x->a', 'a->y']);
    expect(graph.size).toBe(2);
    expect(graph.getDirectedEdgeAttribute('a', 'y', 'weight')).toBe(2);
    // A neuron added after the graph was handed out has its adjacency turned to dictionary mode later, in a batch:
    // a neighbour added to the graph directly in between, whatever its name, stays.
    net.addNeuron('n');
    graph.addNode('__lookupGetter__', { role: 'hidden', activation: 'sigmoid' });
    graph.addDirectedEdge('__lookupGetter__', 'n', { weight: 1 });
    net.connect('a', 'n', 1);
    expect(graph.inNeighbors('n')).toStrictEqual(['__lookupGetter__', 'a']);
  });

  it('checks a new list against the pending connections, and a refused list changes nothing', () => {
    const build = () => {
      const net = new Network().addInput('x');
      for (let i = 0; i < 5; i++) net.addNeuron(`n${i}`);
      net.addOutput('y');
      return net.connectMany({
        from: ['x', 'n0', 'n1', 'n2', 'n3', 'n4'],
        to: ['n0', 'n1', 'n2', 'n3', 'n4', 'y'],
        weight: [1, 1, 1, 1, 1, 1],
      });
    };
    const reference = build().run([0.5]);
    const twice = build();
    expect(() => twice.connectMany([['n1', 'n2', 3]])).toThrow(/edges\[0\]: "n1" -> "n2" appears twice/);
    expect(twice.run([0.5])).toStrictEqual(reference);
    const cycle = build();
    let thrown: unknown;
    try {
      cycle.connectMany({ from: ['x', 'n3'], to: ['n4', 'n1'], weight: [1, 1] });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CycleError);
    expect((thrown as CycleError).path).toStrictEqual(['n3', 'n1', 'n2', 'n3']);
    expect((thrown as Error).message).toMatch(/^Network\.connectMany: connection 1: "n3" -> "n1"/);
    expect(cycle.run([0.5])).toStrictEqual(reference);
    expect(cycle.graph.size).toBe(6);
    // Neurons added after a list: the pending connections are graphology's first, so the plan still agrees.
    const grown = build().addNeuron('late').connect('n4', 'late', 2).connect('late', 'y', 1);
    const oneByOne = new Network().addInput('x');
    for (let i = 0; i < 5; i++) oneByOne.addNeuron(`n${i}`);
    oneByOne.addOutput('y');
    for (const [from, to] of [
      ['x', 'n0'],
      ['n0', 'n1'],
      ['n1', 'n2'],
      ['n2', 'n3'],
      ['n3', 'n4'],
      ['n4', 'y'],
    ] as const)
      oneByOne.connect(from, to, 1);
    oneByOne.addNeuron('late').connect('n4', 'late', 2).connect('late', 'y', 1);
    expect(grown.run([0.5])).toStrictEqual(oneByOne.run([0.5]));
  });

  it('refuses columns of other lengths, unknown columns and columns that are not arrays, changing nothing', () => {
    const net = new Network().addInput('x').addNeuron('a').addOutput('y');
    const cases: [unknown, RegExp][] = [
      [{ from: ['x', 'a'], to: ['a'], weight: [1, 1] }, /columns\.to has 1 items and columns\.from 2/],
      [{ from: ['x'], to: ['a'], weight: [1], delay: [0, 0] }, /columns\.delay has 2 items/],
      [{ from: ['x'], to: ['a'], weight: [1], weights: [1] }, /unknown column "weights"/],
      [{ from: 'xa', to: ['a'], weight: [1] }, /columns\.from must be an array or typed array/],
      [{ from: ['x'], to: ['a'] }, /columns\.weight must be an array/],
      [{ from: ['x'], to: ['a'], weight: new DataView(new ArrayBuffer(8)) }, /columns\.weight must be an array/],
      [{ from: ['x'], to: ['a'], weight: [Number.NaN] }, /connection 0: "x" -> "a": a weight must be a finite number/],
      [{ from: ['x'], to: ['a'], weight: [1n] }, /connection 0: "x" -> "a": a weight must be a finite number/],
      [{ from: ['x'], to: ['a'], weight: [1], trainable: ['yes'] }, /connection 0: "x" -> "a": trainable must be/],
    ];
    for (const [columns, message] of cases) {
      expect(() => net.connectMany(columns as EdgeColumns)).toThrow(UsageError);
      expect(() => net.connectMany(columns as EdgeColumns)).toThrow(message);
    }
    expect(() => net.connectMany({ from: ['x'], to: ['nobody'], weight: [1] })).toThrow(NotFoundError);
    expect(net.graph.size).toBe(0);
    // A column is read once: a getter that answers differently the second time changes nothing.
    let reads = 0;
    const weight = [1, 2];
    Object.defineProperty(weight, 0, { get: () => (reads++ === 0 ? 0.5 : Number.NaN) });
    net.connectMany({ from: ['x', 'a'], to: ['a', 'y'], weight });
    expect(net.weight('x', 'a')).toBe(0.5);
    expect(reads).toBe(1);
  });

  it('reads every getter of its argument before it looks at the network', () => {
    const shifted = new Network()
      .addInput('z')
      .addInput('a')
      .addNeuron('h', { activation: 'identity' })
      .addOutput('o', { activation: 'identity' });
    shifted.connectMany([['a', 'h', 5]]);
    let removed = false;
    shifted.connectMany({
      from: ['a'],
      to: ['o'],
      get weight() {
        if (!removed) {
          removed = true;
          shifted.removeNeuron('z'); // node indices shift under the pending a -> h
        }
        return [1];
      },
    });
    expect(shifted.run({ a: 1 })).toStrictEqual({ o: 1 });
    const nested = new Network()
      .addInput('x')
      .addInput('a')
      .addNeuron('h', { activation: 'identity' })
      .addOutput('o', { activation: 'identity' });
    nested.connectMany([['a', 'h', 1]]);
    let added = false;
    const edge = {
      get from() {
        if (!added) {
          added = true;
          nested.connectMany([['h', 'o', 2]]);
        }
        return 'x';
      },
      to: 'h',
      weight: 3,
    };
    nested.connectMany([edge]);
    expect(nested.run({ x: 1, a: 1 })).toStrictEqual({ o: 8 });
    expect(nested.graph.size).toBe(3);
  });

  it('refuses a column longer than an array can be, and reads a sparse column no further than its first hole', () => {
    const net = new Network().addInput('a').addOutput('o');
    const long = new Proxy(['a'], { get: (target, key) => (key === 'length' ? 2 ** 32 : Reflect.get(target, key)) });
    expect(() => net.connectMany({ from: long, to: ['o'], weight: [1] })).toThrow(UsageError);
    const sparse = (): never[] => {
      const column: never[] = [];
      column.length = 2 ** 32 - 1;
      return column;
    };
    expect(() => net.connectMany({ from: sparse(), to: sparse(), weight: sparse() })).toThrow(NotFoundError);
    expect(() => net.connectMany({ from: sparse(), to: ['o'], weight: [1] })).toThrow(/columns\.to has 1 items/);
    expect(net.toJSON().edges).toHaveLength(0);
  });
});
