import { describe, expect, it } from 'vitest';
import { Network, toDot, toHtml, toMermaid, toSvg, UsageError } from '../src/index.js';
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

function expectUsageError(call: () => unknown, method: string, mentions: string): void {
  const error = thrown(call);
  expect(error, `${method} should refuse`).toBeInstanceOf(UsageError);
  const { message } = error as Error;
  expect(message.startsWith(`${method}: `), message).toBe(true);
  expect(message).toContain(mentions);
}

const DRAWINGS = [
  ['toSvg', toSvg],
  ['toDot', toDot],
  ['toMermaid', toMermaid],
] as const;

describe('pictures refuse values that are not finite numbers, naming the neuron', () => {
  const net = Network.layered([2, 1], { seed: 1 });

  it('NaN, Infinity and an overflow (-1e400 is -Infinity) are refused, not drawn', () => {
    for (const [method, draw] of DRAWINGS) {
      expectUsageError(() => draw(net, { values: { x0: Number.NaN } }), method, '"x0"');
      expectUsageError(() => draw(net, { values: { x1: Number.POSITIVE_INFINITY } }), method, '"x1"');
      expectUsageError(() => draw(net, { values: { y0: -Number.MAX_VALUE * 10 } }), method, '"y0"');
      expectUsageError(() => draw(net, { values: { y0: '1' as never } }), method, '"y0"');
    }
  });

  it('finite values are still drawn', () => {
    expect(toSvg(net, { values: { x0: 1, x1: 0, y0: 0.25 } })).toContain('>0.25<');
  });
});

describe('pictures refuse misspelled option names, naming the options there are', () => {
  const net = xor();
  const events = record(net, TRUTH_TABLE);

  it('toSvg, toDot, toMermaid: { value } instead of values', () => {
    expectUsageError(() => toSvg(net, { value: { a: 1 } } as never), 'toSvg', 'values, weights, legend');
    expectUsageError(() => toSvg(net, { valuePlaceholders: true } as never), 'toSvg', '"valuePlaceholders"');
    expectUsageError(() => toDot(net, { value: { a: 1 } } as never), 'toDot', 'the options are values');
    expectUsageError(() => toMermaid(net, { value: { a: 1 } } as never), 'toMermaid', 'the options are values');
  });

  it('toHtml: { titel } instead of title', () => {
    expectUsageError(() => toHtml(net, events, { titel: 'x' } as never), 'toHtml', 'title, autoplay, speed');
  });
});

describe('counts read in the singular for one', () => {
  it('the SVG title: 1 neuron, 0 connections; 2 neurons, 1 connection', () => {
    expect(toSvg(new Network().addInput('a'))).toContain('<title>neurograph network: 1 neuron, 0 connections</title>');
    const two = new Network().addInput('a').addOutput('b').connect('a', 'b', 1);
    expect(toSvg(two)).toContain('<title>neurograph network: 2 neurons, 1 connection</title>');
  });

  it('the HTML subtitle: 1 connection · 1 recorded run', () => {
    const two = new Network().addInput('a').addOutput('b').connect('a', 'b', 1);
    expect(toHtml(two, record(two, [[1]]))).toContain('2 neurons · 1 connection · 1 recorded run.');
  });
});
