import { execFileSync } from 'node:child_process';
import { DirectedGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import { Network, SerializationError, createRandom } from '../src/index.js';
import * as xor from '../scenarios/xor.js';
import { randomInputs, randomNetwork } from './support/random-network.js';

describe('toJSON / fromJSON', () => {
  it('round-trips exactly and runs the same on 50 random networks', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const net = randomNetwork(seed, { hidden: seed % 10, bias: seed % 2 === 0 });
      const document = net.toJSON();
      const copy = Network.fromJSON(JSON.parse(JSON.stringify(document)));
      expect(copy.toJSON()).toStrictEqual(document);
      expect(copy.neurons).toEqual(net.neurons);
      const inputs = randomInputs(createRandom(seed), net);
      expect(copy.run(inputs)).toStrictEqual(net.run(inputs));
    }
  });

  it('is the graphology serialization format, readable by graphology from()', () => {
    const net = xor.build().addBias();
    const graph = DirectedGraph.from(net.toJSON());
    expect(graph.type).toBe('directed');
    expect(graph.order).toBe(5);
    expect(graph.getAttributes()).toEqual({ format: 'neurograph', version: 2 });
    expect(graph.getNodeAttributes('and')).toEqual({ role: 'hidden', activation: 'step' });
    expect(graph.getNodeAttributes('a')).toEqual({ role: 'input' });
    expect(graph.getEdgeAttribute(graph.edge('and', 'xor')!, 'weight')).toBe(-2);
  });

  it('keeps activation parameters and labels, and writes no edge keys', () => {
    const net = new Network()
      .addInput('x', { label: 'the input' })
      .addOutput('y', { activation: { name: 'step', threshold: 0.25 }, label: 'fires above 0.25' })
      .connect('x', 'y', 1);
    const document = net.toJSON();
    expect(document.nodes[1]).toEqual({
      key: 'y',
      attributes: { role: 'output', activation: { name: 'step', threshold: 0.25 }, label: 'fires above 0.25' },
    });
    expect(document.edges).toEqual([{ source: 'x', target: 'y', attributes: { weight: 1 } }]);
    expect(Network.fromJSON(document).run([0.3])).toEqual({ y: 1 });
  });

  it('gives the same document in another process', () => {
    const script =
      "import { Network } from './src/index.ts'; process.stdout.write(JSON.stringify(Network.layered([3, 4, 2], { seed: 5 }).toJSON()));";
    const child = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
    });
    expect(child).toBe(JSON.stringify(Network.layered([3, 4, 2], { seed: 5 }).toJSON()));
  });

  it('does not share attribute objects with the document', () => {
    const net = new Network()
      .addInput('x')
      .addOutput('y', { activation: { name: 'leakyRelu', alpha: 0.1 } })
      .connect('x', 'y', 1);
    const document = net.toJSON();
    (document.nodes[1]!.attributes.activation as { alpha: number }).alpha = 5;
    expect(net.run([-1])).toEqual({ y: -0.1 });
  });
});

describe('fromJSON refuses bad documents with the place named', () => {
  const base = () => xor.build().toJSON() as unknown as { nodes: any[]; edges: any[]; attributes: any; options?: any };
  const cases: [string, (doc: ReturnType<typeof base>) => unknown, string][] = [
    ['not an object', () => 42, ''],
    ['a wrong format', (doc) => ((doc.attributes.format = 'gexf'), doc), 'attributes.format'],
    ['a wrong version', (doc) => ((doc.attributes.version = 3 as never), doc), 'attributes.version'],
    ['an undirected graph', (doc) => ((doc.options.type = 'undirected'), doc), 'options.type'],
    ['a non-finite weight', (doc) => ((doc.edges[3].attributes.weight = Infinity), doc), 'edges[3].attributes.weight'],
    ['a string weight', (doc) => ((doc.edges[2].attributes.weight = '1'), doc), 'edges[2].attributes.weight'],
    ['an unknown role', (doc) => ((doc.nodes[1].attributes.role = 'sensor'), doc), 'nodes[1].attributes.role'],
    ['an unknown attribute', (doc) => ((doc.nodes[0].attributes.colour = 'red'), doc), 'nodes[0].attributes'],
    [
      'an unknown activation',
      (doc) => ((doc.nodes[2].attributes.activation = 'softmax'), doc),
      'nodes[2].attributes.activation',
    ],
    [
      'a bad activation parameter',
      (doc) => ((doc.nodes[2].attributes.activation = { name: 'step', threshold: 'high' }), doc),
      'nodes[2].attributes.activation',
    ],
    [
      'an activation on an input',
      (doc) => ((doc.nodes[0].attributes.activation = 'relu'), doc),
      'nodes[0].attributes.activation',
    ],
    ['a duplicate neuron', (doc) => (doc.nodes.push({ key: 'a', attributes: { role: 'input' } }), doc), 'nodes[4].key'],
    ['an edge from nowhere', (doc) => ((doc.edges[1].source = 'ghost'), doc), 'edges[1].source'],
    ['an edge into an input', (doc) => ((doc.edges[0].target = 'b'), doc), 'edges[0].target'],
    ['a duplicate edge', (doc) => (doc.edges.push({ ...doc.edges[0] }), doc), 'edges[5]'],
    [
      'a self-loop',
      (doc) => (doc.edges.push({ source: 'and', target: 'and', attributes: { weight: 1 } }), doc),
      'edges[5]',
    ],
    [
      'a cycle',
      (doc) => (doc.edges.splice(1, 0, { source: 'xor', target: 'and', attributes: { weight: 1 } }), doc),
      'edges[5]',
    ],
  ];

  it.each(cases)('%s', (_label, corrupt, path) => {
    const document = corrupt(base());
    let error: unknown;
    try {
      Network.fromJSON(document);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SerializationError);
    expect((error as SerializationError).path).toBe(path);
    expect((error as Error).message).toMatch(/^Network\.fromJSON: /);
    if (path) expect((error as Error).message).toContain(path);
  });

  it('names the cycle a document closes', () => {
    const document = base();
    document.edges.push({ source: 'xor', target: 'and', attributes: { weight: 1 } });
    expect(() => Network.fromJSON(document)).toThrow(/"xor" -> "and" -> "xor"/);
  });
});
