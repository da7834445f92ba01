/**
 * ONNX through the built command: `run`, `draw` and `evaluate` read a model PyTorch exported
 * (test/fixtures/onnx/iris-mlp.onnx) and give PyTorch's classes; `export` writes a network as an
 * ONNX model that runs with the same outputs (within float32 rounding) or as a network document.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bin, ROOT, temporaryDirectory } from './support/cli.js';

const MODEL = 'test/fixtures/onnx/iris-mlp.onnx';
const expected = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/onnx/iris-mlp.expected.json'), 'utf8')) as {
  inputs: number[][];
  labels: number[];
  probabilities: number[][];
  loss: number;
};
/** The class PyTorch's probabilities pick for each flower. */
const torchClasses = expected.probabilities.map((p) => `probabilities_${p.indexOf(Math.max(...p))}`);

let dir: string;
/** The 150 flowers as a --sequence-file (a network without memory gives each step's outputs from its row alone). */
let rows: string;
beforeAll(() => {
  dir = temporaryDirectory('cli-onnx');
  rows = join(dir, 'rows.json');
  writeFileSync(rows, JSON.stringify(expected.inputs));
});

/** The outputs of every run, in full precision, from `run --trace ndjson`'s runCompleted events. */
async function outputsOf(network: string): Promise<Record<string, number>[]> {
  const { code, stdout, stderr } = await bin(['run', network, '--sequence-file', rows, '--trace', 'ndjson']);
  expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  return stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { type: string; outputs?: Record<string, number> })
    .filter((event) => event.type === 'runCompleted')
    .map((event) => event.outputs!);
}

describe('neurograph run, draw and evaluate on an ONNX model', () => {
  it("run: the class column is PyTorch's predicted class for each of the 150 flowers", async () => {
    const { code, stdout, stderr } = await bin(['run', MODEL, '--sequence-file', rows]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^t +measurements_0 .* probabilities_2 +class$/);
    expect(lines.slice(1).map((line) => line.split(/ +/).at(-1))).toStrictEqual(torchClasses);
  });

  it('draw: every neuron of the model, to stdout and to an SVG file with a row run', async () => {
    const mermaid = await bin(['draw', MODEL, '--format', 'mermaid']);
    expect(mermaid.code).toBe(0);
    for (const id of ['measurements_3', 'fc1_7', 'probabilities_2']) expect(mermaid.stdout).toContain(`<b>${id}</b>`);
    const out = join(dir, 'iris.svg');
    const svg = await bin(['draw', MODEL, '--inputs', expected.inputs[0]!.join(','), '--out', out]);
    expect(svg).toEqual({ code: 0, stdout: '', stderr: `neurograph: wrote ${out}\n` });
    expect(readFileSync(out, 'utf8')).toMatch(/^<svg [\s\S]*probabilities_0[\s\S]*<\/svg>\n$/);
  });

  it("evaluate: PyTorch's loss and accuracy on the 150 flowers", async () => {
    const samples = join(dir, 'samples.json');
    const oneHot = (label: number) => [0, 1, 2].map((k) => (k === label ? 1 : 0));
    writeFileSync(
      samples,
      JSON.stringify(expected.inputs.map((input, k) => ({ input, output: oneHot(expected.labels[k]!) }))),
    );
    const { code, stdout } = await bin(['evaluate', MODEL, '--samples', samples, '--loss', 'categoricalCrossEntropy']);
    expect(code).toBe(0);
    const right = torchClasses.filter((name, k) => name === `probabilities_${expected.labels[k]}`).length;
    expect(right).toBe(148);
    // PyTorch's loss is float32 arithmetic, this one float64 over the same float32 weights: the same to 4 digits.
    const scores = /^loss ([\d.]+) \(categoricalCrossEntropy\), accuracy 98\.7% \((\d+) of 150\)$/.exec(
      stdout.split('\n')[1]!,
    );
    expect(Math.abs(Number(scores?.[1]) - expected.loss)).toBeLessThan(1e-4);
    expect(Number(scores?.[2])).toBe(right);
  });

  it('a file that is no ONNX model: one line naming the file and what is wrong, exit code 2', async () => {
    const files = { text: join(dir, 'text.onnx'), truncated: join(dir, 'truncated.onnx') };
    writeFileSync(files.text, 'not a model\n');
    writeFileSync(files.truncated, readFileSync(join(ROOT, MODEL)).subarray(0, 200));
    for (const [command, file] of [
      ['run', files.text],
      ['draw', files.truncated],
      ['export', files.truncated],
    ] as const) {
      const { code, stdout, stderr } = await bin([command, file]);
      expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
      expect(stderr).toMatch(
        new RegExp(`^neurograph ${command}: ${file} is not an ONNX model neurograph reads: fromOnnx: [^\\n]+\\n$`),
      );
    }
  });
});

