/**
 * neurograph train
 * ================
 *
 * Trains a scenario's network with its samples and trainer options, showing
 * progress: a redrawn bar (epoch, loss, rate, ETA) on a terminal, plain lines
 * otherwise. A trainable scenario exports, besides `build()`:
 *
 *   export const samples: Sample[];                 // { input, output } pairs
 *   export const trainerOptions: TrainerOptions;    // optional; flags override it
 *
 * Ctrl-C stops training after the current step and still prints the result.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { NeurographError } from '../../errors.js';
import { describe } from '../../format/describe.js';
import { formatNumber } from '../../format/number.js';
import type { Network } from '../../graph/network.js';
import { Trainer, type TrainerOptions, type TrainingResult } from '../../train/trainer.js';
import { lossNames } from '../../train/losses.js';
import { optimizerNames } from '../../train/optimizers.js';
import type { Sample } from '../../train/samples.js';
import { CliError, checkWritable, describeFsError, type CliContext, type Writer } from '../context.js';
import { loadNetwork, SCENARIO_MODULE } from '../load-network.js';
import { count } from '../../format/plural.js';
import { outputValues, valuesInOrder } from '../values-in-order.js';

/** What `neurograph train` reads from a scenario module. */
export interface TrainableScenario {
  readonly build: () => Network;
  readonly samples: readonly Sample[];
  readonly trainerOptions?: Omit<TrainerOptions, 'signal'>;
}

/** A scenario's network, built, with its samples and options. */
interface Trainable {
  readonly network: Network;
  readonly samples: readonly Sample[];
  readonly trainerOptions: Omit<TrainerOptions, 'signal'>;
}

interface TrainCommandOptions {
  readonly epochs?: number;
  readonly learningRate?: number;
  readonly optimizer?: string;
  readonly loss?: string;
  readonly batchSize?: number;
  readonly seed?: number;
  readonly out?: string;
}

/** Training ran but did not reach its errorThreshold: exit code 1, like a scenario that fails to learn. */
class NotLearnedError extends CliError {
  constructor(message: string) {
    // CliError's usual code (2) means a bad argument; this is a result.
    super(message, 1);
  }
}

const EXAMPLES = `
Examples:
  $ neurograph train scenarios/xor-learned.ts
  $ neurograph train scenarios/moons.ts --epochs 50 --optimizer momentum --learning-rate 0.05
  $ neurograph train scenarios/xor-learned.ts --out xor-trained.json   then: neurograph run xor-trained.json`;

const number = (check: (v: number) => boolean, wanted: string) => (text: string) => {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || !check(value)) {
    throw new InvalidArgumentError(`expected ${wanted}, got "${text}".`);
  }
  return value;
};
const positiveWhole = number((v) => Number.isInteger(v) && v >= 1, 'a whole number ≥ 1');
const whole = number((v) => Number.isInteger(v) && v >= 0, 'a whole number');

export function register(program: Command, context: CliContext): void {
  program
    .command('train')
    .description("train a scenario's network on its samples (the scenario exports build(), samples and trainerOptions)")
    .argument('<scenario>', `${SCENARIO_MODULE} that exports build(), samples and optionally trainerOptions`)
    .option('-e, --epochs <n>', 'most epochs (overrides trainerOptions.epochs)', whole)
    .option(
      '-r, --learning-rate <x>',
      'learning rate',
      number((v) => v > 0, 'a number above 0'),
    )
    .addOption(new Option('--optimizer <name>', 'optimizer').choices(optimizerNames))
    .addOption(new Option('--loss <name>', 'loss').choices(lossNames))
    .option('-b, --batch-size <n>', 'samples per step (1 = online)', positiveWhole)
    .option('-s, --seed <n>', 'seed of the shuffles', number(Number.isSafeInteger, 'an integer'))
    .option('-o, --out <file>', 'write the trained network as JSON to FILE')
    .addHelpText('after', EXAMPLES)
    .action((file: string, options: TrainCommandOptions) => trainCommand(file, options, context));
}

