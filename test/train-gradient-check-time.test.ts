/**
 * Gradients through time against central finite differences: seeded random recurrent networks
 * (delays 1–3, self-loops, product neurons, untrainable connections, every activation but step),
 * one-step and multi-step samples, with and without `truncate`.
 */
import { describe, expect, it } from 'vitest';
import {
  Network,
  Trainer,
  createRandom,
  type ActivationSpec,
  type LossName,
  type TrainingSample,
} from '../src/index.js';
import { randomRecurrentNetwork } from './support/recurrent-network.js';
import { H, numericGradient, offKinks } from './support/gradient-check.js';

// Fourth-order central differences (see train-gradient-check.test.ts).
const smooth: readonly ActivationSpec[] = ['identity', 'sigmoid', 'tanh', 'relu', 'leakyRelu'];

/** Sequences of 1 … `longest` steps, each step with an output with probability 0.6 (the last always). */
function randomSequences(seed: number, net: Network, count: number, longest: number): TrainingSample[] {
  const random = createRandom(seed);
  return Array.from({ length: count }, () => {
    const length = 1 + Math.floor(random() * longest);
    return {
      steps: Array.from({ length }, (_, t) => ({
        input: net.inputs.map(() => random() * 2 - 1),
        ...(t === length - 1 || random() < 0.6 ? { output: net.outputs.map(() => random()) } : {}),
      })),
    };
  });
}

/** Re-draws step neurons (and the sums of products, which stay squashing) with smooth activations. */
function smoothen(net: Network, seed: number): void {
  const random = createRandom(seed);
  for (const id of net.neurons) {
    const { role, activation } = net.graph.getNodeAttributes(id);
    if ((role === 'hidden' || role === 'output') && activation === 'step') {
      net.graph.setNodeAttribute(id, 'activation', smooth[Math.floor(random() * smooth.length)]!);
    }
  }
}

function problem(seed: number, loss: LossName, multiStep: boolean) {
  for (let attempt = 0; ; attempt++) {
    const draw = seed * 1000 + attempt;
    const net = randomRecurrentNetwork(draw, {
      inputs: 1 + (seed % 3),
      hidden: 3 + (seed % 4),
      outputs: 1 + (seed % 2),
      delayed: 3 + (seed % 5),
      maxDelay: 3,
      products: 0.25,
    });
    smoothen(net, draw);
    if (loss === 'crossEntropy') for (const id of net.outputs) net.graph.setNodeAttribute(id, 'activation', 'sigmoid');
    const samples = multiStep
      ? randomSequences(draw, net, 2 + (seed % 3), 6)
      : randomSequences(draw, net, 3, 1).map((s) => {
          const step = (s as { steps: { input: number[]; output: number[] }[] }).steps[0]!;
          return seed % 2 === 0 ? step : { steps: [step] };
        });
    if (offKinks(net, samples)) return { net, samples };
  }
}

describe('gradients through time against central finite differences', () => {
  const cases = [
    ['mse', true],
    ['crossEntropy', true],
    ['mse', false],
  ] as const;
  for (const [loss, multiStep] of cases) {
    const what = multiStep ? 'sequences of 1–6 steps' : 'one-step samples';
    it(`agree within 1e-6 relative or 1e-9 absolute on 60 random recurrent networks, ${what} (${loss})`, () => {
      let compared = 0;
      let fixed = 0;
      let worst = 0;
      for (let seed = 1; seed <= 60; seed++) {
        const { net, samples } = problem(seed, loss, multiStep);
        const trainer = new Trainer(net, { loss });
        const before = net.toJSON();
        const analytic = trainer.gradients(samples);
        expect(net.toJSON()).toStrictEqual(before);
        for (const { from, to, gradient } of analytic) {
          if (!net.connection(from, to).trainable) {
            expect(gradient).toBe(0);
            fixed++;
            continue;
          }
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
        `${loss}, ${what}: ${compared} connections (and ${fixed} untrainable) on 60 networks; worst error ` +
          `${(worst * 100).toFixed(1)}% of the allowance`,
      );
      expect(compared).toBeGreaterThan(500);
      expect(fixed).toBeGreaterThan(10);
    });
  }
});

describe('the observed path (real runs, for listeners) against the silent one', () => {
  it('gives the same gradients and loss on 30 random recurrent networks, truncated or not', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const { net, samples } = problem(seed, 'mse', true);
      for (const truncate of [undefined, 2]) {
        const trainer = new Trainer(net, truncate === undefined ? {} : { truncate });
        const silent = trainer.gradients(samples);
        const loss = trainer.loss(samples);
        const listener = () => {};
        net.on('neuronActivated', listener);
        const observed = trainer.gradients(samples);
        expect(trainer.loss(samples)).toBeCloseTo(loss, 14);
        net.off('neuronActivated', listener);
        observed.forEach(({ gradient }, i) => expect(gradient).toBeCloseTo(silent[i]!.gradient, 14));
      }
    }
  });
});

