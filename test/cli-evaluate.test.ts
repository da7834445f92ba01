/**
 * `neurograph evaluate`: a network's loss on samples and, for a classification, its accuracy and confusion
 * matrix (rows the true class, columns the predicted one), checked against a count by hand over `run`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classify, createRandom } from '../src/index.js';
import { bin, cli, temporaryDirectory } from './support/cli.js';
import { build } from './fixtures/cli/softmax.js';

/** Three softmax outputs set by hand: low for 0 0, mid for one input, high for both. */
const SOFTMAX = 'test/fixtures/cli/softmax.ts';
const CLASSES = ['low', 'mid', 'high'];

/** 60 random points in [−0.5, 1.5]², each with a random one-hot class, as a JSON file; and the network as a document. */
function randomSamples() {
  const dir = temporaryDirectory('evaluate');
  const random = createRandom(7);
  const samples = Array.from({ length: 60 }, () => {
    const truth = Math.floor(random() * 3);
    return {
      input: [random() * 2 - 0.5, random() * 2 - 0.5],
      output: CLASSES.map((_, k) => (k === truth ? 1 : 0)),
    };
  });
  const samplesFile = join(dir, 'samples.json');
  writeFileSync(samplesFile, JSON.stringify(samples));
  const document = join(dir, 'softmax.json');
  writeFileSync(document, JSON.stringify(build().toJSON()));
  return { dir, samples, samplesFile, document };
}

describe('neurograph evaluate', () => {
  it('golden: a scenario on its own samples', async () => {
    expect(await cli('evaluate', SOFTMAX, '--loss', 'categoricalCrossEntropy')).toStrictEqual({
      code: 0,
      stdout: [
        `${SOFTMAX} (6 neurons, 7 connections) on 4 samples: ${SOFTMAX}, export samples`,
        'loss 0.3885 (categoricalCrossEntropy), accuracy 100% (4 of 4)',
        'true \\ predicted  low  mid  high',
        'low                 1    0     0',
        'mid                 0    2     0',
        'high                0    0     1',
        '',
      ].join('\n'),
      stderr: '',
    });
  });

  it('the loss, accuracy and every cell of the matrix equal a count by hand over run()', async () => {
    const { samples, samplesFile, document } = randomSamples();
    const { code, stdout } = await cli(
      'evaluate',
      document,
      '--samples',
      samplesFile,
      '--loss',
      'categoricalCrossEntropy',
    );
    expect(code).toBe(0);
    const network = build();
    const counts = CLASSES.map(() => CLASSES.map(() => 0));
    let loss = 0;
    for (const { input, output } of samples) {
      const outputs = network.run(input);
      const truth = output.indexOf(1);
      counts[truth]![CLASSES.indexOf(classify(outputs))]!++;
      loss -= Math.log(outputs[CLASSES[truth]!]!);
    }
    const right = counts.reduce((sum, row, k) => sum + row[k]!, 0);
    // The hand count is not trivial: some of the random labels are wrong.
    expect(right).toBeGreaterThan(0);
    expect(right).toBeLessThan(60);
    const [, scores, header, ...rows] = stdout.trimEnd().split('\n');
    const shown = /^loss ([\d.]+) \(categoricalCrossEntropy\), accuracy ([\d.]+)% \((\d+) of 60\)$/.exec(scores!);
    expect(shown).not.toBeNull();
    expect(Number(shown![1])).toBeCloseTo(loss / 60, 4);
    expect(Number(shown![2])).toBeCloseTo((100 * right) / 60, 1);
    expect(Number(shown![3])).toBe(right);
    expect(header!.split(/\s{2,}/)).toEqual(['true \\ predicted', ...CLASSES]);
    expect(rows.map((row) => row.trim().split(/\s+/))).toEqual(
      CLASSES.map((label, t) => [label, ...counts[t]!.map(String)]),
    );
  });

  it("--samples from a module reads its test export, with its trainerOptions' loss; --loss overrides it", async () => {
    const { document } = randomSamples();
    const fixture = 'test/fixtures/cli/overfit-validation.ts';
    const network = 'test/fixtures/cli/overfit.ts';
    const own = await cli('evaluate', network, '--samples', fixture);
    expect(own.code).toBe(0);
    expect(own.stdout).toMatch(
      /^\S+ \(52 neurons, 697 connections\) on 10 samples: \S+overfit-validation\.ts, export test\n/,
    );
    expect(own.stdout).toMatch(/^loss [\d.]+ \(crossEntropy\), accuracy [\d.]+% \(\d+ of 10\)$/m);
    const mse = await cli('evaluate', network, '--samples', fixture, '--loss', 'mse');
    expect(mse.stdout).toMatch(/^loss [\d.]+ \(mse\), /m);
    // A network document has no loss of its own: mse, as evaluate() defaults to.
    const plain = await cli('evaluate', document, '--samples', SOFTMAX);
    expect(plain.stdout).toMatch(/^loss [\d.]+ \(mse\), accuracy 100% \(4 of 4\)$/m);
  });

  it('samples that are not a classification: the loss, and no accuracy', async () => {
    const dir = temporaryDirectory('evaluate-regression');
    const file = join(dir, 'half.json');
    writeFileSync(file, JSON.stringify([{ input: [0, 0], output: [0.5, 0.25, 0.25] }]));
    const { code, stdout } = await cli('evaluate', SOFTMAX, '--samples', file);
    expect(code).toBe(0);
    expect(stdout.split('\n').slice(1)).toEqual([
      expect.stringMatching(/^loss [\d.]+ \(mse\)$/),
      'no accuracy: the targets are not a classification (each 0 or 1, one-hot with several outputs)',
      '',
    ]);
  });

  it('runs as a user runs it, from the built command', async () => {
    const { samplesFile, document } = randomSamples();
    const { code, stdout, stderr } = await bin(['evaluate', document, '--samples', samplesFile]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^loss [\d.]+ \(mse\), accuracy [\d.]+% \(\d+ of 60\)\ntrue \\ predicted {2}low {2}mid {2}high\n/m,
    );
  });
});

