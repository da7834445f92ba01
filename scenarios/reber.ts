// The embedded Reber grammar: an LSTM learns which symbols may come next, T or P at the end remembered from the start.
import { Network, Trainer, type TrainerOptions } from '../src/index.js';
import { isMainModule } from './support.js';
import { type ReberString, reberSample, reberStrings, stepRight, symbols } from './sequences/reber.js';

/** Seven symbols in (one-hot), eight LSTM cells, seven outputs: the legal next symbols. */
export const build = (seed = 1) => Network.lstm([7, 8, 7], { seed });

/** 300 strings to learn from; 1000 fresh ones to test on. */
export const strings = reberStrings(300, 1);
export const samples = strings.map(reberSample);
export const fresh = reberStrings(1000, 2);

export const trainerOptions: TrainerOptions = {
  optimizer: 'adam',
  learningRate: 0.01,
  loss: 'crossEntropy',
  epochs: 12,
  seed: 1,
};

/** The criterion: at least this share of fresh strings predicted right at every step. */
export const expectedRate = 0.95;

/** Whether the network's outputs above 0.5 are exactly the legal next symbols at every step of `string`. */
export function predictsAll(net: Network, string: ReberString): boolean {
  const { steps } = reberSample(string);
  const outputs = net.runSequence(steps.map(({ input }) => input));
  return steps.every(
    ({ output }, t) =>
      output === undefined ||
      stepRight(
        symbols.map((_, k) => outputs[t]![`y${k}`]!),
        output,
      ),
  );
}

/** What the network calls legal after each symbol of `string`, e.g. `B→TP`. */
export function showPredictions(net: Network, string: ReberString): string {
  const { steps } = reberSample(string);
  const outputs = net.runSequence(steps.map(({ input }) => input));
  return [...string.text]
    .slice(0, -1)
    .map((symbol, t) => `${symbol}→${symbols.filter((_, k) => outputs[t]![`y${k}`]! > 0.5).join('')}`)
    .join(' ');
}

/**
 * Trains from `seed` (the initial weights and the order the samples are shuffled in; the strings stay the same)
 * and returns the network, its training time and its share of fresh strings predicted right.
 */
export async function train(
  seed = 1,
  log = false,
): Promise<{ net: Network; right: number; rate: number; trainMs: number }> {
  const started = performance.now();
  const net = build(seed);
  const trainer = new Trainer(net, { ...trainerOptions, seed });
  if (log) {
    trainer.on('epochCompleted', ({ epoch, loss }) =>
      console.log(`epoch ${String(epoch).padStart(3)}  loss ${loss.toFixed(4)}`),
    );
  }
  await trainer.train(samples);
  const trainMs = performance.now() - started;
  const right = fresh.filter((string) => predictsAll(net, string)).length;
  return { net, right, rate: right / fresh.length, trainMs };
}

export async function main(): Promise<boolean> {
  const { net, right, rate } = await train(1, true);
  console.log(
    `\n${right} of ${fresh.length} fresh strings predicted right at every step (${(rate * 100).toFixed(1)}%)`,
  );
  for (const string of fresh.slice(0, 3)) console.log(`  ${string.text}\n    ${showPredictions(net, string)}`);
  return rate >= expectedRate;
}

if (isMainModule(import.meta.url)) process.exitCode = (await main()) ? 0 : 1;
