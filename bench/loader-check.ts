/**
 * How the benchmarks load TypeScript
 * ==================================
 *
 * `npm run bench` loads its TypeScript through tsx's ESM hooks only (`--import tsx/esm`), which
 * Node runs on a thread of their own. `--import tsx` also installs tsx's CommonJS hooks on the
 * main thread, and those parse every file with es-module-lexer's WebAssembly build. Its memory
 * grows, which detaches an ArrayBuffer, and V8 then guards every typed-array access of the
 * process against detached buffers, for good (its "ArrayBuffer detaching" protector is gone;
 * `node --trace-protector-invalidation` shows it).
 *
 * Measured on this machine, in one `npm run bench` each way: the hand-written Float64Array loops
 * took 1.1–1.5× their own time (W2 one sample 33.9 against 24.3 µs, W4 542 against 346 µs, W5
 * 1.18 against 0.97 µs), WebAssembly did not, and a typed array's `length` cost a float
 * conversion and a branch (6–8% on W1's row with its two length checks). No library under test
 * detaches a buffer in these workloads, and neither does a program that runs neurograph from
 * dist/ with plain Node; measured under the CommonJS hooks, every ratio would measure tsx too.
 */
import { createRequire } from 'node:module';

/**
 * A warning when tsx's CommonJS hooks are installed on this thread (they add `.ts` to the
 * CommonJS loader's extensions), or undefined when they are not.
 */
export function loaderWarning(): string | undefined {
  const extensions = createRequire(import.meta.url).extensions;
  if (!Object.hasOwn(extensions, '.ts')) return undefined;
  return (
    "warning: tsx's CommonJS hooks run on this thread (node --import tsx); the figures are skewed " +
    '(see bench/loader-check.ts). Use npm run bench, or node --import tsx/esm.'
  );
}
