/**
 * Trainer
 * =======
 *
 * Gradient descent on any network the user wires up: each step runs a batch of
 * samples forward and backward along a gradient path (gradient-path.ts: the graph
 * walk, real runs for listeners, or matrices; sequence-paths.ts through time, for
 * sequences and networks that remember or multiply) to get the mean gradient of the loss
 * for every connection, and lets the optimizer move the weights. `train`, `loss` and
 * `gradients` all go through that one `pass`. A batch is `batchSize` samples (sequences
 * count as one sample each); losses are means over counted steps and outputs.
 *
 * Observed training (someone listens to the network) runs every step for real, after a
 * `Network.reset()` before each sample on networks that remember, so it leaves the
 * network's time and memory as its last run left them; silent training touches neither.
 *
 * Around that core: a weight penalty (`regularization`, added once on top of every path's
 * mean gradient: regularization.ts), held-out samples scored after every epoch (`validation`
 * or `validationSplit`, on the compiled form of the working weights: evaluate.ts), early
 * stopping on their loss, and a learning rate that may change per epoch (schedules.ts).
 *
 * Training is asynchronous only so that it can be stopped: it yields to the event
 * loop every few milliseconds (an AbortSignal, a timer or Ctrl-C can then act);
 * everything between two yields is plain synchronous work on typed arrays.
 */
import { EventEmitter } from 'eventemitter3';
import { NumericError, TrainingError, UsageError } from '../errors.js';
import { describe } from '../format/describe.js';
import { isRevokedProxy } from '../format/revoked-proxy.js';
import { checkOptionNames } from '../format/options.js';
import { compileNetwork } from '../executors/compile.js';
import type { Network } from '../graph/network.js';
import { planOf } from '../plan/plan-cache.js';
import type { Plan } from '../plan/plan.js';
import { createRandom, shuffleInPlace } from '../random.js';
import { stepNeuronsOnPathToOutput } from './backprop.js';
import { evaluateBlock, type BlockEvaluation } from './evaluate.js';
import { everySample, GradientPaths, type GradientPath } from './gradient-path.js';
import type { GeneratedStep } from './generated-step.js';
import { checkLossFitsOutputs, outputsPerSample, resolveLoss, type LossName } from './losses.js';
import { resolveOptimizer, type Optimizer, type OptimizerSpec } from './optimizers.js';
import { Penalty, readRegularization, type Regularization } from './regularization.js';
import { readSamples, type SampleBlock, type TrainingSample } from './samples.js';
import type { LearningRateSchedule } from './schedules.js';
import { splitSamples } from './validation-split.js';
import { WorkingCopy } from './working-copy.js';
import { Monitor, readEarlyStopping } from './early-stopping.js';

export interface TrainerOptions {
  /**
   * Step size; defaults to the optimizer's own (sgd 0.1, momentum 0.01, adam 0.01). Or a function of the epoch
   * (from 1 within each `train` call) giving each epoch's rate, e.g. `schedules.step({ initial: 0.5, factor: 0.5,
   * every: 100 })`; it must return a finite number above 0, else training stops with a TrainingError before that
   * epoch's first step.
   */
  readonly learningRate?: number | LearningRateSchedule;
  /**
   * `'sgd'` (default), `'momentum'`, `'adam'`, or `{ name, ...params }`, e.g. `{ name: 'momentum', momentum: 0.9 }`.
   */
  readonly optimizer?: OptimizerSpec;
  /**
   * `'mse'` (default): mean of (output − target)²; `'crossEntropy'`: binary cross-entropy of each output;
   * `'categoricalCrossEntropy'`: −Σ t log p over softmax outputs (a mean over samples, not outputs).
   */
  readonly loss?: LossName;
  /** Samples per step (a sequence is one sample); 1 (default) is online learning. */
  readonly batchSize?: number;
  /** Most epochs (passes over the samples) per `train` call; defaults to 1000. */
  readonly epochs?: number;
  /** Stop once an epoch's loss is at or below this; defaults to 0. */
  readonly errorThreshold?: number;
  /** Shuffle the samples before each epoch; defaults to true. */
  readonly shuffle?: boolean;
  /** Seed of the shuffles; defaults to 1. Same seed, same weights after training, bit for bit. */
  readonly seed?: number;
  /** Aborting it stops training after the current step; `train` then resolves with `stoppedBy: 'abort'`. */
  readonly signal?: AbortSignal;
  /**
   * The clock (milliseconds) that decides when training yields to the event loop (every ~20 ms);
   * defaults to `performance.now`. Tests pass their own to make yields happen where they want.
   */
  readonly now?: () => number;
  /**
   * For sequences: how many steps back the error of each output flows (a whole number ≥ 1): the output at
   * step t trains through steps t − truncate + 1 … t, everything earlier held fixed (truncated
   * backpropagation through time). Defaults to no limit (full backpropagation through time).
   */
  readonly truncate?: number;
  /**
   * A weight penalty added to the loss: l1·Σ|w| + l2·Σw² over the trainable connections that do not come from a
   * bias neuron (Keras's convention: no ½; its gradient is l1·sign(w) + 2·l2·w). It is in every loss the trainer
   * reports (`loss()`, epoch losses, validation losses) and every gradient (`gradients()`, training steps).
   */
  readonly regularization?: Regularization;
  /**
   * Stop when the validation loss has not improved by more than `minDelta` (default 0) for `patience` epochs in a
   * row (a whole number ≥ 1); with `restoreBest` (default false) training ends with the weights of the epoch
   * with the best validation loss. Needs validation samples (`train(samples, { validation })` or
   * `{ validationSplit }`).
   */
  readonly earlyStopping?: EarlyStopping;
}

