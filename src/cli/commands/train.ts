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
 *   export const validation: Sample[];              // optional; scored after every epoch, never trained on
 *   export const test: Sample[];                    // optional; scored once, at the end
 *
 * With validation samples (`validation`, or `--validation-split`) each epoch's line
 * shows their loss, and early stopping (`--patience`) can watch it. When the samples
 * are a classification, the end shows the accuracy and confusion matrix of every part
 * (training, validation, test), from `evaluate`.
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
import { evaluate } from '../../train/evaluate.js';
import { Trainer, type EpochCompletedEvent, type TrainerOptions, type TrainingResult } from '../../train/trainer.js';
import { lossNames } from '../../train/losses.js';
import { optimizerNames } from '../../train/optimizers.js';
import type { Sample, TrainingSample } from '../../train/samples.js';
import { splitSamples as holdOut } from '../../train/validation-split.js';
import { CliError, checkWritable, describeFsError, type CliContext, type Writer } from '../context.js';
import { describeDocument, loadNetwork, SCENARIO_MODULE } from '../load-network.js';
import { count } from '../../format/plural.js';
import { outputValues, valuesInOrder } from '../values-in-order.js';
import { formatConfusion, formatPercent, formatScores } from '../evaluation-text.js';
import { exportedSamples } from '../read-samples.js';

/** What `neurograph train` reads from a scenario module. */
export interface TrainableScenario {
  readonly build: () => Network;
  readonly samples: readonly Sample[];
  readonly trainerOptions?: Omit<TrainerOptions, 'signal'>;
  /** Scored after every epoch, never trained on; `--validation-split` replaces them. */
  readonly validation?: readonly Sample[];
  /** Scored once, when training ends. */
  readonly test?: readonly Sample[];
}

/** A scenario's network, built, with its samples and options. */
interface Trainable {
  readonly network: Network;
  readonly samples: readonly Sample[];
  readonly trainerOptions: Omit<TrainerOptions, 'signal'>;
  readonly validation: readonly TrainingSample[] | undefined;
  readonly test: readonly TrainingSample[] | undefined;
}

