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
 * Training is asynchronous only so that it can be stopped: it yields to the event
 * loop every few milliseconds (an AbortSignal, a timer or Ctrl-C can then act);
 * everything between two yields is plain synchronous work on typed arrays.
 */
import { EventEmitter } from 'eventemitter3';
import { NumericError, TrainingError, UsageError } from '../errors.js';
import { describe } from '../format/describe.js';
import type { Network } from '../graph/network.js';
import { planOf } from '../plan/plan-cache.js';
import type { Plan } from '../plan/plan.js';
import { createRandom, shuffleInPlace } from '../random.js';
import { stepNeuronsOnPathToOutput } from './backprop.js';
import { everySample, GradientPaths, type GradientPath } from './gradient-path.js';
import { resolveLoss, type LossName } from './losses.js';
import { resolveOptimizer, type Optimizer, type OptimizerSpec } from './optimizers.js';
import { readSamples, type SampleBlock, type TrainingSample } from './samples.js';
import { WorkingCopy } from './working-copy.js';

export interface TrainerOptions {
  /** Step size; defaults to the optimizer's own (sgd 0.1, momentum 0.01, adam 0.01). */
  readonly learningRate?: number;
  /**
   * `'sgd'` (default), `'momentum'`, `'adam'`, or `{ name, ...params }`, e.g. `{ name: 'momentum', momentum: 0.9 }`.
   */
  readonly optimizer?: OptimizerSpec;
  /** `'mse'` (default): mean of (output − target)²; `'crossEntropy'`: binary cross-entropy. */
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
  readonly stoppedBy: 'threshold' | 'epochs' | 'abort';
}

export interface EpochCompletedEvent {
  /** From 1 within a `train` call. */
  readonly epoch: number;
  /** The epoch's loss (see `TrainingResult.loss`). */
  readonly loss: number;
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
];

/** How long training runs between two yields to the event loop. */
const YIELD_EVERY_MS = 20;
/** How much work (samples × (connections + neurons)) passes between two reads of the clock. */
const CLOCK_EVERY_WORK = 1 << 15;

/** Lets timers, signals and I/O run: setImmediate in Node, a zero timeout elsewhere (browsers). */
const yieldToEventLoop: () => Promise<void> =
  typeof setImmediate === 'function'
    ? () => new Promise((resolve) => setImmediate(resolve))
    : () => new Promise((resolve) => setTimeout(resolve, 0));

export class Trainer extends EventEmitter<TrainerEvents> {
  readonly network: Network;
  readonly learningRate: number;
  readonly batchSize: number;
  readonly epochs: number;
  readonly errorThreshold: number;
  readonly shuffle: boolean;
  readonly seed: number;
  readonly lossName: LossName;
  /** Steps back from each output for sequences (see `TrainerOptions.truncate`); undefined: no limit. */
  readonly truncate: number | undefined;

  readonly #loss: ReturnType<typeof resolveLoss>;
  readonly #optimizer: ReturnType<typeof resolveOptimizer>;
  readonly #signal: AbortSignal | undefined;
  readonly #now: () => number;
  /** Optimizer state survives between `train` calls on the same network structure. */
  #state: { plan: Plan; optimizer: Optimizer } | null = null;
  #training = false;

