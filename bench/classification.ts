/**
 * W7: classification training (issue 10). MNIST 784-64-10, relu hidden, softmax out,
 * categorical cross-entropy, Adam (learning rate 0.001), batches of 32, every library
 * from neurograph's seeded starting weights, on the same seeded digits: time per epoch
 * over `EPOCHS` epochs and the accuracy on the same held-out digits after them.
 *
 *   neurograph      `Trainer` as documented, nobody listening (matrix mini-batches), float64
 *   hand-written    the tightest plain-JavaScript loop for exactly this network (float64),
 *                   see bench/classification/hand-written.ts; `tune` compares its loop orders
 *   TensorFlow.js   wasm backend, `model.fit` and a `minimize` loop over fused matMuls (float32)
 *   brain.js        no softmax and no mini-batches: 784-64-10 sigmoid with its own online training
 *
 * Every result is checked: each library must reach `MIN_ACCURACY`, and neurograph's and the
 * hand-written loop's losses (the same steps on the same samples in the same order) must
 * agree to `AGREEMENT`. The fast cases run `ROUNDS` times, interleaved in a rotating order
 * (medians reported); the slow ones (brain.js, and TensorFlow.js's cpu backend with `--cpu`)
 * run once, each epoch timed.
 *
 *   node --expose-gc --max-old-space-size=8192 --import tsx/esm bench/classification.ts [--json] [--cpu]
 *   node --expose-gc --import tsx/esm bench/classification.ts tune     (the hand-written loop orders)
 *
 * Knobs from the environment: W7_TRAIN (5000 digits), W7_TEST (1000), W7_EPOCHS (3), W7_ROUNDS (3).
 */
import { isMainModule } from '../scenarios/support.js';
import { brainSigmoid } from './classification/brain.js';
import { HandWrittenMlp, type ForwardKernel, type GradientKernel } from './classification/hand-written.js';
import { neurographAccuracy, trainNeurograph } from './classification/neurograph.js';
import { tfjsFit, tfjsLoop, useBackend, type TfjsBackend, type TfjsClassifier } from './classification/tfjs.js';
import {
  accuracyOf,
  build,
  loadDigits,
  startingWeights,
  type Digits,
  type StartingWeights,
} from './classification/workload.js';
import { table } from './harness.js';

const SEED = 1;
const TRAIN = Number(process.env.W7_TRAIN ?? 5000);
const TEST = Number(process.env.W7_TEST ?? 1000);
const EPOCHS = Number(process.env.W7_EPOCHS ?? 3);
const ROUNDS = Number(process.env.W7_ROUNDS ?? 3);
/** Every library must read at least this share of the test digits right after `EPOCHS` epochs. */
export const MIN_ACCURACY = 0.85;
/** neurograph's and the hand-written loop's last-epoch losses: largest relative difference. */
export const AGREEMENT = 1e-9;

const HAND = 'hand-written Float64Array loop';

/** One library's way of training: a fresh model from the starting weights, then epochs, then its test accuracy. */
interface Contender {
  readonly name: string;
  readonly precision: 'float64' | 'float32';
  readonly note: string;
  /** Runs once (each epoch timed) instead of `ROUNDS` times. */
  readonly slow?: boolean;
  readonly create: () => Promise<Trainee>;
}

interface Trainee {
  /** Trains `epochs` more epochs; returns the last epoch's training loss when the library reports one. */
  train(epochs: number): Promise<number | undefined>;
  accuracy(): number;
  dispose?(): void;
}

export interface ClassificationResult {
  readonly name: string;
  readonly precision: string;
  readonly note: string;
  /** Milliseconds per epoch: every measurement. */
  readonly msPerEpoch: number[];
  readonly accuracy: number[];
  readonly loss: (number | undefined)[];
  readonly failure?: string;
}

