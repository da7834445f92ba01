import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Network } from '../src/index.js';
import { FEATURES, featureRecord, featureRow } from '../src/playground/features.js';
import { buildNetwork, hiddenId } from '../src/playground/model.js';
import { scenarioScript } from '../src/playground/scenario.js';
import {
  ACTIVATIONS,
  DATASETS,
  DEFAULT_STATE,
  decodeState,
  encodeState,
  MAX_LAYERS,
  MAX_NEURONS,
  type PlaygroundState,
  problemOf,
  REGULARIZATIONS,
} from '../src/playground/state.js';

// The playground's URL codec and feature transforms, without a browser.

const neuronIds = fc.constantFrom('x1', 'x2', 'x1sq', 'h1_0', 'h1_1', 'h2_0', 'y', 'bias', 'a.b-c');
const edge = fc.record({ from: neuronIds, to: neuronIds });
const weight = fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((w) => (w === 0 ? 0 : w));
const validState: fc.Arbitrary<PlaygroundState> = fc
  .record({
    dataset: fc.constantFrom(...DATASETS.classification, ...DATASETS.regression),
    noise: fc.integer({ min: 0, max: 50 }),
    trainShare: fc.integer({ min: 10, max: 90 }),
    batchSize: fc.integer({ min: 1, max: 30 }),
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    features: fc.subarray([...FEATURES.map((f) => f.id)], { minLength: 1 }),
    layers: fc.array(fc.integer({ min: 1, max: MAX_NEURONS }), { maxLength: MAX_LAYERS }),
    activation: fc.constantFrom(...ACTIVATIONS),
    learningRate: fc.double({ min: 1e-6, max: 10, noNaN: true }),
    regularization: fc.constantFrom(...REGULARIZATIONS),
    regularizationRate: fc.double({ min: 0, max: 10, noNaN: true }).map((w) => (w === 0 ? 0 : w)),
    added: fc.array(fc.record({ from: neuronIds, to: neuronIds, weight }), { maxLength: 5 }),
    removed: fc.array(edge, { maxLength: 5 }),
    weights: fc.array(fc.record({ from: neuronIds, to: neuronIds, weight }), { maxLength: 5 }),
    activations: fc.dictionary(fc.constantFrom('h1_0', 'h2_0', 'y'), fc.constantFrom(...ACTIVATIONS)),
  })
  // fast-check's records have no prototype; the decoder's are plain objects.
  .map((s) => JSON.parse(JSON.stringify({ ...s, problem: problemOf(s.dataset) })) as PlaygroundState);

describe('the URL state', () => {
  it('round-trips every valid state exactly, and the default through the empty address', () => {
    fc.assert(
      fc.property(validState, (state) => {
        const decoded = decodeState(`#${encodeState(state)}`);
        expect(decoded.problems).toStrictEqual([]);
        expect(decoded.state).toStrictEqual(state);
      }),
      { numRuns: 300 },
    );
    expect(decodeState('')).toStrictEqual({ state: DEFAULT_STATE, problems: [] });
  });

  it('never throws on hostile addresses, and always gives a state it can encode and build', () => {
    const hostile = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc
        .array(
          fc.tuple(
            fc.constantFrom('dataset', 'noise', 'train', 'batch', 'seed', 'features', 'layers', 'activation', 'rate'),
            fc.string({ maxLength: 30 }),
          ),
          { maxLength: 8 },
        )
        .map((pairs) => new URLSearchParams(pairs).toString()),
      fc
        .array(fc.tuple(fc.constantFrom('add', 'remove', 'set', 'act', 'reg', 'regRate', 'net'), fc.string()), {
          maxLength: 6,
        })
        .map((pairs) => new URLSearchParams(pairs).toString()),
    );
    fc.assert(
      fc.property(hostile, (text) => {
        const { state } = decodeState(text);
        expect(decodeState(encodeState(state)).state).toStrictEqual(state);
        const built = buildNetwork(state);
        expect(built.net.outputs).toHaveLength(1);
      }),
      { numRuns: 400 },
    );
  });

  it('repairs bad values to the defaults and says which', () => {
    const { state, problems } = decodeState(
      '#dataset=moons&noise=-5&train=95&batch=0.5&layers=9,2&features=x3&rate=NaN&activation=softmax&act=__proto__:relu;h1_0:tanh&add=x1>y:Infinity;h1_0>x1:0.5',
    );
    expect(state).toMatchObject({
      dataset: 'circle',
      noise: 0,
      trainShare: 50,
      batchSize: 10,
      layers: [4, 2],
      features: ['x1', 'x2'],
      learningRate: 0.03,
      activation: 'tanh',
      activations: { h1_0: 'tanh' },
      added: [{ from: 'h1_0', to: 'x1', weight: 0.5 }],
    });
    expect(Object.getPrototypeOf(state.activations)).toBe(Object.prototype);
    expect(problems).toHaveLength(10);
    // The edit into an input does not fit the network: building drops it and says so.
    const built = buildNetwork(state);
    expect(built.state.added).toStrictEqual([]);
    expect(built.problems.join(' ')).toMatch(/h1_0 → x1/);
  });

  it('drops an edit that would close a cycle, naming its path, and keeps the others', () => {
    const { state } = decodeState('#layers=2&add=h1_0>h1_1:0.5;h1_1>h1_0:0.25&remove=x1>h1_0');
    const built = buildNetwork(state);
    expect(built.state.added).toStrictEqual([{ from: 'h1_0', to: 'h1_1', weight: 0.5 }]);
    expect(built.problems).toStrictEqual(['adding h1_1 → h1_0: it would close the cycle h1_1 → h1_0 → h1_1.']);
    expect(built.net.weight('h1_0', 'h1_1')).toBe(0.5);
    expect(built.net.graph.hasEdge('x1', 'h1_0')).toBe(false);
  });
});

