// Training softmax outputs: gradients against finite differences on every gradient path (graph walk, dense
// matrices, through time), the fused categorical cross-entropy gradient, losses that do not fit, and learning.
import { describe, expect, it } from 'vitest';
import {
  Network,
  Trainer,
  UsageError,
  createRandom,
  type LossName,
  type Sample,
  type SequenceSample,
} from '../src/index.js';
import { planOf } from '../src/plan/plan-cache.js';
import { DenseBatch } from '../src/train/dense-batch.js';
import { GraphWalk } from '../src/train/gradient-path.js';
import { resolveLoss } from '../src/train/losses.js';
import { readSamples } from '../src/train/samples.js';
import { WorkingCopy } from '../src/train/working-copy.js';
import { numericGradient, offKinks } from './support/gradient-check.js';
import { randomNetwork } from './support/random-network.js';
import { randomRecurrentNetwork } from './support/recurrent-network.js';

/** One-hot targets for `loss: categoricalCrossEntropy`; any targets in [0, 1] for mse. */
function randomSamples(seed: number, net: Network, count: number, loss: LossName): Sample[] {
  const random = createRandom(seed);
  return Array.from({ length: count }, () => {
    const winner = Math.floor(random() * net.outputs.length);
    return {
      input: net.inputs.map(() => random() * 4 - 2),
      output: net.outputs.map((_id, k) => (loss === 'mse' ? random() : k === winner ? 1 : 0)),
    };
  });
}

function expectGradientsMatch(trainer: Trainer, samples: readonly (Sample | SequenceSample)[], label: string): number {
  let compared = 0;
  for (const { from, to, gradient } of trainer.gradients(samples)) {
    // Training never moves an untrainable connection: its gradient is reported as 0.
    if (!trainer.network.connection(from, to).trainable) {
      expect(gradient).toBe(0);
      continue;
    }
    const numeric = numericGradient(trainer, samples, from, to);
    const allowed = Math.max(1e-6 * Math.max(Math.abs(gradient), Math.abs(numeric)), 1e-9);
    expect(Math.abs(gradient - numeric), `${label}, ${from} -> ${to}: ${gradient} vs ${numeric}`).toBeLessThanOrEqual(
      allowed,
    );
    compared++;
  }
  return compared;
}

describe('softmax gradients against central finite differences', () => {
  for (const loss of ['mse', 'categoricalCrossEntropy'] as const) {
    it(`agree on 40 random DAGs with a softmax group (${loss})`, () => {
      let compared = 0;
      for (let seed = 1; seed <= 40; seed++) {
        for (let attempt = 0; ; attempt++) {
          const draw = seed * 100 + attempt;
          const net = randomNetwork(draw, {
            inputs: 1 + (seed % 3),
            hidden: 1 + (seed % 5),
            outputs: 2 + (seed % 3),
            density: 0.6,
            bias: seed % 4 !== 0,
            softmax: true,
            activations: ['identity', 'sigmoid', 'tanh', 'relu'],
          });
          const samples = randomSamples(draw, net, 2 + (seed % 3), loss);
          if (!offKinks(net, samples)) continue;
          compared += expectGradientsMatch(new Trainer(net, { loss }), samples, `seed ${seed}`);
          break;
        }
      }
      expect(compared).toBeGreaterThan(300);
    });
  }

  it('agree through time, with a softmax group reading delayed connections', () => {
    let compared = 0;
    for (let seed = 1; seed <= 15; seed++) {
      const net = randomRecurrentNetwork(seed, { outputs: 0, products: 0.15 });
      // Recurrent test networks draw step neurons too: make them smooth for gradients.
      for (const id of net.neurons)
        if (net.graph.getNodeAttribute(id, 'activation') === 'step')
          net.graph.setNodeAttribute(id, 'activation', 'tanh');
      const hidden = net.neurons.filter((id) => id.startsWith('h'));
      for (let k = 0; k < 3; k++) {
        net.addOutput(`p${k}`, { activation: 'softmax' });
        hidden.forEach((h, i) => net.connect(h, `p${k}`, ((i + k) % 3) - 1 + 0.25, { delay: (i + k) % 2 }));
      }
      const random = createRandom(seed);
      const samples: SequenceSample[] = [0, 1].map(() => ({
        steps: Array.from({ length: 4 }, () => {
          const winner = Math.floor(random() * 3);
          return {
            input: net.inputs.map(() => random() * 2 - 1),
            output: [0, 1, 2].map((k) => (k === winner ? 1 : 0)),
          };
        }),
      }));
      if (!offKinks(net, samples)) continue;
      compared += expectGradientsMatch(new Trainer(net, { loss: 'categoricalCrossEntropy' }), samples, `seed ${seed}`);
    }
    expect(compared).toBeGreaterThan(100);
  });
});

