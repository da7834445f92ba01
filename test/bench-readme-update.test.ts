// scripts/update-readme-bench.ts puts a run's tables into the README section by section, and refuses a mismatch.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const script = resolve('scripts/update-readme-bench.ts');
const tsx = resolve('node_modules/tsx/dist/cli.mjs');

const readme = `# x

## Benchmarks

Measured on
2020-01-01, old cpu (a shared virtual machine …), Node v1.2.3.

<!-- bench: Alpha -->
### Alpha

| a |
| --- |
| old 1 |

Prose stays.

| b |
| --- |
| old 2 |

<!-- bench: Beta -->
### Beta

| c |
| --- |
| old 3 |

- thing: 1× (target ≤ 1×) — met

## Next

| untouched |
`;

function run(bench: string): { readme: string; ok: boolean; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'bench-readme-'));
  writeFileSync(join(dir, 'README.md'), readme);
  writeFileSync(join(dir, 'bench.md'), bench);
  try {
    const output = execFileSync(process.execPath, [tsx, script, 'bench.md'], {
      cwd: dir,
      encoding: 'utf8',
      stdio: 'pipe',
    });
    return { readme: readFileSync(join(dir, 'README.md'), 'utf8'), ok: true, output };
  } catch (error) {
    return { readme: readFileSync(join(dir, 'README.md'), 'utf8'), ok: false, output: String(error) };
  }
}

const header = 'neurograph benchmarks — 2026-12-01, Node v20.1.0, 2 × New CPU\n\n';
const alpha = '## Alpha\n\n| a |\n| --- |\n| new 1 |\n\ntext\n\n| b |\n| --- |\n| new 2 |\n\n';
const beta = '## Beta\n\n| c |\n| --- |\n| new 3 |\n\n- thing: 0.5× (target ≤ 1×) — met\n';

describe('update-readme-bench', () => {
  it('replaces every section’s tables, the targets and the Measured on line from a full run', () => {
    const { readme: out, ok } = run(header + alpha + beta);
    expect(ok).toBe(true);
    expect(out).toContain('| new 1 |\n\nProse stays.\n\n| b |\n| --- |\n| new 2 |');
    expect(out).toContain('| new 3 |\n\n- thing: 0.5× (target ≤ 1×) — met\n\n## Next\n\n| untouched |');
    expect(out).toContain('Measured on\n2026-12-01, 2 × New CPU (a shared virtual machine …), Node v20.1.0.');
  });

  it('updates only the sections a partial run has, and keeps the Measured on line', () => {
    const { readme: out, ok } = run(header + beta);
    expect(ok).toBe(true);
    expect(out).toContain('| old 1 |');
    expect(out).toContain('| new 3 |');
    expect(out).toContain('2020-01-01, old cpu');
  });

  it('refuses a section whose tables differ in number, writing nothing', () => {
    const { readme: out, ok, output } = run(header + alpha.replace('| b |\n| --- |\n| new 2 |\n', '') + beta);
    expect(ok).toBe(false);
    expect(output).toContain('"Alpha": the run has 1 tables, the README 2');
    expect(out).toBe(readme);
  });
});
