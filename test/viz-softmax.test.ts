import { spawnSync } from 'node:child_process';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { Network, toDot, toHtml, toMermaid, toSvg } from '../src/index.js';
import type { PageData } from '../src/viz/player/page-data.js';
import { record, xor } from './support/viz-xor.js';

// The softmax group in every picture: a box around exactly its neurons (SVG, HTML), a
// cluster (DOT, checked by Graphviz itself), a subgraph (Mermaid); hostile ids stay safe.

interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

interface Circle {
  readonly index: number;
  readonly id: string;
  readonly x: number;
  readonly y: number;
  readonly r: number;
  readonly caption: string;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  htmlEntities: true,
  isArray: (name) => name === 'g' || name === 'path' || name === 'text' || name === 'rect',
});

const text = (node: string | number | { '#text': string | number }) =>
  String(typeof node === 'object' ? node['#text'] : node);
const rect = (node: Record<string, string>): Rect => ({
  x: Number(node.x),
  y: Number(node.y),
  width: Number(node.width),
  height: Number(node.height),
});

/** The drawing read back: every neuron's circle and caption, the group's box, label and members, the weight labels. */
function drawing(svg: string) {
  expect(XMLValidator.validate(svg)).toBe(true);
  const root = parser.parse(svg).svg;
  const layer = (name: string) => root.g.find((g: { class: string }) => g.class === name);
  const circles: Circle[] = (layer('ng-neurons').g as Record<string, any>[]).map((g) => ({
    index: Number(g['data-index']),
    id: g['data-neuron'],
    x: Number(g.circle.cx),
    y: Number(g.circle.cy),
    r: Number(g.circle.r),
    caption: text(g.text.find((t: { class: string }) => t.class === 'ng-activation')),
  }));
  const group = layer('ng-group ng-softmax');
  const weights = ((layer('ng-weights')?.g ?? []) as Record<string, any>[]).map((g) => rect(g.rect[0]));
  if (group === undefined) return { circles, weights, group: undefined };
  const [box, label] = (group.rect as Record<string, string>[]).map(rect);
  const members = String(group['data-members']).split(' ').map(Number);
  return { circles, weights, group: { box: box!, label: label!, members, title: text(group.title), text: group.text } };
}

const inside = (c: Circle, box: Rect, above = 0, below = 0) =>
  c.x - c.r >= box.x &&
  c.x + c.r <= box.x + box.width &&
  c.y - c.r - above >= box.y &&
  c.y + c.r + below <= box.y + box.height;
const intersects = (a: Rect, b: Rect) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
/** A neuron's circle with its value above and its caption below, as a rectangle. */
const withText = (c: Circle): Rect => ({ x: c.x - c.r, y: c.y - c.r - 19, width: 2 * c.r, height: 2 * c.r + 38 });

/** The box holds exactly the group's circles (with their values and captions), and no other neuron or its text touches it. */
function expectEnclosesExactly(svg: string, members: readonly string[]): void {
  const { circles, group, weights } = drawing(svg);
  expect(group).toBeDefined();
  const { box, label } = group!;
  expect(new Set(group!.members.map((index) => circles[index]!.id))).toStrictEqual(new Set(members));
  for (const circle of circles) {
    if (members.includes(circle.id)) expect(inside(circle, box, 19, 18), circle.id).toBe(true);
    else expect(intersects(withText(circle), box), circle.id).toBe(false);
    expect(intersects(withText(circle), label), circle.id).toBe(false);
  }
  for (const weight of weights) expect(intersects(weight, label)).toBe(false);
}

/** 2 inputs, a hidden neuron, a sigmoid output beside a softmax group of three, a bias, and a connection that skips a column. */
function mixed(): Network {
  return new Network()
    .addInput('x')
    .addInput('y')
    .addNeuron('h', { activation: 'tanh' })
    .addNeuron('k')
    .addOutput('o')
    .addOutput('p', { activation: 'softmax' })
    .addOutput('q', { activation: { name: 'softmax' } })
    .addOutput('r', { activation: 'softmax' })
    .connect('x', 'h', 1)
    .connect('y', 'h', -1)
    .connect('y', 'k', 1)
    .connect('h', 'p', 1)
    .connect('h', 'q', -1)
    .connect('k', 'q', 0.3)
    .connect('k', 'o', 1)
    .connect('x', 'r', 0.5)
    .addBias('bias', { weight: 0.1 });
}

/** Ids every format must escape, all in the softmax group. */
const HOSTILE = [
  '</script><script>alert(1)</script>',
  'a "quoted" one',
  'two\nlines',
  'back\\',
  '日本語 ✓',
  'end',
  'o1',
];

