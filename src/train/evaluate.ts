/**
 * Evaluate
 * ========
 *
 * A network's loss on samples and, when the samples are a classification (see
 * classify.ts), its accuracy and confusion matrix, as Keras's `model.evaluate`. The
 * outputs come from the compiled form of the network (`compile()`: silent, no events,
 * the network's time and memory untouched): one batch for one-step samples on a
 * feed-forward network of sums, else each sample as a sequence from a reset memory,
 * as training runs it. Every step with an output counts, as in training's loss.
 *
 * The loss is the data loss alone (no weight penalty: `evaluate` knows no trainer); it
 * agrees with `Trainer.loss` of a trainer without regularization within rounding (the
 * compiled and scheduled runs agree within 1e-12).
 */
import { NumericError, UsageError } from '../errors.js';
import { describe } from '../format/describe.js';
import { checkOptionNames } from '../format/options.js';
import { compileNetwork } from '../executors/compile.js';
import type { CompiledNetwork } from '../executors/compiled-network.js';
import type { Network } from '../graph/network.js';
import { planOf } from '../plan/plan-cache.js';
import { isFeedForwardSum, type Plan } from '../plan/plan.js';
import type { LossFunctions } from './backprop.js';
import { classLabels, predictedClass, targetClass } from './classify.js';
import { checkLossFitsOutputs, outputsPerSample, resolveLoss, type LossName } from './losses.js';
import { readSamples, type SampleBlock, type TrainingSample } from './samples.js';

export interface EvaluateOptions {
  /** The loss to report: `'mse'` (default) or any other of `lossNames`. */
  readonly loss?: LossName;
}

/** Counts of (true class, predicted class) over every counted step. */
export interface ConfusionMatrix {
  /** Class labels: output ids, or `'0'` and `'1'` for a single output. */
  readonly classes: readonly string[];
  /** `counts[t][p]`: steps whose true class is `classes[t]` and predicted class `classes[p]`. */
  readonly counts: readonly (readonly number[])[];
}

export interface Evaluation {
  /** The mean loss over every counted step and every output (no weight penalty). */
  readonly loss: number;
  /** The fraction of counted steps classified right; null when the samples are not a classification. */
  readonly accuracy: number | null;
  /** Null when the samples are not a classification. */
  readonly confusion: ConfusionMatrix | null;
  /** How many steps counted (one per one-step sample; the steps with an output of each sequence). */
  readonly steps: number;
}

const optionNames = ['loss'];

/**
 * The network's loss on `samples` and, if every counted target is 0/1 (one-hot with several outputs), its
 * accuracy and confusion matrix. Changes nothing and emits no events.
 */
export function evaluate(network: Network, samples: readonly TrainingSample[], options?: EvaluateOptions): Evaluation {
  const where = 'evaluate';
  if (typeof network !== 'object' || network === null || typeof network.run !== 'function') {
    throw new UsageError(`${where}: needs a Network, got ${describe(network)}.`);
  }
  checkOptionNames(options, optionNames, where);
  const lossName: unknown = options?.loss ?? 'mse';
  const loss = resolveLoss(lossName, where);
  const plan = planOf(network);
  if (plan.outputIds.length === 0) {
    throw new UsageError(`${where}: the network has no output neurons; add one with Network.addOutput.`);
  }
  checkLossFitsOutputs(lossName as LossName, plan, where);
  const block = readSamples(samples, plan, where);
  const result = evaluateBlock(plan, block, loss, where);
  return {
    loss: result.loss,
    accuracy: result.accuracy,
    confusion: result.counts === null ? null : { classes: classLabels(plan.outputIds), counts: result.counts },
    steps: block.countedSteps,
  };
}

export interface BlockEvaluation {
  /** Mean loss over counted steps and outputs. */
  readonly loss: number;
  readonly accuracy: number | null;
  readonly counts: number[][] | null;
}

/**
 * Runs `block` on `plan`'s weights (which may be a training working copy's; `compiled` is their compiled form)
 * and scores it. A pass that leaves the finite numbers is a NumericError starting with `where`.
 */
export function evaluateBlock(
  plan: Plan,
  block: SampleBlock,
  loss: LossFunctions,
  where: string,
  compiled: CompiledNetwork = compileNetwork(plan),
): BlockEvaluation {
  const outputs = runBlock(plan, compiled, block, where);
  const { outputWidth: width, targets, counted, stepStarts, count } = block;
  const rows = stepStarts[count]!;
  let total = 0;
  for (let row = 0; row < rows; row++) {
    if (counted[row] !== 1) continue;
    for (let i = row * width; i < (row + 1) * width; i++) total += loss.fn(outputs[i]!, targets[i]!);
  }
  const mean = total / (block.countedSteps * outputsPerSample(loss, width));

  const classes = width === 1 ? 2 : width;
  const counts = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  let right = 0;
  for (let row = 0; row < rows; row++) {
    if (counted[row] !== 1) continue;
    const truth = targetClass(targets, row * width, width);
    if (truth === -1) return { loss: mean, accuracy: null, counts: null };
    const predicted = predictedClass(outputs, row * width, width);
    counts[truth]![predicted]!++;
    if (truth === predicted) right++;
  }
  return { loss: mean, accuracy: right / block.countedSteps, counts };
}

/** Every row's outputs (row-major, `outputWidth` a row); rows without an output are computed but not read. */
function runBlock(plan: Plan, compiled: CompiledNetwork, block: SampleBlock, where: string): Float64Array {
  const { inputWidth, outputWidth, stepStarts, count, inputs } = block;
  const outputs = new Float64Array(stepStarts[count]! * outputWidth);
  try {
    if (!block.sequences && isFeedForwardSum(plan)) {
      compiled.runBatch(inputs, count, outputs);
      return outputs;
    }
    for (let k = 0; k < count; k++) {
      const first = stepStarts[k]!;
      const last = stepStarts[k + 1]!;
      compiled.runSequence(
        inputs.subarray(first * inputWidth, last * inputWidth),
        last - first,
        outputs.subarray(first * outputWidth, last * outputWidth),
      );
    }
    return outputs;
  } catch (error) {
    if (!(error instanceof NumericError)) throw error;
    throw new NumericError(error.message.replace(/^[^:]*: /, `${where}: `), error.neuron);
  }
}
