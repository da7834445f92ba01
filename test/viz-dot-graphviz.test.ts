import { spawnSync } from 'node:child_process';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { Network, toDot } from '../src/index.js';
import { randomNetwork } from './support/random-network.js';
import { NASTY_IDS, nastyNetwork, xor } from './support/viz-xor.js';

const hasDot = spawnSync('dot', ['-V']).status === 0;
// CI installs Graphviz (.ci/run), so there a missing `dot` is a failure, not a skip.
if (!hasDot && process.env.CI)
  throw new Error('viz-dot-graphviz: Graphviz `dot` is missing in CI; .ci/run should have installed it.');
if (!hasDot)
  console.warn(
    'viz-dot-graphviz: Graphviz `dot` is not installed (apt-get install graphviz); skipping the Graphviz checks.',
  );

/** Graphviz's own rendering of the DOT text: it must exit 0 and warn about nothing. */
function render(dot: string): string {
  const result = spawnSync('dot', ['-Tsvg'], { input: dot, encoding: 'utf8' });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return result.stdout;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  htmlEntities: true,
  isArray: (name) => name === 'g' || name === 'text',
});

/** The rendered nodes' label texts, by the node's `<title>` (its DOT id). */
function renderedNodes(svg: string): Map<string, string[]> {
  expect(XMLValidator.validate(svg)).toBe(true);
  const graph = parser.parse(svg).svg.g[0];
  const nodes = (graph.g as Record<string, any>[]).filter((g) => g.class === 'node');
  return new Map(
    nodes.map((g) => [
      String(g.title),
      (g.text as (string | { '#text': string })[]).map((t) => String(typeof t === 'object' ? t['#text'] : t)),
    ]),
  );
}

describe.skipIf(!hasDot)('toDot is accepted by Graphviz', () => {
  it('renders the XOR network: four nodes labelled with id and activation, five edges', () => {
    const svg = render(toDot(xor()));
    const nodes = renderedNodes(svg);
    expect([...nodes.keys()].sort()).toStrictEqual(['a', 'and', 'b', 'xor']);
    expect(nodes.get('and')).toStrictEqual(['and', 'step']);
    expect(svg.match(/class="edge"/g)).toHaveLength(5);
    expect(svg).toContain('&#45;&gt;'); // edge titles like a&#45;&gt;xor
  });

  it('keeps ids that need escaping distinct and shows each exactly in its label', () => {
    const net = nastyNetwork();
    const nodes = renderedNodes(render(toDot(net)));
    expect(nodes.size).toBe(net.neurons.length);
    const labels = [...nodes.values()].map((texts) => texts[0]);
    // A tab is shown as a space, U+0007 (which XML cannot carry) as U+FFFD; every other id exactly.
    for (const id of NASTY_IDS) expect(labels).toContain(id.replace('\t', ' ').replace('\u0007', '\ufffd'));
  });

  it('renders random and layered networks of up to 100 neurons', () => {
    for (const net of [
      randomNetwork(5, { inputs: 6, hidden: 80, outputs: 4, connections: 250 }),
      Network.layered([8, 30, 30, 10], { seed: 2 }),
    ]) {
      const svg = render(toDot(net));
      expect(svg.match(/class="node"/g)).toHaveLength(net.neurons.length);
      expect(svg.match(/class="edge"/g)).toHaveLength(net.graph.size);
    }
  });
});

describe('toDot text', () => {
  it('quotes ids so that no two neurons share a DOT id, and marks bias connections dashed', () => {
    const dot = toDot(nastyNetwork());
    const declared = [...dot.matchAll(/^ {2}("(?:[^"\\]|\\.)*") \[label=/gm)].map((m) => m[1]);
    expect(new Set(declared).size).toBe(NASTY_IDS.length + 1);
    expect(dot).toContain('"back%5C"');
    expect(dot).toMatch(/^ {2}"bias" -> "end" \[.*style=dashed\];$/m);
  });
});