function hostile(): Network {
  const net = new Network().addInput('in <1>').addInput("in '2'");
  for (const [k, id] of HOSTILE.entries()) {
    net.addOutput(id, { activation: 'softmax' });
    net.connect('in <1>', id, k / 4 - 0.5).connect("in '2'", id, 0.25);
  }
  return net;
}

/** The JSON the page's player reads. */
function pageData(html: string): PageData {
  return JSON.parse(html.match(/<script type="application\/json" id="ng-data">(.*?)<\/script>/s)![1]!) as PageData;
}

const hasDot = spawnSync('dot', ['-V']).status === 0;
if (!hasDot && process.env.CI) throw new Error('viz-softmax: Graphviz `dot` is missing in CI.');

/** Graphviz's rendering: it must exit 0 and warn about nothing. */
function render(dot: string): string {
  const result = spawnSync('dot', ['-Tsvg'], { input: dot, encoding: 'utf8', maxBuffer: 1 << 26 });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return result.stdout;
}

const graphvizParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  htmlEntities: true,
  isArray: (name) => name === 'g' || name === 'text',
});

/** The rendered cluster's bounds, and each node's ellipse by its first label line (its id). */
function renderedCluster(svg: string) {
  expect(XMLValidator.validate(svg)).toBe(true);
  const graph = graphvizParser.parse(svg).svg.g[0];
  const groups = graph.g as Record<string, any>[];
  const clusters = groups.filter((g) => g.class === 'cluster');
  const points = (clusters[0]?.polygon?.points ?? clusters[0]?.path?.d ?? '') as string;
  const numbers = points.match(/-?\d+(\.\d+)?/g)!.map(Number);
  const xs = numbers.filter((_, i) => i % 2 === 0);
  const ys = numbers.filter((_, i) => i % 2 === 1);
  const bounds = { left: Math.min(...xs), right: Math.max(...xs), top: Math.min(...ys), bottom: Math.max(...ys) };
  const nodes = groups
    .filter((g) => g.class === 'node')
    .map((g) => ({
      id: text(g.text[0]),
      x: Number(g.ellipse.cx),
      y: Number(g.ellipse.cy),
      rx: Number(g.ellipse.rx),
      ry: Number(g.ellipse.ry),
    }));
  const within = (n: (typeof nodes)[number]) =>
    n.x - n.rx >= bounds.left && n.x + n.rx <= bounds.right && n.y - n.ry >= bounds.top && n.y + n.ry <= bounds.bottom;
  return { clusters: clusters.map((g) => String(g.title)), label: text(clusters[0]?.text?.[0] ?? ''), nodes, within };
}

describe('the softmax group in toSvg', () => {
  it('draws one box labelled softmax around exactly the group, each neuron captioned softmax', () => {
    const net = mixed();
    net.run([1, 0.5]);
    const svg = toSvg(net, { values: Object.fromEntries(net.neurons.map((id) => [id, net.value(id)!])) });
    expectEnclosesExactly(svg, ['p', 'q', 'r']);
    const { circles, group } = drawing(svg);
    expect(group!.text.map(text)).toStrictEqual(['softmax']);
    // The title lists the group top to bottom.
    const order = circles.filter((c) => group!.members.includes(c.index)).sort((a, b) => a.y - b.y);
    expect(group!.title).toBe(`softmax over ${order.map((c) => c.id).join(', ')}: their outputs sum to 1`);
    expect(circles.filter((c) => c.caption === 'softmax').map((c) => c.id)).toStrictEqual(['p', 'q', 'r']);
    // All in the last column with the other output.
    expect(new Set(circles.filter((c) => ['o', 'p', 'q', 'r'].includes(c.id)).map((c) => c.x)).size).toBe(1);
  });

  it('keeps the group together in layered softmax networks of many shapes, overlapping nothing', () => {
    for (const [seed, sizes] of [
      [1, [2, 3]],
      [2, [4, 6, 10]],
      [3, [3, 5, 4, 3]],
      [4, [8, 2, 7]],
      [5, [1, 1]],
    ] as const) {
      const net = Network.layered(sizes, { seed, outputActivation: 'softmax' });
      expectEnclosesExactly(toSvg(net), net.outputs);
    }
  });

  it('draws the group of a recurrent network (Elman) and of a network read back from its JSON', () => {
    const elman = Network.elman([2, 4, 3], { seed: 2, outputActivation: 'softmax' });
    expectEnclosesExactly(toSvg(elman), elman.outputs);
    const net = mixed();
    const again = Network.fromJSON(JSON.parse(JSON.stringify(net.toJSON())));
    expect(toSvg(again)).toBe(toSvg(net));
    expect(toDot(again)).toBe(toDot(net));
  });

  it('draws a network without softmax exactly as before: no box, no cluster, no subgraph', () => {
    const net = xor();
    expect(drawing(toSvg(net)).group).toBeUndefined();
    expect(toDot(net)).not.toMatch(/cluster|newrank/);
    expect(toMermaid(net)).not.toContain('subgraph');
    const html = toHtml(net, record(net, [[1, 0]]));
    expect(html.slice(html.indexOf('<svg'), html.indexOf('</svg>'))).not.toContain('ng-group');
    expect(pageData(html).neurons.some((neuron) => 'softmax' in neuron)).toBe(false);
    expect(html).not.toContain('softmax group fires');
  });

  it('keeps hostile ids exact in the group, with the box around all of them', () => {
    const svg = toSvg(hostile());
    expect(svg).not.toContain('<script>');
    expectEnclosesExactly(svg, HOSTILE);
    const { circles, group } = drawing(svg);
    const order = circles.filter((c) => group!.members.includes(c.index)).sort((a, b) => a.y - b.y);
    expect(group!.title).toBe(`softmax over ${order.map((c) => c.id).join(', ')}: their outputs sum to 1`);
  });
});

