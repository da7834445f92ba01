/**
 * Pictures of networks with time: delayed connections (dashed, marked with their delay,
 * self-loops above their neuron, backward ones on lanes above the drawing), product
 * neurons (a double ring, a `×` caption) and untrainable connections (`fixed`), in SVG,
 * DOT and Mermaid; random recurrent networks draw without overlapping neurons.
 */
import { spawnSync } from 'node:child_process';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { Tracer, toDot, toHtml, toMermaid, toSvg } from '../src/index.js';
import { build as xor } from '../scenarios/xor.js';
import { randomRecurrentNetwork, gatedLoop as recurrent } from './support/recurrent-network.js';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  isArray: (name) => name === 'g' || name === 'path' || name === 'text' || name === 'circle',
});

interface Drawn {
  readonly circles: { id: string; x: number; y: number; r: number; product: boolean }[];
  readonly paths: Record<string, string>[];
  readonly labels: string[];
}

function read(svg: string): Drawn {
  expect(XMLValidator.validate(svg)).toBe(true);
  const groups = parser.parse(svg).svg.g as Record<string, any>[];
  const layer = (name: string) => groups.find((g) => g.class === name) as Record<string, any>;
  const circles = (layer('ng-neurons').g as Record<string, any>[]).map((g) => ({
    id: String(g['data-neuron']),
    x: Number(g.circle[0].cx),
    y: Number(g.circle[0].cy),
    r: Number(g.circle[0].r),
    product: String(g.class).includes('ng-product') && g.circle.length === 2,
  }));
  const labels = ((layer('ng-weights').g ?? []) as Record<string, any>[]).map((g) => String(g.text[0]['#text']));
  return { circles, paths: layer('ng-connections').path, labels };
}

/** The (x, y) pairs of a path's data. */
function pathPoints(d: string): { x: number; y: number }[] {
  const numbers = d.match(/-?\d+(\.\d+)?/g)!.map(Number);
  const points = [];
  for (let i = 0; i + 1 < numbers.length; i += 2) points.push({ x: numbers[i]!, y: numbers[i + 1]! });
  return points;
}

function overlaps(circles: Drawn['circles']): string[] {
  const found: string[] = [];
  circles.forEach((a, i) => {
    for (const b of circles.slice(i + 1)) {
      if (Math.hypot(a.x - b.x, a.y - b.y) < a.r + b.r + 4) found.push(`${a.id} / ${b.id}`);
    }
  });
  return found;
}

