/// <reference lib="dom" />
// (page.evaluate callbacks run in the browser.)
/**
 * A recurrent network's sequence played back in a real browser (see support/browser.ts):
 * each row is a time step and says so, and a delayed connection lights up and carries
 * its source's output from the step it names (0 before the sequence began).
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toHtml, Tracer } from '../src/index.js';
import { hasChromium, openHtml, type OpenedPage } from './support/browser.js';
import { gatedLoop as recurrent } from './support/recurrent-network.js';

const SCREENSHOT = fileURLToPath(new URL('../out/recurrent-animation.png', import.meta.url));

describe.skipIf(!hasChromium)('a recurrent sequence in Chromium', () => {
  const net = recurrent();
  const tracer = new Tracer(net);
  // y: 0.5, 0.75, 1.106 (see test/trace-time.test.ts).
  net.runSequence([[1], [0.5], [2]]);
  let opened: OpenedPage;
  let page: Page;

  const attribute = (name: string) => page.getAttribute('#ng-player', name);
  /** The drawing's index of the connection from → to. */
  const connection = (from: string, to: string) =>
    page.locator(`.ng-connection[data-from="${from}"][data-to="${to}"]`).getAttribute('data-connection');
  const carrying = () =>
    page
      .locator('.ng-connection.carrying')
      .evaluateAll((nodes) =>
        nodes.map((node) => `${node.getAttribute('data-from')}->${node.getAttribute('data-to')}`),
      );
  const badge = async (from: string, to: string) =>
    page.locator(`.ng-badge[data-connection="${await connection(from, to)}"] text`).textContent();

  beforeAll(async () => {
    opened = await openHtml(toHtml(net, tracer.events, { autoplay: false, title: 'A recurrent sequence' }));
    page = opened.page;
  });

  afterAll(async () => {
    await opened?.close();
  });

  it('shows each row as a time step', async () => {
    expect(await attribute('data-time')).toBe('0');
    const rows = await page
      .locator('.ng-rows tbody tr')
      .evaluateAll((trs) => trs.map((tr) => tr.querySelector('.ng-time')?.textContent));
    expect(rows).toStrictEqual(['0', '1', '2']);
    expect(await page.locator('.ng-rows thead th.ng-time').textContent()).toBe('t');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await attribute('data-time')).toBe('2');
    expect(await page.locator('.ng-progress').textContent()).toBe('t=2 · step 0 / 3');
  });

  it("lights a delayed connection up when it delivers an earlier step's value", async () => {
    // t=2: x fires, then h, whose input is (1 × x) × (1 × y two steps earlier, 0.5).
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await page.locator('.ng-neuron.active').getAttribute('data-neuron')).toBe('h');
    expect((await carrying()).sort()).toStrictEqual(['x->h', 'y->h']);
    expect(await badge('y', 'h')).toBe('↻2: 1×0.5 = 0.5');
    expect(await page.locator('.ng-math').textContent()).toBe('Π = (1×2) × (1×0.5↻2)\n  = 1\nsigmoid(1) = 0.731');
    // Then y, fed by h now and by itself one step earlier (0.75).
    await page.keyboard.press('ArrowRight');
    expect((await carrying()).sort()).toStrictEqual(['h->y', 'y->y']);
    expect(await badge('y', 'y')).toBe('↻1: 0.5×0.75 = 0.375');
    expect(await page.locator('.ng-math').textContent()).toContain('Σ = 1×0.731 + 0.5×0.75↻1');
    await page.clock.runFor(400);
    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    await page.locator('#ng-player').screenshot({ path: SCREENSHOT });
  });

  it('delivers 0 before the sequence began', async () => {
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    expect(await attribute('data-time')).toBe('0');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await badge('y', 'h')).toBe('↻2: 1×0 = 0');
    expect(opened.problems).toStrictEqual([]);
  });
});
