/**
 * neurograph evaluate
 * ===================
 *
 * Scores a network on samples, as `evaluate(net, samples, { loss })` does: the loss
 * and, when the samples are a classification (every target 0 or 1, one-hot with
 * several outputs), the accuracy and the confusion matrix, rows the true class and
 * columns the predicted one. The network is loaded as `run` and `draw` load it; the
 * samples come from `--samples` (a JSON file, or a module's `test` or `samples`
 * export), else from the scenario itself. Nothing is trained or changed.
 */
import { Option, type Command } from 'commander';
import { NeurographError } from '../../errors.js';
import { describe } from '../../format/describe.js';
import { count } from '../../format/plural.js';
import { evaluate, type Evaluation } from '../../train/evaluate.js';
import { lossNames, type LossName } from '../../train/losses.js';
import { CliError, type CliContext } from '../context.js';
import { formatConfusion, formatScores } from '../evaluation-text.js';
import {
  describeDocument,
  loadNetwork,
  NETWORK_FILE,
  type LoadedNetwork,
  type ScenarioExports,
} from '../load-network.js';
import { readSamplesFile, SAMPLES_FILE, testOrSamples, type NamedSamples } from '../read-samples.js';

interface EvaluateCommandOptions {
  readonly samples?: string;
  readonly loss?: LossName;
}

const EXAMPLES = `
Examples:
  $ neurograph evaluate net.json --samples test.json       test.json: [{"input": [0, 1], "output": [1]}, …]
  $ neurograph train scenarios/moons.ts --out moons.json
  $ neurograph evaluate moons.json --samples scenarios/moons.ts   its \`test\` export, else its \`samples\`
  $ neurograph evaluate net.json --samples test.json --loss categoricalCrossEntropy`;

export function register(program: Command, context: CliContext): void {
  program
    .command('evaluate')
    .description(
      "print a network's loss on samples and, for a classification, its accuracy and confusion matrix (rows: true class)",
    )
    .argument('<network>', NETWORK_FILE)
    .option('--samples <file>', `${SAMPLES_FILE}; defaults to the scenario's own \`test\`, else \`samples\``)
    .addOption(
      new Option(
        '--loss <name>',
        "the loss to report (defaults to the trainerOptions.loss of the scenario or the samples' module, else mse)",
      ).choices(lossNames),
    )
    .addHelpText('after', EXAMPLES)
    .action((file: string, options: EvaluateCommandOptions) => evaluateCommand(file, options, context));
}

async function evaluateCommand(file: string, options: EvaluateCommandOptions, context: CliContext): Promise<void> {
  const loaded = await loadNetwork(file, context.cwd);
  const given = await samplesFor(file, loaded, options, context.cwd);
  const { samples, from } = given;
  const loss =
    options.loss ??
    scenarioLoss(file, loaded.from === 'scenario' ? loaded.exports : undefined) ??
    scenarioLoss(from, given.exports) ??
    'mse';
  const { network } = loaded;
  let evaluation: Evaluation;
  try {
    evaluation = evaluate(network, samples, { loss });
  } catch (error) {
    if (error instanceof NeurographError) throw new CliError(`${from}: ${error.message}`);
    throw error;
  }
  const size = `${count(network.neurons.length, 'neuron')}, ${count(network.graph.size, 'connection')}`;
  const steps = evaluation.steps === samples.length ? '' : ` (${count(evaluation.steps, 'counted step')})`;
  context.stdout.write(`${file} (${size}) on ${count(samples.length, 'sample')}${steps}: ${from}\n`);
  context.stdout.write(`${formatScores(evaluation, loss)}\n`);
  if (evaluation.confusion === null) {
    context.stdout.write(
      'no accuracy: the targets are not a classification (each 0 or 1, one-hot with several outputs)\n',
    );
  } else context.stdout.write(`${formatConfusion(evaluation.confusion)}\n`);
}

/** `--samples`, else the scenario's `test` or `samples` export; a network document needs `--samples`. */
async function samplesFor(
  file: string,
  loaded: LoadedNetwork,
  options: EvaluateCommandOptions,
  cwd: string,
): Promise<NamedSamples> {
  if (options.samples !== undefined) return readSamplesFile(options.samples, cwd);
  if (loaded.from === 'document') {
    throw new CliError(
      `${file} is ${describeDocument(loaded.format)}, which holds no samples: give --samples <file> (${SAMPLES_FILE})`,
    );
  }
  const named = testOrSamples(loaded.exports, file);
  if (named === undefined) {
    throw new CliError(`${file} exports neither \`test\` nor \`samples\`: give --samples <file> (${SAMPLES_FILE})`);
  }
  return named;
}

/** The loss a scenario trains with (its `trainerOptions.loss`), checked by `evaluate` as any other. */
function scenarioLoss(file: string, exports: ScenarioExports | undefined): LossName | undefined {
  const trainerOptions = exports?.trainerOptions;
  if (trainerOptions === undefined) return undefined;
  if (typeof trainerOptions !== 'object' || trainerOptions === null) {
    throw new CliError(`${file}: trainerOptions must be an object of Trainer options, got ${describe(trainerOptions)}`);
  }
  return (trainerOptions as { loss?: LossName }).loss;
}
