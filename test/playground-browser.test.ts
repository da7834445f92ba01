/// <reference lib="dom" />
// (page.evaluate callbacks run in the browser.)
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundlePlayground } from '../scripts/build-playground.js';
import { type PlaygroundServer, startPlaygroundServer } from '../src/cli/commands/playground.js';
import { Network, Tracer } from '../src/index.js';
import { featureRow } from '../src/playground/features.js';
import { CHROMIUM, hasChromium } from './support/browser.js';

// The playground in a real browser (Debian's chromium, headless, driven by playwright-core), served by
// the playground command's own server. Training runs in the page's worker on real time.
if (!hasChromium && process.env.CI) {
  throw new Error(`playground-browser: ${CHROMIUM} is missing in CI; .ci/run should have installed it.`);
}

// The README's picture is refreshed only on request (UPDATE_SCREENSHOT=1); otherwise it goes to out/.
const SCREENSHOT = fileURLToPath(
  new URL(process.env.UPDATE_SCREENSHOT ? '../docs/playground.png' : '../out/playground.png', import.meta.url),
);

describe.skipIf(!hasChromium)('the playground in Chromium', () => {
  let served: PlaygroundServer;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  const requests: string[] = [];

  const open = async (url: string) => {
    const opened = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    opened.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
    });
    opened.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    opened.on('request', (request) => requests.push(request.url()));
    await opened.goto(url);
    await opened.waitForFunction(() => document.querySelector('#pg')?.getAttribute('data-test-loss') !== null);
    return opened;
  };
  const centre = async (selector: string) => {
    const box = await page.locator(selector).boundingBox();
    if (box === null) throw new Error(`no ${selector}`);
    return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  };
  const drag = async (from: string, to: string) => {
    const a = await centre(`.ng-neuron[data-neuron="${from}"] circle`);
    const b = await centre(`.ng-neuron[data-neuron="${to}"] circle`);
    await page.mouse.move(a.x, a.y);
    await page.mouse.down();
    await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 4 });
    await page.mouse.move(b.x, b.y, { steps: 4 });
    await page.mouse.up();
  };
  const exported = async (on: Page) => {
    const [download] = await Promise.all([on.waitForEvent('download'), on.click('#pg-export')]);
    return Network.fromJSON(JSON.parse(readFileSync(await download.path(), 'utf8')));
  };
  const boundary = () => page.evaluate(() => (document.querySelector('#pg-boundary') as HTMLCanvasElement).toDataURL());

  beforeAll(async () => {
    served = await startPlaygroundServer(await bundlePlayground(), 0);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-sync'],
    });
    page = await open(served.url);
  });

  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  it('opens with no console error and requests nothing from another host', async () => {
    expect(await page.getAttribute('#pg', 'data-epoch')).toBe('0');
    expect(await page.locator('.ng-neuron').count()).toBe(2 + 4 + 2 + 1 + 1);
    for (const name of ['Play', 'Step', 'Reset', 'Add a hidden layer', 'Export JSON']) {
      await expect(page.getByRole('button', { name, exact: true }).count()).resolves.toBe(1);
    }
    expect(requests.filter((url) => new URL(url).origin !== new URL(served.url).origin)).toStrictEqual([]);
    expect(problems).toStrictEqual([]);
  });

  it('trains the circle to a test loss below 0.1 within 300 epochs, and the boundary changes', async () => {
    const before = await boundary();
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    const reached = await page.waitForFunction(
      () => {
        const root = document.querySelector<HTMLElement>('#pg')!;
        const loss = Number(root.dataset.testLoss);
        return loss < 0.1 ? { epoch: Number(root.dataset.epoch), loss } : false;
      },
      undefined,
      { polling: 'raf', timeout: 20_000 },
    );
    const { epoch, loss } = (await reached.jsonValue()) as { epoch: number; loss: number };
    expect(epoch).toBeGreaterThan(0);
    expect(epoch).toBeLessThanOrEqual(300);
    expect(loss).toBeLessThan(0.1);
    await page.waitForTimeout(300);
    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    expect(await boundary()).not.toBe(before);
    expect(await page.getAttribute('#pg', 'data-playing')).toBe('false');
    expect(problems).toStrictEqual([]);
  });

  it('adds a neuron, connects two neurons by dragging, and refuses a cycle showing its path', async () => {
    await page.getByRole('button', { name: 'Add a neuron to layer 1' }).click();
    await expect.poll(() => page.locator('.ng-neuron[data-neuron="h1_4"]').count()).toBe(1);
    await drag('x1', 'h2_0');
    await expect.poll(() => page.locator('.ng-connection[data-from="x1"][data-to="h2_0"]').count()).toBe(1);
    expect(await page.textContent('#pg-message')).toMatch(/Connected x1 → h2_0/);
    await drag('h2_0', 'h1_0');
    await expect.poll(() => page.getAttribute('#pg-message', 'data-cycle')).toBe('h2_0 h1_0 h2_0');
    expect(await page.textContent('#pg-message')).toMatch(/cycle h2_0 → h1_0 → h2_0/);
    expect(await page.locator('.ng-connection[data-from="h2_0"][data-to="h1_0"]').count()).toBe(0);
    // The edits are in the address.
    expect(decodeURIComponent(new URL(page.url()).hash)).toMatch(/layers=5,2.*add=x1>h2_0:/);
    expect(problems).toStrictEqual([]);
  });

  it('traces a clicked point: neurons light up in the trace order, and the export gives the same output', async () => {
    const plane = await page.locator('#pg-points').boundingBox();
    await page.mouse.click(plane!.x + plane!.width * 0.6, plane!.y + plane!.height * 0.45);
    const x1 = Number(await page.getAttribute('#pg-readout', 'data-x1'));
    const x2 = Number(await page.getAttribute('#pg-readout', 'data-x2'));
    const shown = Number(await page.getAttribute('#pg-readout', 'data-output'));
    const net = await exported(page);
    expect(net.run(featureRow(net.inputs, x1, x2)).y).toBe(shown);
    const tracer = new Tracer(net);
    net.run(featureRow(net.inputs, x1, x2));
    const order = tracer.events.flatMap((e) => (e.type === 'neuronActivated' ? [e.neuron] : []));
    await page.getByRole('button', { name: "Back to the trace's start" }).click();
    const active = () =>
      page
        .locator('#pg-network .ng-neuron.active')
        .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-neuron')));
    expect(await active()).toStrictEqual([]);
    const lit: (string | null)[] = [];
    for (let i = 0; i < order.length; i++) {
      await page.getByRole('button', { name: 'Step through the trace' }).click();
      lit.push(...(await active()));
    }
    expect(lit).toStrictEqual(order);
    expect(await page.locator('.ng-rows tbody tr').count()).toBe(1);
    expect(problems).toStrictEqual([]);
  });

  it('restores the same network and settings from a copied address', async () => {
    await page.selectOption('#pg-rate', '0.1');
    await page.selectOption('#pg-reg', 'L2');
    await page.getByRole('button', { name: 'Reset', exact: true }).click();
    const url = page.url();
    const original = await exported(page);
    const copy = await open(url);
    try {
      for (const control of ['#pg-rate', '#pg-reg', '#pg-activation', '#pg-reg-rate']) {
        expect(await copy.inputValue(control)).toBe(await page.inputValue(control));
      }
      expect(copy.url()).toBe(url);
      expect((await exported(copy)).toJSON()).toStrictEqual(original.toJSON());
      expect(await copy.locator('.ng-connection[data-from="x1"][data-to="h2_0"]').count()).toBe(1);
    } finally {
      await copy.close();
    }
    // A hostile address is repaired and said so, without an error.
    const hostile = await open(`${served.url}#dataset=%3Cscript%3E&layers=99&add=constructor>y:1&rate=-1`);
    try {
      expect(await hostile.textContent('#pg-message')).toMatch(/repaired/);
      expect(await hostile.inputValue('#pg-rate')).toBe('0.03');
    } finally {
      await hostile.close();
    }
    expect(problems).toStrictEqual([]);
  });
});
