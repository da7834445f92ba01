// connectMany: the same network as connect() one by one, in any order, or an error and nothing changed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CycleError,
  Network,
  type NeurographError,
  NotFoundError,
  UsageError,
  createRandom,
  type EdgeSpec,
} from '../src/index.js';
import { randomNetwork, shuffle } from './support/random-network.js';

/** A random network's neurons without their connections, and those connections as edge specs. */
function takeApart(seed: number): { empty: () => Network; edges: EdgeSpec[] } {
  const net = randomNetwork(seed, { inputs: 2, hidden: 6 + (seed % 7), outputs: 2, density: 0.5, bias: false });
  const document = net.toJSON();
  const edges: EdgeSpec[] = document.edges.map(({ source, target, attributes }) =>
    seed % 2 === 0 ? [source, target, attributes.weight] : { from: source, to: target, weight: attributes.weight },
  );
  const empty = () => Network.fromJSON({ ...document, edges: [] });
  return { empty, edges };
}

const snapshot = (net: Network) => JSON.stringify(net.toJSON());

describe('Network.connectMany', () => {
  it('builds what connect() builds one by one, for edges in any order (fast-check)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer(), (seed, order) => {
        const { empty, edges } = takeApart(seed);
        const shuffled = shuffle(createRandom(order), [...edges]);
        const one = empty();
        for (const edge of shuffled) {
          if (Array.isArray(edge)) one.connect(edge[0], edge[1], edge[2]);
          else {
            const { from, to, weight } = edge as { from: string; to: string; weight: number };
            one.connect(from, to, weight);
          }
        }
        const many = empty().connectMany(shuffled);
        expect(snapshot(many)).toBe(snapshot(one));
        const inputs = many.inputs.map((_id, i) => i - 0.5);
        expect(many.run(inputs)).toStrictEqual(one.run(inputs));
      }),
      { numRuns: 60 },
    );
  });

  it('takes delays and trainable flags, and may close loops with delayed connections', () => {
    const net = new Network().addInput('x').addNeuron('h').addOutput('y');
    net.connectMany([
      { from: 'x', to: 'h', weight: 1 },
      { from: 'h', to: 'h', weight: 0.5, delay: 1 },
      { from: 'h', to: 'y', weight: 2, trainable: false },
      { from: 'y', to: 'h', weight: -1, delay: 2 },
    ]);
    expect(net.connection('h', 'h')).toStrictEqual({ from: 'h', to: 'h', weight: 0.5, delay: 1, trainable: true });
    expect(net.connection('h', 'y').trainable).toBe(false);
    expect(net.connection('y', 'h').delay).toBe(2);
  });

  it('refuses a list with any bad connection, wherever it is, and changes nothing', () => {
    const base = () =>
      new Network()
        .addInput('x')
        .addNeuron('a')
        .addNeuron('b')
        .addOutput('y')
        .addOutput('p', { activation: 'softmax' })
        .addOutput('q', { activation: 'softmax' })
        .connect('x', 'a', 1);
    const good: EdgeSpec[] = [
      ['a', 'b', 1],
      ['b', 'y', 1],
      ['x', 'p', 1],
    ];
    const bad: [EdgeSpec | unknown, new (...args: never[]) => NeurographError, RegExp][] = [
      [['a', 'nobody', 1], NotFoundError, /no neuron "nobody"/],
      [['__proto__', 'a', 1], NotFoundError, /no neuron/],
      [[1n, 'a', 1], NotFoundError, /no neuron/],
      [['x', 'a', 2], UsageError, /appears twice/],
      [['a', 'y', Number.NaN], UsageError, /finite number/],
      [['a', 'y', '1'], UsageError, /finite number/],
      [{ from: 'a', to: 'y', weight: 1, delay: -1 }, UsageError, /delay/],
      [{ from: 'a', to: 'y', weight: 1, delay: 1.5 }, UsageError, /delay/],
      [{ from: 'a', to: 'y', weight: 1, trainable: 'no' }, UsageError, /trainable/],
      [{ from: 'a', to: 'y', weight: 1, weigth: 2 }, UsageError, /unknown field "weigth"/],
      [['a', 'x', 1], UsageError, /takes no incoming/],
      [['p', 'y', 1], UsageError, /feeds no connection/],
      [['a', 'a', 1], CycleError, /self-loop/],
      // Whichever of the list closes the cycle first is named (checked against connect() below).
      [['y', 'a', 1], CycleError, /would close the cycle/],
      [['a', 'y'], UsageError, /\[from, to, weight\]/],
      [null, UsageError, /an edge is/],
    ];
    for (const [edge, type, message] of bad) {
      for (let position = 0; position <= good.length; position++) {
        const net = base();
        const before = snapshot(net);
        const edges = [...good.slice(0, position), edge, ...good.slice(position)] as EdgeSpec[];
        expect(() => net.connectMany(edges), `${String(edge)} at ${position}`).toThrow(type);
        expect(() => net.connectMany(edges)).toThrow(message);
        expect(snapshot(net)).toBe(before);
      }
    }
    expect(() => base().connectMany(['a', 'b', 1] as never)).toThrow(UsageError);
    expect(() => base().connectMany(3 as never)).toThrow(/must be an array/);
    expect(() =>
      base().connectMany([
        ['a', 'y', 1],
        ['a', 'y', 2],
      ]),
    ).toThrow(/edges\[1\].*appears twice/);
  });

  it('names the connection that closes a cycle and its path as connect() would', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const { empty, edges } = takeApart(seed);
      const first = Array.isArray(edges[0]) ? edges[0] : null;
      if (first === null) continue;
      // Reversing a connection of a path closes a cycle as soon as the path is there.
      const [from, to] = first as readonly [string, string, number];
      const reversed: EdgeSpec = [to, from, 1];
      if (!empty().graph.hasNode(to) || empty().graph.getNodeAttribute(from, 'role') === 'input') continue;
      const list = [...edges, reversed];
      const one = empty();
      let expected: CycleError | undefined;
      for (const edge of list) {
        try {
          const [a, b, w] = edge as readonly [string, string, number];
          one.connect(a, b, w);
        } catch (error) {
          expected = error as CycleError;
          break;
        }
      }
      const net = empty();
      const before = snapshot(net);
      let thrown: unknown;
      try {
        net.connectMany(list);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(CycleError);
      expect(expected).toBeInstanceOf(CycleError);
      const { from: closedFrom, to: closedTo, path } = thrown as CycleError;
      expect({ from: closedFrom, to: closedTo, path }).toStrictEqual({
        from: expected!.from,
        to: expected!.to,
        path: expected!.path,
      });
      expect(path.length).toBeGreaterThan(2);
      expect(snapshot(net)).toBe(before);
    }
  });

  it('builds a 200,000-neuron chain from its connections given backwards', () => {
    const length = 200_000;
    const net = new Network().addInput('n0');
    for (let i = 1; i < length; i++)
      net.addNeuron(`n${i}`, { activation: 'identity', role: i === length - 1 ? 'output' : 'hidden' });
    const edges: EdgeSpec[] = [];
    // Backwards, each connection's target already feeds the next: connect() would search the chain each time.
    for (let i = length - 1; i >= 1; i--) edges.push([`n${i - 1}`, `n${i}`, 1]);
    net.connectMany(edges);
    expect(net.run([3])).toStrictEqual({ [`n${length - 1}`]: 3 });
  }, 60_000);
});
