/**
 * Training speed: µs per sample for one online SGD step (forward + backward +
 * update, sigmoid everywhere, mean squared error), neurograph's trainer step on
 * the plan against a hand-written Float64Array loop of the same step for the same
 * layered network, in the same process. The hand-written loop starts from the same
 * weights and sums in the same order, so both end with the same weights bit for
 * bit (checked below): the comparison is of speed only.
 */
import { Network } from '../src/index.js';
import { isMainModule } from '../scenarios/support.js';
import { Trainer } from '../src/train/trainer.js';
import { GraphWalk } from '../src/train/gradient-path.js';
import { losses } from '../src/train/losses.js';
import { resolveOptimizer } from '../src/train/optimizers.js';
import { readSamples } from '../src/train/samples.js';
import { WorkingCopy } from '../src/train/working-copy.js';
import { createRandom } from '../src/random.js';
import { compare, formatNs, table, type BenchResult } from './harness.js';
import { DenseBatch } from '../src/train/dense-batch.js';
import { planOf } from '../src/plan/plan-cache.js';

const LEARNING_RATE = 0.1;

interface Problem {
  readonly sizes: readonly number[];
  readonly samples: { input: number[]; output: number[] }[];
}

function problem(sizes: readonly number[], count: number, seed: number): Problem {
  const random = createRandom(seed);
  const inputs = sizes[0]!;
  const outputs = sizes[sizes.length - 1]!;
  const samples = Array.from({ length: count }, () => {
    const hot = Math.floor(random() * outputs);
    return {
      input: Array.from({ length: inputs }, () => random()),
      output: Array.from({ length: outputs }, (_, i) => (outputs === 1 ? Math.round(random()) : i === hot ? 1 : 0)),
    };
  });
  return { sizes, samples };
}

const xor: Problem = {
  sizes: [2, 3, 1],
  samples: [
    { input: [0, 0], output: [0] },
    { input: [0, 1], output: [1] },
    { input: [1, 0], output: [1] },
    { input: [1, 1], output: [0] },
  ],
};

/** neurograph's own training step (the code Trainer.train runs), on a working copy of the network. */
function neurographStepper(network: Network, samples: Problem['samples']) {
  const copy = new WorkingCopy(network, 'bench');
  const block = readSamples(samples, copy.plan, 'bench');
  const optimizer = resolveOptimizer('sgd', 'bench').create(copy.plan.weights.length);
  const gradients = new Float64Array(copy.plan.weights.length);
  const order = Int32Array.from({ length: block.count }, (_, k) => k);
  const path = new GraphWalk(copy, losses.mse, 'bench');
  let next = 0;
  return {
    copy,
    run(iterations: number) {
      let total = 0;
      for (let i = 0; i < iterations; i++) {
        total += path.pass(block, order, next, next + 1, gradients);
        copy.markVerified();
        if (optimizer.step(copy.current.weights, copy.next.weights, gradients, LEARNING_RATE) !== 0)
          throw new Error('non-finite step');
        copy.swap();
        next = next + 1 === block.count ? 0 : next + 1;
      }
      return total;
    },
  };
}

/**
 * The same step written by hand for a layered sigmoid network: one weight matrix
 * (row per target) and one bias vector per layer, gradient and update fused.
 */
