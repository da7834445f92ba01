/**
 * `neurograph train` with the training people expect: a weight penalty (--l1, --l2), held-out validation
 * samples (--validation-split, or the scenario's `validation` export) shown on every epoch's line, early
 * stopping (--patience, --restore-best) and, at the end, the accuracy and confusion matrix of each part.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Network, Trainer, evaluate } from '../src/index.js';
import { splitSamples } from '../src/train/validation-split.js';
import { cli, ROOT, temporaryDirectory } from './support/cli.js';
import * as overfit from './fixtures/cli/overfit.js';

/** 40 noisy points, a wide network: the validation loss is lowest within the first ten epochs, then climbs. */
const OVERFIT = 'test/fixtures/cli/overfit.ts';
/** The same, with its own `validation` (and `test`) samples and `earlyStopping: { patience: 3 }`. */
const OVERFIT_VALIDATION = 'test/fixtures/cli/overfit-validation.ts';

/** The connection weights of a network document, in its edge order. */
function weightsIn(file: string): number[] {
  const document = JSON.parse(readFileSync(file, 'utf8')) as { edges: { attributes: { weight: number } }[] };
  return document.edges.map((edge) => edge.attributes.weight);
}

/** `stopped by … after N epochs` and `best validation loss L at epoch B`, read back from the output. */
function stopping(stdout: string) {
  const stopped = /^stopped by (\w+) after (\d+) epochs?: /m.exec(stdout);
  const best = /^best validation loss ([\d.e-]+) at epoch (\d+); /m.exec(stdout);
  return {
    stoppedBy: stopped?.[1],
    epochs: Number(stopped?.[2]),
    bestLoss: Number(best?.[1]),
    bestEpoch: Number(best?.[2]),
  };
}

describe('neurograph train: validation and early stopping', () => {
  it('--patience 3 --validation-split 0.25 stops an overfitting network early and says where it was best', async () => {
    const { code, stdout, stderr } = await cli('train', OVERFIT, '--validation-split', '0.25', '--patience', '3');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^training 52 neurons, 697 connections on 30 samples, validating on 10 held out /);
    expect(stdout.split('\n')[0]).toContain('early stopping (patience 3)');
    const { stoppedBy, epochs, bestEpoch } = stopping(stdout);
    expect(stoppedBy).toBe('earlyStopping');
    // Three epochs in a row without a better validation loss, long before the 400 the scenario allows.
    expect(epochs).toBe(bestEpoch + 3);
    expect(epochs).toBeLessThan(20);
    expect(stdout).toContain("the network has the last epoch's weights");
  });

  it("the same split and stop as the library's validationSplit; --restore-best leaves the best epoch's weights", async () => {
    const dir = temporaryDirectory('train-options');
    const out = join(dir, 'best.json');
    const argv = ['train', OVERFIT, '--validation-split', '0.25', '--patience', '3', '--restore-best', '--out', out];
    const { code, stdout } = await cli(...argv);
    expect(code).toBe(0);
    expect(stdout).toContain("the network has that epoch's weights (restored;");

    const network = overfit.build();
    const trainer = new Trainer(network, {
      ...overfit.trainerOptions,
      earlyStopping: { patience: 3, restoreBest: true },
    });
    const result = await trainer.train(overfit.samples, { validationSplit: 0.25 });
    expect(stopping(stdout)).toEqual({
      stoppedBy: 'earlyStopping',
      epochs: result.epochs,
      bestLoss: Number(result.bestValidationLoss!.toFixed(4)),
      bestEpoch: result.bestEpoch,
    });
    // Bit for bit: the CLI held out the same samples, trained the same steps and restored the same epoch.
    const expected = network.toJSON().edges.map((edge) => edge.attributes.weight);
    expect(weightsIn(out)).toStrictEqual(expected);
    const { validation } = splitSamples(overfit.samples, 0.25, 1, 'validationSplit');
    const restored = Network.fromJSON(JSON.parse(readFileSync(out, 'utf8')));
    expect(evaluate(restored, validation, { loss: 'crossEntropy' }).loss).toBeCloseTo(result.bestValidationLoss!, 12);
  });

  it("every epoch's line shows the training accuracy and the validation loss and accuracy", async () => {
    const { stdout } = await cli('train', OVERFIT, '--validation-split', '0.25', '--epochs', '12');
    const lines = stdout.split('\n').filter((line) => line.startsWith('epoch '));
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) {
      expect(line).toMatch(
        /^epoch +\d+\/12 {2}loss [\d.]+ {2}accuracy [\d.]+% {2}val loss [\d.]+ {2}val accuracy [\d.]+% {2}[\d,]+ epochs\/s/,
      );
    }
    // Without validation samples the line is as before.
    const plain = await cli('train', OVERFIT, '--epochs', '2');
    expect(plain.stdout).toMatch(/^epoch 1\/2 {2}loss [\d.]+ {2}[\d,]+ epochs\/s {2}ETA /m);
    expect(plain.stdout).not.toContain('val loss');
  });

  it("a scenario's validation export is used, with its earlyStopping; --validation-split replaces it", async () => {
    const own = await cli('train', OVERFIT_VALIDATION);
    expect(own.code).toBe(0);
    expect(own.stdout).toMatch(/^training [^\n]* on 30 samples, validating on the scenario's 10: /);
    expect(stopping(own.stdout).stoppedBy).toBe('earlyStopping');
    const split = await cli('train', OVERFIT_VALIDATION, '--validation-split', '0.5', '--epochs', '2');
    expect(split.stdout).toMatch(/ on 15 samples, validating on 15 held out \(--validation-split 0\.5\)/);
  });
});

