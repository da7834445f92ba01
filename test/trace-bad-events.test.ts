import { describe, expect, it } from 'vitest';
import { type TraceEvent, Tracer, toChromeTrace, toNDJSON, toPretty, UsageError } from '../src/index.js';
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

/** A UsageError (never a TypeError from inside, never a result) whose message starts with `method`. */
function expectUsageError(call: () => unknown, method: string, mentions?: string): void {
  const error = thrown(call);
  expect(error, `${method} should refuse`).toBeInstanceOf(UsageError);
  const { message } = error as Error;
  expect(message.startsWith(`${method}: `), message).toBe(true);
  if (mentions !== undefined) expect(message).toContain(mentions);
}

const FORMATTERS = [
  ['toPretty', (events: unknown) => toPretty(events as never, { color: false })],
  ['toNDJSON', (events: unknown) => toNDJSON(events as never)],
  ['toChromeTrace', (events: unknown) => toChromeTrace(events as never)],
] as const;

const activation = { type: 'neuronActivated', run: 1, neuron: 'a', role: 'input', generation: 0, step: 0 };

describe('the trace formatters refuse what is not an array of trace events', () => {
  it('events that are not an array: null, a BigInt, a string, an object, a number', () => {
    for (const [method, format] of FORMATTERS) {
      for (const events of [null, undefined, 5n, 'x', {}, 5, new Set()]) {
        expectUsageError(() => format(events), method, 'events must be an array of trace events');
      }
    }
  });

  it('elements that are not trace events: null, numbers, BigInts, unknown types, missing fields', () => {
    const bad: [unknown, string][] = [
      [null, 'events[0]'],
      [1, 'events[0]'],
      [1n, 'events[0]'],
      ['runStarted', 'events[0]'],
      [{ type: 'runFinished', run: 1 }, 'events[0].type'],
      [{ run: 1, inputs: {} }, 'events[0].type'],
      [{ type: 'runStarted', inputs: {} }, '.run'],
      [{ type: 'runStarted', run: 1 }, '.inputs'],
      [{ type: 'runCompleted', run: 1, outputs: { y: 1n } }, '.outputs["y"]'],
      [{ ...activation, output: 0 }, '.input'],
      [{ ...activation, input: 0, output: 0, neuron: 5 }, '.neuron'],
      [{ ...activation, input: 0, output: 0, role: 'inputs' }, '.role'],
      [{ ...activation, input: 0, output: 0, step: -1 }, '.step'],
    ];
    for (const [method, format] of FORMATTERS) {
      for (const [event, where] of bad) expectUsageError(() => format([event]), method, where);
      // A sparse array's hole is not an event either.
      expectUsageError(() => format(new Array(1)), method, 'events[0]');
    }
  });

  it('non-finite inputs, outputs and values: refused, never printed as NaN or Infinity', () => {
    const bad: [unknown, string][] = [
      [{ ...activation, input: Number.NaN, output: 0 }, '.input'],
      [{ ...activation, input: 0, output: Number.POSITIVE_INFINITY }, '.output'],
      [{ ...activation, input: 0, output: '1' }, '.output'],
      [{ type: 'runStarted', run: 1, inputs: { a: Number.NaN } }, '.inputs["a"]'],
      [{ type: 'runCompleted', run: 1, outputs: { y: Number.NEGATIVE_INFINITY } }, '.outputs["y"]'],
    ];
    for (const [method, format] of FORMATTERS) {
      for (const [event, where] of bad) expectUsageError(() => format([event]), method, where);
    }
  });

  it('names the offending event by its index', () => {
    const events: unknown[] = [...record(xor(), TRUTH_TABLE)];
    events.splice(5, 0, { ...activation, input: Number.NaN, output: 0 });
    expectUsageError(() => toPretty(events as never), 'toPretty', 'events[5]');
  });

  it('still formats recorded events, and leaves other properties of an event out of NDJSON', () => {
    const events = record(xor(), TRUTH_TABLE);
    expect(toNDJSON(events).split('\n')).toHaveLength(events.length + 1);
    const annotated = [{ ...events[0]!, note: 1n }] as unknown as TraceEvent[];
    expect(toNDJSON(annotated)).toBe(toNDJSON([events[0]!]));
  });
});

describe('misspelled option names are refused, naming the options there are', () => {
  it('new Tracer(net, { neuron }) instead of neurons', () => {
    const net = xor();
    expectUsageError(() => new Tracer(net, { neuron: ['a'] } as never), 'Tracer', 'neurons, runs');
    // Refused before listening: the network has no listener left behind.
    expect(net.listenerCount('neuronActivated')).toBe(0);
  });

  it('toPretty(events, { colour }) instead of color', () => {
    const events = record(xor(), TRUTH_TABLE);
    expectUsageError(() => toPretty(events, { colour: false } as never), 'toPretty', 'color, digits, order');
    const tracer = new Tracer(xor());
    expectUsageError(() => tracer.toPretty({ digit: 2 } as never), 'toPretty', '"digit"');
  });
});
