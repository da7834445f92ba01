/**
 * `Network.fromJSON` against mutated documents: every document gives a network whose
 * own document reads back the same, or a SerializationError that names a place; it
 * never hangs (the test's timeout is the bound) and never throws anything else.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Network, NumericError, SerializationError } from '../src/index.js';
import { randomNetwork } from './support/random-network.js';
import { randomRecurrentNetwork } from './support/recurrent-network.js';

const circular: Record<string, unknown> = {};
circular.self = circular;

const hostileValue = fc.oneof(
  fc.constantFrom<unknown>(
    '__proto__',
    'constructor',
    'toString',
    '',
    '\ud800',
    'x',
    'a',
    'in0',
    'h0',
    'bias',
    'input',
    'output',
    'hidden',
    'sigmoid',
    { name: 'leakyRelu', alpha: 2 },
    { name: 'step', threshold: 0.1 },
    Number.NaN,
    Infinity,
    1e308,
    -0,
    0,
    1,
    2,
    null,
    true,
    [],
    {},
    circular,
  ),
  fc.double(),
  fc.string(),
);

type Mutation =
  | { kind: 'set'; at: number; value: unknown }
  | { kind: 'delete'; at: number }
  | { kind: 'duplicate'; at: number }
  | { kind: 'reverseEdge'; at: number };

const mutationArbitrary: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: hostileValue }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reverseEdge' as const), at: fc.nat() }) },
);

type Slot = { holder: Record<string | number, unknown> | unknown[]; key: string | number };

/** Every place in a JSON tree where a value sits, in a fixed order. */
function slots(root: unknown): Slot[] {
  const found: Slot[] = [];
  const seen = new Set<unknown>();
  const visit = (value: unknown) => {
    if (typeof value !== 'object' || value === null || seen.has(value)) return;
    seen.add(value);
    for (const key of Object.keys(value)) {
      const holder = value as Record<string, unknown>;
      found.push({ holder, key: Array.isArray(value) ? Number(key) : key });
      visit(holder[key]);
    }
  };
  visit(root);
  return found;
}

function mutate(document: Record<string, unknown>, mutation: Mutation): void {
  if (mutation.kind === 'reverseEdge') {
    const edges = document.edges;
    if (!Array.isArray(edges)) return;
    const edge = edges[mutation.at % Math.max(edges.length, 1)] as { source: string; target: string } | undefined;
    if (typeof edge === 'object' && edge !== null) [edge.source, edge.target] = [edge.target, edge.source];
    return;
  }
  const places = slots(document);
  if (places.length === 0) return;
  const place = places[mutation.at % places.length]!;
  const { holder, key } = place;
  const current = (holder as Record<string | number, unknown>)[key];
  if (mutation.kind === 'set') (holder as Record<string | number, unknown>)[key] = mutation.value;
  else if (mutation.kind === 'delete') {
    if (Array.isArray(holder)) holder.splice(key as number, 1);
    else delete holder[key];
  } else if (Array.isArray(holder)) holder.push(structuredClone(current));
}

describe('Network.fromJSON on mutated documents', () => {
  it('gives a network that reads back the same, or a SerializationError naming a place', { timeout: 60_000 }, () => {
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(fc.nat(1000), fc.array(mutationArbitrary, { minLength: 1, maxLength: 4 }), (seed, mutations) => {
        // Half the documents come from networks with time (delays, self-loops, product neurons).
        const source =
          seed % 2 === 0 ? randomNetwork(seed, { inputs: 2, hidden: 4, outputs: 2 }) : randomRecurrentNetwork(seed);
        const document = source.toJSON() as unknown as Record<string, unknown>;
        for (const mutation of mutations) mutate(document, mutation);
        let net: Network;
        try {
          net = Network.fromJSON(document);
        } catch (error) {
          expect(error).toBeInstanceOf(SerializationError);
          expect((error as Error).message).toMatch(/^Network\.fromJSON: /);
          refused++;
          return;
        }
        accepted++;
        const written = net.toJSON();
        expect(Network.fromJSON(written).toJSON()).toStrictEqual(written);
        // An accepted network runs, or refuses its inputs by the contract's own errors.
        try {
          const outputs = net.run(net.inputs.map(() => 0.5));
          for (const value of Object.values(outputs)) expect(Number.isFinite(value)).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(NumericError);
        }
      }),
      { numRuns: 3000, seed: 20261130 },
    );
    // Both outcomes were exercised, so the property said something about each.
    expect(accepted).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(100);
  });

  it('refuses a reserved id instead of hanging (a __proto__ neuron with a connection)', { timeout: 10_000 }, () => {
    const document = new Network().addInput('p').addInput('a').addOutput('y').connect('a', 'y', 1).toJSON();
    document.nodes[0]!.key = '__proto__';
    expect(() => Network.fromJSON(document)).toThrow(SerializationError);
    expect(() => Network.fromJSON(document)).toThrow(/nodes\[0\]\.key: "__proto__" cannot be a neuron id/);
  });

  it('refuses a document it cannot read (a revoked Proxy in it, a getter that throws) with a SerializationError', () => {
    const revoked = () => {
      const { proxy, revoke } = Proxy.revocable({}, {});
      revoke();
      return proxy;
    };
    const document = new Network().addInput('a').addOutput('y').connect('a', 'y', 1).toJSON();
    const unreadable: unknown[] = [
      revoked(),
      { ...document, nodes: revoked() },
      { ...document, nodes: [document.nodes[0], revoked()] },
      { ...document, edges: [{ ...document.edges[0], attributes: revoked() }] },
      {
        ...document,
        get attributes(): never {
          throw new RangeError('a getter that throws');
        },
      },
    ];
    for (const given of unreadable) expect(() => Network.fromJSON(given)).toThrow(SerializationError);
  });
});
