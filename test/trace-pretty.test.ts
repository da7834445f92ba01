import { build as xor } from '../scenarios/xor.js';
import { describe, expect, it } from 'vitest';
import { Network, Tracer } from '../src/index.js';
import { shouldColor, toPretty } from '../src/trace/pretty.js';
const ESC = '\u001b[';

describe('pretty traces', () => {
  it('golden: the XOR truth table, one aligned line per activation, generations indented', () => {
    const net = xor();
    const tracer = new Tracer(net);
    for (const row of [
      [0, 1],
      [1, 1],
    ])
      net.run(row);
    expect(tracer.toPretty({ color: false })).toBe(
      [
        'run  step  neuron   input  output',
        '── run 1 · inputs a=0 b=1',
        '  1     0  a            0       0',
        '  1     1  b            1       1',
        '  1     2    and      0.5       0',
        '  1     3      xor      1       1',
        '── run 1 · outputs xor=1',
        '── run 2 · inputs a=1 b=1',
        '  2     0  a            1       1',
        '  2     1  b            1       1',
        '  2     2    and        1       1',
        '  2     3      xor      0       0',
        '── run 2 · outputs xor=0',
      ].join('\n'),
    );
  });

  it('colours by sign when asked: positive green, negative red, zero dim; the text stays the same', () => {
    const net = xor();
    const tracer = new Tracer(net);
    net.run([-1, 0.25]);
    const coloured = tracer.toPretty({ color: true });
    const aLine = coloured.split('\n').find((line) => line.includes(' a '))!;
    expect(aLine).toContain(`${ESC}31m-1${ESC}39m`); // red
    const bLine = coloured.split('\n').find((line) => line.includes(' b '))!;
    expect(bLine).toContain(`${ESC}32m`); // green
    expect(coloured).toContain(`${ESC}2m`); // dim zeros
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(tracer.toPretty({ color: false }));
  });

  it('is plain when NO_COLOR is set or the stream is not a TTY', () => {
    expect(shouldColor({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(shouldColor({ isTTY: false }, {})).toBe(false);
    expect(shouldColor({}, {})).toBe(false);
    expect(shouldColor({ isTTY: true }, {})).toBe(true);
    expect(shouldColor({ isTTY: true }, { TERM: 'dumb' })).toBe(false);
    expect(shouldColor({ isTTY: false }, { FORCE_COLOR: '1' })).toBe(true);
    expect(shouldColor({ isTTY: true }, { NO_COLOR: '1', FORCE_COLOR: '1' })).toBe(false);
  });

  it('never shows a tiny sigmoid output as 0: 7e-7 reads 7e-7, ordinary values stay short', () => {
    const net = new Network().addInput('a').addOutput('o').connect('a', 'o', 1);
    const tracer = new Tracer(net);
    net.run([-14.17]);
    net.run([1]);
    const lines = tracer.toPretty({ color: false }).split('\n');
    expect(lines.filter((line) => line.includes(' o '))).toStrictEqual([
      '  1     1    o     -14.17    7e-7',
      '  2     1    o          1  0.7311',
    ]);
    expect(lines).toContain('── run 1 · outputs o=7e-7');
  });

  it('a neuron filter leaves lines out; no events is an empty string', () => {
    const net = xor();
    const tracer = new Tracer(net, { neurons: ['xor'] });
    net.run([1, 0]);
    expect(tracer.toPretty({ color: false }).split('\n')).toHaveLength(4);
    expect(toPretty([])).toBe('');
  });
});
