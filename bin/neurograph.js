#!/usr/bin/env node
// The neurograph command: the CLI as built into dist/, plain JavaScript. It loads tsx
// only when a TypeScript scenario is named (src/cli/typescript.ts), so a .json network
// or a .js scenario runs without it.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(cli)) {
  // Only in a checkout: a package from the registry or `npm pack` always holds dist/.
  process.stderr.write('neurograph: dist/ is not built; run `npm run build` in the neurograph checkout first\n');
  process.exit(1);
}
// A reader that stops early (`neurograph run … | head`) is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
const { main } = await import(cli.href);
process.exitCode = await main(process.argv.slice(2));
