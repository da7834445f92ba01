/**
 * Importing a scenario module
 * ===========================
 *
 * The one place the CLI imports a user's module: TypeScript through tsx, JavaScript
 * as Node loads it. A module that fails to load is one line naming the file; for a
 * syntax error, also the line and the reason (module loaders put them on other lines
 * of the message, or leave them out of the error altogether).
 */
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { CliError } from './context.js';
import { isTypeScript, registerTypeScript } from './typescript.js';

/** The module namespace of the file at `path`; `file` is how the user named it. */
export async function importModule(file: string, path: string): Promise<Readonly<Record<string, unknown>>> {
  if (isTypeScript(path)) await registerTypeScript(file, path);
  try {
    return (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (error) {
    throw new CliError(`${file} failed to load: ${describeLoadError(error, file, path)}`);
  }
}

/** esbuild (inside tsx): `Transform failed with 1 error:` then `/path/x.ts:2:17: ERROR: Unexpected "="`. */
const ESBUILD_ERROR = /^(.*):(\d+):(\d+): ERROR: (.*)$/m;

function describeLoadError(error: unknown, file: string, path: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const transform = ESBUILD_ERROR.exec(message);
  if (transform !== null) {
    const [, where = '', line, column, reason] = transform;
    return `${where === path ? file : where}:${line}:${column}: ${reason}`;
  }
  if (error instanceof SyntaxError && !isTypeScript(path)) {
    const line = syntaxErrorLine(path);
    if (line !== undefined) return `${file}:${line}: ${firstLine(message)}`;
  }
  return firstLine(message);
}

/**
 * The line of a JavaScript syntax error. Node keeps it off the error object, so ask
 * `node --check`, which prints `/path/x.mjs:2` first. Undefined when the file itself
 * parses (the error is in a module it imports).
 */
function syntaxErrorLine(path: string): number | undefined {
  const checked = spawnSync(process.execPath, ['--check', path], { encoding: 'utf8', timeout: 10_000 });
  const first = checked.stderr?.split('\n')[0] ?? '';
  const match = /:(\d+)$/.exec(first);
  return checked.status !== 0 && first.startsWith(path) && match !== null ? Number(match[1]) : undefined;
}

/** A message's first line (loaders add code frames below it). */
function firstLine(message: string): string {
  return message.split('\n')[0]!.trim();
}
