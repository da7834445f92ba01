/**
 * A small benchmark harness: interleaved repetitions of several cases in one
 * process, reported as median with min–max, so ratios between cases are fair even
 * on a loaded machine.
 */

export interface BenchCase {
  readonly name: string;
  /** Runs the measured work `iterations` times and returns something derived from it (kept alive). */
  readonly run: (iterations: number) => unknown;
  /** Units of work per iteration (e.g. connections per run), for per-unit figures. */
  readonly unitsPerIteration?: number;
}

export interface BenchResult {
  readonly name: string;
  /** Nanoseconds per unit: median, min and max over repetitions. */
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

export interface BenchOptions {
  /** Repetitions of each case, interleaved; default 9. */
  readonly repetitions?: number;
  /** Target duration of one repetition in milliseconds; default 100. */
  readonly targetMs?: number;
}

let sink: unknown;

/** Calibrates each case to about `targetMs`, then measures them interleaved. */
export function compare(cases: readonly BenchCase[], options: BenchOptions = {}): BenchResult[] {
  const { repetitions = 9, targetMs = 100 } = options;
  const iterations = cases.map((benchCase) => calibrate(benchCase, targetMs));
  const samples: number[][] = cases.map(() => []);
  for (let repetition = 0; repetition < repetitions; repetition++) {
    cases.forEach((benchCase, i) => {
      const count = iterations[i]!;
      const start = process.hrtime.bigint();
      sink = benchCase.run(count);
      const elapsed = Number(process.hrtime.bigint() - start);
      samples[i]!.push(elapsed / count / (benchCase.unitsPerIteration ?? 1));
    });
  }
  return cases.map((benchCase, i) => summarize(benchCase.name, samples[i]!));
}

/** Times one long operation `repetitions` times (for builds and other one-shot work); ms. */
export function timeOnce<T>(work: () => T): { result: T; ms: number } {
  const start = process.hrtime.bigint();
  const result = work();
  return { result, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

function calibrate(benchCase: BenchCase, targetMs: number): number {
  let count = 1;
  for (;;) {
    const start = process.hrtime.bigint();
    sink = benchCase.run(count);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (ms >= targetMs / 4 || count >= 1 << 30) return Math.max(1, Math.round((count * targetMs) / Math.max(ms, 1e-3)));
    count *= 4;
  }
}

function summarize(name: string, values: number[]): BenchResult {
  const sorted = [...values].sort((a, b) => a - b);
  return { name, median: sorted[sorted.length >> 1]!, min: sorted[0]!, max: sorted[sorted.length - 1]! };
}

/** Formats a number of nanoseconds with a sensible unit. */
export function formatNs(ns: number): string {
  if (ns < 1e3) return `${ns.toFixed(ns < 10 ? 2 : 1)} ns`;
  if (ns < 1e6) return `${(ns / 1e3).toFixed(2)} µs`;
  if (ns < 1e9) return `${(ns / 1e6).toFixed(2)} ms`;
  return `${(ns / 1e9).toFixed(2)} s`;
}

/** A Markdown table. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const lines = [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`);
  return lines.join('\n');
}

export function keep(): unknown {
  return sink;
}