async function trainCommand(file: string, options: TrainCommandOptions, context: CliContext): Promise<void> {
  // Before anything is loaded or trained: a bad --out found after all the epochs wastes them.
  checkWritable(context, options.out);
  const { network, samples, trainerOptions: base } = await loadTrainable(file, context.cwd);
  const overrides: Record<string, unknown> = {
    epochs: options.epochs,
    learningRate: options.learningRate,
    optimizer: options.optimizer,
    loss: options.loss,
    batchSize: options.batchSize,
    seed: options.seed,
  };
  const controller = new AbortController();
  let trainer: Trainer;
  try {
    // An optimizer given by flag replaces the scenario's, parameters included.
    const given = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
    trainer = new Trainer(network, { ...base, ...given, signal: controller.signal } as TrainerOptions);
  } catch (error) {
    if (error instanceof NeurographError) throw new CliError(`${file}: ${error.message}`);
    throw error;
  }

  const progress = createProgress(context.stdout, trainer.epochs);
  trainer.on('epochCompleted', ({ epoch, loss }) => progress.update(epoch, loss));
  const interrupt = () => controller.abort();
  process.once('SIGINT', interrupt);
  let result: TrainingResult;
  try {
    const size = `${count(network.neurons.length, 'neuron')}, ${count(network.graph.size, 'connection')}`;
    context.stdout.write(`training ${size} on ${count(samples.length, 'sample')}: ${describeTrainer(trainer)}\n`);
    result = await trainer.train(samples);
  } catch (error) {
    progress.end();
    if (error instanceof NeurographError) throw new CliError(`${file}: ${error.message}`);
    throw error;
  } finally {
    process.off('SIGINT', interrupt);
  }
  progress.end();

  const threshold = trainer.errorThreshold;
  const status =
    threshold === 0 ? '' : result.converged ? ' (converged)' : ` (did not reach errorThreshold ${threshold})`;
  const loss = formatLoss(result.loss);
  const epochs = count(result.epochs, 'epoch');
  context.stdout.write(`stopped by ${result.stoppedBy} after ${epochs}: loss ${loss}${status}\n`);
  if (samples.length <= 16) context.stdout.write(`${sampleTable(network, samples)}\n`);
  if (options.out !== undefined) {
    try {
      writeFileSync(resolve(context.cwd, options.out), `${JSON.stringify(network.toJSON(), null, 2)}\n`);
    } catch (error) {
      throw new CliError(`cannot write ${options.out}: ${describeFsError(error)}`);
    }
    context.stderr.write(`neurograph: wrote ${options.out}\n`);
  }
  if (base.errorThreshold !== undefined && !result.converged && result.stoppedBy !== 'abort') {
    throw new NotLearnedError(`${file} did not learn: loss ${loss} after ${epochs}, errorThreshold ${threshold}`);
  }
}

/** The network, samples and options a trainable scenario exports; when they are missing, what the command needs. */
async function loadTrainable(file: string, cwd: string): Promise<Trainable> {
  const loaded = await loadNetwork(file, cwd);
  if (loaded.from === 'document') {
    throw new CliError(
      `${file} is a network document, which holds no samples; train needs ${SCENARIO_MODULE} ` +
        'that exports build() and samples ({ input, output }[]), and optionally trainerOptions',
    );
  }
  const { samples, trainerOptions } = loaded.exports;
  if (!Array.isArray(samples)) {
    throw new CliError(
      `${file} does not export samples; a trainable scenario exports build(), ` +
        '`samples` ({ input, output }[]) and optionally `trainerOptions`',
    );
  }
  if (trainerOptions !== undefined && (typeof trainerOptions !== 'object' || trainerOptions === null)) {
    throw new CliError(`${file}: trainerOptions must be an object of Trainer options, got ${describe(trainerOptions)}`);
  }
  return {
    network: loaded.network,
    samples: samples as Sample[],
    trainerOptions: (trainerOptions ?? {}) as TrainerOptions,
  };
}

function describeTrainer(trainer: Trainer): string {
  const { name, parameters } = trainer.optimizer;
  const shown = Object.entries(parameters).map(([key, value]) => `${key} ${formatNumber(value)}`);
  return [
    `${name}${shown.length > 0 ? ` (${shown.join(', ')})` : ''}`,
    `learning rate ${formatNumber(trainer.learningRate)}`,
    trainer.lossName,
    `batch ${trainer.batchSize}`,
    `up to ${count(trainer.epochs, 'epoch')}`,
  ].join(', ');
}

/** A loss to four decimals (exponent form below them, so a small loss never reads as 0). */
export function formatLoss(loss: number): string {
  return formatNumber(loss, 4);
}

