/**
 * Serialization
 * =============
 *
 * Networks as graphology's own serialization format, so `Graph.from(net.toJSON())`
 * and graphology's tools read them. Nodes carry `{ role, activation?, label? }`,
 * edges `{ weight }`, the graph `{ format: 'neurograph', version: 1 }`.
 *
 * Edges are written without keys: a connection is named by its two neurons, and
 * graphology's generated keys differ from process to process. Nodes and edges keep
 * insertion order, so the same network always gives the same document.
 */
import { DirectedGraph } from 'graphology';
import { hasCycle } from 'graphology-dag';
import { z } from 'zod';
import { resolveActivation } from '../activations.js';
import { cycleClosedBy } from './cycle.js';
import { NeurographError, SerializationError } from '../errors.js';
import { describe } from '../format/describe.js';
import { neuronIdProblem } from './neuron-id.js';
import { DEFAULT_ACTIVATION, isComputed, roleNames, type NeuronAttributes, type NeuronGraph } from './neuron.js';

export interface NetworkDocument {
  options: { type: 'directed'; multi: false; allowSelfLoops: false };
  attributes: { format: 'neurograph'; version: 1 };
  nodes: { key: string; attributes: NeuronAttributes }[];
  edges: { source: string; target: string; attributes: { weight: number } }[];
}

const documentSchema = z.object({
  options: z
    .object({ type: z.literal('directed'), multi: z.literal(false), allowSelfLoops: z.boolean() })
    .partial()
    .optional(),
  attributes: z.object({ format: z.literal('neurograph'), version: z.literal(1) }),
  nodes: z.array(
    z.strictObject({
      key: z.string(),
      attributes: z.strictObject({
        role: z.enum(roleNames as [string, ...string[]]),
        // Checked by resolveActivation, whose message lists the activations.
        activation: z.unknown().optional(),
        label: z.string().optional(),
      }),
    }),
  ),
  edges: z.array(
    z.strictObject({
      key: z.string().optional(),
      source: z.string(),
      target: z.string(),
      attributes: z.strictObject({ weight: z.number() }),
    }),
  ),
});

export function writeNetworkDocument(graph: NeuronGraph): NetworkDocument {
  const nodes: NetworkDocument['nodes'] = [];
  graph.forEachNode((key, { role, activation, label }) => {
    const attributes: NeuronAttributes = { role };
    if (activation !== undefined)
      attributes.activation = typeof activation === 'string' ? activation : { ...activation };
    if (label !== undefined) attributes.label = label;
    nodes.push({ key, attributes });
  });
  const edges: NetworkDocument['edges'] = [];
  graph.forEachEdge((_key, { weight }, source, target) => {
    edges.push({ source, target, attributes: { weight } });
  });
  return {
    options: { type: 'directed', multi: false, allowSelfLoops: false },
    attributes: { format: 'neurograph', version: 1 },
    nodes,
    edges,
  };
}

/**
 * Checks a document and adds its neurons and connections to `graph`, which must be
 * empty and belong to a network nobody has seen yet (it is thrown away on error).
 */
export function readNetworkDocument(document: unknown, graph: NeuronGraph, where: string): void {
  if (typeof document === 'string') {
    throw new SerializationError(
      `${where}: the document is a string; parse it first: Network.fromJSON(JSON.parse(text)).`,
      '',
    );
  }
  const parsed = documentSchema.safeParse(document);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = formatPath(issue.path);
    throw new SerializationError(`${where}: ${path || 'the document'}: ${explainIssue(issue, document)}.`, path);
  }
  const { nodes, edges } = parsed.data;

  nodes.forEach(({ key, attributes }, i) => {
    const at = (field: string) => `nodes[${i}]${field}`;
    const idProblem = neuronIdProblem(key);
    if (idProblem !== undefined) fail(where, at('.key'), idProblem);
    if (graph.hasNode(key)) fail(where, at('.key'), `"${key}" appears twice; neuron ids are unique`);
    const role = attributes.role as NeuronAttributes['role'];
    const neuron: NeuronAttributes = { role };
    if (attributes.activation !== undefined) {
      if (!isComputed(role)) fail(where, at('.attributes.activation'), `${role} neuron "${key}" takes no activation`);
      try {
        neuron.activation = resolveActivation(attributes.activation, `"${key}"`).spec;
      } catch (error) {
        if (error instanceof NeurographError) fail(where, at('.attributes.activation'), error.message);
        throw error;
      }
    } else if (isComputed(role)) {
      neuron.activation = DEFAULT_ACTIVATION;
    }
    if (attributes.label !== undefined) neuron.label = attributes.label;
    graph.addNode(key, neuron);
  });

  edges.forEach(({ source, target, attributes }, i) => {
    const at = (field: string) => `edges[${i}]${field}`;
    if (!graph.hasNode(source)) fail(where, at('.source'), `no neuron "${source}"`);
    if (!graph.hasNode(target)) fail(where, at('.target'), `no neuron "${target}"`);
    const role = graph.getNodeAttribute(target, 'role');
    if (!isComputed(role))
      fail(where, at('.target'), `"${target}" is a ${role} neuron and takes no incoming connections`);
    if (source === target) fail(where, at(''), `"${source}" -> "${target}" is a self-loop; networks are acyclic`);
    if (graph.hasDirectedEdge(source, target)) fail(where, at(''), `"${source}" -> "${target}" appears twice`);
    graph.addDirectedEdge(source, target, { weight: attributes.weight });
  });

  if (hasCycle(graph)) {
    const { index, cycle } = firstCycleEdge(edges);
    fail(
      where,
      `edges[${index}]`,
      `this connection closes the cycle ${cycle.map((id) => `"${id}"`).join(' -> ')}; networks are acyclic`,
    );
  }
}

/** The first edge, in document order, that closes a cycle (only called on cyclic documents). */
function firstCycleEdge(edges: readonly { source: string; target: string }[]): { index: number; cycle: string[] } {
  const graph: NeuronGraph = new DirectedGraph();
  for (let index = 0; index < edges.length; index++) {
    const { source, target } = edges[index]!;
    graph.mergeNode(source);
    graph.mergeNode(target);
    const cycle = cycleClosedBy(graph, source, target);
    if (cycle !== null) return { index, cycle };
    graph.addDirectedEdge(source, target);
  }
  throw new Error('firstCycleEdge: the edges form no cycle');
}

function fail(where: string, path: string, problem: string): never {
  throw new SerializationError(`${where}: ${path}: ${problem}.`, path);
}

/** What a validation issue means, in the words of a network document. */
function explainIssue(issue: z.core.$ZodIssue, document: unknown): string {
  const value = valueAt(document, issue.path);
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined) return `missing; expected ${article(issue.expected)}`;
      return `expected ${article(issue.expected)}, got ${describe(value)}`;
    case 'invalid_value':
      return `expected ${issue.values.map((v) => describe(v)).join(' or ')}, got ${describe(value)}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => describe(k)).join(', ')}`;
    default:
      return `${issue.message} (got ${describe(value)})`;
  }
}

function article(expected: string): string {
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

/** The value at `path` in the raw document, read without calling anything that could throw. */
function valueAt(document: unknown, path: readonly PropertyKey[]): unknown {
  let value = document;
  for (const part of path) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, part)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[part];
  }
  return value;
}

/** `['edges', 3, 'attributes', 'weight']` → `edges[3].attributes.weight`. */
function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`))
    .join('');
}
