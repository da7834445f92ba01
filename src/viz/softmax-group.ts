/**
 * The softmax group in pictures
 * =============================
 *
 * The output neurons whose activation is softmax share one softmax over their weighted
 * inputs, so every picture draws them as one unit: a box labelled `softmax` around them
 * (SVG and the HTML player), a cluster (DOT), a subgraph (Mermaid); the player lights
 * them up together. A network without softmax has no group and draws as it always did.
 */
import type { ActivationSpec } from '../activations.js';
import type { Network } from '../graph/network.js';
import { planOf } from '../plan/plan-cache.js';

/** What the group's box, cluster or subgraph is labelled. */
export const SOFTMAX_LABEL = 'softmax';

/** Whether `activation` is softmax, as a name or as `{ name: 'softmax' }`. */
export function isSoftmaxSpec(activation: ActivationSpec | undefined): boolean {
  const name: string | undefined = typeof activation === 'object' ? activation.name : activation;
  return name === 'softmax';
}

/** The ids of the softmax group's neurons, in the plan's order; empty when the network has none. */
export function softmaxGroup(net: Network): string[] {
  const { graph } = net;
  return planOf(net).ids.filter((id) => {
    const { role, activation } = graph.getNodeAttributes(id);
    return role === 'output' && isSoftmaxSpec(activation);
  });
}
