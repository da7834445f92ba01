/**
 * Finite differences for gradient checks: a fourth-order central difference of the
 * trainer's own loss, and a guard that keeps samples off the kinks of relu-like
 * activations, where the difference would straddle a corner.
 */
import type { Network, Trainer, TrainingSample } from '../../src/index.js';

/** The step of the central differences. */
export const H = 1e-4;

/** Whether no relu-like neuron's input lands within 1e-3 of its kink on any step of the samples. */
export function offKinks(net: Network, samples: readonly TrainingSample[]): boolean {
  let ok = true;
  const kinked = new Set(
    net.neurons.filter((id) => /relu/i.test(JSON.stringify(net.graph.getNodeAttribute(id, 'activation') ?? ''))),
  );
  const listener = (e: { neuron: string; input: number }) => {
    if (kinked.has(e.neuron) && Math.abs(e.input) < 1e-3) ok = false;
  };
  net.on('neuronActivated', listener);
  for (const sample of samples) {
    if ('steps' in sample) net.runSequence(sample.steps.map((step) => step.input));
    else net.runSequence([sample.input]);
  }
  net.off('neuronActivated', listener);
  return ok;
}

/** d loss / d weight of from → to by the 4th-order central difference (the weight is restored). */
export function numericGradient(
  trainer: Trainer,
  samples: readonly TrainingSample[],
  from: string,
  to: string,
): number {
  const net = trainer.network;
  const w = net.weight(from, to);
  const lossAt = (weight: number) => {
    net.setWeight(from, to, weight);
    return trainer.loss(samples);
  };
  const gradient = (8 * (lossAt(w + H) - lossAt(w - H)) - (lossAt(w + 2 * H) - lossAt(w - 2 * H))) / (12 * H);
  net.setWeight(from, to, w);
  return gradient;
}
