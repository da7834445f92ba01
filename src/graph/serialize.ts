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
import { describe, withArticle } from '../format/describe.js';
import { neuronIdProblem } from './neuron-id.js';
import { softmaxNeuronProblem, softmaxSourceProblem } from './softmax-group.js';
import {
  DEFAULT_ACTIVATION,
  isComputed,
  roleNames,
  type ConnectionAttributes,
  type NeuronAttributes,
  type NeuronGraph,
} from './neuron.js';
import { MAX_DELAY } from '../plan/plan.js';
import { preferDictionaryAdjacency } from './dictionary-adjacency.js';

/** The version `toJSON` writes: 2 added delayed and untrainable connections and product neurons. */
export const DOCUMENT_VERSION = 2;

export interface NetworkDocument {
  options: { type: 'directed'; multi: false; allowSelfLoops: boolean };
  attributes: { format: 'neurograph'; version: 1 | 2 };
  nodes: { key: string; attributes: NeuronAttributes }[];
  edges: { source: string; target: string; attributes: ConnectionAttributes }[];
}

const documentSchema = z.object({
  options: z
    .object({ type: z.literal('directed'), multi: z.literal(false), allowSelfLoops: z.boolean() })
    .partial()
    .optional(),
  attributes: z.object({ format: z.literal('neurograph'), version: z.union([z.literal(1), z.literal(2)]) }),
  nodes: z.array(
    z.strictObject({
      key: z.string(),
      attributes: z.strictObject({
        role: z.enum(roleNames as [string, ...string[]]),
        // Checked by resolveActivation, whose message lists the activations.
        activation: z.unknown().optional(),
        aggregate: z.enum(['sum', 'product']).optional(),
        label: z.string().optional(),
      }),
    }),
  ),
  edges: z.array(
    z.strictObject({
      key: z.string().optional(),
      source: z.string(),
      target: z.string(),
      attributes: z.strictObject({
        weight: z.number(),
        delay: z.number().int().min(0).max(MAX_DELAY).optional(),
        trainable: z.boolean().optional(),
      }),
    }),
  ),
});

