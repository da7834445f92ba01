/**
 * neurograph CLI
 * ==============
 *
 * `neurograph run`, `draw`, `train` and `evaluate`, one file per command in `commands/`,
 * parsed by commander. `main` takes the arguments and the writers instead of reading
 * `process`, so tests run the whole CLI in-process; `bin/neurograph.js` calls it with
 * the real ones. Whatever goes wrong on the user's side (an argument, a file) is one
 * line on stderr, starting with the command (`neurograph run: …`), and exit code 2.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { NeurographError } from '../errors.js';
import { describe } from '../format/describe.js';
import { CliError, type CliContext, type Writer } from './context.js';
import { NETWORK_FILE } from './load-network.js';
import { register as registerDraw } from './commands/draw.js';
import { register as registerEvaluate } from './commands/evaluate.js';
import { register as registerExport } from './commands/export.js';
import { register as registerPlayground } from './commands/playground.js';
import { register as registerRun } from './commands/run.js';
import { register as registerTrain } from './commands/train.js';

export interface MainOptions {
  readonly stdout?: Writer;
  readonly stderr?: Writer;
  /** Relative paths start here; defaults to the process's directory. */
  readonly cwd?: string;
  /** Defaults to `process.env` (read for NO_COLOR, FORCE_COLOR and NEUROGRAPH_DEBUG). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** Exit codes: 0 done, 1 an unexpected failure, 2 a bad argument or file. */
export const EXIT_USAGE = 2;

function readVersion(): string {
  const file = new URL('../../package.json', import.meta.url);
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

/** The commander program, its output going to the context's writers and its exits thrown as CommanderErrors. */
export function createProgram(context: CliContext): Command {
  const program = new Command('neurograph')
    .description(`Run, trace, draw, train, evaluate and export neuron-graph networks: ${NETWORK_FILE}.`)
    .version(readVersion(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .helpCommand(false)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => context.stdout.write(text),
      writeErr: (text) => context.stderr.write(text),
      // main prints the error itself, on one line.
      outputError: () => {},
    })
    .showSuggestionAfterError(true)
    .addHelpText(
      'after',
      `
Examples:
  $ neurograph run scenarios/xor.ts --trace pretty
  $ neurograph draw scenarios/xor.ts --format html --out xor.html
  $ neurograph train scenarios/xor-learned.ts
  $ neurograph train scenarios/moons.ts --validation-split 0.2 --patience 10 --out moons.json
  $ neurograph evaluate moons.json --samples scenarios/moons.ts
  $ neurograph export moons.json --out moons.onnx
  $ neurograph playground --open
  $ neurograph run --help`,
    );
  // Subcommands copy the settings above (exitOverride, output) when they are created.
  registerRun(program, context);
  registerDraw(program, context);
  registerTrain(program, context);
  registerEvaluate(program, context);
  registerExport(program, context);
  registerPlayground(program, context);
  return program;
}

/** Runs the CLI on `argv` (the arguments after the command name) and resolves to its exit code. */
export async function main(argv: readonly string[], options: MainOptions = {}): Promise<number> {
  const context: CliContext = {
    stdout: options.stdout ?? process.stdout,
    stderr: options.stderr ?? process.stderr,
    cwd: options.cwd ?? process.cwd(),
    env: options.env ?? process.env,
  };
  const program = createProgram(context);
  // Messages start with the command they are about: `neurograph run: …`.
  let command = 'neurograph';
  program.hook('preSubcommand', (_program, subcommand) => {
    command = `neurograph ${subcommand.name()}`;
  });
  const fail = (message: string) => context.stderr.write(`${command}: ${message}\n`);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here too, with code 0; help shown for a missing command is a usage error.
      if (error.exitCode === 0) return 0;
      if (error.code !== 'commander.help') fail(commanderMessage(error));
      return EXIT_USAGE;
    }
    if (error instanceof CliError) {
      fail(error.message);
      return error.exitCode;
    }
    // The library's errors that a command did not word itself are still about what the user gave.
    if (error instanceof NeurographError) {
      fail(error.message);
      return EXIT_USAGE;
    }
    const detail = context.env.NEUROGRAPH_DEBUG ? (error as Error)?.stack : describeError(error);
    fail(`unexpected error (a bug in neurograph; NEUROGRAPH_DEBUG=1 shows where): ${detail}`);
    return 1;
  }
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0]! : describe(error);
}

/** Commander's message on one line, without its "error: " prefix. */
function commanderMessage(error: CommanderError): string {
  return error.message
    .replace(/^error: /, '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join(' ');
}
