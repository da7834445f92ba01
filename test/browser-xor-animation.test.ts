/// <reference lib="dom" />
// (page.evaluate callbacks run in the browser.)
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Network, toHtml } from '../src/index.js';
import { CHROMIUM, hasChromium, openHtml, type OpenedPage } from './support/browser.js';
import { record, TRUTH_TABLE, xor } from './support/viz-xor.js';

// The XOR animation in a real browser (see support/browser.ts).
// CI installs Debian's chromium (.ci/run), so there a missing browser is a failure, not a skip.
if (!hasChromium && process.env.CI) {
  throw new Error(`browser-xor-animation: ${CHROMIUM} is missing in CI; .ci/run should have installed it.`);
}
if (!hasChromium) console.warn(`browser-xor-animation: skipped, ${CHROMIUM} is absent (apt-get install chromium).`);

// The README's picture is refreshed only on request (UPDATE_SCREENSHOT=1 npm test), so a
// plain test run leaves the work tree clean; otherwise the screenshot goes to out/.
const SCREENSHOT = fileURLToPath(
  new URL(process.env.UPDATE_SCREENSHOT ? '../docs/xor-animation.png' : '../out/xor-animation.png', import.meta.url),
);

describe.skipIf(!hasChromium)('the XOR animation in Chromium', () => {
  const net = xor();
  const events = record(net, TRUTH_TABLE);
  /** The neurons of each run, in the order they fired. */
  const order = TRUTH_TABLE.map((_, row) =>
    events.flatMap((e) => (e.type === 'neuronActivated' && e.run === row + 1 ? [e.neuron] : [])),
  );
  let opened: OpenedPage;
  let page: Page;
  let url: string;
  let problems: string[];
  let requests: string[];

  const attribute = (name: string) => page.getAttribute('#ng-player', name);
  const active = () =>
    page.locator('.ng-neuron.active').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-neuron')));

  beforeAll(async () => {
    opened = await openHtml(toHtml(net, events, { title: 'XOR, step by step' }), 'xor.html');
    ({ page, url, problems, requests } = opened);
  });

  afterAll(async () => {
    await opened?.close();
  });

  it('opens from disk, starts playing, and loads nothing but the file itself', async () => {
    await expect.poll(() => attribute('data-playing')).toBe('true');
    await page.keyboard.press(' ');
    expect(await attribute('data-playing')).toBe('false');
    expect(await page.locator('.ng-rows tbody tr').count()).toBe(4);
    expect(requests).toStrictEqual([url]);
    expect(problems).toStrictEqual([]);
  });

  it('steps with the arrow keys: the highlighted neuron follows the trace order', async () => {
    await page.click('tr[data-row="0"]');
    expect([await attribute('data-row'), await attribute('data-step'), await active()]).toStrictEqual(['0', '0', []]);
    for (const [i, neuron] of order[0]!.entries()) {
      await page.keyboard.press('ArrowRight');
      expect([await attribute('data-step'), await active()]).toStrictEqual([String(i + 1), [neuron]]);
      expect(await page.getAttribute('.ng-timeline li.active', 'data-step')).toBe(String(i + 1));
    }
    // Past the end nothing moves; back one step highlights the neuron before.
    await page.keyboard.press('ArrowRight');
    expect(await attribute('data-step')).toBe(String(order[0]!.length));
    await page.keyboard.press('ArrowLeft');
    expect(await active()).toStrictEqual([order[0]!.at(-2)]);
    const fired = page.locator('.ng-neuron.fired');
    expect(await fired.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-neuron')))).toStrictEqual(
      order[0]!.slice(0, -2),
    );
    expect(problems).toStrictEqual([]);
  });

  it('steps and plays with the buttons too, and space still toggles after a click', async () => {
    await page.keyboard.press('Home');
    await page.click('[data-action="forward"]');
    expect([await attribute('data-step'), await active()]).toStrictEqual(['1', [order[0]![0]]]);
    await page.click('[data-action="back"]');
    expect(await attribute('data-step')).toBe('0');
    await page.click('[data-action="play"]');
    expect(await attribute('data-playing')).toBe('true');
    await page.keyboard.press(' ');
    expect(await attribute('data-playing')).toBe('false');
  });

  it('plays another input row to its end, showing its output', async () => {
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
    expect([await attribute('data-row'), await attribute('data-run'), await attribute('data-step')]).toStrictEqual([
      '3',
      '4',
      '0',
    ]);
    expect(await page.getAttribute('.ng-rows tr.selected', 'data-row')).toBe('3');
    await page.locator('input[data-control="speed"]').fill('4');
    expect(await page.textContent('.ng-speed output')).toBe('4×');
    await page.keyboard.press(' ');
    // The last row plays to its end and stops there.
    await page.clock.runFor(60_000);
    expect(await attribute('data-playing')).toBe('false');
    expect([await attribute('data-row'), await attribute('data-step'), await active()]).toStrictEqual([
      '3',
      '4',
      ['xor'],
    ]);
    expect(await page.textContent('.ng-outputs dd')).toBe('0');
    expect(await page.textContent('[data-neuron="and"] .ng-value')).toBe('1');
    // xor fired with the signals 1×1, 1×1 and −2×1 arriving on its three connections.
    const badges = await page.locator('.ng-badge text').allTextContents();
    expect(badges).toStrictEqual(['1×1 = 1', '1×1 = 1', '−2×1 = −2']);
    expect(problems).toStrictEqual([]);
  });

  it('saves the screenshot for the README: a = 1, b = 1, xor firing', async () => {
    await page.locator('input[data-control="speed"]').fill('0.5');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowRight');
    // The CSS transitions (highlights, fading connections) run on the browser's own time: let them end,
    // then move the fake clock so the signals are on their way along the connections.
    const transitions = () =>
      page.evaluate(() => document.getAnimations().filter((animation) => animation.playState === 'running').length);
    await expect.poll(transitions).toBe(0);
    await page.clock.runFor(400);
    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    const png = await page.locator('#ng-player').screenshot({ path: SCREENSHOT });
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(await active()).toStrictEqual(['xor']);
    expect(problems).toStrictEqual([]);
  });
});

