/**
 * Integer-like ids: a JavaScript record lists them first, so everything that prints or
 * checks outputs follows `net.outputs` (insertion order) instead of the record's order.
 */
import { describe, expect, it } from 'vitest';
import { checkTable, formatTable, Network, Tracer } from '../src/index.js';

/** Outputs `b` then `1`: b copies the input, 1 doubles it. */
function integerLikeOutputs(): Network {
  return new Network()
    .addInput('x')
    .addOutput('b', { activation: 'identity' })
    .addOutput('1', { activation: 'identity' })
    .connect('x', 'b', 1)
    .connect('x', '1', 2);
}

describe('outputs with integer-like ids', () => {
  it('checkTable compares each expected value with its own output', () => {
    const net = integerLikeOutputs();
    const result = checkTable(net, [[3, 3, 6]]);
    expect(result.rows[0]!.outputs).toEqual([3, 6]);
    expect(result.ok).toBe(true);
    expect(formatTable(net, result).split('\n')).toEqual(['x  b  1', '3  3  6']);
  });

  it("a tracer's pretty table lists inputs and outputs in the network's order", () => {
    const net = integerLikeOutputs();
    const tracer = new Tracer(net);
    net.run([3]);
    const lines = tracer.toPretty({ color: false }).split('\n');
    expect(lines.at(-1)).toBe('── run 1 · outputs b=3 1=6');
  });
});
