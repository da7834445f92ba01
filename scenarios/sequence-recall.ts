// Distracted sequence recall (synaptic's task): an LSTM remembers two targets among distractors and names them when prompted.
import { type CompiledNetwork, Network, type TrainerOptions } from '../src/index.js';
import { isMainModule } from './support.js';
import { type RecallSequence, recallSequences, stepRight, symbolCount, targets } from './sequences/sequence-recall.js';
import { trainToCriterion } from './sequences/to-criterion.js';

/** Ten symbols in (one-hot), eight LSTM cells, four outputs (one per target). */
export const build = (seed = 1) => Network.lstm([symbolCount, 8, targets.length], { seed });

/**
 * A curriculum: 400 sequences of length 8, then 14, then the task's 24. Each stage trains until 99% of 200
 * held-out sequences of its length are recalled right (checked after every epoch), at most `epochs` epochs:
 * some seeds sit for dozens of epochs on the plateau where every output is 0, others leave it in a few.
 */
export const stages = [
  { length: 8, epochs: 30, seed: 8 },
  { length: 14, epochs: 30, seed: 14 },
  { length: 24, epochs: 80, seed: 24 },
] as const;
export const stageCriterion = 0.99;
export const heldOut = (length: number) => recallSequences(200, 7, length);
export const fresh = recallSequences(1000, 100);

/** Each stage's trainer; `seed` becomes stage seed + seed − 1. */
export const trainerOptions: TrainerOptions = { optimizer: 'adam', learningRate: 0.01, loss: 'crossEntropy' };

/** synaptic's criterion: this share of fresh sequences recalled right at every step. */
export const expectedRate = 0.95;

/** Whether every output, rounded, is right at every step of the sequence. */
export function recalls(compiled: CompiledNetwork, { steps }: RecallSequence): boolean {
  const width = targets.length;
  const outputs = compiled.runSequence(
    steps.flatMap(({ input }) => input),
    steps.length,
  );
  return steps.every(({ output }, t) => stepRight(outputs.subarray(t * width, (t + 1) * width), output));
}

/** How many of `sequences` the network recalls right at every step. */
export function countRight(net: Network, sequences: readonly RecallSequence[]): number {
  const compiled = net.compile();
  return sequences.filter((sequence) => recalls(compiled, sequence)).length;
}

/**
 * Trains from `seed` (the initial weights, and the order the samples are shuffled in: stage seed + seed − 1;
 * the training sequences stay the same) and returns the network, its training time (the held-out checks
 * included), the epochs it took and its share of fresh sequences recalled.
 */
export async function train(
  seed = 1,
  log = false,
): Promise<{ net: Network; right: number; rate: number; trainMs: number; epochs: number }> {
  const started = performance.now();
  const net = build(seed);
  let total = 0;
  for (const stage of stages) {
    const { length, epochs } = stage;
    const samples = recallSequences(400, stage.seed, length).map(({ steps }) => ({ steps }));
    const check = heldOut(length);
    const run = await trainToCriterion(
      net,
      samples,
      { ...trainerOptions, epochs, seed: stage.seed + seed - 1 },
      (trained) => countRight(trained, check) / check.length,
      stageCriterion,
      (epoch, loss, right) => {
        if (log && ((total + epoch) % 4 === 0 || right >= stageCriterion)) {
          console.log(
            `epoch ${String(total + epoch).padStart(3)}  length ${length}  loss ${loss.toFixed(4)}  ` +
              `held out right ${(right * 100).toFixed(1)}%`,
          );
        }
      },
    );
    total += run.epochs;
  }
  const trainMs = performance.now() - started;
  const right = countRight(net, fresh);
  return { net, right, rate: right / fresh.length, trainMs, epochs: total };
}

/** Trains from `seed` (1 unless a test picks another), prints what it learned; true if it meets the criterion. */
export async function main(seed = 1): Promise<boolean> {
  const { net, right, rate, epochs } = await train(seed, true);
  console.log(
    `\n${epochs} epochs; ${right} of ${fresh.length} fresh sequences recalled right at every step ` +
      `(${(rate * 100).toFixed(1)}%)`,
  );
  for (const sequence of fresh.slice(0, 3)) {
    const outputs = net.runSequence(sequence.steps.map(({ input }) => input)).slice(-2);
    const named = outputs.map((record) => targets[net.outputs.findIndex((id) => record[id]! > 0.5)] ?? '?');
    console.log(`  ${sequence.symbols.join('')}  →  ${named.join(', ')}`);
  }
  return rate >= expectedRate;
}

if (isMainModule(import.meta.url)) process.exitCode = (await main()) ? 0 : 1;