/** See `TrainerOptions.earlyStopping`. */
export interface EarlyStopping {
  readonly patience: number;
  readonly restoreBest?: boolean;
  readonly minDelta?: number;
}

/** Options of one `train` call. */
export interface TrainOptions {
  /** Held-out samples scored after every epoch (never trained on). */
  readonly validation?: readonly TrainingSample[];
  /**
   * Hold out this fraction of the samples (in (0, 1); rounded to a whole number of samples, at least 1 each way)
   * as validation samples instead: drawn from `seed`, the same samples for the same seed and sample count.
   */
  readonly validationSplit?: number;
}

export interface TrainingResult {
  /** Epochs completed by this `train` call. */
  readonly epochs: number;
  /**
   * The last completed epoch's loss: the mean over its samples (and outputs) of each
   * sample's loss just before the step that learned from it. The current loss if no
   * epoch completed.
   */
  readonly loss: number;
  /** `loss <= errorThreshold`. */
  readonly converged: boolean;
  readonly stoppedBy: 'threshold' | 'epochs' | 'abort' | 'earlyStopping';
  /** With validation samples: their loss after the last completed epoch (with the current weights if none). */
  readonly validationLoss?: number;
  /**
   * With validation samples: the epoch whose weights had the best validation loss (an improvement must beat
   * the best so far by more than `earlyStopping.minDelta`); 0 if no epoch completed. With
   * `earlyStopping.restoreBest` the network ends with its weights.
   */
  readonly bestEpoch?: number;
  /** With validation samples: that epoch's validation loss. */
  readonly bestValidationLoss?: number;
}

export interface EpochCompletedEvent {
  /** From 1 within a `train` call. */
  readonly epoch: number;
  /** The epoch's loss (see `TrainingResult.loss`; with regularization, the penalty included). */
  readonly loss: number;
  /** The learning rate this epoch's steps used. */
  readonly learningRate: number;
  /** With validation samples: their loss with the epoch's final weights, the penalty included (as Keras's `val_loss`). */
  readonly validationLoss?: number;
  /**
   * With validation samples, when the training samples are a classification (every target 0/1, one-hot with
   * several outputs; see `classify`): the fraction of training steps classified right with the epoch's final
   * weights (not a running mean over the epoch, as Keras's).
   */
  readonly accuracy?: number;
  /** With validation samples that are a classification: the fraction of them classified right. */
  readonly validationAccuracy?: number;
}

export interface TrainerEvents {
  /** After every epoch; the network's weights are already the trained ones. */
  epochCompleted: (event: EpochCompletedEvent) => void;
  /** Once per `train` call that does not throw; the object `train` resolves with. */
  trainingCompleted: (result: TrainingResult) => void;
}

/** The mean gradient of the loss with respect to one connection's weight. */
export interface ConnectionGradient {
  readonly from: string;
  readonly to: string;
  readonly gradient: number;
}

const optionNames = [
  'learningRate',
  'optimizer',
  'loss',
  'batchSize',
  'epochs',
  'errorThreshold',
  'shuffle',
  'seed',
  'signal',
  'now',
  'truncate',
  'regularization',
  'earlyStopping',
];
const trainOptionNames = ['validation', 'validationSplit'];

/** How long training runs between two yields to the event loop. */
const YIELD_EVERY_MS = 20;
/** How much work (samples × (connections + neurons)) passes between two reads of the clock. */
const CLOCK_EVERY_WORK = 1 << 15;

/** The clock when none is given. */
const ownClock = () => performance.now();