describe('neurograph train: the results of each part', () => {
  it('prints the accuracy and confusion matrix of the training, validation and test samples', async () => {
    const { stdout } = await cli('train', OVERFIT_VALIDATION, '--epochs', '5');
    for (const [part, size] of [
      ['training', 30],
      ['validation', 10],
      ['test', 10],
    ] as const) {
      const block = new RegExp(
        `^${part} \\(${size} samples\\): loss [\\d.]+ \\(crossEntropy\\), accuracy [\\d.]+% \\((\\d+) of ${size}\\)\\n` +
          'true \\\\ predicted +0 +1\\n0 +(\\d+) +(\\d+)\\n1 +(\\d+) +(\\d+)$',
        'm',
      ).exec(stdout);
      expect(block, part).not.toBeNull();
      const [right, ...counts] = block!.slice(1).map(Number);
      // The matrix counts every sample once; the right ones are its diagonal.
      expect(counts.reduce((sum, n) => sum + n!, 0)).toBe(size);
      expect(right).toBe(counts[0]! + counts[3]!);
    }
  });

  it('samples that are not a classification (a target of 0.5) print no matrix', async () => {
    const dir = temporaryDirectory('train-regression');
    const scenario = join(dir, 'regression.ts');
    writeFileSync(
      scenario,
      `export { build } from ${JSON.stringify(join(ROOT, 'test/fixtures/cli/one-connection.ts'))};\n` +
        'export const samples = [{ input: [1], output: [0.5] }, { input: [0], output: [0] }];\n',
    );
    const { code, stdout } = await cli('train', scenario, '--epochs', '2');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^stopped by epochs after 2 epochs: /m);
    expect(stdout).not.toContain('true \\ predicted');
  });
});

describe('neurograph train: schedules and sequences', () => {
  it("a scenario's learning rate schedule: the header says so and every epoch's line shows its rate", async () => {
    const dir = temporaryDirectory('train-schedule');
    const scenario = join(dir, 'scheduled.ts');
    writeFileSync(
      scenario,
      `import { schedules } from ${JSON.stringify(join(ROOT, 'src/index.ts'))};\n` +
        `import { build, samples, trainerOptions as base } from ${JSON.stringify(join(ROOT, OVERFIT))};\n` +
        'export { build, samples };\n' +
        'export const trainerOptions = { ...base, epochs: 10, ' +
        'learningRate: schedules.step({ initial: 0.02, factor: 0.5, every: 5 }) };\n',
    );
    const { code, stdout } = await cli('train', scenario);
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toContain('learning rate 0.02 at epoch 1, scheduled');
    expect(stdout).toMatch(/^epoch +1\/10 {2}loss [\d.]+ {2}rate 0\.02 {2}/m);
    expect(stdout).toMatch(/^epoch 10\/10 {2}loss [\d.]+ {2}rate 0\.01 {2}/m);
  });

  it('sequence samples train and end without a sample table', async () => {
    const dir = temporaryDirectory('train-sequence');
    const scenario = join(dir, 'sequence.ts');
    writeFileSync(
      scenario,
      `export { build } from ${JSON.stringify(join(ROOT, 'test/fixtures/cli/recurrent.ts'))};\n` +
        'export const samples = [{ steps: [{ input: [1], output: [0.5] }, { input: [0], output: [0.25] }] }];\n' +
        'export const trainerOptions = { epochs: 3 };\n',
    );
    const { code, stdout, stderr } = await cli('train', scenario);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/stopped by epochs after 3 epochs: loss [\d.]+\n$/);
  });
});

