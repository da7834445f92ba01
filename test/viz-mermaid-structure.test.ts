import { describe, expect, it } from 'vitest';
import { Network, toMermaid } from '../src/index.js';
import { NASTY_IDS, nastyNetwork, xor } from './support/viz-xor.js';

interface Flowchart {
  readonly header: string;
  /** Node id -> label text (between the quotes). */
  readonly nodes: Map<string, string>;
  readonly edges: { from: string; arrow: string; label: string; to: string }[];
  /** linkStyle index -> style. */
  readonly linkStyles: Map<number, string>;
  readonly classes: Map<string, string>;
}

/** Reads the flowchart back line by line; any line it does not recognise fails the test. */
function parse(text: string): Flowchart {
  const [header, ...lines] = text.trimEnd().split('\n');
  const chart: Flowchart = { header: header!, nodes: new Map(), edges: [], linkStyles: new Map(), classes: new Map() };
  for (const line of lines) {
    let m: RegExpMatchArray | null;
    if ((m = line.match(/^ {2}([A-Za-z0-9_]+)(\(\[|\(\(|\{\{)"([^"]*)"(\]\)|\)\)|\}\})$/)))
      chart.nodes.set(m[1]!, m[3]!);
    else if ((m = line.match(/^ {2}([A-Za-z0-9_]+) (-->|-\.->)\|"([^"|]*)"\| ([A-Za-z0-9_]+)$/)))
      chart.edges.push({ from: m[1]!, arrow: m[2]!, label: m[3]!, to: m[4]! });
    else if ((m = line.match(/^ {2}linkStyle (\d+) (\S+)$/))) chart.linkStyles.set(Number(m[1]), m[2]!);
    else if ((m = line.match(/^ {2}class ([A-Za-z0-9_,]+) (\w+)$/)))
      for (const id of m[1]!.split(',')) chart.classes.set(id, m[2]!);
    else if (!/^ {2}classDef \w+ \S+$/.test(line))
      throw new Error(`unrecognised Mermaid line: ${JSON.stringify(line)}`);
  }
  return chart;
}

describe('toMermaid', () => {
  it('declares every neuron once and connects declared nodes only, left to right', () => {
    const chart = parse(toMermaid(xor()));
    expect(chart.header).toBe('flowchart LR');
    expect([...chart.nodes.keys()]).toStrictEqual(['n_a', 'n_b', 'n_and', 'n_xor']);
    expect(chart.nodes.get('n_and')).toBe('<b>and</b><br/>step');
    expect(chart.edges.map((e) => `${e.from}>${e.to}:${e.label}`)).toStrictEqual([
      'n_a>n_xor:1',
      'n_b>n_xor:1',
      'n_a>n_and:0.5',
      'n_b>n_and:0.5',
      'n_and>n_xor:-2',
    ]);
    expect(chart.classes).toStrictEqual(
      new Map([
        ['n_a', 'input'],
        ['n_b', 'input'],
        ['n_and', 'hidden'],
        ['n_xor', 'output'],
      ]),
    );
  });

  it('styles each connection by the sign and size of its weight, bias connections dotted', () => {
    const net = Network.layered([2, 3, 1], { seed: 4 });
    const chart = parse(toMermaid(net));
    expect(chart.linkStyles.size).toBe(net.graph.size);
    chart.edges.forEach((edge, i) => {
      const style = chart.linkStyles.get(i)!;
      const weight = Number(edge.label);
      expect(style).toContain(`stroke:${weight < 0 ? '#dc2626' : weight > 0 ? '#2563eb' : '#94a3b8'}`);
      expect(edge.arrow === '-.->').toBe(edge.from === 'n_bias');
      expect(style.includes('opacity:0.5')).toBe(edge.from === 'n_bias');
    });
    const widths = chart.edges.map(
      (edge, i) =>
        [Math.abs(Number(edge.label)), Number(chart.linkStyles.get(i)!.match(/stroke-width:([\d.]+)px/)![1])] as const,
    );
    for (const [w1, px1] of widths)
      for (const [w2, px2] of widths) if (w1 > w2 + 0.01) expect(px1).toBeGreaterThan(px2);
  });

  it('gives ids Mermaid cannot carry safe, distinct node ids, and escapes every label', () => {
    const net = nastyNetwork();
    const text = toMermaid(net);
    const chart = parse(text); // every line well-formed: no stray quote, bracket or pipe
    expect(chart.nodes.size).toBe(NASTY_IDS.length + 1);
    expect(chart.nodes.has('n_end')).toBe(true);
    expect(chart.nodes.has('n_o1')).toBe(true);
    for (const label of chart.nodes.values()) expect(label.replace(/<\/?b>|<br\/>/g, '')).not.toMatch(/[<>"`]/);
    expect(chart.nodes.get('u0')).toBe('<b>#lt;in #amp; #quot;out#quot;#gt;</b><br/>input');
    expect(chart.nodes.get('u5')).toContain('x#quot;y');
    expect(chart.nodes.get('u7')).toContain('#35;35;');
    expect(text).not.toContain('<script>');
    const declared = new Set(chart.nodes.keys());
    for (const edge of chart.edges) expect(declared.has(edge.from) && declared.has(edge.to)).toBe(true);
    expect(chart.edges).toHaveLength(net.graph.size);
  });
});
