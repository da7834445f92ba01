/**
 * neurograph playground
 * =====================
 *
 * Serves the playground page (dist/playground.html, one self-contained file built by
 * `npm run build:playground`) on 127.0.0.1 with node:http, prints its address, and
 * stops on Ctrl-C. The page needs nothing else: every request but the page itself is
 * a 404, and the page makes none. `--open` asks the system to open it in a browser.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Command } from 'commander';
import { CliError, type CliContext } from '../context.js';

/** Where the built page is, from src/cli/commands/ and from dist/cli/commands/ alike. */
const PAGE = new URL('../../../dist/playground.html', import.meta.url);
export const DEFAULT_PORT = 8787;

export interface PlaygroundServer {
  /** `http://127.0.0.1:PORT/` */
  readonly url: string;
  readonly server: Server;
  close(): Promise<void>;
}

/** Serves `html` at `/` (and `/index.html`, `/playground.html`) on `host`:`port` (0 picks a free port). */
export function startPlaygroundServer(
  html: string,
  port = DEFAULT_PORT,
  host = '127.0.0.1',
): Promise<PlaygroundServer> {
  const body = Buffer.from(html);
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const headers = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { ...headers, allow: 'GET, HEAD' }).end();
    } else if (path === '/' || path === '/index.html' || path === '/playground.html') {
      response.writeHead(200, {
        ...headers,
        'content-type': 'text/html; charset=utf-8',
        'content-length': body.length,
      });
      response.end(request.method === 'HEAD' ? undefined : body);
    } else {
      response.writeHead(404, { ...headers, 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const { port: bound } = server.address() as AddressInfo;
      resolve({
        url: `http://${host}:${bound}/`,
        server,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

interface PlaygroundOptions {
  readonly port: number;
  readonly open?: boolean;
}

const EXAMPLES = `
Examples:
  $ neurograph playground                 serve it on http://127.0.0.1:${DEFAULT_PORT}/
  $ neurograph playground --port 0 --open  any free port, opened in the browser`;

/** `html` replaces the built page (`npm run playground` serves the page it just bundled). */
export function register(program: Command, context: CliContext, html?: string): void {
  program
    .command('playground')
    .description('serve the playground page (train and watch networks in the browser) on 127.0.0.1')
    .option('-p, --port <port>', 'the port to listen on; 0 picks a free one', parsePort, DEFAULT_PORT)
    .option('--open', 'open the page in the default browser')
    .addHelpText('after', EXAMPLES)
    .action((options: PlaygroundOptions) => playgroundCommand(options, context, html));
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || !Number.isInteger(port) || port > 65535) {
    throw new CliError(`--port must be a whole number from 0 to 65535, got ${JSON.stringify(value)}`);
  }
  return port;
}

async function playgroundCommand(options: PlaygroundOptions, context: CliContext, given?: string): Promise<void> {
  let html = given;
  if (html === undefined) {
    try {
      html = readFileSync(PAGE, 'utf8');
    } catch {
      throw new CliError(
        'the playground page is not built (dist/playground.html); run `npm run build:playground` in the neurograph checkout',
      );
    }
  }
  let served: PlaygroundServer;
  try {
    served = await startPlaygroundServer(html, options.port);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      throw new CliError(`port ${options.port} is in use; choose another with --port N (0 picks a free one)`);
    }
    throw new CliError(`cannot listen on 127.0.0.1:${options.port}: ${(error as Error).message}`);
  }
  context.stdout.write(`neurograph playground: ${served.url}  (Ctrl-C stops it)\n`);
  if (options.open) openInBrowser(served.url, context);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void served.close().then(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** The system's own opener; a failure is a note, not an error (the address is printed anyway). */
function openInBrowser(url: string, context: CliContext): void {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '', url]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(command, args as string[], { stdio: 'ignore', detached: true });
    child.on('error', () => context.stderr.write(`neurograph playground: could not open a browser; visit ${url}\n`));
    child.unref();
  } catch {
    context.stderr.write(`neurograph playground: could not open a browser; visit ${url}\n`);
  }
}
