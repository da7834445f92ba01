import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// bench/loader-check.ts: under tsx's CommonJS hooks every typed-array access of the process
// is slower (the hand-written baselines most), so `npm run bench` must not install them.

/** The Node flags of package.json's `bench` script (the words between `node` and the script). */
function benchFlags(): string[] {
  const { scripts } = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
  const words = scripts.bench!.split(/\s+/);
  expect(words[0]).toBe('node');
  return words.slice(
    1,
    words.findIndex((word) => word.endsWith('.ts')),
  );
}

/** loaderWarning() in a fresh Node process started with `flags`. */
function warningUnder(flags: readonly string[]): string | undefined {
  const script =
    "import('./bench/loader-check.ts').then(({ loaderWarning }) => console.log(JSON.stringify({ warning: loaderWarning() ?? null })));";
  const output = execFileSync(process.execPath, [...flags, '--input-type=module', '-e', script], { encoding: 'utf8' });
  return (JSON.parse(output.trim()) as { warning: string | null }).warning ?? undefined;
}

describe('the benchmarks load TypeScript off the main thread', () => {
  it("npm run bench's flags install no CommonJS hooks on the main thread", () => {
    const flags = benchFlags();
    expect(flags).toContain('--import');
    expect(warningUnder(flags)).toBeUndefined();
  });

  it('node --import tsx is seen and warned about', () => {
    expect(warningUnder(['--import', 'tsx'])).toMatch(/tsx's CommonJS hooks/);
  });
});
