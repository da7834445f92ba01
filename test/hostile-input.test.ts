/**
 * Regression tests for the defects an attack on the public API found (issue 8): each
 * hostile input gets a named neurograph error and changes nothing.
 */
import { describe, expect, it } from 'vitest';
import {
  checkTable,
  createRandom,
  formatTable,
  layerIds,
  Network,
  NeurographError,
  SerializationError,
  UsageError,
} from '../src/index.js';

const reservedIds = ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf'];

describe('ids graphology cannot hold', () => {
  it.each(reservedIds)('"%s" is refused by every add method, with the reason, and nothing is added', (id) => {
    const net = new Network().addInput('a').addOutput('y').connect('a', 'y', 1);
    const before = net.toJSON();
    const adds = [() => net.addInput(id), () => net.addNeuron(id), () => net.addOutput(id), () => net.addBias(id)];
    for (const add of adds) {
      expect(add).toThrow(UsageError);
      expect(add).toThrow(/built-in JavaScript object property/);
    }
    expect(net.toJSON()).toStrictEqual(before);
    expect(net.run([1])).toEqual({ y: 1 / (1 + Math.exp(-1)) });
  });

  it.each(reservedIds)('a document naming a neuron "%s" is a SerializationError at its key', (id) => {
    const document = new Network().addInput('p').addInput('a').addOutput('y').connect('a', 'y', 1).toJSON();
    document.nodes[0]!.key = id;
    expect(() => Network.fromJSON(document)).toThrow(SerializationError);
    expect(() => Network.fromJSON(document)).toThrow(/nodes\[0\]\.key/);
  });

  it('a reserved neuron put on the graph directly is refused by the next run, not by a TypeError', () => {
    const net = new Network().addInput('a').addOutput('y').connect('a', 'y', 1);
    net.graph.addNode('constructor', { role: 'hidden', activation: 'sigmoid' });
    expect(() => net.run([1])).toThrow(UsageError);
    expect(() => net.removeNeuron('constructor')).toThrow(UsageError);
    expect(() => net.addBias()).toThrow(NeurographError);
  });

  it('integer-like ids work everywhere, and net.outputs keeps their insertion order', () => {
    const net = new Network().addInput('0').addOutput('b').addOutput('1').connect('0', 'b', 1).connect('0', '1', 2);
    expect(net.outputs).toEqual(['b', '1']);
    const outputs = net.run({ '0': 1 });
    // A JavaScript record lists integer-like keys first; net.outputs is the order to print in.
    expect(net.outputs.map((id) => outputs[id])).toEqual([1 / (1 + Math.exp(-1)), 1 / (1 + Math.exp(-2))]);
    expect(Network.fromJSON(net.toJSON()).outputs).toEqual(['b', '1']);
  });
});

describe('activations stay finite for finite inputs', () => {
  it('a leakyRelu slope outside 0…1 is refused (alpha 1e308 sent -10 to -Infinity)', () => {
    const net = new Network().addInput('a');
    expect(() => net.addOutput('o', { activation: { name: 'leakyRelu', alpha: 1e308 } })).toThrow(UsageError);
    expect(() => net.addOutput('o', { activation: { name: 'leakyRelu', alpha: -2 } })).toThrow(/from 0 to 1/);
    expect(net.neurons).toEqual(['a']);
    net.addOutput('o', { activation: { name: 'leakyRelu', alpha: 1 } }).connect('a', 'o', 1);
    expect(net.run([-10])).toEqual({ o: -10 });
  });

  it('a document with such a slope is refused where it says so', () => {
    const document = new Network()
      .addInput('a')
      .addOutput('o', { activation: { name: 'leakyRelu', alpha: 0.5 } })
      .toJSON();
    (document.nodes[1]!.attributes.activation as { alpha: number }).alpha = 1e308;
    expect(() => Network.fromJSON(document)).toThrow(/nodes\[1\]\.attributes\.activation/);
  });
});

describe('values that break messages', () => {
  const circular: Record<string, unknown> = {};
  circular.self = circular;
  const cases: [string, (net: Network) => unknown][] = [
    ['a BigInt id', (net) => net.addInput(1n as unknown as string)],
    ['a BigInt connection end', (net) => net.connect(1n as unknown as string, 'y', 1)],
    ['a null-prototype weight', (net) => net.connect('a', 'y', Object.create(null))],
    ['a circular weight', (net) => net.setWeight('a', 'y', circular as unknown as number)],
    ['a BigInt label', (net) => net.addOutput('z', { label: 1n as unknown as string })],
    ['a BigInt activation', (net) => net.addOutput('z', { activation: 1n as unknown as 'relu' })],
    ['a circular activation', (net) => net.addOutput('z', { activation: circular as unknown as 'relu' })],
    ['a BigInt role', (net) => net.addNeuron('z', { role: 1n as unknown as 'hidden' })],
    ['a BigInt seed', (net) => net.randomizeWeights({ seed: 1n as unknown as number })],
    ['a Symbol value id', (net) => net.value(Symbol('x') as unknown as string)],
    ['BigInt inputs', (net) => net.run(1n as unknown as number[])],
    ['a BigInt input value', (net) => net.run({ a: 1n as unknown as number })],
  ];

  it.each(cases)('%s is a named error that changes nothing', (_label, call) => {
    const net = new Network().addInput('a').addOutput('y').connect('a', 'y', 1);
    net.run([1]);
    const before = { document: net.toJSON(), value: net.value('y') };
    expect(() => call(net)).toThrow(NeurographError);
    expect({ document: net.toJSON(), value: net.value('y') }).toStrictEqual(before);
  });

  it('Network.layered with BigInt sizes is a UsageError', () => {
    expect(() => Network.layered([2n, 3n] as unknown as number[])).toThrow(UsageError);
    expect(() => Network.layered([2, 3], { seed: 1n as unknown as number })).toThrow(UsageError);
  });
});

