/**
 * The perceptron rule
 * ===================
 *
 * Rosenblatt's rule for the seed's step networks: run a sample, and for every
 * output that fired wrongly move each of its incoming weights by
 * learningRate × (target − output) × source output. For a single layer of step
 * outputs fed by the inputs (and the bias) it finds weights for any linearly
 * separable table, such as AND and OR, from any starting weights; on XOR it cannot,
 * which is why networks grew a hidden layer.
 *
 * [Reference]: F. Rosenblatt 1958, "The perceptron: a probabilistic model for
 * information storage and organization in the brain"; Minsky & Papert 1969, "Perceptrons".
 */
import { STEP } from '../activations.js';
import { InputError, NumericError, TrainingError, UsageError } from '../errors.js';
import { describe } from '../format/describe.js';
import { isRevokedProxy } from '../format/revoked-proxy.js';
import type { Network } from '../graph/network.js';
import { planOf } from '../plan/plan-cache.js';
import { assertFeedForwardSum } from '../plan/plan.js';
import { BIAS, INPUT, OUTPUT } from '../graph/neuron.js';
import { GradientPaths } from './gradient-path.js';
import { losses } from './losses.js';
import { resolveOptimizer } from './optimizers.js';
import { readSamples, type Sample } from './samples.js';
import { WorkingCopy } from './working-copy.js';

export interface PerceptronOptions {
  /** How far one mistake moves a weight; defaults to 0.1. */
  readonly learningRate?: number;
  /** Most passes over the samples; defaults to 100. */
  readonly epochs?: number;
}

export interface PerceptronResult {
  /** Epochs run, including the last one (which made no mistake if it converged). */
  readonly epochs: number;
  /** Whether the last epoch got every sample right. */
  readonly converged: boolean;
  /** Samples with at least one wrong output in the last epoch. */
  readonly errors: number;
}

const optionNames = ['learningRate', 'epochs'];

/**
 * Trains a single layer of step outputs with the perceptron rule, online and in
 * sample order. Targets must be 0 or 1. The network's weights are the trained ones
 * when it returns; when it throws (a bad argument, or a TrainingError when a step
 * leaves the finite numbers) they are the ones it had.
 */
export function trainPerceptron(
  network: Network,
  samples: readonly Sample[],
  options: PerceptronOptions = {},
): PerceptronResult {
  const where = 'trainPerceptron';
  const { learningRate, epochs } = readOptions(options, where);
  const plan = planOf(network);
  assertFeedForwardSum(plan, where, 'the perceptron rule trains one layer of summing step neurons');
  checkSingleLayer(network, where);
  const block = readSamples(samples, plan, where);
  if (block.sequences) {
    throw new InputError(
      `${where}: the samples include a sequence ({ steps }); the perceptron rule learns one step at a time. ` +
        'Give { input, output } samples, or train sequences with Trainer.',
    );
  }
  block.targets.forEach((target, i) => {
    if (target !== 0 && target !== 1) {
      const sample = Math.floor(i / block.outputWidth);
      const output = plan.outputIds[i % block.outputWidth]!;
      throw new InputError(
        `${where}: samples[${sample}].output: "${output}" has target ${target}; a step neuron outputs 0 or 1, ` +
          `so give 0 or 1.`,
      );
    }
  });

  const copy = new WorkingCopy(network, where);
  try {
    const paths = new GradientPaths(copy, losses.mse, 1, where, block, 0);
    // The rule is a gradient step: g = (output − target) × source output on each connection into
    // a wrong output, and w ← w − η g is sgd's step, which also refuses non-finite weights.
    const step = resolveOptimizer('sgd', where).create(plan.weights.length).step;
    const gradients = new Float64Array(plan.weights.length);
    const { starts, sources, outputPositions, trainable } = plan;
    let epoch = 0;
    let errors = 0;
    try {
      while (epoch < epochs) {
        const walk = paths.walk();
        const { values } = walk.buffers;
        epoch++;
        errors = 0;
        for (let sample = 0; sample < block.count; sample++) {
          walk.forwardSample(block.inputs, sample * block.inputWidth, sample);
          copy.markVerified();
          let wrong = false;
          for (let i = 0; i < outputPositions.length; i++) {
            const position = outputPositions[i]!;
            const error = block.targets[sample * block.outputWidth + i]! - values[position]!;
            if (error === 0) continue;
            wrong = true;
            // Untrainable connections (`trainable: false`) keep their weights.
            for (let slot = starts[position]!; slot < starts[position + 1]!; slot++)
              gradients[slot] = trainable[slot] === 1 ? -error * values[sources[slot]!]! : 0;
          }
          if (!wrong) continue;
          errors++;
          if (step(copy.current.weights, copy.next.weights, gradients, learningRate) !== 0) {
            throw new TrainingError(
              `${where}: epoch ${epoch}: a weight would become non-finite; nothing was changed. Lower the ` +
                `learning rate (now ${learningRate}).`,
              epoch,
            );
          }
          copy.swap();
        }
        if (errors === 0) break;
      }
      if (!copy.verified && !paths.verifyOrRevert(block)) {
        throw new TrainingError(
          `${where}: epoch ${epoch}: the last step made weights with which a sample's run is not finite; ` +
            `nothing was changed. ` +
            `Lower the learning rate (now ${learningRate}).`,
          epoch,
        );
      }
    } catch (error) {
      if (copy.unchanged) copy.restoreOriginal();
      if (!(error instanceof NumericError)) throw error;
      throw new TrainingError(
        `${where}: epoch ${epoch}: ${error.message.slice(where.length + 2)} Nothing was changed; lower the ` +
          `learning rate (now ${learningRate}).`,
        epoch,
      );
    }
    copy.writeBack();
    return { epochs: epoch, converged: errors === 0 && epoch > 0, errors };
  } finally {
    copy.release();
  }
}

