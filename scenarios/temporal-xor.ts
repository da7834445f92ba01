// Elman's temporal XOR: in a stream of bit triplets a, b, a XOR b, an Elman network learns to predict every third bit.
import { Network, Trainer, type TrainerOptions } from '../src/index.js';
import { isMainModule } from './support.js';
import { type BitSequence, predictable, temporalXorSamples } from './sequences/temporal-xor.js';

/** One input (the current bit), six hidden tanh neurons fed back one step later, one output (the next bit). */
export const build = (seed = 1) => Network.elman([1, 6, 1], { activation: 'tanh', outputActivation: 'sigmoid', seed });

/** 200 sequences of 6 triplets to learn from; fresh ones to test on. */
export const samples = temporalXorSamples(200, 6, 1);
export const fresh = temporalXorSamples(200, 6, 2);

export const trainerOptions: TrainerOptions = {
  optimizer: 'adam',
  learningRate: 0.01,
  loss: 'crossEntropy',
  batchSize: 10,
  epochs: 60,
  seed: 1,
};

/** The mean |output − next bit| at each position in the triplet of the bit predicted (0: a, 1: b, 2: a XOR b). */
export function errorByPosition(net: Network, data: readonly BitSequence[]): [number, number, number] {
  const sums = [0, 0, 0];
  const counts = [0, 0, 0];
  for (const { steps } of data) {
    net.runSequence(steps.map(({ input }) => input)).forEach(({ y0 }, t) => {
      const position = (t + 1) % 3;
      sums[position]! += Math.abs(y0! - steps[t]!.output[0]);
      counts[position]!++;
    });
  }
  return [0, 1, 2].map((k) => sums[k]! / counts[k]!) as [number, number, number];
}

export async function main(): Promise<boolean> {
  const net = build();
  const trainer = new Trainer(net, trainerOptions);
  trainer.on('epochCompleted', ({ epoch, loss }) => {
    if (epoch === 1 || epoch % 10 === 0) console.log(`epoch ${String(epoch).padStart(3)}  loss ${loss.toFixed(4)}`);
  });
  await trainer.train(samples);

  const [a, b, xor] = errorByPosition(net, fresh);
  console.log(`\nmean error on ${fresh.length} fresh sequences, by the bit predicted:`);
  console.log(`  a (random)        ${a.toFixed(3)}  ${'█'.repeat(Math.round(a * 40))}`);
  console.log(`  b (random)        ${b.toFixed(3)}  ${'█'.repeat(Math.round(b * 40))}`);
  console.log(`  a XOR b           ${xor.toFixed(3)}  ${'█'.repeat(Math.round(xor * 40))}`);

  // One fresh sequence: each prediction stands under the bit it predicts; ↑ marks the XOR bits.
  const { steps } = fresh[0]!;
  const outputs = net.runSequence(steps.map(({ input }) => input));
  const bits = [...steps.map(({ input }) => input[0]), steps.at(-1)!.output[0]];
  const column = (cells: readonly string[]) => cells.map((cell) => cell.padStart(5)).join('');
  console.log(`\nbit       ${column(bits.map(String))}`);
  console.log(`predicted ${column(['', ...outputs.map(({ y0 }) => y0!.toFixed(2))])}`);
  console.log(`          ${column(['', ...steps.map((_, t) => (predictable(t) ? '↑' : ''))])}`);

  // Chance is 0.5 on the random bits; the XOR bits must be known.
  return xor < 0.1 && a > 0.4 && b > 0.4;
}

if (isMainModule(import.meta.url)) process.exitCode = (await main()) ? 0 : 1;
