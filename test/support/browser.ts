/**
 * A page in a real browser: Debian's chromium (apt-get install chromium), driven
 * headless by playwright-core. Never downloads a browser. Collects console errors,
 * page errors and every request, for tests to assert on. The page runs on
 * playwright's fake clock: timers and animation frames move only when a test says
 * (`page.clock.runFor(ms)`), so what it sees never depends on how busy the machine is.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

export interface OpenedPage {
  readonly page: Page;
  /** The file's URL. */
  readonly url: string;
  /** Console errors and warnings, and uncaught page errors. */
  readonly problems: string[];
  /** Every URL the page requested. */
  readonly requests: string[];
  close(): Promise<void>;
}

/** Writes `html` to a temporary file and opens it from disk. */
export async function openHtml(html: string, name = 'page.html'): Promise<OpenedPage> {
  const directory = mkdtempSync(join(tmpdir(), 'neurograph-browser-'));
  const file = join(directory, name);
  writeFileSync(file, html);
  const url = pathToFileURL(file).href;
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    const page = await browser.newPage({ viewport: { width: 1200, height: 700 }, deviceScaleFactor: 2 });
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') {
        problems.push(`console.${message.type()}: ${message.text()}`);
      }
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('request', (request) => requests.push(request.url()));
    const start = new Date('2026-01-01T00:00:00Z');
    await page.clock.install({ time: start });
    await page.clock.pauseAt(start);
    await page.goto(url);
    const opened = browser;
    return {
      page,
      url,
      problems,
      requests,
      close: async () => {
        await opened.close();
        rmSync(directory, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await browser?.close();
    rmSync(directory, { recursive: true, force: true });
    throw error;
  }
}
