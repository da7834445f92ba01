#!/usr/bin/env node
// The neurograph command: registers tsx so Node runs the TypeScript sources (and scenario
// modules, ESM or CommonJS) as they are, then hands the arguments and the real
// stdout/stderr to the CLI.
import { register as registerCommonJs } from 'tsx/cjs/api';
import { register } from 'tsx/esm/api';

registerCommonJs();
register();
// A reader that stops early (`neurograph run … | head`) is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
