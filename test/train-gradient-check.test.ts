import { describe, expect, it } from 'vitest';
import { Trainer, createRandom, type LossName, type Network, type Sample } from '../src/index.js';
import { randomNetwork, trainableActivations } from './support/random-network.js';
import { numericGradient, offKinks } from './support/gradient-check.js';

// Smooth activations, plus relu and leakyRelu kept off their kink (see `offKinks`); no step.
const mixed = trainableActivations;
// Fourth-order central differences, (8(L(w+h) − L(w−h)) − (L(w+2h) − L(w−2h))) / 12h, with
// h = 1e-4: the plain two-point stencil at h = 1e-6 has rounding errors of its own
// (cross-entropy's log(1 − p) near p = 1, divided by 2h) of about 1e-8.

function randomSamples(seed: number, net: Network, count: number): Sample[] {
  const random = createRandom(seed);
  return Array.from({ length: count }, () => ({
    input: net.inputs.map(() => random() * 4 - 2),
    output: net.outputs.map(() => random()),
  }));
}

/** A random DAG (skip connections, several outputs, a bias neuron) and samples, redrawn until off every kink. */
function problem(seed: number, loss: LossName): { net: Network; samples: Sample[] } {
  for (let attempt = 0; ; attempt++) {
    const draw = seed * 1000 + attempt;
    const net = randomNetwork(draw, {
      inputs: 1 + (seed % 3),
      hidden: 2 + (seed % 6),
      outputs: 1 + (seed % 3),
      density: 0.5,
      bias: seed % 4 !== 0,
      activations: mixed,
    });
    // Cross-entropy reads outputs as probabilities: sigmoid outputs for it.
    if (loss === 'crossEntropy') for (const id of net.outputs) net.graph.setNodeAttribute(id, 'activation', 'sigmoid');
    const samples = randomSamples(draw, net, 2 + (seed % 4));
    if (offKinks(net, samples)) return { net, samples };
  }
}

describe('gradients against central finite differences', () => {
  for (const loss of ['mse', 'crossEntropy'] as const) {
    it(`agree within 1e-6 relative or 1e-9 absolute on 50 random DAGs with mixed activations (${loss})`, () => {
      let compared = 0;
      let worst = 0;
      for (let seed = 1; seed <= 50; seed++) {
        const { net, samples } = problem(seed, loss);
        const trainer = new Trainer(net, { loss });
        const weightsBefore = net.toJSON().edges;
        const analytic = trainer.gradients(samples);
        expect(net.toJSON().edges).toStrictEqual(weightsBefore);
        expect(analytic.map(({ from, to }) => [from, to])).toStrictEqual(
          net.graph.mapEdges((_e, _a, from, to) => [from, to]),
        );
        for (const { from, to, gradient } of analytic) {
          const numeric = numericGradient(trainer, samples, from, to);
          const error = Math.abs(gradient - numeric);
          const allowed = Math.max(1e-6 * Math.max(Math.abs(gradient), Math.abs(numeric)), 1e-9);
          expect(error, `seed ${seed}, ${from} -> ${to}: analytic ${gradient}, numeric ${numeric}`).toBeLessThanOrEqual(
            allowed,
          );
          worst = Math.max(worst, error / allowed);
          compared++;
        }
      }
      console.log(
        `${loss}: ${compared} connections on 50 DAGs; worst error ${(worst * 100).toFixed(1)}% of the allowance`,
      );
      expect(compared).toBeGreaterThan(500);
    });
  }
});
