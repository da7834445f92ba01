/**
 * Random operation sequences with valid and hostile ids, weights and options, driven
 * through the public API. After every call that throws: the error is a named
 * neurograph error, the document and the last run's values are unchanged, and the
 * next run gives what it gave before. After every call that returns: no non-finite
 * number escapes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Network, NeurographError } from '../src/index.js';

const circular: Record<string, unknown> = { name: 'sigmoid' };
circular.self = circular;
/**
 * Stands for a revoked Proxy in the generated operations (fast-check itself looks into its values, which a revoked
 * Proxy refuses with a TypeError); `withRevokedProxies` puts a real one in its place before the call.
 */
const revoked = Object.freeze({ revokedProxy: true });

function withRevokedProxies(value: unknown, seen = new Map<object, unknown>()): unknown {
  if (value === revoked) {
    const { proxy, revoke } = Proxy.revocable([1, 2], {});
    revoke();
    return proxy;
  }
  if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value)) return value;
  if (seen.has(value)) return seen.get(value);
  if (Array.isArray(value)) {
    const copy: unknown[] = [];
    seen.set(value, copy);
    for (const item of value) copy.push(withRevokedProxies(item, seen));
    return copy;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  const copy: Record<string, unknown> = {};
  seen.set(value, copy);
  for (const [key, item] of Object.entries(value)) copy[key] = withRevokedProxies(item, seen);
  return copy;
}

/** Ids a user might give: ordinary, integer-like, reserved, odd characters, and non-strings. */
const idArbitrary = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('a', 'b', 'c', 'h', 'k', 'o', 'p', 'bias', '1', '0', '10') },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '__proto__',
      'constructor',
      'toString',
      'valueOf',
      'hasOwnProperty',
      '',
      ' ',
      '\u0000',
      '\ud800',
      '😀',
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom<unknown>(
      1,
      1n,
      null,
      undefined,
      Symbol('s'),
      {},
      Object.create(null),
      circular,
      ['a'],
      revoked,
    ),
  },
);