/** Lets timers, signals and I/O run: setImmediate in Node, a zero timeout elsewhere (browsers). */
const yieldToEventLoop: () => Promise<void> =
  typeof setImmediate === 'function'
    ? () => new Promise((resolve) => setImmediate(resolve))
    : () => new Promise((resolve) => setTimeout(resolve, 0));

export class Trainer extends EventEmitter<TrainerEvents> {
  readonly network: Network;
  /** The learning rate (of epoch 1, when `learningRate` was given as a schedule). */
  readonly learningRate: number;
  /** The schedule given as `learningRate`, if one was. */
  readonly learningRateSchedule: LearningRateSchedule | undefined;
  /** The penalty's factors (both 0 without regularization). */
  readonly regularization: { readonly l1: number; readonly l2: number };
  /** Early stopping with its defaults filled in, or undefined. */
  readonly earlyStopping: Required<EarlyStopping> | undefined;
  readonly batchSize: number;
  readonly epochs: number;
  readonly errorThreshold: number;
  readonly shuffle: boolean;
  readonly seed: number;
  readonly lossName: LossName;
  /** Steps back from each output for sequences (see `TrainerOptions.truncate`); undefined: no limit. */
  readonly truncate: number | undefined;

  readonly #loss: ReturnType<typeof resolveLoss>;
  readonly #regularization: { l1: number; l2: number } | null;
  readonly #optimizer: ReturnType<typeof resolveOptimizer>;
  readonly #signal: AbortSignal | undefined;
  readonly #now: () => number;
  /** Optimizer state survives between `train` calls on the same network structure. */
  #state: { plan: Plan; optimizer: Optimizer } | null = null;
  #training = false;

  constructor(network: Network, options: TrainerOptions = {}) {
    super();
    const where = 'new Trainer';
    if (
      typeof network !== 'object' ||
      network === null ||
      isRevokedProxy(network) ||
      typeof network.run !== 'function'
    ) {
      throw new UsageError(`${where}: needs a Network to train, got ${describe(network)}.`);
    }
    if (typeof options !== 'object' || options === null || isRevokedProxy(options)) {
      throw new UsageError(`${where}: options must be an object, got ${describe(options)}.`);
    }
    for (const key of Object.keys(options)) {
      if (!optionNames.includes(key)) {
        throw new UsageError(`${where}: unknown option ${describe(key)}; the options are ${optionNames.join(', ')}.`);
      }
    }
    this.network = network;
    this.#optimizer = resolveOptimizer(options.optimizer ?? 'sgd', where);
    const loss: unknown = options.loss ?? 'mse';
    this.#loss = resolveLoss(loss, where);
    this.lossName = loss as LossName;
    // Checked again before every pass: the network may change after this.
    checkLossFitsOutputs(this.lossName, planOf(network), where);
    const rate: unknown = options.learningRate ?? this.#optimizer.learningRate;
    if (typeof rate === 'function') {
      this.learningRateSchedule = rate as LearningRateSchedule;
      const first: unknown = this.learningRateSchedule(1);
      if (typeof first !== 'number' || !Number.isFinite(first) || first <= 0) {
        throw new UsageError(
          `${where}: learningRate is a function, and for epoch 1 it returned ${describe(first)}; it must return a ` +
            'finite number above 0 for every epoch.',
        );
      }
      this.learningRate = first;
    } else {
      this.learningRateSchedule = undefined;
      this.learningRate = check(
        rate,
        (v) => v > 0,
        'learningRate',
        'a finite number above 0, or a function of the epoch returning one',
      );
    }
    this.#regularization = readRegularization(options.regularization, where);
    this.regularization = this.#regularization ?? { l1: 0, l2: 0 };
    this.earlyStopping = readEarlyStopping(options.earlyStopping, where);
    const batchSize = options.batchSize ?? 1;
    this.batchSize = check(
      batchSize,
      (v) => Number.isInteger(v) && v >= 1,
      'batchSize',
      'a whole number ≥ 1 (1 is online learning)',
    );
    this.epochs = check(options.epochs ?? 1000, (v) => Number.isInteger(v) && v >= 0, 'epochs', 'a whole number ≥ 0');
    this.errorThreshold = check(options.errorThreshold ?? 0, (v) => v >= 0, 'errorThreshold', 'a finite number ≥ 0');
    this.seed = check(options.seed ?? 1, Number.isSafeInteger, 'seed', 'an integer');
    this.truncate =
      options.truncate === undefined
        ? undefined
        : check(
            options.truncate,
            (v) => Number.isSafeInteger(v) && v >= 1,
            'truncate',
            'a whole number ≥ 1 (the steps back from each output), or left out for no limit',
          );
    const shuffle: unknown = options.shuffle ?? true;
    if (typeof shuffle !== 'boolean')
      throw new UsageError(`${where}: shuffle must be true or false, got ${describe(shuffle)}.`);
    this.shuffle = shuffle;
    if (options.signal !== undefined && !(options.signal instanceof AbortSignal)) {
      throw new UsageError(
        `${where}: signal must be an AbortSignal (e.g. from new AbortController()), got ${describe(options.signal)}.`,
      );
    }
    this.#signal = options.signal;
    const now: unknown = options.now ?? ownClock;
    if (typeof now !== 'function')
      throw new UsageError(`${where}: now must be a function returning milliseconds, got ${describe(now)}.`);
    this.#now = now as () => number;

    function check(value: unknown, accepts: (v: number) => boolean, name: string, wanted: string): number {
      if (typeof value !== 'number' || !Number.isFinite(value) || !accepts(value)) {
        throw new UsageError(`${where}: ${name} must be ${wanted}, got ${describe(value)}.`);
      }
      return value;
    }
  }