describe('neurograph train: regularization', () => {
  it('--l2 shrinks the trained weights; --l1 0 --l2 0 trains exactly as without', async () => {
    const dir = temporaryDirectory('train-l2');
    const plain = join(dir, 'plain.json');
    const penalised = join(dir, 'l2.json');
    const zero = join(dir, 'zero.json');
    const base = ['train', OVERFIT, '--epochs', '30'];
    const withL2 = await cli(...base, '--l2', '0.01', '--out', penalised);
    expect(withL2.code).toBe(0);
    expect(withL2.stdout.split('\n')[0]).toMatch(/, l2 0\.01$/);
    expect(withL2.stdout).toContain('(crossEntropy, without the weight penalty)');
    await cli(...base, '--out', plain);
    await cli(...base, '--l1', '0', '--l2', '0', '--out', zero);
    const squares = (weights: number[]) => weights.reduce((sum, w) => sum + w * w, 0);
    expect(squares(weightsIn(penalised))).toBeLessThan(0.5 * squares(weightsIn(plain)));
    expect(weightsIn(zero)).toStrictEqual(weightsIn(plain));
  });

  it("--l1 joins the scenario's l2 rather than replacing it", async () => {
    const dir = temporaryDirectory('train-l1');
    const scenario = join(dir, 'with-l2.ts');
    const from = JSON.stringify(join(ROOT, OVERFIT));
    writeFileSync(
      scenario,
      `import { build, samples, trainerOptions as base } from ${from};\n` +
        'export { build, samples };\n' +
        'export const trainerOptions = { ...base, epochs: 1, regularization: { l2: 0.001 } };\n',
    );
    const { stdout } = await cli('train', scenario, '--l1', '0.0005');
    expect(stdout.split('\n')[0]).toMatch(/, l1 0\.0005, l2 0\.001$/);
  });
});

describe('neurograph train: bad values are one line and exit code 2, before training', () => {
  const dir = temporaryDirectory('train-bad');
  const scenarioStopping = join(dir, 'stopping.ts');
  writeFileSync(
    scenarioStopping,
    `import { build, samples, trainerOptions as base } from ${JSON.stringify(join(ROOT, OVERFIT))};\n` +
      'export { build, samples };\n' +
      'export const trainerOptions = { ...base, earlyStopping: { patience: 2 } };\n',
  );
  const cases: [string, string[], string][] = [
    ['a negative l2', ['--l2', '-0.1'], "option '--l2 <rate>' argument '-0.1' is invalid. expected a number ≥ 0"],
    ['an l1 that is no number', ['--l1', 'lots'], 'expected a number ≥ 0 (0 is no penalty), got "lots"'],
    ['a split of 0', ['--validation-split', '0'], 'expected a fraction above 0 and below 1'],
    ['a split of 1', ['--validation-split', '1'], 'expected a fraction above 0 and below 1'],
    ['patience 0', ['--patience', '0'], "option '--patience <epochs>' argument '0' is invalid"],
    ['a fractional patience', ['--patience', '2.5'], 'expected a whole number ≥ 1, got "2.5"'],
    [
      '--patience without validation samples',
      ['--patience', '3'],
      '--patience watches the validation loss, and there are no validation samples: give --validation-split',
    ],
    ['--restore-best without early stopping', ['--restore-best'], '--restore-best goes with early stopping'],
    ['a split that holds out no sample', ['--validation-split', '0.01'], 'of 40 samples holds out 0'],
  ];

  it.each(cases)('%s', async (_name, flags, fragment) => {
    const { code, stdout, stderr } = await cli('train', OVERFIT, ...flags);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^neurograph train: [^\n]+\n$/);
    expect(stderr).toContain(fragment);
  });

  it("a scenario's earlyStopping without validation samples names the scenario's option", async () => {
    const { code, stdout, stderr } = await cli('train', scenarioStopping);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain("stopping.ts's trainerOptions.earlyStopping watches the validation loss");
    // --restore-best completes the scenario's early stopping, and a split gives it its samples.
    const restored = await cli('train', scenarioStopping, '--restore-best', '--validation-split', '0.25');
    expect(restored.code).toBe(0);
    expect(restored.stdout.split('\n')[0]).toContain('early stopping (patience 2, restore best)');
  });
});
