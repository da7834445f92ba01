// Fisher's iris flowers, three species from four measurements: a softmax classifier trained with categorical
// cross-entropy, held-out validation and early stopping, then one test flower traced through the network.
import {
  Network,
  Tracer,
  Trainer,
  classify,
  datasets,
  evaluate,
  type IrisSample,
  type TrainerOptions,
} from '../src/index.js';
import { isMainModule } from './support.js';

/** The share of test flowers that must be classified right. */
export const TARGET_ACCURACY = 0.9;

/** Measurements scaled to mean 0 and standard deviation 1, with the statistics of the training flowers only. */
export function standardize(train: readonly IrisSample[], all: readonly IrisSample[]): IrisSample[] {
  const keys = Object.keys(train[0]!.input);
  const mean = keys.map((key) => train.reduce((sum, s) => sum + s.input[key]!, 0) / train.length);
  const spread = keys.map((key, k) =>
    Math.sqrt(train.reduce((sum, s) => sum + (s.input[key]! - mean[k]!) ** 2, 0) / train.length),
  );
  return all.map((sample) => ({
    ...sample,
    input: Object.fromEntries(keys.map((key, k) => [key, (sample.input[key]! - mean[k]!) / spread[k]!])),
  }));
}

export function data(seed = 1) {
  const { train, test } = datasets.split(datasets.iris(), { test: 0.3, seed });
  const scaled = standardize(train, [...train, ...test]);
  return { train: scaled.slice(0, train.length), test: scaled.slice(train.length) };
}

/** For the CLI: the standardized training and test flowers of seed 1, as main() trains and tests on them. */
const flowers = data();
export const samples = flowers.train;
export const test = flowers.test;

export const build = (seed = 1) =>
  Network.layered([4, 8, 3], { activation: 'tanh', outputActivation: 'softmax', seed });

export const trainerOptions: TrainerOptions = {
  loss: 'categoricalCrossEntropy',
  optimizer: 'adam',
  learningRate: 0.01,
  batchSize: 8,
  epochs: 300,
  regularization: { l2: 1e-4 },
  earlyStopping: { patience: 20, restoreBest: true },
  seed: 1,
};

export async function main(seed = 1): Promise<boolean> {
  const { train, test } = data(seed);
  const net = build(seed);
  const trainer = new Trainer(net, trainerOptions);
  const result = await trainer.train(train, { validationSplit: 0.2 });
  console.log(
    `trained on ${train.length} flowers: ${result.epochs} epochs, stopped by ${result.stoppedBy}, ` +
      `best validation loss ${result.bestValidationLoss?.toFixed(4)} at epoch ${result.bestEpoch}`,
  );

  const { loss, accuracy, confusion } = evaluate(net, test, { loss: 'categoricalCrossEntropy' });
  console.log(
    `\n${test.length} test flowers: loss ${loss.toFixed(4)}, accuracy ${((accuracy ?? 0) * 100).toFixed(1)}%`,
  );
  const names = datasets.irisClasses;
  console.log(`\n${'true \\ predicted'.padEnd(18)}${names.map((n) => n.padStart(12)).join('')}`);
  confusion!.counts.forEach((row, t) =>
    console.log(`${names[t]!.padEnd(18)}${row.map((count) => String(count).padStart(12)).join('')}`),
  );

  // One test flower through the network: every activation, the softmax group last.
  const flower = test[0]!;
  const tracer = new Tracer(net);
  const outputs = net.run(flower.input);
  tracer.detach();
  console.log(`\nA ${flower.label} flower, traced:\n`);
  console.log(tracer.toPretty());
  const winner = classify(outputs);
  console.log(`\npredicted ${names[net.outputs.indexOf(winner)]} (${winner}); it is ${flower.label}`);
  return (accuracy ?? 0) >= TARGET_ACCURACY;
}

if (isMainModule(import.meta.url)) process.exitCode = (await main()) ? 0 : 1;
