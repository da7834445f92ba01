import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { Network, createRandom, toSvg } from '../src/index.js';
import { randomNetwork } from './support/random-network.js';
import { NASTY_IDS, nastyNetwork, valuesAfter, xor } from './support/viz-xor.js';

interface Circle {
  readonly id: string;
  readonly role: string;
  readonly x: number;
  readonly y: number;
  readonly r: number;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  htmlEntities: true,
  isArray: (name) => name === 'g' || name === 'path' || name === 'text',
});

/** Parses the SVG (it must be well-formed XML) and reads back each neuron's circle. */
function circles(svg: string): Circle[] {
  expect(XMLValidator.validate(svg)).toBe(true);
  const root = parser.parse(svg).svg;
  const neurons = root.g.find((g: { class: string }) => g.class === 'ng-neurons').g as Record<string, any>[];
  return neurons.map((g) => ({
    id: g['data-neuron'],
    role: g['data-role'],
    x: Number(g.circle.cx),
    y: Number(g.circle.cy),
    r: Number(g.circle.r),
  }));
}

function overlaps(drawn: readonly Circle[]): string[] {
  const found: string[] = [];
  for (let i = 0; i < drawn.length; i++) {
    for (let j = i + 1; j < drawn.length; j++) {
      const a = drawn[i]!;
      const b = drawn[j]!;
      if (Math.hypot(a.x - b.x, a.y - b.y) < a.r + b.r + 4) found.push(`${a.id} / ${b.id}`);
    }
  }
  return found;
}

/** A random DAG of `size` neurons whose shape (layered, deep, wide) varies with the seed. */
function randomShape(seed: number, size: number): Network {
  const random = createRandom(seed * 7919);
  if (seed % 3 === 0) {
    const sizes = [1 + Math.floor(random() * 6)];
    let left = size - sizes[0]! - 1;
    while (left > 1) {
      const layer = Math.min(left - 1, 1 + Math.floor(random() * 12));
      sizes.push(layer);
      left -= layer;
    }
    sizes.push(Math.max(1, left));
    return Network.layered(sizes, { seed });
  }
  const inputs = 1 + Math.floor(random() * 8);
  const outputs = 1 + Math.floor(random() * 4);
  const hidden = Math.max(0, size - inputs - outputs - 1);
  return randomNetwork(seed, { inputs, outputs, hidden, connections: Math.floor(size * (1 + random() * 2)) });
}

interface LabelBox {
  readonly label: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The background box of every weight label, read back from the SVG. */
function weightBoxes(svg: string): LabelBox[] {
  const weights = parser.parse(svg).svg.g.find((g: { class: string }) => g.class === 'ng-weights').g as Record<
    string,
    any
  >[];
  return weights.map((g) => ({
    label: `${g['data-from']} -> ${g['data-to']}`,
    x: Number(g.rect.x),
    y: Number(g.rect.y),
    width: Number(g.rect.width),
    height: Number(g.rect.height),
  }));
}

function intersecting(boxes: readonly LabelBox[]): string[] {
  const found: string[] = [];
  boxes.forEach((a, i) => {
    for (const b of boxes.slice(i + 1)) {
      if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height)
        found.push(`${a.label} / ${b.label}`);
    }
  });
  return found;
}

/** Every weight of a layered network set to a long label, as after training: −12.346, 7.891, … */
function withLongWeights(net: Network): Network {
  let k = 0;
  net.graph.forEachEdge((_key, _attributes, from, to) => {
    k++;
    net.setWeight(from, to, (k % 2 === 0 ? 1 : -1) * (k * 3.1234567 + 0.0123));
  });
  return net;
}

