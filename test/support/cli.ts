/** Runs the CLI in-process from the repository root, capturing what it writes; stdout is no TTY and NO_COLOR is unset. */
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';

export const ROOT = join(import.meta.dirname, '..', '..');

/** The seed's XOR network as a scenario module. */
export const XOR = 'test/fixtures/cli/xor.ts';

export async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
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