  constructor(network: Network, options: TrainerOptions = {}) {
    super();
    const where = 'new Trainer';
    if (typeof network !== 'object' || network === null || typeof network.run !== 'function') {
      throw new UsageError(`${where}: needs a Network to train, got ${describe(network)}.`);
    }
    if (typeof options !== 'object' || options === null) {
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
    const rate = options.learningRate ?? this.#optimizer.learningRate;
    this.learningRate = check(rate, (v) => v > 0, 'learningRate', 'a finite number above 0');
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
    const now: unknown = options.now ?? (() => performance.now());
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
   * Trains until an epoch's loss reaches `errorThreshold`, `epochs` run out or the
   * signal aborts. The network's weights are the trained ones when it resolves.
   */
  async train(samples: readonly TrainingSample[]): Promise<TrainingResult> {
    const where = 'Trainer.train';
    if (this.#training)
      throw new UsageError(`${where}: this trainer is already training; await the running train() first.`);
    const copy = this.#workingCopy(where, true);
    this.#training = true;
    let paths: GradientPaths | undefined;
    let block: SampleBlock | undefined;
    try {
      block = readSamples(samples, copy.plan, where);
      paths = new GradientPaths(copy, this.#loss, Math.min(this.batchSize, block.count), where, block, this.#steps);
      return await this.#run(copy, paths, block, this.#optimizerFor(copy), where);
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

  async #run(copy: WorkingCopy, paths: GradientPaths, block: SampleBlock, optimizer: Optimizer, where: string) {
    const { count, outputWidth, countedSteps } = block;
    const signal = this.#signal;
    const now = this.#now;
    const { learningRate, batchSize, epochs, errorThreshold } = this;
    const gradients = new Float64Array(copy.plan.weights.length);
    const random = createRandom(this.seed);
    const order = Array.from({ length: count }, (_, k) => k);

    let epoch = 0;
    let epochLoss = Number.NaN;
    let stoppedBy: TrainingResult['stoppedBy'] = 'epochs';
    let lastYield = now();
    let sinceClock = 0;
    // A sample's work grows with the network: connections plus neurons, forward and back.
    // A sequence's, per step.
    const workPerSample = (copy.plan.weights.length + copy.plan.size) * Math.ceil(block.stepStarts[count]! / count);
    // The path is chosen where listeners can have changed: before each epoch and after each yield.
    let path: GradientPath;

    training: while (epoch < epochs) {
      path = paths.choose();
      if (this.shuffle) shuffleInPlace(order, random);
      let total = 0;
      for (let first = 0; first < count; first += batchSize) {
        if (signal?.aborted) {
          stoppedBy = 'abort';
          break training;
        }
        const last = Math.min(first + batchSize, count);
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
        copy.swap();
        total += batchLoss;

        // NOTE: the clock is read once per ~30,000 connection-visits of work, not per step.
        sinceClock += (last - first) * workPerSample;
        if (sinceClock >= CLOCK_EVERY_WORK) {
          sinceClock = 0;
          if (now() - lastYield >= YIELD_EVERY_MS) {
            await yieldToEventLoop();
            lastYield = now();
            copy.assertUnchanged();
            path = paths.choose();
          }
        }
      }
      epoch++;
      epochLoss = total / (countedSteps * outputWidth);
      // NOTE: the payload (and the write-back that lets listeners read the weights) only when someone listens.
      if (this.listenerCount('epochCompleted') > 0) {
        copy.writeBack();
        this.emit('epochCompleted', { epoch, loss: epochLoss });
        copy.assertUnchanged();
      }
      if (epochLoss <= errorThreshold) {
        stoppedBy = 'threshold';
        break;
      }
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
        epochLoss = paths.silent.pass(block, everySample(count), 0, count, null) / (countedSteps * outputWidth);
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
    }
    const result: TrainingResult = {
      epochs: epoch,
      loss: epochLoss,
      converged: epochLoss <= errorThreshold,
      stoppedBy,
    };
    this.emit('trainingCompleted', result);
    return result;
  }

  /**
   * The mean loss of the network's current weights over `samples` (over every counted step of a sequence,
   * and every output); changes no weight, nor the network's time and memory unless someone listens.
   */
  loss(samples: readonly TrainingSample[]): number {
    const where = 'Trainer.loss';
    const copy = this.#workingCopy(where, false);
    try {
      const block = readSamples(samples, copy.plan, where);
      const path = new GradientPaths(copy, this.#loss, 1, where, block, this.#steps).choose();
      const value =
        path.pass(block, everySample(block.count), 0, block.count, null) / (block.countedSteps * block.outputWidth);
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
   * insertion order (0 for connections marked `trainable: false`); changes no weight.
   * Sequences are backpropagated through time (up to `truncate` steps back from each output).
   */
  gradients(samples: readonly TrainingSample[]): ConnectionGradient[] {
    const where = 'Trainer.gradients';
    const copy = this.#workingCopy(where, true);
    try {
      const block = readSamples(samples, copy.plan, where);
      const gradients = new Float64Array(copy.plan.weights.length);
      new GradientPaths(copy, this.#loss, 1, where, block, this.#steps)
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
