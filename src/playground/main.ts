/**
 * The neurograph playground
 * =========================
 *
 * One script, two places: in the page it builds the playground; in a Web Worker it
 * is the trainer. The page starts the worker from this same script (its own text as
 * a Blob when it is inline, as the built page has it; its address otherwise), so the
 * bundle holds the library once and the page works from any static host, or from disk.
 *
 * Bundled with esbuild by scripts/build-playground.ts (`npm run build:playground`).
 */
import { startPage } from './page.js';
import { startWorker } from './worker.js';

if (typeof document === 'undefined') {
  startWorker(self as unknown as Parameters<typeof startWorker>[0]);
} else {
  const script = document.currentScript as HTMLScriptElement | null;
  const createWorker = () => {
    if (script?.src) return new Worker(script.src);
    const source = new Blob([script?.textContent ?? ''], { type: 'text/javascript' });
    return new Worker(URL.createObjectURL(source));
  };
  const start = () => {
    const root = document.getElementById('pg');
    if (root !== null) startPage(root, createWorker);
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
}
