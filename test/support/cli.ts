/**
 * Running the CLI in tests: in-process through `main` (fast, what most tests use), or
 * as a user runs it, `node bin/neurograph.js …` in a child process (the built dist/).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { main } from '../../src/cli/main.js';
import { Network } from '../../src/graph/network.js';

export const ROOT = join(import.meta.dirname, '..', '..');

/** The seed's XOR network as a scenario module. */
export const XOR = 'test/fixtures/cli/xor.ts';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in-process from the repository root, capturing its output; stdout is no TTY, NO_COLOR unset. */
export async function cli(...argv: string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    cwd: ROOT,
    env: {},
  });
  return { code, stdout, stderr };
}

/** The real command in a child process, from `cwd` (the repository root unless given), with only PATH and `env` set. */
export async function bin(
  argv: readonly string[],
  options: { env?: Record<string, string>; cwd?: string } = {},
): Promise<CliResult> {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [join(ROOT, 'bin', 'neurograph.js'), ...argv],
      {
        cwd: options.cwd ?? ROOT,
        env: { PATH: process.env.PATH ?? '', ...options.env },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** A fresh directory under the system's temporary one. */
export function temporaryDirectory(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `neurograph-${prefix}-`));
}

/**
 * Writes a scenario module that imports nothing: its build() returns a network-like
 * object (toJSON and run) holding one input `a` and one identity output `output`,
 * which the CLI reads through its document. Returns the file's path.
 */
export function writeScenario(dir: string, name: string, output: string): string {
  const document = new Network()
    .addInput('a')
    .addOutput(output, { activation: 'identity' })
    .connect('a', output, 1)
    .toJSON();
  const file = join(dir, name);
  writeFileSync(file, `export const build = () => ({ toJSON: () => (${JSON.stringify(document)}), run() {} });\n`);
  return file;
}