describe('SVG of a network with time', () => {
  it('dashes delayed connections and writes their delay; the product neuron has a double ring', () => {
    const svg = toSvg(recurrent());
    const { circles, paths, labels } = read(svg);
    expect(labels).toStrictEqual(['1', '1', '0.5 ↻1', '1 ↻2']);
    const delayed = paths.filter((path) => path.class!.includes('ng-delayed'));
    expect(delayed.map((path) => `${path['data-from']}->${path['data-to']}:${path['data-delay']}`)).toStrictEqual([
      'y->y:1',
      'y->h:2',
    ]);
    for (const path of delayed) expect(path['stroke-dasharray']).toBe('7 4');
    for (const path of paths.filter((p) => !p.class!.includes('ng-delayed'))) {
      expect(path['stroke-dasharray']).toBeUndefined();
    }
    expect(circles.filter((circle) => circle.product).map((circle) => circle.id)).toStrictEqual(['h']);
    expect(svg).toContain('>× sigmoid</text>');
    expect(svg).toContain('delayed ↻ steps');
  });

  it('loops a self-connection above its neuron, and routes a backward one above every neuron', () => {
    const { circles, paths } = read(toSvg(recurrent()));
    const at = new Map(circles.map((circle) => [circle.id, circle]));
    const y = at.get('y')!;
    const loop = pathPoints(paths.find((path) => path['data-to'] === 'y' && path['data-from'] === 'y')!.d!);
    // Starts and ends on the top half of the circle (the end an arrow's length out), rising above it.
    for (const point of [loop[0]!, loop.at(-1)!]) {
      expect(point.y).toBeLessThan(y.y);
      expect(Math.hypot(point.x - y.x, point.y - y.y)).toBeLessThanOrEqual(y.r + 9 + 0.1);
    }
    expect(Math.min(...loop.map((point) => point.y))).toBeLessThan(y.y - y.r - 20);

    const back = pathPoints(paths.find((path) => path['data-to'] === 'h' && path['data-from'] === 'y')!.d!);
    const h = at.get('h')!;
    expect(back[0]).toStrictEqual({ x: y.x + y.r, y: y.y });
    expect(back.at(-1)).toStrictEqual({ x: h.x - h.r - 9, y: h.y });
    const lane = Math.min(...back.map((point) => point.y));
    for (const circle of circles) expect(lane).toBeLessThan(circle.y - circle.r - 20);
  });

  it('keeps the columns of the immediate connections: x, h, y left to right, y last', () => {
    const { circles } = read(toSvg(recurrent()));
    const xs = circles.map((circle) => [circle.id, circle.x] as const);
    expect([...xs].sort((a, b) => a[1] - b[1]).map(([id]) => id)).toStrictEqual(['x', 'h', 'y']);
  });

  it('marks connections that training never changes', () => {
    const net = recurrent().connect('x', 'y', 2, { trainable: false });
    const { labels, paths } = read(toSvg(net));
    expect(labels).toContain('2 fixed');
    expect(paths.find((path) => path['data-to'] === 'y' && path['data-from'] === 'x')!.class).toContain('ng-fixed');
    expect(toDot(net)).toContain('label="2 fixed"');
    expect(toMermaid(net)).toContain('-->|"2 fixed"|');
  });

  it('draws random recurrent networks without overlapping neurons, every path on its circles', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const net = randomRecurrentNetwork(seed, { hidden: 3 + (seed % 9), delayed: 2 + (seed % 7) });
      const { circles, paths } = read(toSvg(net, { weights: true }));
      expect(circles).toHaveLength(net.neurons.length);
      expect(overlaps(circles), `seed ${seed}`).toStrictEqual([]);
      expect(paths).toHaveLength(net.graph.size);
      const at = new Map(circles.map((circle) => [circle.id, circle]));
      const top = Math.min(...circles.map((circle) => circle.y - circle.r));
      for (const path of paths) {
        const from = at.get(path['data-from']!)!;
        const to = at.get(path['data-to']!)!;
        const points = pathPoints(path.d!);
        expect(points.every((p) => Number.isFinite(p.x) && Number.isFinite(p.y))).toBe(true);
        const delay = net.connection(from.id, to.id).delay;
        expect(path['data-delay'], `${from.id} -> ${to.id}`).toBe(delay > 0 ? String(delay) : undefined);
        if (from === to) continue;
        expect(points.at(-1)).toStrictEqual({ x: to.x - to.r - 9, y: to.y });
        // A backward or same-column connection runs above every neuron.
        if (from.x >= to.x) expect(Math.min(...points.map((p) => p.y))).toBeLessThan(top);
      }
      expect(() => toDot(net)).not.toThrow();
      expect(() => toMermaid(net)).not.toThrow();
    }
  });
});