const weightArbitrary = fc.oneof(
  { weight: 6, arbitrary: fc.double({ min: -4, max: 4, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(Number.NaN, Infinity, -Infinity, 1e308, -1e308, 5e-324, -0) },
  {
    weight: 1,
    arbitrary: fc.constantFrom<unknown>('1', 1n, null, undefined, Object.create(null), circular, true, revoked),
  },
);

const activationArbitrary = fc.oneof(
  fc.constantFrom<unknown>('identity', 'step', 'sigmoid', 'tanh', 'relu', 'leakyRelu', 'softmax', { name: 'softmax' }),
  fc.constantFrom<unknown>(
    { name: 'step', threshold: 0.3 },
    { name: 'leakyRelu', alpha: 0.2 },
    { name: 'leakyRelu', alpha: 1e308 },
    { name: 'step', threshold: Number.NaN },
    { name: 'sigmoid', alpha: 1 },
    { name: 'softmax', alpha: 1 },
    1n,
    null,
    circular,
    Object.create(null),
    revoked,
  ),
);

const optionsArbitrary = fc.oneof(
  fc.constant<unknown>(undefined),
  fc.constant<unknown>(null),
  fc.constant<unknown>(revoked),
  fc.record({ activation: activationArbitrary }, { requiredKeys: [] }),
  fc.record({ label: fc.oneof(fc.string(), fc.constantFrom<unknown>(3, 1n)) }, { requiredKeys: [] }),
  fc.record({ role: fc.constantFrom<unknown>('hidden', 'output', 'input', 'bias', 1n) }, { requiredKeys: [] }),
  fc.record({ weight: weightArbitrary }, { requiredKeys: [] }),
  fc.record({ aggregate: fc.constantFrom<unknown>('sum', 'product', 'max', 1n) }, { requiredKeys: [] }),
);

const connectOptionsArbitrary = fc.oneof(
  { weight: 3, arbitrary: fc.constant<unknown>(undefined) },
  { weight: 3, arbitrary: fc.record({ delay: fc.integer({ min: 0, max: 3 }) }) },
  {
    weight: 1,
    arbitrary: fc.record(
      {
        delay: fc.constantFrom<unknown>(-1, 1.5, '1', 1n, 1e9, Number.NaN, null),
        trainable: fc.constantFrom<unknown>(true, false, 'no', 0),
      },
      { requiredKeys: [] },
    ),
  },
);

const inputsArbitrary = fc.oneof(
  fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { maxLength: 4 }),
  fc.dictionary(
    idArbitrary.filter((id): id is string => typeof id === 'string'),
    weightArbitrary,
    { maxKeys: 4 },
  ),
  fc.constantFrom<unknown>(
    null,
    undefined,
    1n,
    'ab',
    circular,
    Object.create(null),
    new BigInt64Array(2),
    new Float64Array(2),
    revoked,
  ),
);

type Operation =
  | { kind: 'addInput' | 'addNeuron' | 'addOutput' | 'addBias'; id: unknown; options: unknown }
  | { kind: 'connect' | 'setWeight'; from: unknown; to: unknown; weight: unknown; options: unknown }
  | { kind: 'connectMany'; edges: unknown }
  | { kind: 'disconnect' | 'weight' | 'connection'; from: unknown; to: unknown }
  | { kind: 'runSequence'; steps: unknown; options: unknown }
  | { kind: 'reset' }
  | { kind: 'removeNeuron' | 'value'; id: unknown }
  | { kind: 'randomizeWeights'; options: unknown }
  | { kind: 'run' | 'compiledRun'; inputs: unknown }
  | { kind: 'roundTrip' };

const operationArbitrary: fc.Arbitrary<Operation> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constantFrom('addInput', 'addNeuron', 'addOutput', 'addBias'),
      id: idArbitrary,
      options: optionsArbitrary,
    }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constantFrom('connect', 'setWeight'),
      from: idArbitrary,
      to: idArbitrary,
      weight: weightArbitrary,
      options: connectOptionsArbitrary,
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('connectMany'),
      edges: fc.oneof(
        fc.array(fc.tuple(idArbitrary, idArbitrary, weightArbitrary), { maxLength: 4 }),
        fc.array(
          fc.record({ from: idArbitrary, to: idArbitrary, weight: weightArbitrary, delay: fc.constantFrom(0, 1, 2) }),
          { maxLength: 3 },
        ),
        fc.record({
          from: fc.array(idArbitrary, { maxLength: 4 }),
          to: fc.array(idArbitrary, { maxLength: 4 }),
          weight: fc.oneof(fc.array(weightArbitrary, { maxLength: 4 }), fc.constant(new Float64Array([0.5, -1, 2]))),
        }),
        fc.constantFrom<unknown>(null, 1n, 'ab', circular, revoked, [revoked], {
          from: revoked,
          to: ['b'],
          weight: [1],
        }),
        fc.constantFrom<unknown>({ from: ['a'], to: ['b'], weight: [1], extra: 1 }),
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constantFrom('disconnect', 'weight', 'connection'),
      from: idArbitrary,
      to: idArbitrary,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('runSequence'),
      steps: fc.oneof(fc.array(inputsArbitrary, { maxLength: 4 }), fc.constantFrom<unknown>(null, 'ab', 1n, revoked)),
      options: fc.constantFrom<unknown>(undefined, { reset: false }, { reset: 1 }, null, revoked),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reset') }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('removeNeuron', 'value'), id: idArbitrary }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('randomizeWeights'),
      options: fc.oneof(
        fc.record({ seed: fc.integer(), scheme: fc.constantFrom<unknown>('xavier', 'he', 'uniform', 'normal', 1n) }),
        fc.constantFrom<unknown>(null, undefined, { seed: 1.5 }, { seed: 1n }, revoked),
      ),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constantFrom('run', 'compiledRun'), inputs: inputsArbitrary }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('roundTrip') }) },
);

// The calls below pass hostile values on purpose, so the API is reached through `any`.
type Loose = any;