describe('truncated backpropagation through time', () => {
  it('is the exact gradient of the truncated objective (earlier steps held fixed), k = 1, 2, 3', () => {
    let compared = 0;
    let worst = 0;
    for (let seed = 1; seed <= 30; seed++) {
      const { net, samples } = problem(seed, 'mse', true);
      for (const k of [1, 2, 3]) {
        const analytic = new Trainer(net, { truncate: k }).gradients(samples);
        for (const { from, to, gradient } of analytic) {
          if (!net.connection(from, to).trainable) continue;
          const w = net.weight(from, to);
          // The prefix of each window runs on the unchanged weights: the weight changes only for the window.
          const at = (delta: number) => {
            let total = 0;
            let counted = 0;
            for (const sample of samples) {
              const steps = 'steps' in sample ? sample.steps : [sample];
              steps.forEach((step, t) => {
                if (step.output === undefined) return;
                const floor = Math.max(0, t - k + 1);
                net.setWeight(from, to, w);
                if (floor > 0) net.runSequence(steps.slice(0, floor).map((s) => s.input));
                net.setWeight(from, to, w + delta);
                const outputs = net.runSequence(
                  steps.slice(floor, t + 1).map((s) => s.input),
                  { reset: floor === 0 },
                );
                const last = outputs[outputs.length - 1]!;
                net.outputs.forEach((id, o) => {
                  total += (last[id]! - (step.output as number[])[o]!) ** 2;
                });
                counted++;
              });
            }
            net.setWeight(from, to, w);
            return total / (counted * net.outputs.length);
          };
          const numeric = (8 * (at(H) - at(-H)) - (at(2 * H) - at(-2 * H))) / (12 * H);
          const error = Math.abs(gradient - numeric);
          const allowed = Math.max(1e-6 * Math.max(Math.abs(gradient), Math.abs(numeric)), 1e-9);
          expect(error, `seed ${seed}, k ${k}, ${from} -> ${to}: ${gradient} vs ${numeric}`).toBeLessThanOrEqual(
            allowed,
          );
          worst = Math.max(worst, error / allowed);
          compared++;
        }
      }
    }
    console.log(`truncate 1–3: ${compared} gradients; worst error ${(worst * 100).toFixed(1)}% of the allowance`);
    expect(compared).toBeGreaterThan(1000);
  });

  it('with truncate ≥ the longest sequence, equals full backpropagation through time', () => {
    let differs = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const { net, samples } = problem(seed, 'mse', true);
      const full = new Trainer(net).gradients(samples);
      for (const k of [6, 7, 100]) {
        const truncated = new Trainer(net, { truncate: k }).gradients(samples);
        truncated.forEach(({ gradient }, i) => {
          expect(gradient).toBeCloseTo(full[i]!.gradient, 12);
        });
      }
      // A shorter window changes the gradient somewhere, where the network's memory reaches an output.
      const one = new Trainer(net, { truncate: 1 }).gradients(samples);
      if (one.some(({ gradient }, i) => Math.abs(gradient - full[i]!.gradient) > 1e-9)) differs++;
    }
    expect(differs).toBeGreaterThan(15); // 24 of 40 today
  });
});

describe('product neurons', () => {
  it('get exact gradients when a factor is zero (no division): d(w1 a · w2 b)/dw1 = a · w2 b', () => {
    const net = new Network()
      .addInput('a')
      .addInput('b')
      .addOutput('y', { activation: 'identity', aggregate: 'product' })
      .connect('a', 'y', 0)
      .connect('b', 'y', 3);
    // y = (0 · 1)(3 · 5) = 0; mse's d loss / d y = 2 (y − 1) = −2.
    const gradients = new Trainer(net).gradients([{ input: [1, 5], output: [1] }]);
    expect(gradients).toStrictEqual([
      { from: 'a', to: 'y', gradient: -2 * 1 * 15 },
      { from: 'b', to: 'y', gradient: 0 },
    ]);
  });

  it('train on one-step samples in a feed-forward network (a product of two sigmoids learns AND)', async () => {
    const net = new Network()
      .addInput('a')
      .addInput('b')
      .addNeuron('p', { activation: 'sigmoid' })
      .addNeuron('q', { activation: 'sigmoid' })
      .addOutput('y', { activation: 'identity', aggregate: 'product' })
      .addBias()
      .connect('a', 'p', 0.1)
      .connect('b', 'q', 0.1)
      .connect('p', 'y', 1, { trainable: false })
      .connect('q', 'y', 1, { trainable: false });
    const samples = [
      { input: [0, 0], output: [0] },
      { input: [0, 1], output: [0] },
      { input: [1, 0], output: [0] },
      { input: [1, 1], output: [1] },
    ];
    const result = await new Trainer(net, { learningRate: 2, epochs: 3000, errorThreshold: 0.01 }).train(samples);
    expect(result.converged).toBe(true);
    expect(net.weight('p', 'y')).toBe(1);
    expect(net.weight('q', 'y')).toBe(1);
  });
});