describe('DOT and Mermaid of a network with time', () => {
  it('DOT: delayed connections dashed, labelled and left out of the ranks; the product neuron a double circle', () => {
    const dot = toDot(recurrent());
    expect(dot).toContain('"y" -> "y" [label="0.5 ↻1"');
    expect(dot).toMatch(/"y" -> "h" \[label="1 ↻2"[^\]]*style=dashed, constraint=false\]/);
    expect(dot).toMatch(/"x" -> "h" \[label="1"(?![^\]]*dashed)/);
    expect(dot).toMatch(/"h" \[label=<[^\n]*× sigmoid[^\n]*shape=doublecircle/);
    // y feeds only itself and h, later: it is still the last rank.
    expect(dot).toContain('{ rank=max; "y"; }');
  });

  it('Mermaid: delayed connections dotted, dashed and labelled; the product neuron a double circle', () => {
    const mermaid = toMermaid(recurrent());
    expect(mermaid).toContain('n_y -.->|"0.5 ↻1"| n_y');
    expect(mermaid).toContain('n_y -.->|"1 ↻2"| n_h');
    expect(mermaid).toContain('n_x -->|"1"| n_h');
    expect(mermaid).toContain('n_h((("<b>h</b><br/>× sigmoid")))');
    expect(mermaid).toContain('linkStyle 2 stroke:#2563eb,stroke-width:3px,stroke-dasharray:7 4');
  });

  it.skipIf(spawnSync('dot', ['-V']).status !== 0)('Graphviz renders it without a warning', () => {
    for (const net of [recurrent(), randomRecurrentNetwork(3), randomRecurrentNetwork(4)]) {
      const result = spawnSync('dot', ['-Tsvg'], { input: toDot(net), encoding: 'utf8' });
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
    }
  });

  it('golden files of the recurrent example', async () => {
    const net = recurrent();
    await expect(toSvg(net)).toMatchFileSnapshot('__snapshots__/viz/recurrent.svg');
    await expect(toDot(net)).toMatchFileSnapshot('__snapshots__/viz/recurrent.dot');
    await expect(toMermaid(net)).toMatchFileSnapshot('__snapshots__/viz/recurrent.mmd');
  });
});

describe('the HTML player of a sequence', () => {
  /** The page's embedded data. */
  const pageData = (html: string) =>
    JSON.parse(html.match(/<script type="application\/json" id="ng-data">(.*?)<\/script>/s)![1]!) as {
      overTime?: boolean;
      neurons: { id: string; product?: boolean }[];
      connections: { from: string; to: string; delay?: number }[];
      runs: { run: number; time?: number }[];
    };

  it('embeds time steps, delays and product neurons for a network with memory', () => {
    const net = recurrent();
    const tracer = new Tracer(net);
    net.runSequence([[1], [0.5], [2]]);
    const html = toHtml(net, tracer.events);
    expect(html).toContain('data-time="0"');
    expect(html).toContain('Dashed connections deliver a value from an earlier time step');
    const data = pageData(html);
    expect(data.overTime).toBe(true);
    expect(data.runs.map((run) => run.time)).toStrictEqual([0, 1, 2]);
    expect(data.neurons.filter((neuron) => neuron.product).map((neuron) => neuron.id)).toStrictEqual(['h']);
    expect(data.connections.map((c) => `${c.from}->${c.to}:${c.delay ?? 0}`)).toStrictEqual([
      'x->h:0',
      'h->y:0',
      'y->y:1',
      'y->h:2',
    ]);
  });

  it('plays random recurrent networks run as sequences without failing', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const net = randomRecurrentNetwork(seed);
      const tracer = new Tracer(net);
      net.runSequence(Array.from({ length: 4 }, (_, t) => net.inputs.map((_, i) => (t + i) % 2)));
      const data = pageData(toHtml(net, tracer.events));
      expect(data.runs.map((run) => run.time)).toStrictEqual([0, 1, 2, 3]);
    }
  });

  it('leaves a feed-forward page as it was: no time, no delays, no products', () => {
    const net = xor();
    const tracer = new Tracer(net);
    net.run([1, 0]);
    net.run([1, 1]);
    const html = toHtml(net, tracer.events);
    expect(html).not.toContain('data-time');
    const data = pageData(html);
    expect(data.overTime).toBeUndefined();
    expect(data.runs.every((run) => run.time === undefined)).toBe(true);
    expect(JSON.stringify(data)).not.toMatch(/"delay"|"product"/);
  });
});
