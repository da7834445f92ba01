/**
 * The softmax group in pictures
 * =============================
 *
 * The output neurons whose activation is softmax share one softmax over their weighted
 * inputs, so every picture draws them as one unit: a box labelled `softmax` around them
 * (SVG and the HTML player), a cluster (DOT), a subgraph (Mermaid); the player lights
 * them up together. A network without softmax has no group and draws as it always did.
 * (Which neurons may carry softmax is the engine's rule: src/graph/softmax-group.ts.)
 */
import type { Network } from '../graph/network.js';
import { isSoftmax } from '../graph/softmax-group.js';
import { planOf } from '../plan/plan-cache.js';

/** What the group's box, cluster or subgraph is labelled. */
export const SOFTMAX_LABEL = 'softmax';

/** The ids of the softmax group's neurons, in the plan's order; empty when the network has none. */
export function softmaxGroup(net: Network): string[] {
  const { graph } = net;
  return planOf(net).ids.filter((id) => {
    const { role, activation } = graph.getNodeAttributes(id);
    return role === 'output' && isSoftmax(activation);
  });
}