describe.skipIf(!hasDot)('the softmax group in toDot, rendered by Graphviz', () => {
  it('is one cluster labelled softmax around exactly the group', () => {
    const { clusters, label, nodes, within } = renderedCluster(render(toDot(mixed())));
    expect(clusters).toStrictEqual(['cluster_softmax']);
    expect(label).toBe('softmax');
    expect(
      nodes
        .filter(within)
        .map((n) => n.id)
        .sort(),
    ).toStrictEqual(['p', 'q', 'r']);
    // On the last rank, with the other output.
    const x = (id: string) => nodes.find((n) => n.id === id)!.x;
    expect(new Set(['o', 'p', 'q', 'r'].map(x)).size).toBe(1);
  });

  it('renders hostile ids in the cluster without a warning, each shown exactly', () => {
    const { nodes, within } = renderedCluster(render(toDot(hostile())));
    // Graphviz breaks a label at a line break; the first line is the id's first line.
    const shown = HOSTILE.map((id) => id.replace('\n', ' '));
    expect(
      nodes
        .filter(within)
        .map((n) => n.id)
        .sort(),
    ).toStrictEqual([...shown].sort());
  });

  it('renders layered softmax networks of up to 100 neurons', () => {
    const net = Network.layered([8, 30, 30, 10], { seed: 3, outputActivation: 'softmax' });
    const { nodes, within } = renderedCluster(render(toDot(net)));
    expect(nodes.filter(within)).toHaveLength(10);
  });
});

describe('the softmax group in toMermaid', () => {
  it('is one subgraph labelled softmax holding exactly the group, styled, declared after the nodes', () => {
    const lines = toMermaid(mixed()).trimEnd().split('\n');
    const start = lines.indexOf('  subgraph softmax_group ["<b>softmax</b>"]');
    expect(start).toBeGreaterThan(0);
    const end = lines.indexOf('  end', start);
    expect(lines.slice(start + 1, end)).toStrictEqual(['    n_p', '    n_q', '    n_r']);
    expect(lines.filter((line) => line.includes('subgraph'))).toHaveLength(1);
    // Every member was declared as a node before the subgraph.
    for (const id of ['n_p', 'n_q', 'n_r'])
      expect(lines.slice(0, start).some((l) => l.startsWith(`  ${id}((`))).toBe(true);
    expect(lines).toContain('  style softmax_group fill:#f8f5fe,stroke:#b793f5,stroke-width:1.5px,color:#7c3aed');
  });

  it('names hostile ids by index inside the subgraph, never by their text', () => {
    const mermaid = toMermaid(hostile());
    const lines = mermaid.trimEnd().split('\n');
    const start = lines.indexOf('  subgraph softmax_group ["<b>softmax</b>"]');
    const members = lines.slice(start + 1, lines.indexOf('  end', start));
    // 'end' and 'o1' are words Mermaid reads as syntax: they get the n_ prefix; the others an index.
    expect(members).toStrictEqual(['    u2', '    u3', '    u4', '    u5', '    u6', '    n_end', '    n_o1']);
    expect(mermaid).not.toMatch(/<script|"quoted"|\n[^ ]/);
  });
});

describe('the softmax group in toHtml', () => {
  it('marks the group in the page data and draws its box', () => {
    const net = mixed();
    const html = toHtml(net, record(net, [[1, 0.5]]));
    const data = pageData(html);
    expect(data.neurons.filter((n) => n.softmax === true).map((n) => n.id)).toStrictEqual(['p', 'q', 'r']);
    expect(data.neurons.find((n) => n.id === 'o')).not.toHaveProperty('softmax');
    expect(html).toContain('class="ng-group ng-softmax"');
    expect(html).toContain('The softmax group fires together.');
  });

  it('keeps hostile ids in a softmax group out of the markup', () => {
    const net = hostile();
    const html = toHtml(net, record(net, [[1, 2]]));
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(html).not.toContain('<script>alert');
  });
});