function handWrittenStepper(network: Network, samples: Problem['samples'], sizes: readonly number[]) {
  const layers = sizes.length - 1;
  const matrices: Float64Array[] = [];
  const biases: Float64Array[] = [];
  const ids = (layer: number, i: number) => (layer === 0 ? `x${i}` : layer === layers ? `y${i}` : `h${layer}_${i}`);
  for (let layer = 1; layer <= layers; layer++) {
    const rows = sizes[layer]!;
    const columns = sizes[layer - 1]!;
    const matrix = new Float64Array(rows * columns);
    const bias = new Float64Array(rows);
    for (let j = 0; j < rows; j++) {
      for (let i = 0; i < columns; i++) matrix[j * columns + i] = network.weight(ids(layer - 1, i), ids(layer, j));
      bias[j] = network.weight('bias', ids(layer, j));
    }
    matrices.push(matrix);
    biases.push(bias);
  }
  const activations = sizes.map((size) => new Float64Array(size));
  const deltas = sizes.map((size) => new Float64Array(size));
  const inputs = samples.map((sample) => Float64Array.from(sample.input));
  const targets = samples.map((sample) => Float64Array.from(sample.output));
  const outputs = sizes[layers]!;
  let next = 0;
  return {
    matrices,
    biases,
    run(iterations: number) {
      let total = 0;
      for (let n = 0; n < iterations; n++) {
        activations[0]!.set(inputs[next]!);
        const target = targets[next]!;
        next = next + 1 === inputs.length ? 0 : next + 1;
        // forward
        for (let layer = 1; layer <= layers; layer++) {
          const x = activations[layer - 1]!;
          const y = activations[layer]!;
          const w = matrices[layer - 1]!;
          const b = biases[layer - 1]!;
          const columns = x.length;
          for (let j = 0; j < y.length; j++) {
            let sum = 0;
            for (let i = 0; i < columns; i++) sum += w[j * columns + i]! * x[i]!;
            sum += b[j]!;
            y[j] = 1 / (1 + Math.exp(-sum));
          }
        }
        // loss and output deltas: d mean((y - t)^2) / dy
        const y = activations[layers]!;
        const top = deltas[layers]!;
        for (let j = 0; j < outputs; j++) {
          const error = y[j]! - target[j]!;
          total += error * error;
          top[j] = (1 / outputs) * (2 * error);
        }
        // backward, updating each weight right after its old value was used
        for (let layer = layers; layer >= 1; layer--) {
          const x = activations[layer - 1]!;
          const out = activations[layer]!;
          const delta = deltas[layer]!;
          const below = deltas[layer - 1]!;
          if (layer > 1) below.fill(0);
          const w = matrices[layer - 1]!;
          const b = biases[layer - 1]!;
          const columns = x.length;
          for (let j = out.length - 1; j >= 0; j--) {
            const local = delta[j]! * (out[j]! * (1 - out[j]!));
            b[j] = b[j]! - LEARNING_RATE * local;
            if (layer === 1) {
              // The inputs need no deltas.
              for (let i = 0; i < columns; i++)
                w[j * columns + i] = w[j * columns + i]! - LEARNING_RATE * (local * x[i]!);
              continue;
            }
            for (let i = 0; i < columns; i++) {
              const k = j * columns + i;
              below[i] = below[i]! + local * w[k]!;
              w[k] = w[k]! - LEARNING_RATE * (local * x[i]!);
            }
          }
        }
      }
      return total;
    },
  };
}

function sameWeights(
  network: Network,
  ours: WorkingCopy,
  hand: ReturnType<typeof handWrittenStepper>,
  sizes: readonly number[],
): boolean {
  ours.writeBack();
  const layers = sizes.length - 1;
  const ids = (layer: number, i: number) => (layer === 0 ? `x${i}` : layer === layers ? `y${i}` : `h${layer}_${i}`);
  for (let layer = 1; layer <= layers; layer++) {
    const columns = sizes[layer - 1]!;
    for (let j = 0; j < sizes[layer]!; j++) {
      if (network.weight('bias', ids(layer, j)) !== hand.biases[layer - 1]![j]) return false;
      for (let i = 0; i < columns; i++) {
        if (network.weight(ids(layer - 1, i), ids(layer, j)) !== hand.matrices[layer - 1]![j * columns + i])
          return false;
      }
    }
  }
  return true;
}

