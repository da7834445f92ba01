/**
 * CLI context
 * ===========
 *
 * What a command needs from the outside world, passed in rather than read from
 * `process`, so the whole CLI runs in-process in tests: where to write, which
 * directory relative paths start from, and the environment (for NO_COLOR).
 */
import { accessSync, closeSync, constants, openSync, type Stats, statSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** Something to write text to: `process.stdout`, or a test's collector. */
export interface Writer {
  /** A stream returns false when its buffer is full; it then emits 'drain'. */
  write(chunk: string): unknown;
  readonly isTTY?: boolean;
  once?(event: 'drain', listener: () => void): unknown;
}

export interface CliContext {
  readonly stdout: Writer;
  readonly stderr: Writer;
  /** Relative paths (the network file, --out) start here. */
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** A problem with what the user asked for (an argument, a file): one line on stderr; exit code 2 unless said. */
export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 2) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

/** Where a command's result goes: a file (`--out`) or stdout. */
export interface Output extends Writer {
  /** The file written to, or undefined for stdout. */
  readonly file: string | undefined;
  /** Resolves once what was written has left the buffer (at once for a file, which is written synchronously). */
  drained(): Promise<void>;
  close(): void;
}

/**
 * Checks that `--out FILE` (relative to the context's directory) can be written, without
 * writing it: not a directory, its folder exists, and writing is permitted. Commands call
 * this before any work, so a bad `--out` is one line before a network is loaded or trained,
 * and nothing is created or truncated.
 */
export function checkWritable(context: CliContext, file: string | undefined): void {
  if (file === undefined) return;
  const path = resolve(context.cwd, file);
  const cannot = (why: string) => new CliError(`cannot write ${file}: ${why}`);
  let existing: Stats | undefined;
  try {
    existing = statSync(path);
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') throw cannot(describeFsError(error));
  }
  if (existing?.isDirectory() === true) throw cannot('it is a directory; name a file to write');
  if (existing === undefined) {
    let stats: Stats;
    try {
      stats = statSync(dirname(path));
    } catch {
      throw cannot(`its folder ${dirname(file)} does not exist`);
    }
    if (!stats.isDirectory()) throw cannot(`${dirname(file)} is not a directory`);
  }
  try {
    accessSync(existing === undefined ? dirname(path) : path, constants.W_OK);
  } catch (error) {
    throw cannot(describeFsError(error));
  }
}

/**
 * Opens `--out FILE` (relative to the context's directory) for synchronous writes, or
 * returns stdout when no file is given. Writes go straight to the file, so streaming
 * into it holds nothing in memory.
 */
export function openOutput(context: CliContext, file: string | undefined): Output {
  if (file === undefined) {
    const { stdout } = context;
    let full = false;
    return {
      file,
      isTTY: stdout.isTTY === true,
      write: (chunk) => {
        if (stdout.write(chunk) === false) full = true;
      },
      drained: async () => {
        if (!full || stdout.once === undefined) return;
        await new Promise<void>((resolve) => stdout.once!('drain', resolve));
        full = false;
      },
      close: () => {},
    };
  }
  let fd: number;
  try {
    fd = openSync(resolve(context.cwd, file), 'w');
  } catch (error) {
    throw new CliError(`cannot write ${file}: ${describeFsError(error)}`);
  }
  let open = true;
  return {
    file,
    isTTY: false,
    write: (chunk) => writeSync(fd, chunk),
    drained: async () => {},
    close: () => {
      if (open) closeSync(fd);
      open = false;
    },
  };
}

/** A file system error in a few words, without the stack or the syscall. */
export function describeFsError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a directory';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
