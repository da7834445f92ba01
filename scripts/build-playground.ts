/**
 * Bundling the playground
 * =======================
 *
 * The playground is TypeScript and CSS in src/playground/ that import the library's
 * own sources (the network, the trainer, the datasets, the drawing and the HTML
 * player's pieces). esbuild bundles and minifies them into one self-contained page:
 * the script and the stylesheet inline, nothing fetched, so it works offline, from
 * any static host and from disk. The script is also the training worker (main.ts).
 *
 *     npm run build:playground                 writes dist/playground.html
 *     npm run playground [-- --port N --open]  builds, then serves it on 127.0.0.1
 *
 * [Reference]: https://esbuild.github.io/api/#build
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const PLAYGROUND_FILE = 'dist/playground.html';

/**
 * zod's namespace re-exports every locale's messages (about 60 languages); the library only ever
 * uses the English default, which zod's schemas import by themselves. The page gets an empty index.
 */
const englishOnlyZod: Plugin = {
  name: 'english-only-zod',
  setup(plugin) {
    plugin.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      args.importer.includes(`${'node_modules'}/zod/`) ? { path: 'zod-locales', namespace: 'empty' } : undefined,
    );
    plugin.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: 'export {};', loader: 'js' }));
  },
};

/** The playground as one HTML page. */
export async function bundlePlayground(): Promise<string> {
  const common = { absWorkingDir: ROOT, bundle: true, minify: true, write: false, logLevel: 'silent' } as const;
  const [script, style] = await Promise.all([
    // NOTE: charset 'ascii' (esbuild's default) escapes every other character, and esbuild
    // escapes `</script` in strings, so the bundle is safe inside an inline <script>.
    build({
      ...common,
      entryPoints: ['src/playground/main.ts'],
      format: 'iife',
      platform: 'browser',
      target: 'es2022',
      // The library reads process.env / process.stdout only where they exist; the page has neither.
      define: { 'process.env.NODE_ENV': '"production"' },
      plugins: [englishOnlyZod],
    }),
    build({ ...common, entryPoints: ['src/playground/playground.css'], target: 'chrome100' }),
  ]);
  return page(onlyOutput(script.outputFiles).trimEnd(), onlyOutput(style.outputFiles).trimEnd());
}

function page(script: string, style: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="neurograph">
<link rel="icon" href="data:,">
<title>neurograph playground</title>
<style>${style}</style>
</head>
<body>
<div id="pg"><noscript>The neurograph playground needs JavaScript.</noscript></div>
<script>${script}</script>
</body>
</html>
`;
}

function onlyOutput(files: readonly { readonly text: string }[] | undefined): string {
  const [file] = files ?? [];
  if (file === undefined || files?.length !== 1)
    throw new Error('build-playground: esbuild should write exactly one file');
  return file.text;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const html = await bundlePlayground();
  const serve = process.argv.includes('--serve');
  if (serve) {
    // `npm run playground`: serve the page just built, from memory, with the CLI command's options.
    const { Command } = await import('commander');
    const { register } = await import('../src/cli/commands/playground.js');
    const program = new Command('neurograph').exitOverride();
    register(program, { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env }, html);
    const args = process.argv.slice(2).filter((arg) => arg !== '--serve');
    await program.parseAsync(['playground', ...args], { from: 'user' });
  } else {
    const out = fileURLToPath(new URL(`../${PLAYGROUND_FILE}`, import.meta.url));
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, html);
    console.log(`${PLAYGROUND_FILE}: ${(Buffer.byteLength(html) / 1024).toFixed(0)} KiB`);
  }
}