describe('neurograph export', () => {
  it("a network document → ONNX (float32) → run: the document's outputs within float32 rounding", async () => {
    const document = join(dir, 'iris-untrained.json');
    const model = join(dir, 'iris-untrained.onnx');
    expect((await bin(['export', 'scenarios/iris.ts', '--out', document])).code).toBe(0);
    expect(await bin(['export', document, '--format', 'onnx', '--out', model])).toEqual({
      code: 0,
      stdout: '',
      stderr: `neurograph: wrote ${model}\n`,
    });
    const want = await outputsOf(document);
    const got = await outputsOf(model);
    expect(got).toHaveLength(150);
    got.forEach((outputs, k) => {
      expect(Object.keys(outputs)).toStrictEqual(Object.keys(want[k]!));
      for (const [id, value] of Object.entries(outputs)) expect(value).toBeCloseTo(want[k]![id]!, 6);
    });
  });

  it('--dtype float64 --opset 17 keeps the weights exactly: the same outputs bit for bit', async () => {
    const model = join(dir, 'softmax-f64.onnx');
    const args = ['export', 'test/fixtures/cli/softmax.ts', '--dtype', 'float64', '--opset', '17', '--out', model];
    expect((await bin(args)).code).toBe(0);
    const small = join(dir, 'softmax-rows.json');
    writeFileSync(
      small,
      JSON.stringify([
        [0, 0],
        [0, 1],
        [1, 0],
        [1, 1],
        [0.3, -2],
      ]),
    );
    const run = (network: string) => bin(['run', network, '--sequence-file', small, '--trace', 'ndjson']);
    expect((await run(model)).stdout).toBe((await run('test/fixtures/cli/softmax.ts')).stdout);
  });

  it('json round trip: document → json (stdout) is the same document; ONNX → json → ONNX is the same model', async () => {
    const document = join(dir, 'xor.json');
    writeFileSync(document, (await bin(['export', 'test/fixtures/cli/xor.ts', '--format', 'json'])).stdout);
    const again = await bin(['export', document]);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toStrictEqual(JSON.parse(readFileSync(document, 'utf8')));

    const direct = join(dir, 'direct.onnx');
    const fromJson = join(dir, 'from-json.onnx');
    const asJson = join(dir, 'iris-mlp.json');
    expect((await bin(['export', MODEL, '--out', direct])).code).toBe(0);
    expect((await bin(['export', MODEL, '--out', asJson])).code).toBe(0);
    expect((await bin(['export', asJson, '--out', fromJson])).code).toBe(0);
    expect(readFileSync(fromJson).equals(readFileSync(direct))).toBe(true);
  });

  it.each([
    ['onnx to stdout', ['--format', 'onnx'], 'an ONNX model is binary: give --out <file>.onnx'],
    ['an opset too old', ['--opset', '16', '--out', 'x.onnx'], 'expected a whole number from 17 to 26, got "16"'],
    ['an opset that is no number', ['--opset', 'new', '--out', 'x.onnx'], 'expected a whole number from 17 to 26'],
    ['an unknown dtype', ['--dtype', 'float16', '--out', 'x.onnx'], 'Allowed choices are float32, float64'],
    ['--dtype with json', ['--dtype', 'float64'], '--dtype applies to --format onnx, not json'],
    ['--opset with json', ['--opset', '17', '--out', 'x.json'], '--opset applies to --format onnx, not json'],
    ['a format --out contradicts', ['--format', 'json', '--out', 'x.onnx'], '--format json contradicts --out x.onnx'],
    ['an --out of no known kind', ['--out', 'x.bin'], 'cannot tell the format by its name'],
  ])('%s: one line, exit code 2, nothing written', async (_name, flags, fragment) => {
    const cwd = temporaryDirectory('cli-onnx-flags');
    const { code, stdout, stderr } = await bin(['export', join(ROOT, 'test/fixtures/cli/xor.ts'), ...flags], { cwd });
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toMatch(/^neurograph export: [^\n]+\n$/);
    expect(stderr).toContain(fragment);
    expect(readdirSync(cwd)).toStrictEqual([]);
  });
});