interface TrainCommandOptions {
  readonly epochs?: number;
  readonly learningRate?: number;
  readonly optimizer?: string;
  readonly loss?: string;
  readonly batchSize?: number;
  readonly seed?: number;
  readonly l1?: number;
  readonly l2?: number;
  readonly validationSplit?: number;
  readonly patience?: number;
  readonly restoreBest?: boolean;
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
  $ neurograph train scenarios/moons.ts --validation-split 0.2 --patience 10 --restore-best --l2 1e-4
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
const penalty = number((v) => v >= 0, 'a number ≥ 0 (0 is no penalty)');
const fraction = number((v) => v > 0 && v < 1, 'a fraction above 0 and below 1, such as 0.2');

export function register(program: Command, context: CliContext): void {
  program
    .command('train')
    .description(
      "train a scenario's network on its samples (the scenario exports build(), samples and trainerOptions), " +
        'validating on held-out samples and stopping early if asked',
    )
    .argument(
      '<scenario>',
      `${SCENARIO_MODULE} that exports build(), samples and optionally trainerOptions, validation and test samples`,
    )
    .option('-e, --epochs <n>', 'most epochs (overrides trainerOptions.epochs)', whole)
    .option(
      '-r, --learning-rate <x>',
      'learning rate',
      number((v) => v > 0, 'a number above 0'),
    )
    .addOption(new Option('--optimizer <name>', 'optimizer').choices(optimizerNames))
    .addOption(new Option('--loss <name>', 'loss').choices(lossNames))
    .option('-b, --batch-size <n>', 'samples per step (1 = online)', positiveWhole)
    .option(
      '-s, --seed <n>',
      'seed of the shuffles (and of --validation-split)',
      number(Number.isSafeInteger, 'an integer'),
    )
    .option('--l1 <rate>', 'L1 weight penalty, rate·Σ|w| (overrides trainerOptions.regularization.l1)', penalty)
    .option('--l2 <rate>', 'L2 weight penalty, rate·Σw² (overrides trainerOptions.regularization.l2)', penalty)
    .option(
      '--validation-split <fraction>',
      "hold out this fraction of the samples for validation (replaces the scenario's validation export)",
      fraction,
    )
    .option(
      '--patience <epochs>',
      'early stopping: stop after this many epochs without a better validation loss (needs validation samples)',
      positiveWhole,
    )
    .option('--restore-best', 'with early stopping, end with the weights of the best validation loss')
    .option('-o, --out <file>', 'write the trained network as JSON to FILE')
    .addHelpText('after', EXAMPLES)
    .action((file: string, options: TrainCommandOptions) => trainCommand(file, options, context));
}

async function trainCommand(file: string, options: TrainCommandOptions, context: CliContext): Promise<void> {
  // Before anything is loaded or trained: a bad --out found after all the epochs wastes them.
  checkWritable(context, options.out);
  const trainable = await loadTrainable(file, context.cwd);
  const { network, samples: all, trainerOptions: base } = trainable;
  const controller = new AbortController();
  let trainer: Trainer;
  try {
    trainer = new Trainer(network, {
      ...base,
      ...overridesOf(options, base),
      signal: controller.signal,
    } as TrainerOptions);
  } catch (error) {
    if (error instanceof NeurographError) throw new CliError(`${file}: ${error.message}`);
    throw error;
  }
  const parts = splitSamples(file, trainable, options, trainer);
  const { training: samples, validation } = parts;

  const progress = createProgress(context.stdout, trainer.epochs);
  const scheduled = trainer.learningRateSchedule !== undefined;
  trainer.on('epochCompleted', (event) => progress.update(event.epoch, event.loss, scoresOf(event, scheduled)));
  const interrupt = () => controller.abort();
  process.once('SIGINT', interrupt);
  let result: TrainingResult;
  try {
    const size = `${count(network.neurons.length, 'neuron')}, ${count(network.graph.size, 'connection')}`;
    const on = `${count(samples.length, 'sample')}${parts.validationNote}`;
    context.stdout.write(`training ${size} on ${on}: ${describeTrainer(trainer)}\n`);
    result = await trainer.train(samples, validation === undefined ? undefined : { validation });
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
  if (result.bestEpoch !== undefined) context.stdout.write(`${describeValidation(result, trainer)}\n`);
  // A sequence is many steps: the table of one row per sample is for one-step samples only.
  if (all.length <= 16 && all.every((sample) => 'input' in sample)) {
    context.stdout.write(`${sampleTable(network, all)}\n`);
  }
  context.stdout.write(
    evaluations(file, trainer, [
      ['training', samples],
      ['validation', validation],
      ['test', trainable.test],
    ]),
  );
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

/**
 * The trainer options the flags give, on top of the scenario's: a flag replaces its option (an optimizer
 * by flag replaces the scenario's, parameters included), --l1 and --l2 each one factor of the penalty,
 * --patience and --restore-best their fields of early stopping.
 */
function overridesOf(options: TrainCommandOptions, base: Omit<TrainerOptions, 'signal'>): Partial<TrainerOptions> {
  const given: Record<string, unknown> = {
    epochs: options.epochs,
    learningRate: options.learningRate,
    optimizer: options.optimizer,
    loss: options.loss,
    batchSize: options.batchSize,
    seed: options.seed,
  };
  if (options.l1 !== undefined || options.l2 !== undefined) {
    given.regularization = {
      ...base.regularization,
      ...(options.l1 === undefined ? {} : { l1: options.l1 }),
      ...(options.l2 === undefined ? {} : { l2: options.l2 }),
    };
  }
  if (options.restoreBest === true && options.patience === undefined && base.earlyStopping === undefined) {
    throw new CliError('--restore-best goes with early stopping: give --patience <epochs> too');
  }
  if (options.patience !== undefined || options.restoreBest === true) {
    given.earlyStopping = {
      ...base.earlyStopping,
      ...(options.patience === undefined ? {} : { patience: options.patience }),
      ...(options.restoreBest === true ? { restoreBest: true } : {}),
    };
  }
  return Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined));
}

/** The samples to train on and to validate with, and how the header line names the validation samples. */
function splitSamples(
  file: string,
  trainable: Trainable,
  options: TrainCommandOptions,
  trainer: Trainer,
): { training: readonly TrainingSample[]; validation: readonly TrainingSample[] | undefined; validationNote: string } {
  const { samples, validation } = trainable;
  if (options.validationSplit !== undefined) {
    // The trainer's own draw: `trainer.train(samples, { validationSplit })` with this seed holds out the same samples.
    const held = holdOut(samples, options.validationSplit, trainer.seed, '--validation-split');
    return {
      ...held,
      validationNote: `, validating on ${held.validation.length} held out (--validation-split ${options.validationSplit})`,
    };
  }
  if (validation !== undefined) {
    return { training: samples, validation, validationNote: `, validating on the scenario's ${validation.length}` };
  }
  if (trainer.earlyStopping !== undefined) {
    const asked = options.patience === undefined ? `${file}'s trainerOptions.earlyStopping` : '--patience';
    throw new CliError(
      `${asked} watches the validation loss, and there are no validation samples: give --validation-split ` +
        `<fraction> (such as 0.2), or export \`validation\` samples from ${file}`,
    );
  }
  return { training: samples, validation: undefined, validationNote: '' };
}

/** What an epoch's progress line shows besides its loss. */
function scoresOf(event: EpochCompletedEvent, scheduled: boolean): EpochScores {
  const { validationLoss, accuracy, validationAccuracy, learningRate } = event;
  return { validationLoss, accuracy, validationAccuracy, ...(scheduled ? { learningRate } : {}) };
}

/** `best validation loss 0.412 at epoch 37; the network has that epoch's weights (last 0.5)`. */
function describeValidation(result: TrainingResult, trainer: Trainer): string {
  const best = `best validation loss ${formatLoss(result.bestValidationLoss ?? Number.NaN)} at epoch ${result.bestEpoch}`;
  const last = formatLoss(result.validationLoss ?? Number.NaN);
  const restored = trainer.earlyStopping?.restoreBest === true && (result.bestEpoch ?? 0) > 0;
  return restored
    ? `${best}; the network has that epoch's weights (restored; the last epoch's was ${last})`
    : `${best}; the network has the last epoch's weights (validation loss ${last})`;
}

/**
 * The loss, accuracy and confusion matrix of each part of the samples, from `evaluate`, for the parts that
 * are a classification; nothing for the others.
 */
function evaluations(
  file: string,
  trainer: Trainer,
  parts: readonly (readonly [name: string, samples: readonly TrainingSample[] | undefined])[],
): string {
  const { l1, l2 } = trainer.regularization;
  const loss = l1 === 0 && l2 === 0 ? trainer.lossName : `${trainer.lossName}, without the weight penalty`;
  let text = '';
  for (const [name, samples] of parts) {
    if (samples === undefined || samples.length === 0) continue;
    let evaluation: ReturnType<typeof evaluate>;
    try {
      evaluation = evaluate(trainer.network, samples, { loss: trainer.lossName });
    } catch (error) {
      if (error instanceof NeurographError) throw new CliError(`${file}: ${name} samples: ${error.message}`);
      throw error;
    }
    if (evaluation.confusion === null) continue;
    text += `\n${name} (${count(samples.length, 'sample')}): ${formatScores(evaluation, loss)}\n`;
    text += `${formatConfusion(evaluation.confusion)}\n`;
  }
  return text;
}

/** The network, samples and options a trainable scenario exports; when they are missing, what the command needs. */
async function loadTrainable(file: string, cwd: string): Promise<Trainable> {
  const loaded = await loadNetwork(file, cwd);
  if (loaded.from === 'document') {
    throw new CliError(
      `${file} is ${describeDocument(loaded.format)}, which holds no samples; train needs ${SCENARIO_MODULE} ` +
        'that exports build() and samples ({ input, output }[]), and optionally trainerOptions',
    );
  }
  const { samples, trainerOptions } = loaded.exports;
  const validation = exportedSamples(loaded.exports, 'validation', file);
  const test = exportedSamples(loaded.exports, 'test', file);
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
    validation,
    test,
  };
}