/**
 * Every sample's outputs next to its targets, in the network's input and output order,
 * each value lined up with the ones above it on its decimal point:
 *
 *     0, 1  →  0.903   (target 1)
 *     1, 1  →  0.08    (target 0)
 */
export function sampleTable(network: Network, samples: readonly Sample[]): string {
  const rows = samples.map(({ input, output }) => {
    network.run(input);
    const show = (values: readonly number[]) => values.map((value) => formatNumber(value));
    return [
      show(valuesInOrder(network.inputs, input as Readonly<Record<string, number>>)),
      show(outputValues(network)),
      show(valuesInOrder(network.outputs, output as Readonly<Record<string, number>>)),
    ];
  });
  const [inputs, outputs, targets] = [0, 1, 2].map((group) => alignColumns(rows.map((row) => row[group] ?? [])));
  return rows.map((_, i) => `  ${inputs![i]}  →  ${outputs![i]}   (target ${targets![i]!.trimEnd()})`).join('\n');
}

/** Rows of cells, each column lined up on its decimal points, joined with ", "; every row the same width. */
function alignColumns(rows: readonly (readonly string[])[]): string[] {
  const columns = Math.max(0, ...rows.map((row) => row.length));
  const aligned = rows.map((row) => [...row]);
  for (let column = 0; column < columns; column++) {
    const cells = rows.map((row) => row[column] ?? '');
    const point = (cell: string) => (cell.includes('.') ? cell.indexOf('.') : cell.length);
    const left = Math.max(...cells.map(point));
    const right = Math.max(...cells.map((cell) => cell.length - point(cell)));
    for (const [i, cell] of cells.entries()) {
      aligned[i]![column] = `${' '.repeat(left - point(cell))}${cell}${' '.repeat(right - cell.length + point(cell))}`;
    }
  }
  return aligned.map((row) => row.join(', '));
}

export interface Progress {
  update(epoch: number, loss: number): void;
  end(): void;
}

/** A bar redrawn in place on a terminal (at most 10 times a second), or about ten plain lines otherwise. */
export function createProgress(out: Writer, epochs: number, now: () => number = () => performance.now()): Progress {
  const started = now();
  const tty = out.isTTY === true;
  const every = Math.max(1, Math.round(epochs / 10));
  let last: [epoch: number, loss: number] | undefined;
  let drawnAt = -Infinity;
  let printed = 0;
  const line = ([epoch, loss]: [number, number]) => formatProgress(epoch, epochs, loss, now() - started, tty);
  return {
    update(epoch, loss) {
      last = [epoch, loss];
      if (tty) {
        if (now() - drawnAt < 100) return;
        drawnAt = now();
        out.write(`\r${line(last)}\u001b[K`);
      } else if (epoch === 1 || epoch % every === 0) {
        out.write(`${line(last)}\n`);
        printed = epoch;
      }
    },
    end() {
      if (last === undefined) return;
      if (tty) out.write(`\r${line(last)}\u001b[K\n`);
      else if (last[0] !== printed) out.write(`${line(last)}\n`);
      last = undefined;
    },
  };
}

/** `epoch 1200/10000 ━━━━━━────────── 12%  loss 0.0123  8,120 epochs/s  ETA 1.1s` (the bar only on a terminal). */
export function formatProgress(epoch: number, epochs: number, loss: number, elapsedMs: number, bar: boolean): string {
  const share = epochs === 0 ? 1 : epoch / epochs;
  const rate = elapsedMs > 0 ? (epoch * 1000) / elapsedMs : 0;
  const eta = rate > 0 ? (epochs - epoch) / rate : 0;
  const width = 24;
  const filled = Math.round(share * width);
  const parts = [
    `epoch ${String(epoch).padStart(String(epochs).length)}/${epochs}`,
    ...(bar
      ? [`${'━'.repeat(filled)}${'─'.repeat(width - filled)} ${String(Math.round(share * 100)).padStart(3)}%`]
      : []),
    `loss ${formatLoss(loss)}`,
    `${Math.round(rate).toLocaleString('en-US')} epochs/s`,
    `ETA ${formatSeconds(eta)}`,
  ];
  return parts.join('  ');
}

function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(1)}s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes}m${String(Math.round(seconds % 60)).padStart(2, '0')}s`;
}