describe('neurograph evaluate: what it cannot evaluate is one line and exit code 2', () => {
  const { dir, document } = randomSamples();
  const file = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  const cases: [string, string[], string][] = [
    [
      'a document without --samples',
      ['evaluate', document],
      'is a network document, which holds no samples: give --samples',
    ],
    ['a missing samples file', ['evaluate', document, '--samples', 'missing.json'], 'cannot read missing.json'],
    ['samples that are no JSON', ['evaluate', document, '--samples', file('bad.json', '[{')], 'is not valid JSON'],
    ['a JSON object', ['evaluate', document, '--samples', file('object.json', '{"input": [1]}')], 'must hold an array'],
    [
      'a module without samples',
      ['evaluate', document, '--samples', file('empty.mjs', 'export const x = 1;\n')],
      'exports neither `test` nor `samples`',
    ],
    [
      'samples of the wrong width',
      ['evaluate', document, '--samples', file('wide.json', '[{"input": [1, 0, 1], "output": [1, 0, 0]}]')],
      'wide.json: evaluate',
    ],
    [
      'an unknown loss',
      ['evaluate', SOFTMAX, '--loss', 'hinge'],
      'Allowed choices are mse, crossEntropy, categoricalCrossEntropy',
    ],
    [
      'categorical cross-entropy without softmax outputs',
      ['evaluate', 'test/fixtures/cli/overfit.ts', '--loss', 'categoricalCrossEntropy'],
      'categoricalCrossEntropy',
    ],
  ];

  it.each(cases)('%s', async (_name, argv, fragment) => {
    const { code, stdout, stderr } = await cli(...argv);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^neurograph evaluate: [^\n]+\n$/);
    expect(stderr).toContain(fragment);
  });
});