describe('options are read once', () => {
  it('an activation getter that changes its answer cannot store what was not checked', () => {
    let reads = 0;
    const spec = {
      name: 'step' as const,
      get threshold() {
        return reads++ === 0 ? 0.3 : Number.NaN;
      },
    };
    const net = new Network().addInput('a').addOutput('o', { activation: spec }).connect('a', 'o', 1);
    expect(net.toJSON().nodes[1]!.attributes.activation).toEqual({ name: 'step', threshold: 0.3 });
    expect(net.run([0.4])).toEqual({ o: 1 });
    expect(reads).toBe(1);
  });

  it('a label or bias weight getter is read once too', () => {
    let reads = 0;
    const options = {
      get weight() {
        reads++;
        return reads === 1 ? 0.5 : Number.NaN;
      },
    };
    const net = new Network().addInput('a').addOutput('o').addBias('bias', options);
    expect(net.weight('bias', 'o')).toBe(0.5);
    expect(reads).toBe(1);
  });
});

describe('document errors read like advice', () => {
  it('a string document says to parse it first', () => {
    const text = JSON.stringify(new Network().addInput('a').toJSON());
    expect(() => Network.fromJSON(text)).toThrow(/parse it first: Network\.fromJSON\(JSON\.parse\(text\)\)/);
  });

  it('an unknown activation lists the activations', () => {
    const document = new Network().addInput('a').addOutput('o').toJSON();
    (document.nodes[1]!.attributes as { activation: unknown }).activation = 'softplus';
    expect(() => Network.fromJSON(document)).toThrow(
      /nodes\[1\]\.attributes\.activation: .*unknown activation "softplus"; use one of identity, step, sigmoid, tanh, relu, leakyRelu/,
    );
  });

  it('a wrong type says what was expected and what came', () => {
    const document = new Network().addInput('a').addOutput('o').connect('a', 'o', 1).toJSON();
    (document.edges[0]!.attributes as { weight: unknown }).weight = '1';
    expect(() => Network.fromJSON(document)).toThrow(/edges\[0\]\.attributes\.weight: expected a number, got "1"/);
    (document.nodes[0]!.attributes as { role: unknown }).role = 'sensor';
    expect(() => Network.fromJSON(document)).toThrow(
      /nodes\[0\]\.attributes\.role: expected "input" or "bias" or "hidden" or "output", got "sensor"/,
    );
  });
});

describe('misspelled options are refused, not ignored', () => {
  const cases: [string, (net: Network) => unknown][] = [
    ['addNeuron({ activaton })', (net) => net.addNeuron('h', { activaton: 'relu' } as never)],
    ['addOutput({ role })', (net) => net.addOutput('o2', { role: 'hidden' } as never)],
    ['addInput({ activation })', (net) => net.addInput('c', { activation: 'relu' } as never)],
    ['addBias({ weights })', (net) => net.addBias('b', { weights: 1 } as never)],
    ['randomizeWeights({ sed })', (net) => net.randomizeWeights({ sed: 1 } as never)],
  ];

  it.each(cases)('%s is a UsageError naming the options, and nothing is added', (_label, call) => {
    const net = new Network().addInput('a').addOutput('y').connect('a', 'y', 1);
    const before = net.toJSON();
    expect(() => call(net)).toThrow(UsageError);
    expect(() => call(net)).toThrow(/unknown option "\w+"; the options are/);
    expect(net.toJSON()).toStrictEqual(before);
  });

  it('Network.layered refuses a misspelled option', () => {
    expect(() => Network.layered([2, 1], { activaton: 'relu' } as never)).toThrow(/unknown option "activaton"/);
  });
});

describe('exported helpers refuse bad arguments with named errors', () => {
  const net = () => new Network().addInput('a').addOutput('y', { activation: 'step' }).connect('a', 'y', 1);
  const cases: [string, () => unknown][] = [
    [
      'randomizeWeights with a null-prototype scheme',
      () => net().randomizeWeights({ seed: 1, scheme: Object.create(null) }),
    ],
    ['layerIds(5)', () => layerIds(5 as never)],
    ['layerIds([1n, 2n])', () => layerIds([1n, 2n] as never)],
    ['createRandom(1n)', () => createRandom(1n as never)],
    ['createRandom(Symbol())', () => createRandom(Symbol() as never)],
    ['createRandom("abc")', () => createRandom('abc' as never)],
    ['createRandom(NaN)', () => createRandom(Number.NaN)],
    ['checkTable(null, …)', () => checkTable(null as never, [[0, 0]])],
    ['checkTable(net, 5)', () => checkTable(net(), 5 as never)],
    ['checkTable with a short row', () => checkTable(net(), [[0]])],
    ['checkTable with a BigInt in a row', () => checkTable(net(), [[0, 1n] as never])],
    ['formatTable(5, …)', () => formatTable(5 as never, { rows: [], ok: true })],
    ['formatTable(net, null)', () => formatTable(net(), null as never)],
  ];

  it.each(cases)('%s', (_label, call) => {
    expect(call).toThrow(UsageError);
  });

  it('good arguments still work', () => {
    expect(
      checkTable(net(), [
        [0, 0],
        [1, 1],
      ]).ok,
    ).toBe(true);
    expect(layerIds([2, 1])).toEqual([['x0', 'x1'], ['y0']]);
    expect(createRandom(7)()).toBe(createRandom(7)());
  });
});
