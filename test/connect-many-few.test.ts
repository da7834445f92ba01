// connectMany with a few connections into a big network (connect-few.ts): checked as connect() checks each, not by
// sorting the whole network. Call after call, it must accept exactly what connect() one by one accepts (all of a
// list or none of it), throw the error the full check throws, and build what connect() builds, whether the
// network's connections are pending, in graphology, or in a graph already handed out.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Network, createRandom, type EdgeSpec, type Random } from '../src/index.js';
import { connectOneByOne, errorFrom, expectSameRefusal, faultsNear, pairOf } from './support/connect-lists.js';
import { hostileSourceIds } from './support/hostile-ids.js';

const snapshot = (net: Network) => JSON.stringify(net.toJSON());

/** 40–70 hidden neurons (some ids numeric or hostile), two inputs, an output, maybe a softmax output. */
function neuronsOf(net: Network, random: Random, softmax: boolean): Network {
  net.addInput('x0').addInput('x1');
  const hidden = 40 + Math.floor(random() * 31);
  const names = ['1', '0x1', ...hostileSourceIds];
  for (let i = 0; i < hidden; i++) net.addNeuron(random() < 0.2 ? `${names[i % names.length]}${i}` : `h${i}`);
  net.addOutput('y', { activation: 'identity' });
  if (softmax) net.addOutput('s', { activation: 'softmax' });
  return net;
}

/** `count` connections between random neurons, immediate ones forward in `rank` (so acyclic among themselves). */
function randomEdges(ids: readonly string[], rank: ReadonlyMap<string, number>, count: number, random: Random) {
  const edges: EdgeSpec[] = [];
  const taken = new Set<string>();
  while (edges.length < count) {
    const from = ids[Math.floor(random() * ids.length)]!;
    const to = ids[Math.floor(random() * ids.length)]!;
    if (to === 'x0' || to === 'x1' || from === 's' || taken.has(`${from}\u0000${to}`)) continue;
    const delayed = random() < 0.1;
    if (!delayed && (from === to || rank.get(from)! >= rank.get(to)!)) continue;
    taken.add(`${from}\u0000${to}`);
    const weight = Math.round((random() * 2 - 1) * 100) / 100;
    edges.push(delayed ? { from, to, weight, delay: 1 + Math.floor(random() * 2) } : [from, to, weight]);
  }
  return edges;
}

describe('connectMany: a few connections into a big network', () => {
  it('accepts, refuses and builds as connect() one by one, call after call (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.constantFrom('pending', 'graphology', 'handed out'),
        (seed, start) => {
          const random = createRandom(seed);
          const softmax = random() < 0.5;
          const many = neuronsOf(new Network(), createRandom(seed + 1), softmax);
          const ids = many.neurons;
          const baseRank = new Map(ids.map((id) => [id, random()]));
          const base = randomEdges(ids, baseRank, 2 * ids.length, random);
          if (start === 'pending') many.connectMany(base);
          else connectOneByOne(many, base);
          if (start === 'handed out') void many.graph;
          let one = neuronsOf(new Network(), createRandom(seed + 1), softmax);
          connectOneByOne(one, base);
          const rounds = 3 + Math.floor(random() * 6);
          for (let round = 0; round < rounds; round++) {
            // Forward in a rank of its own: cycles through the network's connections, sometimes through its own.
            const rank = random() < 0.5 ? baseRank : new Map(ids.map((id) => [id, random()]));
            const list = randomEdges(ids, rank, 1 + Math.floor(random() * 4), random);
            if (random() < 0.4) {
              const faults = faultsNear(...pairOf(list[Math.floor(random() * list.length)]!));
              list.splice(Math.floor(random() * (list.length + 1)), 0, faults[Math.floor(random() * faults.length)]!);
            }
            const before = one.toJSON();
            const expected = connectOneByOne(one, list);
            if (expected !== undefined) one = Network.fromJSON(before);
            const thrown = errorFrom(() => many.connectMany(list));
            if (expected === undefined) {
              expect(thrown).toBeUndefined();
              continue;
            }
            expectSameRefusal(thrown, expected);
          }
          expect(snapshot(many)).toBe(snapshot(one));
          const input = [random() * 2 - 1, random() * 2 - 1];
          expect(many.compile().run(input)).toStrictEqual(one.compile().run(input));
        },
      ),
      { numRuns: 200 },
    );
  });

  it("walks about one network's worth of connections at most, however many searches a list needs", () => {
    // A hub with many delayed connections out, which every search of the list starts from.
    const net = new Network().addInput('x').addNeuron('hub');
    const edges: EdgeSpec[] = [['x', 'hub', 1]];
    for (let i = 0; i < 2000; i++) {
      net.addNeuron(`leaf${i}`);
      edges.push({ from: 'hub', to: `leaf${i}`, weight: 1, delay: 1 });
    }
    for (let i = 0; i < 200; i++) {
      net.addNeuron(`s${i}`);
      edges.push(['x', `s${i}`, 1]);
    }
    net.connectMany(edges);
    const graph = net.graph;
    let walked = 0;
    const forEachOutEdge = graph.forEachOutEdge.bind(graph);
    (graph as { forEachOutEdge: unknown }).forEachOutEdge = (node: string, callback: (...args: unknown[]) => void) =>
      forEachOutEdge(node, (...args: unknown[]) => {
        walked++;
        callback(...args);
      });
    const list = Array.from({ length: 200 }, (_, i): EdgeSpec => [`s${i}`, 'hub', 1]);
    const network = graph.order + graph.size;
    const one = Network.fromJSON(net.toJSON());
    net.connectMany(list);
    expect(walked).toBeLessThanOrEqual(2 * network);
    expect(connectOneByOne(one, list)).toBeUndefined();
    expect(snapshot(net)).toBe(snapshot(one));
  });

  it('takes a graph holding a cycle added directly as connect() takes it, with either checker', () => {
    // connect() looks only for the cycle a new connection closes; a run refuses the graph later.
    const lists: EdgeSpec[][] = [
      [['x', 'a', 1]],
      [['x', 'nobody', 1]],
      [
        ['a', 'c', 1],
        ['d', 'a', 1],
      ],
      [
        ['x', 'b', 1],
        ['b', 'b', 1],
      ],
    ];
    for (const extra of [0, 300]) {
      for (const list of lists) {
        // With 300 more neurons and connections the list is few (connect-few.ts); without, the full check takes it.
        const build = () => {
          const net = new Network().addInput('x');
          for (const id of ['a', 'b', 'c', 'd']) net.addNeuron(id);
          for (let i = 0; i < extra; i++) net.addNeuron(`e${i}`).connect('x', `e${i}`, 1);
          net.graph.addDirectedEdge('c', 'd', { weight: 1 });
          net.graph.addDirectedEdge('d', 'c', { weight: 1 });
          return net;
        };
        const net = build();
        const one = build();
        const expected = connectOneByOne(one, list);
        const thrown = errorFrom(() => net.connectMany(list));
        if (expected === undefined) {
          expect(thrown).toBeUndefined();
          expect(snapshot(net)).toBe(snapshot(one));
        } else expectSameRefusal(thrown, expected);
      }
    }
  });
});
