import { describe, expect, it } from 'vitest';
import { Tracer, toHtml, toMermaid, toPretty, toSvg } from '../src/index.js';
import { chain } from './support/chain.js';

// A 200,000-neuron chain: pictures and traces must not spread one argument per neuron
// into a call (a stack overflow), nor let a line grow with the depth.
describe('pictures and traces of a 200,000-neuron chain', () => {
  const net = chain(199_999);
  const tracer = new Tracer(net);
  net.run([1]);
  tracer.detach();
  const last = 'data-index="200000"';

  it('toSvg and toMermaid draw every neuron', () => {
    const svg = toSvg(net);
    expect([svg.includes(last), svg.endsWith('</svg>\n')]).toStrictEqual([true, true]);
    const mermaid = toMermaid(net);
    expect(mermaid.includes('n_h199999 -->|"1"| n_out')).toBe(true);
    expect(mermaid.includes('linkStyle 199999 ')).toBe(true);
  });

  it('toHtml plays the recorded run', () => {
    const html = toHtml(net, tracer.events);
    expect([html.includes(last), html.includes('"neuron":"out"'), html.endsWith('</html>\n')]).toStrictEqual([
      true,
      true,
      true,
    ]);
  });

  it('toPretty writes one line per activation, none of them growing with the depth', () => {
    const lines = toPretty(tracer.events, { color: false }).split('\n');
    expect(lines).toHaveLength(1 + 200_001 + 2);
    expect(lines.reduce((longest, line) => Math.max(longest, line.length), 0)).toBeLessThan(100);
    expect(lines.at(-2)).toMatch(/^ +1 +200000 {22}\[200000\] out +\S+ +\S+$/);
  });
});

describe('pretty traces of a 20,000-neuron chain', () => {
  it('stay short: indentation stops growing, deeper neurons show their generation', () => {
    const net = chain(19_999);
    const tracer = new Tracer(net);
    net.run([1]);
    const lines = tracer.toPretty({ color: false }).split('\n');
    expect(lines).toHaveLength(1 + 20_001 + 2);
    expect(lines[12]).toMatch(/^ +1 +10 {22}h10 /);
    expect(lines[13]).toMatch(/^ +1 +11 {22}\[11\] h11 /);
  });
});