function describeTrainer(trainer: Trainer): string {
  const { name, parameters } = trainer.optimizer;
  const shown = Object.entries(parameters).map(([key, value]) => `${key} ${formatNumber(value)}`);
  const { l1, l2 } = trainer.regularization;
  const stopping = trainer.earlyStopping;
  const scheduled = trainer.learningRateSchedule === undefined ? '' : ' at epoch 1, scheduled';
  return [
    `${name}${shown.length > 0 ? ` (${shown.join(', ')})` : ''}`,
    `learning rate ${formatNumber(trainer.learningRate)}${scheduled}`,
    trainer.lossName,
    `batch ${trainer.batchSize}`,
    `up to ${count(trainer.epochs, 'epoch')}`,
    ...(l1 === 0 ? [] : [`l1 ${formatNumber(l1, 6)}`]),
    ...(l2 === 0 ? [] : [`l2 ${formatNumber(l2, 6)}`]),
    ...(stopping === undefined ? [] : [describeStopping(stopping)]),
  ].join(', ');
}

/** `early stopping (patience 10, restore best)`. */
function describeStopping({ patience, restoreBest, minDelta }: NonNullable<Trainer['earlyStopping']>): string {
  const details = [
    `patience ${patience}`,
    ...(minDelta === 0 ? [] : [`min delta ${formatNumber(minDelta, 6)}`]),
    ...(restoreBest ? ['restore best'] : []),
  ];
  return `early stopping (${details.join(', ')})`;
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

/** What an epoch's line shows besides its loss, when there is any (validation samples; a learning rate schedule). */
export interface EpochScores {
  readonly accuracy?: number | undefined;
  readonly validationLoss?: number | undefined;
  readonly validationAccuracy?: number | undefined;
  readonly learningRate?: number | undefined;
}

export interface Progress {
  update(epoch: number, loss: number, scores?: EpochScores): void;
  end(): void;
}

/** A bar redrawn in place on a terminal (at most 10 times a second), or about ten plain lines otherwise. */
export function createProgress(out: Writer, epochs: number, now: () => number = () => performance.now()): Progress {
  const started = now();
  const tty = out.isTTY === true;
  const every = Math.max(1, Math.round(epochs / 10));
  let last: [epoch: number, loss: number, scores: EpochScores | undefined] | undefined;
  let drawnAt = -Infinity;
  let printed = 0;
  const line = ([epoch, loss, scores]: [number, number, EpochScores | undefined]) =>
    formatProgress(epoch, epochs, loss, now() - started, tty, scores);
  return {
    update(epoch, loss, scores) {
      last = [epoch, loss, scores];
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

/**
 * `epoch 1200/10000 ━━━━━━────────── 12%  loss 0.0123  8,120 epochs/s  ETA 1.1s` (the bar only on a terminal);
 * with validation samples also `accuracy 97.5%  val loss 0.0456  val accuracy 95%` after the loss, and
 * `rate 0.05` with a learning rate schedule.
 */
export function formatProgress(
  epoch: number,
  epochs: number,
  loss: number,
  elapsedMs: number,
  bar: boolean,
  scores: EpochScores = {},
): string {
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
    ...(scores.accuracy === undefined ? [] : [`accuracy ${formatPercent(scores.accuracy)}`]),
    ...(scores.validationLoss === undefined ? [] : [`val loss ${formatLoss(scores.validationLoss)}`]),
    ...(scores.validationAccuracy === undefined ? [] : [`val accuracy ${formatPercent(scores.validationAccuracy)}`]),
    ...(scores.learningRate === undefined ? [] : [`rate ${formatNumber(scores.learningRate, 6)}`]),
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