  /** The optimizer's name and its parameters, defaults filled in. */
  get optimizer(): { readonly name: string; readonly parameters: Readonly<Record<string, number>> } {
    return { name: this.#optimizer.name, parameters: this.#optimizer.parameters };
  }

  /**
   * Trains until an epoch's loss reaches `errorThreshold`, `epochs` run out, early stopping stops it or the
   * signal aborts. The network's weights are the trained ones when it resolves. `options` may name validation
   * samples (see `TrainOptions`); a refused call changes nothing.
   */
  async train(samples: readonly TrainingSample[], options?: TrainOptions): Promise<TrainingResult> {
    const where = 'Trainer.train';
    if (this.#training)
      throw new UsageError(`${where}: this trainer is already training; await the running train() first.`);
    const held = this.#heldOut(samples, options, where);
    const copy = this.#workingCopy(where, true);
    this.#training = true;
    let paths: GradientPaths | undefined;
    let block: SampleBlock | undefined;
    try {
      block = readSamples(held.training, copy.plan, where);
      const validation =
        held.validation === undefined ? null : readSamples(held.validation, copy.plan, `${where}: validation`);
      const batchSize = Math.min(this.batchSize, block.count);
      paths = new GradientPaths(
        copy,
        this.#loss,
        batchSize,
        where,
        block,
        this.#steps,
        this.#penaltyFor(copy),
        batchSize === 1 && this.#optimizer.name === 'sgd',
      );
      return await this.#run(copy, paths, block, validation, this.#optimizerFor(copy), where);
    } catch (error) {
      // The weights that go to the graph are finite and have run a pass finite (see working-copy.ts),
      // unless the network was changed meanwhile: then it keeps that change.
      if (error instanceof TrainingError) this.#state = null;
      if (copy.unchanged) {
        if (paths !== undefined && block !== undefined && !copy.verified) paths.verifyOrRevert(block);
        copy.writeBack();
      }
      throw error;
    } finally {
      copy.release();
      this.#training = false;
    }
  }

  async #run(
    copy: WorkingCopy,
    paths: GradientPaths,
    block: SampleBlock,
    validation: SampleBlock | null,
    optimizer: Optimizer,
    where: string,
  ) {
    const { count, countedSteps } = block;
    const terms = countedSteps * outputsPerSample(this.#loss, block.outputWidth);
    const now = this.#now;
    const { epochs, errorThreshold } = this;
    const gradients = new Float64Array(copy.plan.weights.length);
    const random = createRandom(this.seed);
    const order = Array.from({ length: count }, (_, k) => k);
    const penalty = this.#penaltyFor(copy);
    const monitor = validation === null ? null : new Monitor(this.earlyStopping, copy.plan.weights.length);

    let epoch = 0;
    let epochLoss = Number.NaN;
    let learningRate = this.learningRate;
    let validationLoss = Number.NaN;
    let stoppedBy: TrainingResult['stoppedBy'] = 'epochs';
    // A sample's work grows with the network: connections plus neurons, forward and back.
    // A sequence's, per step.
    const workPerSample = (copy.plan.weights.length + copy.plan.size) * Math.ceil(block.stepStarts[count]! / count);
    // The path is chosen where listeners can have changed: before each epoch and after each yield.
    const run: EpochRun = {
      first: 0,
      total: 0,
      sinceClock: 0,
      lastYield: now(),
      path: paths.silent,
      fused: null,
      acc: new Float64Array(1),
    };
    // NOTE: who listens (to the network, to this trainer) changes only when user code runs: a listener, a
    // learning-rate schedule, a clock of the user's, or anything while training yields. Without those, the last
    // check stands (`fresh`), so an epoch of a few samples does not pay for four listener counts.
    const recheckEveryEpoch = this.learningRateSchedule !== undefined || now !== ownClock;
    let fresh = false;
    let listened = false;

    training: while (epoch < epochs) {
      learningRate = this.#rateOf(epoch + 1, where);
      if (!fresh) {
        run.path = paths.choose();
        run.fused = paths.fused();
        listened = this.listenerCount('epochCompleted') > 0;
        fresh = !recheckEveryEpoch;
      }
      if (this.shuffle) shuffleInPlace(order, random);
      run.first = 0;
      run.total = 0;
      for (;;) {
        const state = this.#advance(
          run,
          copy,
          optimizer,
          block,
          order,
          gradients,
          epoch,
          learningRate,
          workPerSample,
          where,
        );
        if (state === 'abort') {
          stoppedBy = 'abort';
          break training;
        }
        if (state === 'done') break;
        await yieldToEventLoop();
        run.lastYield = now();
        copy.assertUnchanged();
        run.path = paths.choose();
        run.fused = paths.fused();
        fresh = false;
      }
      const total = run.total;
      epoch++;
      epochLoss = total / terms;
      if (!fresh) listened = this.listenerCount('epochCompleted') > 0;
      let scores: { validation: BlockEvaluation; training: BlockEvaluation | null } | null = null;
      if (validation !== null) {
        scores = this.#score(copy, validation, listened ? block : null, epoch, learningRate, where);
        validationLoss = scores.validation.loss + (penalty?.value(copy.current.weights) ?? 0);
        monitor!.record(epoch, validationLoss, copy.current.weights);
      }
      // NOTE: the payload (and the write-back that lets listeners read the weights) only when someone listens.
      if (listened) {
        copy.writeBack();
        this.emit('epochCompleted', epochEvent(epoch, epochLoss, learningRate, validationLoss, scores));
        copy.assertUnchanged();
        fresh = false;
      }
      if (epochLoss <= errorThreshold) {
        stoppedBy = 'threshold';
        break;
      }
      if (monitor?.exhausted) {
        stoppedBy = 'earlyStopping';
        break;
      }
    }

    if (monitor !== null && this.earlyStopping?.restoreBest && monitor.bestEpoch > 0) {
      // If they are not the current weights, a later step started from them: a pass ran finite with them.
      copy.restore(monitor.bestWeights);
    }
    // The last step's weights have not run a pass yet: they run every sample (silently) before they are kept.
    if (!copy.verified && !paths.verifyOrRevert(block)) {
      throw new TrainingError(
        `${where}: epoch ${epoch}: the last step made weights with which a sample's pass is not finite; ` +
          `training stopped with the weights from before that step. Lower the learning rate (now ${learningRate}).`,
        epoch,
      );
    }
    copy.writeBack();
    if (epoch === 0) {
      try {
        epochLoss = paths.silent.pass(block, everySample(count), 0, count, null) / terms;
      } catch (error) {
        // Inside train(), a pass that leaves the finite numbers is training's failure: it names the epoch.
        if (!(error instanceof NumericError)) throw error;
        throw new TrainingError(`${error.message} No epoch ran; scale the samples' values or the weights down.`, 0);
      }
      if (!Number.isFinite(epochLoss)) {
        throw new TrainingError(
          `${where}: no epoch ran and the loss is ${epochLoss} with the current weights; scale the samples' ` +
            `values or the weights down.`,
          0,
        );
      }
      if (validation !== null) {
        const scored = this.#score(copy, validation, null, 0, learningRate, where).validation.loss;
        validationLoss = scored + (penalty?.value(copy.current.weights) ?? 0);
      }
    }
    const result: TrainingResult = {
      epochs: epoch,
      loss: epochLoss,
      converged: epochLoss <= errorThreshold,
      stoppedBy,
      ...(monitor === null
        ? {}
        : {
            validationLoss,
            bestEpoch: monitor.bestEpoch,
            bestValidationLoss: monitor.bestEpoch === 0 ? validationLoss : monitor.best,
          }),
    };
    this.emit('trainingCompleted', result);
    return result;
  }

  /**
   * The epoch's steps from `run.first` on, until the epoch ends ('done'), the signal aborts ('abort') or the
   * clock says to yield to the event loop ('yield'); `run` keeps where it stopped and the loss so far.
   * NOTE: a synchronous method, so that the per-step numbers live in registers: in the async `#run`, every
   * local that outlives an `await` is boxed on the heap, and each `total +=` allocated (measured: the
   * training loop's per-sample cost dropped by about a third on XOR).
   */
  #advance(
    run: EpochRun,
    copy: WorkingCopy,
    optimizer: Optimizer,
    block: SampleBlock,
    order: readonly number[],
    gradients: Float64Array,
    epoch: number,
    learningRate: number,
    workPerSample: number,
    where: string,
  ): 'done' | 'abort' | 'yield' {
    const { count, inputs, targets } = block;
    const { batchSize } = this;
    const signal = this.#signal;
    const { path, fused, acc } = run;
    let { first, total, sinceClock } = run;
    let state: 'done' | 'abort' | 'yield' = 'done';
    while (first < count) {
      if (signal?.aborted) {
        state = 'abort';
        break;
      }
      let last = Math.min(first + batchSize, count);
      let taken = 0;
      if (fused !== null) {
        // NOTE: online SGD on a small network: one generated call takes every step up to the next read of the
        // clock (no user code can run before it), its weights in locals; a sample it cannot step (something not
        // finite) is left to the loops below, which throw the error the user should see.
        const until = Math.min(count, first + Math.max(1, Math.ceil((CLOCK_EVERY_WORK - sinceClock) / workPerSample)));
        acc[0] = total;
        taken = fused(copy.current.weights, copy.next.weights, inputs, targets, order, first, until, learningRate, acc);
        if (taken > 0) {
          copy.markVerified();
          copy.swap();
          total = acc[0]!;
          last = first + taken;
        }
      }
      if (taken === 0) {
        const batchLoss = this.#step(
          copy,
          path,
          optimizer,
          block,
          order,
          first,
          last,
          gradients,
          epoch,
          learningRate,
          where,
        );
        copy.swap();
        total += batchLoss;
      }

      // NOTE: the clock is read once per ~30,000 connection-visits of work, not per step.
      sinceClock += (last - first) * workPerSample;
      first = last;
      if (sinceClock >= CLOCK_EVERY_WORK) {
        sinceClock = 0;
        if (this.#now() - run.lastYield >= YIELD_EVERY_MS) {
          state = 'yield';
          break;
        }
      }
    }
    run.first = first;
    run.total = total;
    run.sinceClock = sinceClock;
    return state;
  }

  /**
   * One step on the loops: the pass over the samples `order[first … last - 1]` along `path`, then the
   * optimizer's step into the spare weights (not yet swapped in). Returns the batch's summed loss; a pass,
   * loss or step that leaves the finite numbers is a TrainingError (a pass's takes the last step back).
   */
  #step(
    copy: WorkingCopy,
    path: GradientPath,
    optimizer: Optimizer,
    block: SampleBlock,
    order: readonly number[],
    first: number,
    last: number,
    gradients: Float64Array,
    epoch: number,
    learningRate: number,
    where: string,
  ): number {
    let batchLoss: number;
    try {
      batchLoss = path.pass(block, order, first, last, gradients);
    } catch (error) {
      if (!(error instanceof NumericError)) throw error;
      // The last step made weights whose pass is not finite: it is taken back.
      copy.revert();
      throw new TrainingError(
        `${where}: epoch ${epoch + 1}: ${error.message.slice(where.length + 2)} ` +
          `Training stopped with the weights of the last finite pass; lower the learning rate (now ` +
          `${learningRate}).`,
        epoch + 1,
      );
    }
    copy.markVerified();
    if (!Number.isFinite(batchLoss)) {
      throw new TrainingError(
        `${where}: epoch ${epoch + 1}: the loss became ${batchLoss} (samples ` +
          `${describeBatch(order, first, last)}); ` +
          'training stopped before this step, with the weights from before it. ' +
          `Lower the learning rate (now ${learningRate}) or scale the samples' values down.`,
        epoch + 1,
      );
    }
    if (optimizer.step(copy.current.weights, copy.next.weights, gradients, learningRate) !== 0) {
      throw new TrainingError(
        `${where}: epoch ${epoch + 1}: a gradient or stepped weight became non-finite (${firstNonFinite(copy)}); ` +
          `training stopped before this step, with the weights from before it. Lower the learning rate ` +
          `(now ${learningRate}).`,
        epoch + 1,
      );
    }
    return batchLoss;
  }

  /**
   * The validation samples' scores (and the training samples', when `training` is given) with the working
   * weights; a pass that is not finite is a TrainingError (the last step taken back when unverified).
   */
  #score(
    copy: WorkingCopy,
    validation: SampleBlock,
    training: SampleBlock | null,
    epoch: number,
    learningRate: number,
    where: string,
  ): { validation: BlockEvaluation; training: BlockEvaluation | null } {
    const compiled = compileNetwork(copy.current);
    try {
      return {
        validation: evaluateBlock(copy.current, validation, this.#loss, `${where}: validation`, compiled),
        training: training === null ? null : evaluateBlock(copy.current, training, this.#loss, where, compiled),
      };
    } catch (error) {
      if (!(error instanceof NumericError)) throw error;
      copy.revert();
      throw new TrainingError(
        `${error.message} Training stopped at epoch ${epoch} with the weights of the last finite pass; lower the ` +
          `learning rate (now ${learningRate}).`,
        epoch,
      );
    }
  }

  /** The learning rate of `epoch`: the constant one, or the schedule's value, checked. */
  #rateOf(epoch: number, where: string): number {
    const schedule = this.learningRateSchedule;
    if (schedule === undefined) return this.learningRate;
    const rate: unknown = schedule(epoch);
    if (typeof rate !== 'number' || !Number.isFinite(rate) || rate <= 0) {
      throw new TrainingError(
        `${where}: epoch ${epoch}: the learningRate function returned ${describe(rate)}; it must return a finite ` +
          'number above 0. Training stopped before the first step of that epoch, with the weights from before it.',
        epoch,
      );
    }
    return rate;
  }

  /** Splits off the validation samples (given, or drawn from the seed); checks the options. Changes nothing. */
  #heldOut(
    samples: readonly TrainingSample[],
    options: TrainOptions | undefined,
    where: string,
  ): { training: readonly TrainingSample[]; validation: readonly TrainingSample[] | undefined } {
    checkOptionNames(options, trainOptionNames, where);
    const validation = options?.validation;
    const split = options?.validationSplit;
    if (validation !== undefined && split !== undefined) {
      throw new UsageError(`${where}: give validation or validationSplit, not both.`);
    }
    let held: { training: readonly TrainingSample[]; validation: readonly TrainingSample[] | undefined } = {
      training: samples,
      validation,
    };
    if (split !== undefined) {
      if (typeof split !== 'number' || !Number.isFinite(split) || split <= 0 || split >= 1) {
        throw new UsageError(
          `${where}: validationSplit must be a fraction above 0 and below 1 (of the samples to hold out), got ` +
            `${describe(split)}.`,
        );
      }
      if (!Array.isArray(samples)) {
        throw new UsageError(
          `${where}: samples must be an array to take a validationSplit of, got ${describe(samples)}.`,
        );
      }
      held = splitSamples(samples, split, this.seed, `${where}: validationSplit`);
    }
    if (this.earlyStopping !== undefined && held.validation === undefined) {
      throw new UsageError(
        `${where}: earlyStopping watches the validation loss, but this call has no validation samples; pass ` +
          '{ validation: samples } or { validationSplit: 0.2 }.',
      );
    }
    return held;
  }

  #penaltyFor(copy: WorkingCopy): Penalty | null {
    return this.#regularization === null ? null : new Penalty(copy.plan, this.#regularization);
  }

  /**
   * The mean loss of the network's current weights over `samples` (over every counted step of a sequence,
   * and every output), plus the `regularization` penalty; changes no weight, nor the network's time and memory
   * unless someone listens.
   */
  loss(samples: readonly TrainingSample[]): number {
    const where = 'Trainer.loss';
    const copy = this.#workingCopy(where, false);
    try {
      const block = readSamples(samples, copy.plan, where);
      const path = new GradientPaths(copy, this.#loss, 1, where, block, this.#steps, this.#penaltyFor(copy)).choose();
      const value =
        path.pass(block, everySample(block.count), 0, block.count, null) /
        (block.countedSteps * outputsPerSample(this.#loss, block.outputWidth));
      if (!Number.isFinite(value)) {
        throw new TrainingError(
          `${where}: the loss is ${value} with the current weights; scale the samples' values or the weights down.`,
          0,
        );
      }
      return value;
    } finally {
      copy.release();
    }
  }

  /**
   * The mean gradient of the loss over `samples` for every connection, in connection
   * insertion order (0 for connections marked `trainable: false`), the `regularization` penalty's included;
   * changes no weight.
   * Sequences are backpropagated through time (up to `truncate` steps back from each output).
   */
  gradients(samples: readonly TrainingSample[]): ConnectionGradient[] {
    const where = 'Trainer.gradients';
    const copy = this.#workingCopy(where, true);
    try {
      const block = readSamples(samples, copy.plan, where);
      const gradients = new Float64Array(copy.plan.weights.length);
      new GradientPaths(copy, this.#loss, 1, where, block, this.#steps, this.#penaltyFor(copy))
        .choose()
        .pass(block, everySample(block.count), 0, block.count, gradients);
      const { slotOfEdge } = copy.plan;
      const result: ConnectionGradient[] = [];
      this.network.graph.forEachEdge((_key, _attributes, from, to) => {
        const gradient = gradients[slotOfEdge[result.length]!]!;
        if (!Number.isFinite(gradient)) {
          throw new TrainingError(
            `${where}: the gradient of "${from}" -> "${to}" is ${gradient} with the current weights; scale the ` +
              `samples' values or the weights down.`,
            0,
          );
        }
        result.push({ from, to, gradient });
      });
      return result;
    } finally {
      copy.release();
    }
  }

  /** A working copy of the network as it is now, checked for what this trainer can do with it. */
  #workingCopy(where: string, forGradients: boolean): WorkingCopy {
    const plan = planOf(this.network);
    if (plan.outputIds.length === 0)
      throw new UsageError(`${where}: the network has no output neurons; add one with Network.addOutput.`);
    checkLossFitsOutputs(this.lossName, plan, where);
    if (forGradients) {
      const steps = stepNeuronsOnPathToOutput(plan);
      if (steps.length > 0) {
        const names = steps.map((id) => `"${id}"`).join(', ');
        throw new UsageError(
          `${where}: ${names} ${steps.length > 1 ? 'use' : 'uses'} the step activation on a path to an output; ` +
            'its gradient is zero almost everywhere, so backpropagation cannot learn through it. ' +
            `Give ${steps.length > 1 ? 'them' : 'it'} { activation: 'sigmoid' }, or train a single layer of ` +
            `step outputs with trainPerceptron.`,
        );
      }
    }
    return new WorkingCopy(this.network, where);
  }

  /** `truncate` as the gradient paths read it: 0 for no limit. */
  get #steps(): number {
    return this.truncate ?? 0;
  }

  #optimizerFor(copy: WorkingCopy): Optimizer {
    if (this.#state === null || this.#state.plan !== copy.plan) {
      this.#state = { plan: copy.plan, optimizer: this.#optimizer.create(copy.plan.weights.length) };
    }
    return this.#state.optimizer;
  }
}

