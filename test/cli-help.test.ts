import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './support/cli.js';

describe('neurograph help and version', () => {
  it('--version prints the version from package.json', async () => {
    const { version } = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(await cli('--version')).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    expect((await cli('-V')).stdout).toBe(`${version}\n`);
  });

  it('--help lists the commands, on stdout, with exit code 0', async () => {
    const { code, stdout, stderr } = await cli('--help');
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^Usage: neurograph /);
    expect(stdout).toMatch(/\n {2}run \[options\] <network>/);
    expect(stdout).toMatch(/\n {2}draw \[options\] <network>/);
    expect(stdout).toMatch(/\n {2}train \[options\] <scenario>/);
    expect(stdout).toMatch(/\n {2}evaluate \[options\] <network>/);
    expect(stdout).toMatch(/\n {2}export \[options\] <network>/);
    expect(stdout).toContain('$ neurograph evaluate moons.json --samples scenarios/moons.ts');
  });

  it.each([
    [
      'run',
      [
        '--inputs <values>',
        '--table',
        '--trace <format>',
        '--out <file>',
        'neurograph run scenarios/xor.ts --trace pretty',
      ],
    ],
    [
      'draw',
      [
        '--format <format>',
        '--inputs <values>',
        '--out <file>',
        'neurograph draw scenarios/xor.ts --format html --out xor.html',
      ],
    ],
    [
      'evaluate',
      [
        '--samples <file>',
        '--loss <name>',
        '"categoricalCrossEntropy"',
        'neurograph evaluate net.json --samples test.json',
        'neurograph evaluate moons.json --samples scenarios/moons.ts',
      ],
    ],
    [
      'export',
      [
        '--format <format>',
        '"onnx", "json"',
        '--out <file>',
        '--dtype <type>',
        '"float32", "float64"',
        '--opset <version>',
        'the ONNX opset, 17 to 26',
        'neurograph export scenarios/iris.ts --out iris.onnx',
        'neurograph export model.onnx --out net.json',
      ],
    ],
    [
      'train',
      [
        '--l1 <rate>',
        '--l2 <rate>',
        '--validation-split <fraction>',
        '--patience <epochs>',
        '--restore-best',
        '"categoricalCrossEntropy"',
        'neurograph train scenarios/moons.ts --validation-split 0.2 --patience 10 --restore-best --l2 1e-4',
      ],
    ],
  ])('%s --help shows its options and examples', async (command, fragments) => {
    const { code, stdout } = await cli(command, '--help');
    expect(code).toBe(0);
    const argument = command === 'train' ? '<scenario>' : '<network>';
    expect(stdout).toMatch(new RegExp(`^Usage: neurograph ${command} \\[options\\] ${argument}`));
    expect(stdout).toContain('Examples:');
    for (const fragment of fragments) expect(stdout).toContain(fragment);
  });

  it('every help text names the same files: modules .js/.mjs/.cjs, .ts/.mts/.cts with tsx installed, documents .json, models .onnx', async () => {
    const modules = '(.js, .mjs, .cjs; .ts, .mts, .cts with tsx installed)';
    for (const argv of [
      ['--help'],
      ['run', '--help'],
      ['draw', '--help'],
      ['train', '--help'],
      ['evaluate', '--help'],
      ['export', '--help'],
    ]) {
      const { code, stdout } = await cli(...argv);
      expect(code).toBe(0);
      // Commander wraps long descriptions; read the text as one line.
      const text = stdout.replace(/\s+/g, ' ');
      expect(text, argv.join(' ')).toContain(`a scenario module ${modules}`);
      if (argv[0] !== 'train') {
        expect(text, argv.join(' ')).toContain(
          'a network document (.json), an ONNX model (.onnx) or a scenario module',
        );
      }
      expect(text, argv.join(' ')).not.toContain('needs tsx');
    }
  });
});
