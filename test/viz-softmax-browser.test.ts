/// <reference lib="dom" />
// (page.evaluate callbacks run in the browser.)
/**
 * A softmax network played back in a real browser (see support/browser.ts): the group's
 * neurons and its box light up together, as one step, and the "Now" box shows each
 * neuron's weighted sum and the softmax over them.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Network, toHtml } from '../src/index.js';
import { formatNumberForDrawing as format } from '../src/format/number.js';
import { CHROMIUM, hasChromium, openHtml, type OpenedPage } from './support/browser.js';
import { record } from './support/viz-xor.js';

if (!hasChromium && process.env.CI) throw new Error(`viz-softmax-browser: ${CHROMIUM} is missing in CI.`);

describe.skipIf(!hasChromium)('a softmax group in Chromium', () => {
  const net = Network.layered([2, 3, 3], { seed: 1, outputActivation: 'softmax' });
  const events = record(net, [
    [1, 0],
    [0, 1],
  ]);
  const activations = events.flatMap((e) => (e.type === 'neuronActivated' && e.run === 1 ? [e] : []));
  /** Where the group begins in run 1's activations. */
  const first = activations.findIndex((e) => net.outputs.includes(e.neuron));
  let opened: OpenedPage;
  let page: Page;

  const attribute = (name: string) => page.getAttribute('#ng-player', name);
  const ids = (selector: string) =>
    page.locator(selector).evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-neuron')));
  const groupClass = () => page.locator('.ng-softmax').getAttribute('class');

  beforeAll(async () => {
    opened = await openHtml(toHtml(net, events, { autoplay: false, title: 'Softmax' }));
    page = opened.page;
  });

  afterAll(async () => {
    await opened?.close();
  });

  it('lights the whole group and its box up in one step', async () => {
    expect(activations.slice(first).map((e) => e.neuron)).toStrictEqual(net.outputs);
    for (let i = 0; i < first; i++) await page.keyboard.press('ArrowRight');
    expect(await attribute('data-step')).toBe(String(first));
    expect(await groupClass()).toBe('ng-group ng-softmax pending');
    await page.keyboard.press('ArrowRight');
    expect(await attribute('data-step')).toBe(String(activations.length));
    expect((await ids('.ng-neuron.active')).sort()).toStrictEqual([...net.outputs].sort());
    expect(await groupClass()).toBe('ng-group ng-softmax active');
    const into = await page
      .locator('.ng-connection.carrying')
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-to')));
    expect(new Set(into)).toStrictEqual(new Set(net.outputs));
    expect(into).toHaveLength(3 * 3 + 3); // every hidden neuron and the bias into every output
    expect(await page.locator('.ng-badge').count()).toBe(into.length);
    expect(await page.locator('.ng-timeline li.active').allTextContents()).toStrictEqual([...net.outputs]);
  });

  it('shows each logit and the softmax over them', async () => {
    const group = activations.slice(first);
    const math = (await page.locator('.ng-math').textContent())!.split('\n');
    expect(math).toHaveLength(group.length + 2);
    group.forEach((e, i) => {
      expect(math[i]).toMatch(new RegExp(`^${e.neuron}: Σ = .+ = ${format(e.input)}$`));
    });
    expect(math.at(-2)).toBe(`softmax(${group.map((e) => format(e.input)).join(', ')})`);
    expect(math.at(-1)).toBe(`  = ${group.map((e) => format(e.output)).join(', ')}`);
    const what = await page.locator('.ng-what').textContent();
    expect(what).toBe(
      `softmax group output · softmax · steps ${first + 1}–${activations.length} of ${activations.length}`,
    );
  });

  it('steps back over the group at once, and a click on any of its items shows it whole', async () => {
    await page.keyboard.press('ArrowLeft');
    expect(await attribute('data-step')).toBe(String(first));
    expect(await ids('.ng-neuron.active')).toStrictEqual([activations[first - 1]!.neuron]);
    expect(await groupClass()).toBe('ng-group ng-softmax pending');
    await page.locator(`.ng-timeline li[data-neuron="${net.outputs[1]}"]`).click();
    expect(await attribute('data-step')).toBe(String(activations.length));
    expect((await ids('.ng-neuron.active')).sort()).toStrictEqual([...net.outputs].sort());
    expect(opened.problems).toStrictEqual([]);
  });
});