/** Where an epoch's steps are, kept across yields to the event loop (see `Trainer#advance`). */
interface EpochRun {
  /** The next batch's first index into the epoch's sample order. */
  first: number;
  /** The epoch's summed loss so far. */
  total: number;
  /** Work done since the clock was last read. */
  sinceClock: number;
  lastYield: number;
  /** The path (and the generated step, if any) chosen for the listeners there are now. */
  path: GradientPath;
  fused: GeneratedStep | null;
  /** The generated step's loss sum, in and out. */
  readonly acc: Float64Array;
}

/** The epochCompleted payload; validation fields only with validation samples, accuracies only for classifications. */
function epochEvent(
  epoch: number,
  loss: number,
  learningRate: number,
  validationLoss: number,
  scores: { validation: BlockEvaluation; training: BlockEvaluation | null } | null,
): EpochCompletedEvent {
  if (scores === null) return { epoch, loss, learningRate };
  const accuracy = scores.training?.accuracy ?? null;
  const validationAccuracy = scores.validation.accuracy;
  return {
    epoch,
    loss,
    learningRate,
    validationLoss,
    ...(accuracy === null ? {} : { accuracy }),
    ...(validationAccuracy === null ? {} : { validationAccuracy }),
  };
}

function describeBatch(order: readonly number[], first: number, last: number): string {
  const shown = order.slice(first, Math.min(last, first + 5)).join(', ');
  return last - first > 5 ? `${shown}, …` : shown;
}

/** Names the first connection whose stepped weight is not finite (the error path only). */
function firstNonFinite(copy: WorkingCopy): string {
  const { slotOfEdge, ids, sources, starts, delayedStarts, size } = copy.plan;
  const next = copy.next.weights;
  for (let edge = 0; edge < slotOfEdge.length; edge++) {
    const slot = slotOfEdge[edge]!;
    if (Number.isFinite(next[slot]!)) continue;
    // Immediate slots come first, delayed ones after them (see plan.ts).
    const ends = slot < starts[size]! ? starts : delayedStarts;
    let target = 0;
    while (ends[target + 1]! <= slot) target++;
    return `"${ids[sources[slot]!]!}" -> "${ids[target]!}" would become ${next[slot]}`;
  }
  return 'unknown connection';
}