function contenders(start: StartingWeights, train: Digits, test: Digits, cpu: boolean): Contender[] {
  const tfjs = (backend: TfjsBackend, kind: 'fit' | 'loop'): Contender => ({
    name: `TensorFlow.js 4.22 ${backend}, ${kind === 'fit' ? '`model.fit`' : '`minimize` loop, `tf.fused.matMul`'}`,
    precision: 'float32',
    note:
      kind === 'fit'
        ? '`tf.sequential` of two dense layers, adam, `categoricalCrossentropy`, `fit({ batchSize: 32, shuffle: true })`'
        : 'batches gathered in the same shuffled order, `losses.softmaxCrossEntropy`',
    slow: backend === 'cpu',
    create: async () => {
      await useBackend(backend);
      const model: TfjsClassifier = (kind === 'fit' ? tfjsFit : tfjsLoop)(start, train, SEED);
      return {
        train: async (epochs) => {
          await useBackend(backend);
          await model.train(epochs);
          return undefined;
        },
        accuracy: () => accuracyOf(model.outputs(test), test.labels),
        dispose: () => model.dispose(),
      };
    },
  });
  return [
    {
      name: HAND,
      precision: 'float64',
      note: 'relu and softmax inlined, 4 samples × 4 units register blocks forward, 4 samples × 2 rows per gradient pass, no allocation',
      create: async () => {
        const mlp = new HandWrittenMlp(start, train, { seed: SEED });
        return {
          train: async (epochs) => {
            let loss = Number.NaN;
            for (let e = 0; e < epochs; e++) loss = mlp.epoch();
            return loss;
          },
          accuracy: () => accuracyOf(mlp.predict(test), test.labels),
        };
      },
    },
    {
      name: 'neurograph `Trainer`, no listener',
      precision: 'float64',
      note: "`new Trainer(net, { loss: 'categoricalCrossEntropy', optimizer: 'adam', batchSize: 32, epochs })`, `evaluate`",
      create: async () => {
        const network = build(SEED);
        return {
          train: (epochs) => trainNeurograph(network, train, epochs, SEED),
          accuracy: () => neurographAccuracy(network, test),
        };
      },
    },
    tfjs('wasm', 'fit'),
    tfjs('wasm', 'loop'),
    ...(cpu ? [tfjs('cpu', 'fit'), tfjs('cpu', 'loop')] : []),
    {
      name: 'brain.js 1.6.1 `NeuralNetwork`',
      precision: 'float32',
      note: 'cannot train this network (no softmax, no mini-batches); measured: 784-64-10 **sigmoid**, its default online SGD (rate 0.3, momentum 0.1); its loss is its mean squared error',
      slow: true,
      create: async () => {
        const net = brainSigmoid(start, train);
        return {
          train: async (epochs) => net.train(epochs),
          accuracy: () => accuracyOf(net.outputs(test), test.labels),
        };
      },
    },
  ];
}

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  globalThis.gc?.();
  const start = process.hrtime.bigint();
  const result = await work();
  return { result, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

export async function measureClassification(cpu = false): Promise<ClassificationResult[]> {
  const { train, test } = await loadDigits(TRAIN, TEST, SEED);
  const start = startingWeights(build(SEED));
  const all = contenders(start, train, test, cpu);
  const results = all.map((c) => ({
    name: c.name,
    precision: c.precision,
    note: c.note,
    msPerEpoch: [] as number[],
    accuracy: [] as number[],
    loss: [] as (number | undefined)[],
    failure: undefined as string | undefined,
  }));
  const fast = all.map((_, i) => i).filter((i) => !all[i]!.slow);
  const slow = all.map((_, i) => i).filter((i) => all[i]!.slow);
  for (let round = 0; round < ROUNDS; round++) {
    // A rotating order, so no library always runs first (or right after the same other one).
    const order = fast.map((_, k) => fast[(k + round) % fast.length]!);
    if (round === 0) order.push(...slow);
    for (const i of order) {
      const contender = all[i]!;
      const result = results[i]!;
      try {
        const trainee = await contender.create();
        let loss: number | undefined;
        if (contender.slow) {
          for (let epoch = 0; epoch < EPOCHS; epoch++) {
            const { result: last, ms } = await timed(() => trainee.train(1));
            result.msPerEpoch.push(ms);
            loss = last;
          }
        } else {
          const { result: last, ms } = await timed(() => trainee.train(EPOCHS));
          result.msPerEpoch.push(ms / EPOCHS);
          loss = last;
        }
        result.loss.push(loss);
        result.accuracy.push(trainee.accuracy());
        trainee.dispose?.();
      } catch (error) {
        result.failure = `threw: ${error instanceof Error ? error.message : String(error)}`;
      }
    }
  }
  // The checks: every library learns; neurograph and the hand-written loop took the same steps.
  for (const result of results) {
    const worst = Math.min(...result.accuracy);
    if (result.failure === undefined && !(worst >= MIN_ACCURACY))
      result.failure = `learns too little: ${(worst * 100).toFixed(1)}% < ${MIN_ACCURACY * 100}%`;
  }
  const hand = results.find((r) => r.name === HAND)!;
  const ours = results.find((r) => r.name.startsWith('neurograph'))!;
  const a = hand.loss[0];
  const b = ours.loss[0];
  if (a === undefined || b === undefined || !(Math.abs(a - b) <= AGREEMENT * Math.abs(a)))
    ours.failure ??= `its loss ${b} is not the hand-written loop's ${a}`;
  return results;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[sorted.length >> 1]!;
}

function ms(value: number): string {
  return value < 1000 ? `${value.toFixed(0)} ms` : `${(value / 1000).toFixed(2)} s`;
}

export function formatClassification(results: readonly ClassificationResult[]): string {
  const hand = median(results.find((r) => r.name === HAND)!.msPerEpoch);
  const rows = results.map((r) => {
    if (r.msPerEpoch.length === 0) return [r.name, '—', r.failure ?? '—', '—', '—', '—', r.precision, r.note];
    const m = median(r.msPerEpoch);
    const accuracies = [...new Set(r.accuracy.map((a) => `${(a * 100).toFixed(1)}%`))].join(', ');
    const loss = r.loss[0] === undefined ? '—' : r.loss[0].toFixed(4);
    return [
      r.name,
      ms(m),
      `${ms(Math.min(...r.msPerEpoch))} – ${ms(Math.max(...r.msPerEpoch))}`,
      `${(m / hand).toFixed(2)}×`,
      r.failure === undefined ? accuracies : `${accuracies} (${r.failure})`,
      loss,
      r.precision,
      r.note,
    ];
  });
  const ours = results.find((r) => r.name.startsWith('neurograph'))!;
  const handLoss = results.find((r) => r.name === HAND)!.loss[0]!;
  const difference = Math.abs(ours.loss[0]! - handLoss) / Math.abs(handLoss);
  return [
    `${TRAIN.toLocaleString('en')} training digits and ${TEST.toLocaleString('en')} other test digits (seed ${SEED}), ` +
      `${EPOCHS} epochs; time per epoch (median of ${ROUNDS} interleaved runs; brain.js: of its ${EPOCHS} epochs in one run), ` +
      `test accuracy after ${EPOCHS} epochs (every run's), and the last epoch's training loss.`,
    '',
    table(
      [
        'library',
        'per epoch (median)',
        'min – max',
        '× hand-written',
        `test accuracy after ${EPOCHS} epochs`,
        'training loss',
        'numbers',
        'how',
      ],
      rows,
    ),
    '',
    `neurograph and the hand-written loop take the same steps: their losses after ${EPOCHS} epochs differ by ` +
      `${difference.toExponential(1)} (relative; checked ≤ ${AGREEMENT}).`,
  ].join('\n');
}

export async function benchClassification(): Promise<string> {
  return formatClassification(await measureClassification(process.argv.includes('--cpu')));
}

/** The hand-written loop's kernels, each pair timed on one epoch, interleaved: the fastest is the baseline's. */
async function tune(): Promise<string> {
  const { train } = await loadDigits(TRAIN, 0, SEED);
  const start = startingWeights(build(SEED));
  const variants: [ForwardKernel, GradientKernel][] = [
    ['dot4', 'axpy1'],
    ['dot4', 'axpy4'],
    ['block4x2', 'axpy1'],
    ['block4x2', 'axpy4'],
    ['block4x2', 'axpy4x2'],
    ['block4x4', 'axpy4'],
    ['block4x4', 'axpy4x2'],
  ];
  const times = variants.map(() => [] as number[]);
  const losses = variants.map(() => 0);
  for (let round = 0; round < Math.max(ROUNDS, 5); round++) {
    for (let k = 0; k < variants.length; k++) {
      const v = (k + round) % variants.length;
      const [forward, gradient] = variants[v]!;
      const mlp = new HandWrittenMlp(start, train, { forward, gradient, seed: SEED });
      const { result, ms: elapsed } = await timed(async () => mlp.epoch());
      times[v]!.push(elapsed);
      losses[v] = result;
    }
  }
  return table(
    ['forward Z1 = X·W1ᵀ', 'gradient gW1 = dZ1ᵀ·X', 'per epoch (median)', 'min – max', 'loss after one epoch'],
    variants.map(([forward, gradient], v) => [
      `\`${forward}\``,
      `\`${gradient}\``,
      ms(median(times[v]!)),
      `${ms(Math.min(...times[v]!))} – ${ms(Math.max(...times[v]!))}`,
      String(losses[v]),
    ]),
  );
}

if (isMainModule(import.meta.url)) {
  if (process.argv.includes('tune')) console.log(await tune());
  else if (process.argv.includes('--json'))
    console.log(JSON.stringify(await measureClassification(process.argv.includes('--cpu')), null, 2));
  else console.log(await benchClassification());
}
