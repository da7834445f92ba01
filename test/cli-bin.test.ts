import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { bin, ROOT } from './support/cli.js';

describe('bin/neurograph.js end to end', () => {
  it('runs a TypeScript scenario module and prints its truth table', async () => {
    expect(await bin(['run', 'test/fixtures/cli/xor.ts'])).toEqual({
      code: 0,
      stdout: 'a  b  xor\n0  0    0\n0  1    1\n1  0    1\n1  1    0\n',
      stderr: '',
    });
  });

  it('runs a TypeScript scenario outside any "type": "module" package (loaded as CommonJS)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'neurograph-bin-'));
    const scenario = join(dir, 'and.ts');
    const index = pathToFileURL(join(ROOT, 'src', 'index.ts')).href;
    writeFileSync(
      scenario,
      `import { Network } from ${JSON.stringify(index)};\n` +
        "export const build = () => new Network().addInput('a').addInput('b')\n" +
        "  .addOutput('and', { activation: 'step' }).connect('a', 'and', 0.5).connect('b', 'and', 0.5);\n",
    );
    expect(await bin(['run', scenario])).toEqual({
      code: 0,
      stdout: 'a  b  and\n0  0    0\n0  1    0\n1  0    0\n1  1    1\n',
      stderr: '',
    });
  });

  it('a bad argument: one line on stderr, exit code 2, no stack trace', async () => {
    const { code, stdout, stderr } = await bin(['run', 'test/fixtures/cli/xor.ts', '--inputs', '1,2,3']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'neurograph run: --inputs: got 3 input values for 2 inputs (a, b); give one value per input, in that order.\n',
    );
  });

  it('a missing file: one line on stderr, exit code 2', async () => {
    const { code, stderr } = await bin(['draw', 'nowhere.json', '--format', 'dot']);
    expect(code).toBe(2);
    expect(stderr).toBe('neurograph draw: cannot read nowhere.json: no such file or directory\n');
  });

  it('colours the pretty trace only when forced, and never with NO_COLOR', async () => {
    const argv = ['run', 'test/fixtures/cli/xor.ts', '--inputs', '0,1', '--trace', 'pretty'];
    const [plain, forced, refused] = await Promise.all([
      bin(argv),
      bin(argv, { env: { FORCE_COLOR: '1' } }),
      bin(argv, { env: { FORCE_COLOR: '1', NO_COLOR: '1' } }),
    ]);
    expect(plain.stdout).not.toContain('\u001b[');
    expect(forced.stdout).toContain('\u001b[32m1\u001b[39m');
    expect(forced.stdout.replace(/\u001b\[\d+m/g, '')).toBe(plain.stdout);
    expect(refused.stdout).toBe(plain.stdout);
  });

  it('--version and --help exit 0', async () => {
    expect((await bin(['--version'])).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    const help = await bin(['run', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Examples:');
  });

  it('runs the built dist/, and in a checkout without it says how to build it', async () => {
    const checkout = mkdtempSync(join(tmpdir(), 'neurograph-bin-'));
    mkdirSync(join(checkout, 'bin'));
    copyFileSync(join(ROOT, 'bin', 'neurograph.js'), join(checkout, 'bin', 'neurograph.js'));
    const failed = await promisify(execFile)(process.execPath, [join(checkout, 'bin', 'neurograph.js'), '--version'])
      .then(() => undefined)
      .catch((error: { code: number; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 1, stderr: expect.stringContaining('run `npm run build`') });
  });
});
