import { describe, expect, it } from 'vitest';
import { NeurographError, Tracer, UsageError, toDot, toHtml, toMermaid, toPretty, toSvg } from '../src/index.js';
import { record, TRUTH_TABLE, xor } from './support/viz-xor.js';

/** Runs `call` and returns what it threw (undefined if nothing). */
function thrown(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return error;
  }
  return undefined;
}

/** A UsageError (never a TypeError from inside) whose message starts with `method`. */
function expectUsageError(call: () => unknown, method: string): void {
  const error = thrown(call);
  expect(error).toBeInstanceOf(UsageError);
  expect((error as Error).message.startsWith(`${method}: `), (error as Error).message).toBe(true);
}

const circular: Record<string, unknown> = {};
circular.self = circular;
/** Values whose String() or JSON.stringify throws. */
const HOSTILE = [1n, Symbol('s'), circular, Object.create(null)];

describe('pictures and traces refuse bad arguments with a named error', () => {
  const net = xor();
  const events = record(net, TRUTH_TABLE);

  it('toSvg, toDot and toMermaid: null or hostile options, values that are not numbers, no network', () => {
    for (const [method, draw] of [
      ['toSvg', toSvg],
      ['toDot', toDot],
      ['toMermaid', toMermaid],
    ] as const) {
      expectUsageError(() => draw(net, null as never), method);
      expectUsageError(() => draw(net, 5 as never), method);
      expectUsageError(() => draw(net, { values: null as never }), method);
      expectUsageError(() => draw(net, { values: { xor: 1n as never } }), method);
      expectUsageError(() => draw(null as never), method);
    }
    expectUsageError(() => toSvg(net, { weights: 'yes' as never }), 'toSvg');
  });

  it('toHtml: null events, a bad event, null options, a title that is not a string, a speed not a number', () => {
    expectUsageError(() => toHtml(net, null as never), 'toHtml');
    expectUsageError(() => toHtml(net, [null] as never), 'toHtml');
    expectUsageError(() => toHtml(net, events, null as never), 'toHtml');
    expectUsageError(() => toHtml(net, events, { title: 5 as never }), 'toHtml');
    expectUsageError(() => toHtml(net, events, { speed: Number.NaN }), 'toHtml');
    expectUsageError(() => toHtml(net, events, { autoplay: 1n as never }), 'toHtml');
    for (const title of HOSTILE) expectUsageError(() => toHtml(net, events, { title: title as never }), 'toHtml');
  });

  it('Tracer and toPretty: BigInt, symbol, circular and prototype-less values show in the message', () => {
    for (const value of HOSTILE) {
      expectUsageError(() => new Tracer(net, { neurons: [value] as never }), 'Tracer');
      expectUsageError(() => new Tracer(net, { runs: [value] as never }), 'Tracer');
    }
    expect(thrown(() => new Tracer(net, { neurons: [1n] as never }))).toHaveProperty(
      'message',
      expect.stringContaining('1n'),
    );
    expectUsageError(() => new Tracer(net, null as never), 'Tracer');
    expectUsageError(() => new Tracer(null as never), 'Tracer');
    expectUsageError(() => toPretty(events, null as never), 'toPretty');
    expectUsageError(() => toPretty(events, { digits: 1000 }), 'toPretty');
    expectUsageError(() => toPretty(null as never), 'toPretty');
  });

  it('accepts a Network made by another copy of neurograph (same shape, another class)', () => {
    const copy = { graph: net.graph, inputs: net.inputs, outputs: net.outputs, neurons: net.neurons };
    expect(toSvg(copy as never)).toBe(toSvg(net));
    expect(toHtml(copy as never, events)).toBe(toHtml(net, events));
  });

  it('a refused call leaves nothing behind: no listener is added to the network', () => {
    const fresh = xor();
    expect(thrown(() => new Tracer(fresh, { neurons: [1n] as never }))).toBeInstanceOf(NeurographError);
    expect(fresh.listenerCount('neuronActivated') + fresh.listenerCount('runStarted')).toBe(0);
  });
});
