// Handwritten digits (MNIST, from the optional mnist package): a 784-64-10 softmax network trained as matrices
// with categorical cross-entropy, scored on digits it never saw, with a confusion matrix and the misread ones.
import { Network, Trainer, classify, datasets, evaluate, type TrainerOptions } from '../src/index.js';
import { isMainModule } from './support.js';

/** The share of test digits that must be read right. */
export const TARGET_ACCURACY = 0.9;

export const build = (seed = 1) =>
  Network.layered([784, 64, 10], { activation: 'relu', outputActivation: 'softmax', seed });

export const trainerOptions: TrainerOptions = {
  loss: 'categoricalCrossEntropy',
  optimizer: 'adam',
  learningRate: 0.001,
  batchSize: 32,
  epochs: 15,
  earlyStopping: { patience: 3, restoreBest: true },
  seed: 1,
};

/** 28 × 28 grey levels as text, two characters a pixel. */
function picture(pixels: readonly number[]): string {
  const shades = ' .:-=+*#%@';
  const rows: string[] = [];
  for (let y = 0; y < 28; y += 2) {
    let row = '';
    for (let x = 0; x < 28; x++)
      row += shades[Math.min(9, Math.floor(((pixels[y * 28 + x]! + pixels[(y + 1) * 28 + x]!) / 2) * 10))];
    rows.push(row);
  }
  return rows.join('\n');
}

export async function main(sizes = { train: 6000, test: 1000 }, seed = 1, target = TARGET_ACCURACY): Promise<boolean> {
  const { train, test } = await datasets.mnist({ ...sizes, seed });
  const net = build(seed);
  const trainer = new Trainer(net, trainerOptions);
  trainer.on('epochCompleted', ({ epoch, loss, validationLoss, accuracy, validationAccuracy }) =>
    console.log(
      `epoch ${String(epoch).padStart(2)}: loss ${loss.toFixed(4)}, accuracy ${((accuracy ?? 0) * 100).toFixed(1)}%; ` +
        `validation loss ${validationLoss?.toFixed(4)}, accuracy ${((validationAccuracy ?? 0) * 100).toFixed(1)}%`,
    ),
  );
  const started = performance.now();
  const result = await trainer.train(train, { validationSplit: 0.1 });
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `\n${train.length} digits, ${result.epochs} epochs in ${seconds.toFixed(1)} s (${(seconds / result.epochs).toFixed(2)} s an ` +
      `epoch), stopped by ${result.stoppedBy}; best epoch ${result.bestEpoch}`,
  );

  const { accuracy, confusion } = evaluate(net, test, { loss: 'categoricalCrossEntropy' });
  console.log(`\n${test.length} test digits: ${((accuracy ?? 0) * 100).toFixed(1)}% read right\n`);
  console.log(`true \\ read ${confusion!.classes.map((_c, d) => String(d).padStart(4)).join('')}`);
  confusion!.counts.forEach((row, d) =>
    console.log(`${String(d).padStart(11)} ${row.map((n) => String(n).padStart(4)).join('')}`),
  );

  const misread = test.find((sample) => net.outputs.indexOf(classify(net.run(sample.input))) !== sample.label);
  if (misread !== undefined) {
    const outputs = net.run(misread.input);
    const read = net.outputs.indexOf(classify(outputs));
    console.log(`\nA ${misread.label} read as ${read} (p = ${outputs[net.outputs[read]!]!.toFixed(2)}):\n`);
    console.log(picture(misread.input as number[]));
  }
  return (accuracy ?? 0) >= target;
}

if (isMainModule(import.meta.url)) process.exitCode = (await main()) ? 0 : 1;