function apply(net: Network, given: Operation): unknown {
  const n = net as Loose;
  const operation = withRevokedProxies(given) as Operation;
  switch (operation.kind) {
    case 'addInput':
    case 'addNeuron':
    case 'addOutput':
    case 'addBias':
      return n[operation.kind](operation.id, operation.options);
    case 'connect':
      return n.connect(operation.from, operation.to, operation.weight, operation.options);
    case 'setWeight':
      return n.setWeight(operation.from, operation.to, operation.weight);
    case 'connectMany':
      return n.connectMany(operation.edges);
    case 'disconnect':
    case 'weight':
    case 'connection':
      return n[operation.kind](operation.from, operation.to);
    case 'runSequence':
      return n.runSequence(operation.steps, operation.options);
    case 'reset':
      return n.reset();
    case 'removeNeuron':
    case 'value':
      return n[operation.kind](operation.id);
    case 'randomizeWeights':
      return n.randomizeWeights(operation.options);
    case 'run':
      return n.run(operation.inputs);
    case 'compiledRun':
      return Array.from(net.compile().run(operation.inputs as Loose));
    case 'roundTrip': {
      const document = net.toJSON();
      expect(Network.fromJSON(JSON.parse(JSON.stringify(document))).toJSON()).toStrictEqual(document);
      return undefined;
    }
  }
}

/** What a run with fixed inputs gives: its outputs, or its error's class and message. */
function probeRun(net: Network): unknown {
  const probe = Network.fromJSON(net.toJSON());
  try {
    return probe.run(probe.inputs.map((_, i) => (i % 3) - 0.5));
  } catch (error) {
    expect(error).toBeInstanceOf(NeurographError);
    return `${(error as Error).name}: ${(error as Error).message}`;
  }
}

function lastValues(net: Network): (number | undefined)[] {
  return net.neurons.map((id) => net.value(id));
}

/** Every number inside a result is finite. */
function expectFinite(result: unknown): void {
  if (typeof result === 'number') expect(Number.isFinite(result)).toBe(true);
  else if (Array.isArray(result)) result.forEach(expectFinite);
  else if (typeof result === 'object' && result !== null && !(result instanceof Network)) {
    Object.values(result).forEach(expectFinite);
  }
}

describe('random operation sequences through the public API', () => {
  it('throw only named errors, change nothing when they throw, and let no non-finite number out', () => {
    fc.assert(
      fc.property(fc.array(operationArbitrary, { minLength: 1, maxLength: 40 }), (operations) => {
        const net = new Network();
        for (const operation of operations) {
          const document = JSON.stringify(net.toJSON());
          const values = lastValues(net);
          const time = net.time;
          const run = probeRun(net);
          let result: unknown;
          try {
            result = apply(net, operation);
          } catch (error) {
            if (!(error instanceof NeurographError)) throw error;
            expect(JSON.stringify(net.toJSON())).toBe(document);
            expect(lastValues(net)).toStrictEqual(values);
            expect(net.time).toBe(time);
            expect(probeRun(net)).toStrictEqual(run);
            continue;
          }
          expectFinite(result);
          lastValues(net).forEach((value) => value === undefined || expect(Number.isFinite(value)).toBe(true));
        }
      }),
      { numRuns: 2000, seed: 20261130 },
    );
  });

  it("give the same answers whether connectMany's connections wait outside graphology or not", () => {
    // One network never hands its graph out until the end (connectMany's connections stay pending until some
    // call needs graphology's view); the other hands it out first (they go to graphology at once).
    const outcome = (net: Network, operation: Operation) => {
      try {
        const result = apply(net, operation);
        return result instanceof Network ? 'this' : JSON.stringify(result);
      } catch (error) {
        expect(error).toBeInstanceOf(NeurographError);
        return `${(error as Error).name}: ${(error as Error).message}`;
      }
    };
    fc.assert(
      fc.property(fc.array(operationArbitrary, { minLength: 1, maxLength: 40 }), (operations) => {
        const pending = new Network();
        const handedOut = new Network();
        expect(handedOut.graph.order).toBe(0);
        for (const operation of operations) {
          if (operation.kind === 'roundTrip') continue; // it reads the graph
          expect(outcome(pending, operation)).toBe(outcome(handedOut, operation));
        }
        expect(pending.toJSON()).toStrictEqual(handedOut.toJSON());
      }),
      { numRuns: 1000, seed: 20261130 },
    );
  });
});