export function writeNetworkDocument(graph: NeuronGraph): NetworkDocument {
  const nodes: NetworkDocument['nodes'] = [];
  graph.forEachNode((key, { role, activation, aggregate, label }) => {
    const attributes: NeuronAttributes = { role };
    if (activation !== undefined)
      attributes.activation = typeof activation === 'string' ? activation : { ...activation };
    if (aggregate === 'product') attributes.aggregate = aggregate;
    if (label !== undefined) attributes.label = label;
    nodes.push({ key, attributes });
  });
  const edges: NetworkDocument['edges'] = [];
  graph.forEachEdge((_key, { weight, delay, trainable }, source, target) => {
    const attributes: ConnectionAttributes = { weight };
    if (delay !== undefined && delay > 0) attributes.delay = delay;
    if (trainable === false) attributes.trainable = false;
    edges.push({ source, target, attributes });
  });
  return {
    // Self-loops are allowed because a delayed connection may be one.
    options: { type: 'directed', multi: false, allowSelfLoops: true },
    attributes: { format: 'neurograph', version: DOCUMENT_VERSION },
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
  let parsed: ReturnType<typeof documentSchema.safeParse>;
  try {
    parsed = documentSchema.safeParse(document);
  } catch (error) {
    // Reading it threw: a revoked Proxy somewhere in it, or a getter that throws. Plain JSON data cannot.
    if (error instanceof NeurographError) throw error;
    throw new SerializationError(
      `${where}: the document cannot be read (${error instanceof Error ? error.message : describe(error)}); ` +
        'give plain JSON data, such as JSON.parse(text).',
      '',
    );
  }
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = formatPath(issue.path);
    throw new SerializationError(`${where}: ${path || 'the document'}: ${explainIssue(issue, document)}.`, path);
  }
  const { nodes, edges } = parsed.data;
  // Version 1 knew only immediate, trainable connections and summing neurons.
  if (parsed.data.attributes.version === 1) {
    const node = nodes.findIndex(({ attributes }) => attributes.aggregate !== undefined);
    if (node >= 0)
      fail(where, `nodes[${node}].attributes.aggregate`, 'version 1 documents have no aggregate; write version 2');
    const edge = edges.findIndex(
      ({ attributes }) => attributes.delay !== undefined || attributes.trainable !== undefined,
    );
    if (edge >= 0)
      fail(where, `edges[${edge}].attributes`, 'version 1 documents have no delay or trainable; write version 2');
  }

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
    if (attributes.aggregate === 'product') {
      if (!isComputed(role)) fail(where, at('.attributes.aggregate'), `${role} neuron "${key}" takes no aggregate`);
      neuron.aggregate = 'product';
    }
    if (attributes.label !== undefined) neuron.label = attributes.label;
    const softmaxProblem = softmaxNeuronProblem(key, neuron);
    if (softmaxProblem !== undefined) fail(where, at('.attributes.activation'), softmaxProblem);
    graph.addNode(key, neuron);
    preferDictionaryAdjacency(graph, key);
  });

  edges.forEach(({ source, target, attributes }, i) => {
    const at = (field: string) => `edges[${i}]${field}`;
    if (!graph.hasNode(source)) fail(where, at('.source'), `no neuron "${source}"`);
    if (!graph.hasNode(target)) fail(where, at('.target'), `no neuron "${target}"`);
    const role = graph.getNodeAttribute(target, 'role');
    if (!isComputed(role))
      fail(where, at('.target'), `"${target}" is a ${role} neuron and takes no incoming connections`);
    const delay = attributes.delay ?? 0;
    if (source === target && delay === 0) {
      fail(where, at(''), `"${source}" -> "${target}" is an immediate self-loop; only a delayed connection may be one`);
    }
    if (graph.hasDirectedEdge(source, target)) fail(where, at(''), `"${source}" -> "${target}" appears twice`);
    const softmaxProblem = softmaxSourceProblem(graph, source);
    if (softmaxProblem !== undefined) fail(where, at('.source'), softmaxProblem);
    const connection: ConnectionAttributes = { weight: attributes.weight };
    if (delay > 0) connection.delay = delay;
    if (attributes.trainable === false) connection.trainable = false;
    graph.addDirectedEdge(source, target, connection);
  });

  // Within one step the immediate connections must be acyclic; delayed ones may close loops.
  const immediate: NeuronGraph = new DirectedGraph();
  graph.forEachNode((key) => immediate.addNode(key));
  graph.forEachEdge((_key, { delay }, source, target) => {
    if ((delay ?? 0) === 0) immediate.addDirectedEdge(source, target);
  });
  if (hasCycle(immediate)) {
    const { index, cycle } = firstCycleEdge(edges);
    fail(
      where,
      `edges[${index}]`,
      `this connection closes the cycle ${cycle.map((id) => `"${id}"`).join(' -> ')} within one step; ` +
        'a loop needs a delayed connection',
    );
  }
}

/** The first edge, in document order, that closes a cycle (only called on cyclic documents). */
function firstCycleEdge(
  edges: readonly { source: string; target: string; attributes: { delay?: number | undefined } }[],
): { index: number; cycle: string[] } {
  const graph: NeuronGraph = new DirectedGraph();
  for (let index = 0; index < edges.length; index++) {
    const { source, target, attributes } = edges[index]!;
    if ((attributes.delay ?? 0) !== 0) continue;
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
      if (value === undefined) return `missing; expected ${withArticle(issue.expected)}`;
      return `expected ${withArticle(issue.expected)}, got ${describe(value)}`;
    case 'invalid_value':
      return `expected ${issue.values.map((v) => describe(v)).join(' or ')}, got ${describe(value)}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => describe(k)).join(', ')}`;
    default:
      return `${issue.message} (got ${describe(value)})`;
  }
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
