/**
 * TypeScript scenarios
 * ====================
 *
 * The CLI itself is plain JavaScript (dist/); a scenario written in TypeScript needs
 * tsx to load. tsx is an optional peer dependency: it is looked for only when a
 * `.ts`, `.mts` or `.cts` file is named, first from the scenario's own folder (a
 * project that has tsx, using a neurograph installed elsewhere), then from
 * neurograph's. Without it, the user is told how to get it.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CliError } from './context.js';

const TYPESCRIPT_EXTENSIONS = new Set(['.ts', '.mts', '.cts']);

interface TsxApi {
  register(): unknown;
}

/** True for the files only tsx can load. */
export function isTypeScript(path: string): boolean {
  return TYPESCRIPT_EXTENSIONS.has(extname(path).toLowerCase());
}

let registered: Promise<void> | undefined;

/** Registers tsx's ESM and CommonJS hooks once per process; `file` (as the user wrote it) and `path` say where from. */
export function registerTypeScript(file: string, path: string): Promise<void> {
  registered ??= register(file, path).catch((error: unknown) => {
    registered = undefined;
    throw error;
  });
  return registered;
}

async function register(file: string, path: string): Promise<void> {
  // Both: a .ts file outside a "type": "module" package is CommonJS to Node, and tsx loads it as such.
  const [esm, commonJs] = await Promise.all([
    importTsx('esm/api', () => import('tsx/esm/api'), file, path),
    importTsx('cjs/api', () => import('tsx/cjs/api'), file, path),
  ]);
  commonJs.register();
  esm.register();
}

/** tsx's `tsx/<subpath>` API, from neurograph's own node_modules or else from the scenario's project. */
async function importTsx(subpath: string, own: () => Promise<TsxApi>, file: string, path: string): Promise<TsxApi> {
  try {
    return await own();
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
  }
  const found = resolveFromProject(subpath, path);
  if (found !== undefined) return (await import(pathToFileURL(found).href)) as TsxApi;
  throw new CliError(
    `${file} is TypeScript, which needs tsx to load, and tsx is not installed: run \`npm install tsx\` ` +
      '(or give a .js scenario or a .json network document)',
  );
}

/** The ES module file of `tsx/<subpath>` in the project around `path`, read from tsx's package.json exports. */
function resolveFromProject(subpath: string, path: string): string | undefined {
  let manifest: string;
  try {
    manifest = createRequire(path).resolve('tsx/package.json');
  } catch {
    return undefined;
  }
  const { exports } = JSON.parse(readFileSync(manifest, 'utf8')) as { exports?: Record<string, unknown> };
  const entry = exports?.[`./${subpath}`] as string | { import?: string | { default?: string } } | undefined;
  const target =
    typeof entry === 'string' ? entry : typeof entry?.import === 'string' ? entry.import : entry?.import?.default;
  return target === undefined ? undefined : join(dirname(manifest), target);
}