// Ids XML cannot carry (control characters, lone surrogates) are written as U+FFFD in the
// drawing, but the trace keeps them exactly: the player finds neurons by index, not by id.
describe.skipIf(!hasChromium)('the player with ids that XML cannot carry', () => {
  const ids = { a: 'in\u0001put', b: 'lone\ud800', h: 'hid\udc00den\u001f', out: 'out\u0007' };
  const net = new Network()
    .addInput(ids.a)
    .addInput(ids.b)
    .addNeuron(ids.h, { activation: 'relu' })
    .addOutput(ids.out, { activation: 'identity' })
    .connect(ids.a, ids.h, 1)
    .connect(ids.b, ids.h, 2)
    .connect(ids.h, ids.out, 3);
  const events = record(net, [[1, 2]]);
  let opened: OpenedPage;

  beforeAll(async () => {
    opened = await openHtml(toHtml(net, events, { autoplay: false }), 'odd-ids.html');
  });

  afterAll(async () => {
    await opened?.close();
  });

  it('lights up every neuron in turn and shows its value, and the signals reach the output', async () => {
    const { page } = opened;
    const activeIndex = () =>
      page.locator('.ng-neuron.active').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-index')));
    for (const [i, expected] of ['0', '1', '2', '3'].entries()) {
      await page.keyboard.press('ArrowRight');
      expect([await page.getAttribute('#ng-player', 'data-step'), await activeIndex()]).toStrictEqual([
        String(i + 1),
        [expected],
      ]);
    }
    const values = await page.locator('.ng-neuron .ng-value').allTextContents();
    expect(values).toStrictEqual(['1', '2', '5', '15']);
    expect(await page.locator('.ng-neuron.pending').count()).toBe(0);
    expect(await page.locator('.ng-badge text').allTextContents()).toStrictEqual(['3×5 = 15']);
    expect(await page.textContent('.ng-outputs dd')).toBe('15');
    expect(opened.problems).toStrictEqual([]);
  });
});
