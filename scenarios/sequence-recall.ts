// Distracted sequence recall (synaptic's task): an LSTM remembers two targets among distractors and names them when prompted.
import { Network, Trainer } from '../src/index.js';
import { isMainModule } from './support.js';
import { type RecallSequence, recallSequences, stepRight, symbolCount, targets } from './sequences/sequence-recall.js';

/** Ten symbols in (one-hot), eight LSTM cells, four outputs (one per target). */
export const build = (seed = 1) => Network.lstm([symbolCount, 8, targets.length], { seed });

/** A short curriculum: 400 sequences of length 8, then 14, then the task's 24; epochs at each length. */
export const stages = [
  { length: 8, epochs: 6, seed: 8 },
  { length: 14, epochs: 6, seed: 14 },
  { length: 24, epochs: 32, seed: 24 },
] as const;
export const fresh = recallSequences(1000, 100);

/** synaptic's criterion: this share of fresh sequences recalled right at every step. */
export const expectedRate = 0.95;

/** Whether every output, rounded, is right at every step of the sequence. */
export function recalls(net: Network, { steps }: RecallSequence): boolean {
  const outputs = net.runSequence(steps.map(({ input }) => input));
  return steps.every(({ output }, t) =>
    stepRight(
      net.outputs.map((id) => outputs[t]![id]!),
      output,
    ),
  );
}

/**
 * Trains from `seed` (the initial weights, and the order the samples are shuffled in: stage seed + seed − 1;
 * the training sequences stay the same) and returns the network, its training time and its share of fresh sequences recalled.
 */
export async function train(
  seed = 1,
  log = false,
): Promise<{ net: Network; right: number; rate: number; trainMs: number }> {
  const started = performance.now();
  const net = build(seed);
  let epoch = 0;
  for (const stage of stages) {
    const { length, epochs } = stage;
    const samples = recallSequences(400, stage.seed, length).map(({ steps }) => ({ steps }));
    const shuffle = stage.seed + seed - 1;
    const trainer = new Trainer(net, {
      optimizer: 'adam',
      learningRate: 0.01,
      loss: 'crossEntropy',
      epochs,
      seed: shuffle,
    });
    trainer.on('epochCompleted', ({ loss }) => {
      epoch++;
      if (log && epoch % 4 === 0)
        console.log(`epoch ${String(epoch).padStart(3)}  length ${length}  loss ${loss.toFixed(4)}`);
    });
    await trainer.train(samples);
  }
  const trainMs = performance.now() - started;
  const right = fresh.filter((sequence) => recalls(net, sequence)).length;
  return { net, right, rate: right / fresh.length, trainMs };
}

export async function main(): Promise<boolean> {
  const { net, right, rate } = await train(1, true);
  console.log(
    `\n${right} of ${fresh.length} fresh sequences recalled right at every step (${(rate * 100).toFixed(1)}%)`,
  );
  for (const sequence of fresh.slice(0, 3)) {
    const outputs = net.runSequence(sequence.steps.map(({ input }) => input)).slice(-2);
    const named = outputs.map((record) => targets[net.outputs.findIndex((id) => record[id]! > 0.5)] ?? '?');
    console.log(`  ${sequence.symbols.join('')}  →  ${named.join(', ')}`);
  }
  return rate >= expectedRate;
}

if (isMainModule(import.meta.url)) process.exitCode = (await main()) ? 0 : 1;
