/**
 * neurograph in W7, used as documented: `Network.layered` with relu and softmax, a
 * `Trainer` (categorical cross-entropy, adam, batches of 32) that nobody listens to, so
 * its mini-batches run as matrix products (src/train/dense-batch.ts), and `evaluate`.
 */
import { evaluate, Trainer, type Network } from '../../src/index.js';
import { SETTINGS, type Digits } from './workload.js';

/** Trains `epochs` epochs in one `train` call; returns the last epoch's loss. */
export async function trainNeurograph(network: Network, digits: Digits, epochs: number, seed = 1): Promise<number> {
  const trainer = new Trainer(network, {
    loss: 'categoricalCrossEntropy',
    optimizer: 'adam',
    learningRate: SETTINGS.learningRate,
    batchSize: SETTINGS.batchSize,
    epochs,
    seed,
  });
  return (await trainer.train(digits.samples)).loss;
}

export function neurographAccuracy(network: Network, digits: Digits): number {
  return evaluate(network, digits.samples, { loss: 'categoricalCrossEntropy' }).accuracy ?? Number.NaN;
}