describe('toSvg layout', () => {
  it('writes weight labels where they do not overlap, even where connections cross (a trained 2-2-1)', () => {
    for (const sizes of [
      [2, 2, 1],
      [2, 3, 1],
      [3, 3, 2],
      [2, 2, 2, 1],
    ]) {
      const boxes = weightBoxes(toSvg(withLongWeights(Network.layered(sizes, { seed: 1 }))));
      expect(boxes.length).toBeGreaterThan(sizes[0]! * sizes[1]!);
      expect(intersecting(boxes), sizes.join('-')).toStrictEqual([]);
    }
  });

  it('parses as XML, with every id (and any value) shown exactly, whatever the characters', () => {
    const net = nastyNetwork();
    const svg = toSvg(net, { values: Object.fromEntries(net.neurons.map((id, i) => [id, -i / 3])) });
    const drawn = circles(svg);
    // U+0007 cannot be written in XML at all: it is replaced, every other character survives.
    const expected = [...NASTY_IDS, 'bias'].map((id) => id.replace('\u0007', '\ufffd'));
    expect(new Set(drawn.map((circle) => circle.id))).toStrictEqual(new Set(expected));
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('−0.333');
  });

  it('puts inputs in the first column, outputs in the last, the bias neuron below everything', () => {
    const net = Network.layered([3, 5, 4, 2], { seed: 3 });
    const drawn = circles(toSvg(net));
    const xs = (role: string) => drawn.filter((c) => c.role === role).map((c) => c.x);
    const left = Math.min(...drawn.map((c) => c.x));
    const right = Math.max(...drawn.map((c) => c.x));
    expect(new Set(xs('input'))).toStrictEqual(new Set([left]));
    expect(new Set(xs('output'))).toStrictEqual(new Set([right]));
    expect(Math.min(...xs('hidden'))).toBeGreaterThan(left);
    const bias = drawn.find((c) => c.role === 'bias')!;
    expect(bias.y).toBeGreaterThan(Math.max(...drawn.filter((c) => c !== bias).map((c) => c.y)));
  });

  it('draws every non-bias connection left to right, from its source to its target', () => {
    const net = randomNetwork(11, { inputs: 4, hidden: 20, outputs: 3, density: 0.2 });
    const svg = toSvg(net);
    const at = new Map(circles(svg).map((c) => [c.id, c]));
    const paths = parser.parse(svg).svg.g.find((g: { class: string }) => g.class === 'ng-connections').path as Record<
      string,
      string
    >[];
    expect(paths).toHaveLength(net.graph.size);
    for (const path of paths) {
      const from = at.get(path['data-from']!)!;
      const to = at.get(path['data-to']!)!;
      expect(from.x).toBeLessThan(to.x);
      // The path starts on the source circle's right and ends an arrow's length before the target's left.
      const numbers = path.d!.match(/-?\d+(\.\d+)?/g)!.map(Number);
      expect(numbers.slice(0, 2)).toStrictEqual([from.x + from.r, from.y]);
      expect(numbers.slice(-2)).toStrictEqual([to.x - to.r - 9, to.y]);
      expect(path.stroke).toBe(
        net.weight(path['data-from']!, path['data-to']!) < 0
          ? '#dc2626'
          : net.weight(path['data-from']!, path['data-to']!) > 0
            ? '#2563eb'
            : '#94a3b8',
      );
    }
  });

  it('keeps a connection that skips a column off the neuron in between (XOR: a -> xor passes beside "and")', () => {
    const drawn = circles(toSvg(xor()));
    const [a, b, and, xorOut] = ['a', 'b', 'and', 'xor'].map((id) => drawn.find((c) => c.id === id)!);
    expect(a!.y).toBeLessThan(and!.y);
    expect(b!.y).toBeGreaterThan(and!.y);
    expect(and!.y).toBe(xorOut!.y);
    const svg = toSvg(xor());
    const d = svg.match(/data-from="a" data-to="xor"[^>]* d="([^"]+)"/)![1]!;
    // The waypoint in the "and" column sits above the "and" circle.
    const waypoint = d.split('C')[1]!.split(' ').at(-1)!.split(',').map(Number);
    expect(waypoint[0]).toBe(and!.x);
    expect(waypoint[1]!).toBeLessThan(and!.y - and!.r);
  });

  it('never overlaps neurons on seeded random networks of up to 100 neurons', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const size = 10 + ((seed * 37) % 91);
      const net = randomShape(seed, size);
      const drawn = circles(
        toSvg(net, {
          values: valuesAfter(
            net,
            net.inputs.map(() => 1),
          ),
        }),
      );
      expect(drawn).toHaveLength(net.neurons.length);
      expect(overlaps(drawn), `seed ${seed}, ${net.neurons.length} neurons`).toStrictEqual([]);
    }
  });
});