describe('softmax as matrices', () => {
  it('give the graph walk’s loss and mean gradient on 30 layered networks, both losses', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const random = createRandom(seed);
      const sizes = [1 + (seed % 4), 2 + (seed % 5), 2 + Math.floor(random() * 4)];
      const net = Network.layered(sizes, { activation: 'tanh', outputActivation: 'softmax', seed });
      const lossName = seed % 2 ? 'mse' : 'categoricalCrossEntropy';
      const loss = resolveLoss(lossName, 'test');
      const dense = DenseBatch.forPlan(planOf(net), 6)!;
      const copy = new WorkingCopy(net, 'test');
      try {
        const block = readSamples(randomSamples(seed, net, 6, lossName), planOf(net), 'test');
        const order = [2, 5, 0, 4, 1, 3];
        const viaGraph = new Float64Array(planOf(net).weights.length);
        const viaMatrices = new Float64Array(planOf(net).weights.length);
        const graphLoss = new GraphWalk(copy, loss, 'test').pass(block, order, 0, 6, viaGraph);
        const matrixLoss = dense.accumulate(copy.current.weights, block, order, 0, 6, loss, viaMatrices) as number;
        expect(matrixLoss).toBeCloseTo(graphLoss, 12);
        viaGraph.forEach((gradient, slot) =>
          expect(Math.abs(viaMatrices[slot]! - gradient), `seed ${seed}, slot ${slot}`).toBeLessThanOrEqual(
            1e-12 * Math.max(1, Math.abs(gradient)),
          ),
        );
      } finally {
        copy.release();
      }
    }
  });
});

describe('categorical cross-entropy', () => {
  it('is −Σ t log p per sample, a mean over samples (not over outputs), as Keras reports it', () => {
    const net = Network.layered([2, 3], { outputActivation: 'softmax', seed: 4 });
    const samples = randomSamples(3, net, 5, 'categoricalCrossEntropy');
    const byHand =
      samples.reduce((sum, { input, output }) => {
        const p = Object.values(net.run(input as number[]));
        return sum - (output as number[]).reduce((s, t, k) => s + t * Math.log(p[k]!), 0);
      }, 0) / samples.length;
    expect(new Trainer(net, { loss: 'categoricalCrossEntropy' }).loss(samples)).toBeCloseTo(byHand, 12);
  });

  it('has the fused gradient p − t: finite even when a probability underflows to 0', () => {
    const net = new Network().addInput('x');
    for (const id of ['a', 'b', 'c']) net.addOutput(id, { activation: 'softmax' });
    net.connect('x', 'a', 800).connect('x', 'b', -800).connect('x', 'c', 0);
    expect(net.run([1]).b).toBe(0);
    const gradients = new Trainer(net, { loss: 'categoricalCrossEntropy' }).gradients([
      { input: [1], output: [0, 1, 0] },
    ]);
    // d loss / d logit = p − t = (1, −1, 0), times x = 1.
    expect(gradients.map(({ gradient }) => gradient)).toStrictEqual([1, -1, 0]);
  });

  it('learns three gaussian classes to at least 95% training accuracy, on the dense path and the graph walk', async () => {
    const random = createRandom(11);
    const centres = [
      [-1, -1],
      [1, -1],
      [0, 1],
    ];
    const samples: Sample[] = Array.from({ length: 150 }, (_, i) => {
      const c = i % 3;
      return {
        input: centres[c]!.map((v) => v + (random() - 0.5)),
        output: [0, 1, 2].map((k) => (k === c ? 1 : 0)),
      };
    });
    for (const watched of [false, true]) {
      const net = Network.layered([2, 6, 3], { activation: 'tanh', outputActivation: 'softmax', seed: 2 });
      if (watched) net.on('runCompleted', () => {});
      const trainer = new Trainer(net, {
        loss: 'categoricalCrossEntropy',
        optimizer: 'adam',
        learningRate: 0.05,
        batchSize: 10,
        epochs: 40,
        seed: 1,
      });
      const { loss } = await trainer.train(samples);
      const right = samples.filter(({ input, output }) => {
        const p = Object.values(net.run(input as number[]));
        return p.indexOf(Math.max(...p)) === (output as number[]).indexOf(1);
      }).length;
      expect(right / samples.length, `watched: ${watched}, loss ${loss}`).toBeGreaterThanOrEqual(0.95);
    }
  });
});

describe('losses that do not fit the outputs', () => {
  it('categorical cross-entropy needs softmax outputs; binary cross-entropy refuses them', async () => {
    const sigmoid = Network.layered([2, 3], { seed: 1 });
    const softmax = Network.layered([2, 3], { outputActivation: 'softmax', seed: 1 });
    const samples = [{ input: [1, 0], output: [0, 1, 0] }];
    const before = JSON.stringify(sigmoid.toJSON());
    expect(() => new Trainer(sigmoid, { loss: 'categoricalCrossEntropy' })).toThrow(UsageError);
    expect(() => new Trainer(softmax, { loss: 'crossEntropy' })).toThrow(/categoricalCrossEntropy/);
    // Squared error fits any outputs.
    await new Trainer(softmax, { loss: 'mse', epochs: 2 }).train(samples);
    expect(JSON.stringify(sigmoid.toJSON())).toBe(before);
  });
});