function readOptions(options: unknown, where: string): { learningRate: number; epochs: number } {
  if (typeof options !== 'object' || options === null || isRevokedProxy(options)) {
    throw new UsageError(
      `${where}: options must be an object such as { learningRate: 0.1, epochs: 100 }, got ${describe(options)}.`,
    );
  }
  for (const key of Object.keys(options)) {
    if (!optionNames.includes(key))
      throw new UsageError(`${where}: unknown option ${describe(key)}; the options are ${optionNames.join(', ')}.`);
  }
  const { learningRate = 0.1, epochs = 100 } = options as PerceptronOptions;
  if (typeof learningRate !== 'number' || !Number.isFinite(learningRate) || learningRate <= 0) {
    throw new UsageError(`${where}: learningRate must be a finite number above 0, got ${describe(learningRate)}.`);
  }
  if (typeof epochs !== 'number' || !Number.isSafeInteger(epochs) || epochs < 0) {
    throw new UsageError(`${where}: epochs must be a whole number ≥ 0, got ${describe(epochs)}.`);
  }
  return { learningRate, epochs };
}

/** Refuses anything but step outputs fed straight from inputs and the bias. */
function checkSingleLayer(network: Network, where: string): void {
  const { size, roles, activationCodes, starts, sources, ids } = planOf(network);
  const hidden: string[] = [];
  const notStep: string[] = [];
  const fedByOutputs: string[] = [];
  for (let position = 0; position < size; position++) {
    const role = roles[position];
    if (role === INPUT || role === BIAS) continue;
    if (role !== OUTPUT) {
      hidden.push(ids[position]!);
      continue;
    }
    if (activationCodes[position] !== STEP) notStep.push(ids[position]!);
    for (let slot = starts[position]!; slot < starts[position + 1]!; slot++) {
      const sourceRole = roles[sources[slot]!];
      if (sourceRole !== INPUT && sourceRole !== BIAS) fedByOutputs.push(ids[position]!);
    }
  }
  const quote = (list: string[]) => [...new Set(list)].map((id) => `"${id}"`).join(', ');
  const problems: string[] = [];
  if (hidden.length > 0) problems.push(`hidden neurons ${quote(hidden)}`);
  if (notStep.length > 0) problems.push(`outputs without the step activation ${quote(notStep)}`);
  if (fedByOutputs.length > 0) problems.push(`outputs fed by other outputs ${quote(fedByOutputs)}`);
  if (planOf(network).outputIds.length === 0) problems.push('no output neurons');
  if (problems.length > 0) {
    throw new UsageError(
      `${where}: the perceptron rule trains one layer of step outputs fed by inputs and the bias; this network ` +
        `has ${problems.join(' and ')}. ` +
        `Train it with a Trainer (backpropagation) and sigmoid neurons instead.`,
    );
  }
}
