import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { Network } from '../src/index.js';
import { createProgress, formatProgress, register, sampleTable } from '../src/cli/commands/train.js';
import { CliError, type CliContext } from '../src/cli/context.js';

function collector(isTTY = false) {
  const chunks: string[] = [];
  return {
    chunks,
    isTTY,
    write: (chunk: string) => chunks.push(chunk),
    get text() {
      return chunks.join('');
    },
  };
}

async function train(args: string[]) {
  const stdout = collector();
  const stderr = collector();
  const context: CliContext = { stdout, stderr, cwd: process.cwd(), env: {} };
  const program = new Command('neurograph').exitOverride();
  register(program, context);
  let error: unknown;
  await program.parseAsync(['train', ...args], { from: 'user' }).catch((e: unknown) => (error = e));
  return { stdout: stdout.text, stderr: stderr.text, error };
}

describe('neurograph train', () => {
  it('trains a scenario with its samples and options, printing plain progress lines off a terminal', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'neurograph-train-'));
    try {
      const out = join(dir, 'xor.json');
      const { stdout, error } = await train(['scenarios/xor-learned.ts', '--out', out]);
      expect(error).toBeUndefined();
      expect(stdout).toMatch(
        /^training 5 neurons, 7 connections on 4 samples: sgd, learning rate 0.5, mse, batch 1, up to 10000 epochs\n/,
      );
      expect(stdout).toMatch(/^epoch +1\/10000 {2}loss 0\.\d{1,4} {2}[\d,]+ epochs\/s {2}ETA /m);
      expect(stdout).toMatch(/^stopped by threshold after 886 epochs: loss 0\.01 \(converged\)$/m);
      expect(stdout).not.toContain('\r');
      const trained = Network.fromJSON(JSON.parse(readFileSync(out, 'utf8')));
      expect(trained.run([1, 1]).xor!).toBeLessThan(0.5);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('flags override the scenario; a scenario that does not reach its threshold is exit code 1', async () => {
    const { stdout, error } = await train([
      'scenarios/xor-learned.ts',
      '--epochs',
      '3',
      '--optimizer',
      'adam',
      '--learning-rate',
      '0.01',
    ]);
    expect(stdout).toContain('adam (beta1 0.9, beta2 0.999, epsilon 1e-8), learning rate 0.01');
    expect(stdout).toMatch(/stopped by epochs after 3 epochs/);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(1);
  });

  it('a scenario without samples, or with step neurons, is a one-line CliError', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'neurograph-train-'));
    try {
      const file = join(dir, 'nosamples.mjs');
      writeFileSync(
        file,
        `export { build } from ${JSON.stringify(join(process.cwd(), 'scenarios/xor-learned.ts'))};\n`,
      );
      expect((await train([file])).error).toMatchObject({
        message: expect.stringMatching(/does not export samples/),
        exitCode: 2,
      });
      const step = await train(['scenarios/perceptron.ts']);
      expect(step.error).toBeInstanceOf(CliError);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a network document is refused, saying what it needs: a scenario exporting build() and samples', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'neurograph-train-'));
    try {
      const file = join(dir, 'net.json');
      writeFileSync(file, JSON.stringify(new Network().addInput('a').addOutput('y').connect('a', 'y', 1).toJSON()));
      const { error } = await train([file]);
      expect(error).toBeInstanceOf(CliError);
      const { message } = error as CliError;
      expect(message).not.toContain('does not export');
      expect(message).toContain('network document');
      expect(message).toMatch(/scenario module \([^)]*\.ts[^)]*\) that exports build\(\) and samples/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('draws a bar with epoch, loss, rate and ETA on a terminal', () => {
    expect(formatProgress(250, 1000, 0.01234, 500, true)).toBe(
      'epoch  250/1000  ━━━━━━──────────────────  25%  loss 0.0123  500 epochs/s  ETA 1.5s',
    );
    // The one number formatter: a loss too small for four decimals is shown, not rounded to 0.
    expect(formatProgress(1, 1, 7e-7, 1, false)).toContain('loss 7e-7');
    const tty = collector(true);
    let clock = 0;
    const progress = createProgress(tty, 10, () => clock);
    for (let epoch = 1; epoch <= 10; epoch++) {
      clock += 30;
      progress.update(epoch, 1 / epoch);
    }
    progress.end();
    expect(tty.chunks.every((chunk) => chunk.startsWith('\r'))).toBe(true);
    expect(tty.chunks.length).toBeLessThan(10);
    expect(tty.text).toMatch(/epoch 10\/10 {2}━{24} 100% {2}loss 0\.1 {2}33 epochs\/s {2}ETA 0\.0s\u001b\[K\n$/);
  });

  it('counts are pluralised by their number: 1 connection, 1 sample, 1 epoch', async () => {
    const one = await train(['test/fixtures/cli/one-connection.ts']);
    expect(one.error).toBeUndefined();
    expect(one.stdout).toMatch(
      /^training 2 neurons, 1 connection on 1 sample: sgd, learning rate 0\.1, mse, batch 1, up to 1 epoch\n/,
    );
    expect(one.stdout).toMatch(/^stopped by threshold after 1 epoch: loss 0\.01 \(converged\)$/m);
    const short = await train(['scenarios/xor-learned.ts', '--epochs', '1']);
    expect(short.stdout).toMatch(/^stopped by epochs after 1 epoch: /m);
    expect((short.error as CliError).message).toMatch(/did not learn: loss [\d.]+ after 1 epoch, errorThreshold/);
  });

  it('the sample table lines up its columns', async () => {
    const { stdout } = await train(['scenarios/xor-learned.ts']);
    const table = stdout.split('\n').filter((line) => line.includes('→'));
    expect(table).toEqual([
      '  0, 0  →  0.119   (target 0)',
      '  0, 1  →  0.903   (target 1)',
      '  1, 0  →  0.903   (target 1)',
      '  1, 1  →  0.08    (target 0)',
    ]);
  });

  it('the sample table lines values up on their decimal points, signs and several outputs included', () => {
    const network = new Network()
      .addInput('a')
      .addOutput('y', { activation: 'identity' })
      .addOutput('z', { activation: 'identity' })
      .connect('a', 'y', 1)
      .connect('a', 'z', -2);
    const samples = [-1, 10.5, 0.25].map((a) => ({ input: [a], output: [a, 0.5] }));
    expect(sampleTable(network, samples).split('\n')).toEqual([
      '  -1     →  -1   ,   2     (target -1   , 0.5)',
      '  10.5   →  10.5 , -21     (target 10.5 , 0.5)',
      '   0.25  →   0.25,  -0.5   (target  0.25, 0.5)',
    ]);
  });
});
