/**
 * The softmax group
 * =================
 *
 * Output neurons whose activation is softmax share one softmax over their weighted
 * inputs (one group per network). Three rules keep that simple to compute, draw and
 * train, and every way a network is made (its methods, a document, a plan of a graph
 * changed directly) checks the same ones:
 *
 * - only output neurons carry softmax (a probability over hidden neurons is not a layer
 *   anyone asks for, and it would tie neurons of different generations together);
 * - they sum their inputs (a product neuron's input is a gate, not a logit);
 * - they feed no connection, immediate or delayed, so the whole group is computed last,
 *   together, and its deltas come from the loss alone.
 */
import type { ActivationSpec } from '../activations.js';
import type { NeuronAttributes, NeuronGraph } from './neuron.js';

export function isSoftmax(activation: ActivationSpec | undefined): boolean {
  return activation === 'softmax' || (typeof activation === 'object' && activation?.name === 'softmax');
}

/** What is wrong with a neuron carrying softmax with these attributes, or undefined. */
export function softmaxNeuronProblem(id: string, attributes: NeuronAttributes): string | undefined {
  if (!isSoftmax(attributes.activation)) return undefined;
  if (attributes.role !== 'output') {
    return `"${id}" is a ${attributes.role} neuron; softmax is for output neurons only (their probabilities)`;
  }
  if (attributes.aggregate === 'product') return `"${id}" multiplies its inputs; a softmax neuron sums its logit`;
  return undefined;
}

/** What is wrong with a connection out of `from`, or undefined. */
export function softmaxSourceProblem(graph: NeuronGraph, from: string): string | undefined {
  if (!isSoftmax(graph.getNodeAttribute(from, 'activation'))) return undefined;
  return `"${from}" is a softmax output and feeds no connection (its group is computed last, together)`;
}

/** The first broken rule anywhere in the graph, or undefined. */
export function softmaxGraphProblem(graph: NeuronGraph): string | undefined {
  for (const { node, attributes } of graph.nodeEntries()) {
    const problem = softmaxNeuronProblem(node, attributes);
    if (problem !== undefined) return problem;
    if (isSoftmax(attributes.activation) && graph.outDegree(node) > 0) return softmaxSourceProblem(graph, node);
  }
  return undefined;
}