describe('the features', () => {
  it('are x₁, x₂, x₁², x₂², x₁x₂, sin x₁, sin x₂ of the point', () => {
    fc.assert(
      fc.property(fc.double({ min: -6, max: 6, noNaN: true }), fc.double({ min: -6, max: 6, noNaN: true }), (a, b) => {
        const ids = FEATURES.map((f) => f.id);
        expect([...featureRow(ids, a, b)]).toStrictEqual([a, b, a * a, b * b, a * b, Math.sin(a), Math.sin(b)]);
        expect(featureRecord(['x2', 'sinx1'], a, b)).toStrictEqual({ x2: b, sinx1: Math.sin(a) });
      }),
    );
    expect(FEATURES.map((f) => f.label)).toStrictEqual(['x₁', 'x₂', 'x₁²', 'x₂²', 'x₁x₂', 'sin x₁', 'sin x₂']);
  });

  it('feed inputs that are not features (an imported network) by position', () => {
    expect([...featureRow(['a', 'b', 'c'], 2, 3)]).toStrictEqual([2, 3, 4]);
  });
});

describe('the built network and its scenario script', () => {
  it('has the features as inputs, the layers, one output and a bias neuron, weights from the seed', () => {
    const { state } = decodeState('#layers=3,2&features=x1,x2,x1x2&seed=7&activation=relu');
    const { net } = buildNetwork(state);
    expect(net.inputs).toStrictEqual(['x1', 'x2', 'x1x2']);
    expect(net.neurons).toContain(hiddenId(2, 1));
    expect(net.outputs).toStrictEqual(['y']);
    expect(net.graph.getNodeAttribute('h1_0', 'activation')).toBe('relu');
    expect(buildNetwork(state).net.toJSON()).toStrictEqual(net.toJSON());
  });

  it('writes a script whose build() gives the same document', () => {
    const { state } = decodeState('#layers=2&add=x1>y:0.5&remove=bias>h1_1&act=h1_0:sigmoid');
    const { net } = buildNetwork(state);
    const script = scenarioScript(net.toJSON(), 'test');
    const body = script.slice(script.indexOf('new Network()'), script.indexOf(';\n\nif'));
    const rebuilt = new Function('Network', `return ${body};`)(Network) as Network;
    expect(rebuilt.run([0.3, -0.7])).toStrictEqual(net.run([0.3, -0.7]));
    expect(new Set(rebuilt.toJSON().edges.map((e) => JSON.stringify(e)))).toStrictEqual(
      new Set(net.toJSON().edges.map((e) => JSON.stringify(e))),
    );
  });
});
