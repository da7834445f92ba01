// connectMany's bulk path (issue 13, W4 build): its fast checker against connect() one by one on lists with one
// fault somewhere, its own edge keys, and graphology's adjacency put in dictionary mode changing nothing visible.
import fc from 'fast-check';
import { DirectedGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import { CycleError, Network, createRandom, type EdgeSpec, type Random } from '../src/index.js';
import { connectOneByOne, errorFrom, expectSameRefusal, faultsNear, pairOf } from './support/connect-lists.js';

const snapshot = (net: Network) => JSON.stringify(net.toJSON());

/** Hidden and output neurons (some softmax outputs, some ids numeric), inputs, no connections. */
function neurons(random: Random): Network {
  const net = new Network();
  const hidden = 3 + Math.floor(random() * 8);
  for (let i = 0; i < 2; i++) net.addInput(`x${i}`);
  for (let i = 0; i < hidden; i++) net.addNeuron(random() < 0.3 ? String(i) : `h${i}`, { activation: 'tanh' });
  net.addOutput('y', { activation: 'identity' });
  if (random() < 0.5) net.addOutput('s', { activation: 'softmax' });
  return net;
}

/** A random list of connections (immediate ones mostly forward in a random rank, some delayed), one fault maybe. */
function edgeList(net: Network, random: Random): EdgeSpec[] {
  const ids = net.graph.nodes();
  const rank = new Map(ids.map((id) => [id, random()]));
  const edges: EdgeSpec[] = [];
  const taken = new Set<string>();
  const count = Math.floor(random() * 3 * ids.length);
  for (let k = 0; k < count; k++) {
    const from = ids[Math.floor(random() * ids.length)]!;
    const to = ids[Math.floor(random() * ids.length)]!;
    const role = net.graph.getNodeAttribute(to, 'role');
    if (role === 'input' || from === 's' || taken.has(`${from}\u0000${to}`)) continue;
    const delayed = random() < 0.15;
    if (!delayed && (from === to || rank.get(from)! >= rank.get(to)!)) continue;
    taken.add(`${from}\u0000${to}`);
    const weight = Math.round((random() * 2 - 1) * 100) / 100;
    edges.push(delayed ? { from, to, weight, delay: 1 + Math.floor(random() * 3) } : [from, to, weight]);
  }
  if (edges.length > 0 && random() < 0.7) {
    const at = Math.floor(random() * (edges.length + 1));
    const faults = faultsNear(...pairOf(edges[Math.floor(random() * edges.length)]!));
    edges.splice(at, 0, faults[Math.floor(random() * faults.length)]!);
  }
  return edges;
}

describe('Network.connectMany in bulk', () => {
  it('accepts exactly what connect() accepts one by one, and throws the same kind of error (fast-check)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.boolean(), (seed, prebuilt) => {
        const random = createRandom(seed);
        const base = neurons(random);
        // Some connections already in the graph, added by connectMany itself or by connect().
        if (prebuilt) connectOneByOne(base, edgeList(base, random).slice(0, 4));
        const document = base.toJSON();
        const edges = edgeList(base, random);
        const one = Network.fromJSON(document);
        const expected = connectOneByOne(one, edges);
        const many = Network.fromJSON(document);
        const thrown = errorFrom(() => many.connectMany(edges));
        if (expected === undefined) {
          expect(thrown).toBeUndefined();
          expect(snapshot(many)).toBe(snapshot(one));
          return;
        }
        expectSameRefusal(thrown, expected);
        expect(snapshot(many)).toBe(JSON.stringify(document));
      }),
      { numRuns: 300 },
    );
  });

  it('names a long list cycle by its first closing connection, found by bisection', () => {
    const length = 3000;
    const net = new Network().addInput('x');
    for (let i = 0; i < length; i++) net.addNeuron(`n${i}`);
    const edges: EdgeSpec[] = [['x', 'n0', 1]];
    for (let i = 1; i < length; i++) edges.push([`n${i - 1}`, `n${i}`, 1]);
    edges.splice(2000, 0, ['n1500', 'n10', 1]); // closes n10 -> … -> n1500 -> n10 once n1499 -> n1500 is there
    edges.push(['n2999', 'n0', 1]); // a later one that closes a longer cycle
    const before = snapshot(net);
    let thrown: CycleError | undefined;
    try {
      net.connectMany(edges);
    } catch (error) {
      thrown = error as CycleError;
    }
    expect(thrown).toBeInstanceOf(CycleError);
    expect([thrown!.from, thrown!.to]).toStrictEqual(['n1500', 'n10']);
    expect(thrown!.path).toStrictEqual(['n1500', ...Array.from({ length: 1491 }, (_, k) => `n${10 + k}`)]);
    expect(thrown!.message).toMatch(/^Network\.connectMany: edges\[2000\]: "n1500" -> "n10"/);
    expect(snapshot(net)).toBe(before);
  });

  it('keys its connections apart from every edge key already in the graph', () => {
    const net = new Network().addInput('x').addNeuron('a').addNeuron('b').addOutput('y');
    // Keys a user could have given edges added to the graph directly, and one from graphology's generator.
    net.graph.addDirectedEdgeWithKey('0', 'x', 'a', { weight: 1 });
    net.graph.addDirectedEdgeWithKey('2', 'x', 'b', { weight: 1 });
    net.connect('a', 'b', 1);
    net.connectMany([
      ['a', 'y', 1],
      ['b', 'y', 2],
      ['x', 'y', 3],
    ]);
    net.disconnect('b', 'y');
    net.connectMany([['b', 'y', 4]]);
    const keys = net.graph.edges();
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.length).toBe(6);
    expect(net.weight('b', 'y')).toBe(4);
    expect(net.run([1])).toStrictEqual(
      new Network()
        .addInput('x')
        .addNeuron('a')
        .addNeuron('b')
        .addOutput('y')
        .connect('x', 'a', 1)
        .connect('x', 'b', 1)
        .connect('a', 'b', 1)
        .connect('a', 'y', 1)
        .connect('x', 'y', 3)
        .connect('b', 'y', 4)
        .run([1]),
    );
  });

  it("leaves graphology's view of the graph as a plain graphology graph has it (neighbour order, lookups)", () => {
    for (let seed = 1; seed <= 30; seed++) {
      const random = createRandom(seed);
      const net = neurons(random);
      const plain = new DirectedGraph({ allowSelfLoops: true });
      net.graph.forEachNode((id, attributes) => plain.addNode(id, { ...attributes }));
      // The connections that connect() takes one after another: a list connectMany must take whole.
      const trial = Network.fromJSON(net.toJSON());
      const edges = edgeList(net, random).filter((edge) => connectOneByOne(trial, [edge]) === undefined);
      net.connectMany(edges);
      for (const edge of edges) {
        const [from, to] = pairOf(edge);
        plain.addDirectedEdge(from, to);
      }
      // Drop some connections and a neuron on both sides.
      for (const [from, to] of edges.slice(0, 3).map(pairOf)) {
        net.disconnect(from, to);
        plain.dropDirectedEdge(from, to);
      }
      const dropped = net.graph.nodes()[3]!;
      net.removeNeuron(dropped);
      plain.dropNode(dropped);
      const ids = plain.nodes();
      expect(net.graph.nodes()).toStrictEqual(ids);
      for (const id of ids) {
        expect(net.graph.outNeighbors(id)).toStrictEqual(plain.outNeighbors(id));
        expect(net.graph.inNeighbors(id)).toStrictEqual(plain.inNeighbors(id));
        expect(net.graph.outDegree(id)).toBe(plain.outDegree(id));
        for (const other of ids) expect(net.graph.hasDirectedEdge(id, other)).toBe(plain.hasDirectedEdge(id, other));
        for (const name of ['constructor', 'hasOwnProperty', '__lookupGetter__', '__proto__'])
          expect(net.graph.hasDirectedEdge(id, name)).toBe(false);
      }
    }
  });
});
