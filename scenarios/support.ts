/**
 * What the scenario scripts share: run a script part only when it is the main module
 * (so tests and the CLI can import `build()` quietly), and show a truth table with
 * the trace of every activation that produced it.
 */
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Tracer, checkTable, formatTable, type Network, type TableRow } from '../src/index.js';

/** True when the module at `moduleUrl` (pass `import.meta.url`) is the script Node was started with. */
export function isMainModule(moduleUrl: string): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return pathToFileURL(realpathSync(script)).href === moduleUrl;
  } catch {
    return false;
  }
}

/** Runs every row of `expected` with a Tracer attached, prints the trace and the table; true if every row matches. */
export function showTruthTable(net: Network, expected: readonly TableRow[]): boolean {
  const tracer = new Tracer(net);
  const result = checkTable(net, expected);
  tracer.detach();
  console.log(`${tracer.toPretty()}\n\n${formatTable(net, result)}`);
  return result.ok;
}
