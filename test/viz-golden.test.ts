import { describe, expect, it } from 'vitest';
import { toDot, toHtml, toMermaid, toSvg } from '../src/index.js';
import { record, TRUTH_TABLE, valuesAfter, xor } from './support/viz-xor.js';

// Golden files of every picture format on the seed's XOR network; review a diff with
// `npx vitest run test/viz-golden -u` and look at the files in test/__snapshots__/viz/.
describe('pictures of the XOR network (golden files)', () => {
  it('DOT', async () => {
    await expect(toDot(xor())).toMatchFileSnapshot('__snapshots__/viz/xor.dot');
  });

  it('Mermaid', async () => {
    await expect(toMermaid(xor())).toMatchFileSnapshot('__snapshots__/viz/xor.mmd');
  });

  it('SVG, plain and with the values of the row a=1, b=1', async () => {
    const net = xor();
    await expect(toSvg(net)).toMatchFileSnapshot('__snapshots__/viz/xor.svg');
    await expect(toSvg(net, { values: valuesAfter(net, [1, 1]) })).toMatchFileSnapshot('__snapshots__/viz/xor-1-1.svg');
  });

  it('HTML player of the truth table', async () => {
    const net = xor();
    await expect(toHtml(net, record(net, TRUTH_TABLE), { title: 'XOR, step by step' })).toMatchFileSnapshot(
      '__snapshots__/viz/xor.html',
    );
  });

  it('shows values only when given, and the same network always draws the same', () => {
    const net = xor();
    expect(toSvg(net)).not.toContain('class="ng-value"');
    const drawn = toSvg(net, { values: valuesAfter(net, [1, 0]) });
    expect(drawn.match(/class="ng-value"/g)).toHaveLength(4);
    expect(toSvg(xor(), { values: valuesAfter(xor(), [1, 0]) })).toBe(drawn);
    expect(toDot(net, { values: { xor: 1 } })).toContain('= 1</font>');
  });
});