async function timeAsync(work: () => Promise<unknown>): Promise<{ ms: number }> {
  const start = process.hrtime.bigint();
  await work();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

export async function benchTraining(): Promise<string> {
  const rows: string[][] = [];
  for (const [name, { sizes, samples }] of [
    ['XOR 2-3-1', xor],
    ['64-128-128-10', problem([64, 128, 128, 10], 64, 7)],
  ] as const) {
    // Same starting weights, same samples, same number of steps: the weights must agree exactly.
    const checkOurs = Network.layered(sizes, { activation: 'sigmoid', seed: 3 });
    const ours = neurographStepper(checkOurs, samples);
    const hand = handWrittenStepper(checkOurs, samples, sizes);
    ours.run(3 * samples.length);
    hand.run(3 * samples.length);
    const agree = sameWeights(checkOurs, ours.copy, hand, sizes);
    ours.copy.release();

    const results = compare([
      {
        name: 'neurograph',
        run: neurographStepper(Network.layered(sizes, { activation: 'sigmoid', seed: 3 }), samples).run,
      },
      {
        name: 'hand-written',
        run: handWrittenStepper(Network.layered(sizes, { activation: 'sigmoid', seed: 3 }), samples, sizes).run,
      },
    ]);
    const [engine, reference] = results as [(typeof results)[0], (typeof results)[0]];

    // The whole Trainer.train (shuffling, abort checks, yields, epoch bookkeeping) on about 0.3 s of work.
    const network = Network.layered(sizes, { activation: 'sigmoid', seed: 3 });
    const epochs = Math.max(1, Math.round(3e8 / (engine.median * samples.length)));
    await new Trainer(network, { learningRate: LEARNING_RATE, epochs: Math.ceil(epochs / 4), shuffle: false }).train(
      samples,
    ); // warm-up
    const trainer = new Trainer(network, { learningRate: LEARNING_RATE, epochs, shuffle: false });
    const { ms } = await timeAsync(() => trainer.train(samples));
    const perSample = (ms * 1e6) / (epochs * samples.length);

    const weights = planOf(network).weights.length;
    rows.push([
      name,
      String(weights),
      `${formatNs(engine.median)} (${formatNs(engine.min)}–${formatNs(engine.max)})`,
      `${formatNs(reference.median)} (${formatNs(reference.min)}–${formatNs(reference.max)})`,
      `${(engine.median / reference.median).toFixed(2)}×`,
      formatNs(perSample),
      agree ? 'yes' : 'NO',
    ]);
  }
  return [
    table(
      [
        'network',
        'weights',
        'neurograph step / sample',
        'hand-written / sample',
        'ratio',
        'Trainer.train / sample',
        'same weights',
      ],
      rows,
    ),
    '',
    miniBatches(),
  ].join('\n');
}

/** A mini-batch's gradient on 64-128-128-10 (batch 32): the graph walk per sample against the matrix form. */
function miniBatches(): string {
  const { sizes, samples } = problem([64, 128, 128, 10], 32, 11);
  const network = Network.layered(sizes, { activation: 'sigmoid', seed: 3 });
  const copy = new WorkingCopy(network, 'bench');
  const block = readSamples(samples, copy.plan, 'bench');
  const order = Int32Array.from({ length: block.count }, (_, k) => k);
  const gradients = new Float64Array(copy.plan.weights.length);
  const dense = DenseBatch.forPlan(copy.plan, block.count)!;
  const walk = new GraphWalk(copy, losses.mse, 'bench');
  const [graph, matrices] = compare([
    {
      name: 'graph',
      unitsPerIteration: block.count,
      run: (n) => {
        for (let i = 0; i < n; i++) walk.pass(block, order, 0, block.count, gradients);
      },
    },
    {
      name: 'matrices',
      unitsPerIteration: block.count,
      run: (n) => {
        for (let i = 0; i < n; i++)
          dense.accumulate(copy.current.weights, block, order, 0, block.count, losses.mse, gradients);
      },
    },
  ]) as [BenchResult, BenchResult];
  copy.release();
  const row = (name: string, r: BenchResult) => [
    name,
    formatNs(r.median),
    `${formatNs(r.min)} – ${formatNs(r.max)}`,
    `${(graph.median / r.median).toFixed(2)}×`,
  ];
  return table(
    ['64-128-128-10, batch of 32: forward + backward', 'per sample', 'min – max', 'speed-up'],
    [
      row('graph walk per sample (batchSize 1 path)', graph),
      row('matrix products (what `Trainer` uses for batchSize > 1)', matrices),
    ],
  );
}

if (isMainModule(import.meta.url)) {
  console.log(await benchTraining());
}
