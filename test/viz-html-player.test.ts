import { describe, expect, it } from 'vitest';
import { Network, UsageError, type TraceEvent, toHtml } from '../src/index.js';
import type { PageData } from '../src/viz/player/page-data.js';
import { nastyNetwork, record, TRUTH_TABLE, xor } from './support/viz-xor.js';

/** The JSON the page plays back. */
function pageData(html: string): PageData {
  const json = html.match(/<script type="application\/json" id="ng-data">([^<]*)<\/script>/)![1]!;
  return JSON.parse(json) as PageData;
}

describe('toHtml', () => {
  it('is one self-contained page: inline style and script, no URL it would load', () => {
    const net = xor();
    const html = toHtml(net, record(net, TRUTH_TABLE));
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/\s(src|href)=/i);
    expect(html).not.toMatch(/@import|url\(\s*['"]?(https?:|\/\/)/i);
    // The only URL is the SVG namespace (an identifier, never fetched).
    expect(html.match(/https?:\/\/[^\s"')]+/g)!.every((url) => url === 'http://www.w3.org/2000/svg')).toBe(true);
    expect(html.match(/<script/g)).toHaveLength(2);
  });

  it('turns each recorded run into an input row, its activations in the order they fired', () => {
    const net = xor();
    const data = pageData(toHtml(net, record(net, TRUTH_TABLE)));
    expect(data.runs.map((run) => [run.run, ...run.inputs, ...run.outputs])).toStrictEqual([
      [1, 0, 0, 0],
      [2, 0, 1, 1],
      [3, 1, 0, 1],
      [4, 1, 1, 0],
    ]);
    expect(data.runs[3]!.steps).toStrictEqual([
      { neuron: 'a', input: 1, output: 1 },
      { neuron: 'b', input: 1, output: 1 },
      { neuron: 'and', input: 1, output: 1 },
      { neuron: 'xor', input: 0, output: 0 },
    ]);
    expect(data.connections).toContainEqual(expect.objectContaining({ from: 'and', to: 'xor', weight: -2 }));
  });

  it('takes inputs and outputs from the activations when only neuronActivated events were recorded', () => {
    const net = xor();
    const events = record(net, [[1, 0]]).filter((event) => event.type === 'neuronActivated');
    const [run] = pageData(toHtml(net, events)).runs;
    expect([run!.inputs, run!.outputs]).toStrictEqual([[1, 0], [1]]);
  });

  it('keeps any id inert: the trace cannot close the script element, the drawing escapes it', () => {
    const net = nastyNetwork();
    const html = toHtml(net, record(net, [net.inputs.map(() => 1)]), { title: '<b>"T"</b>' });
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(html).toContain('<title>&lt;b&gt;&quot;T&quot;&lt;/b&gt;</title>');
    expect(pageData(html).runs[0]!.steps.map((step) => step.neuron)).toContain('</script><script>alert(1)</script>');
  });

  it("lists neurons and connections in the drawing's order, which the player finds by index, never by id", () => {
    const net = nastyNetwork();
    const html = toHtml(net, record(net, [net.inputs.map(() => 1)]));
    const data = pageData(html);
    const drawnNeurons = [...html.matchAll(/data-neuron="[^"]*" data-index="(\d+)"/g)].map((m) => Number(m[1]));
    expect(drawnNeurons).toStrictEqual(data.neurons.map((_, i) => i));
    expect(new Set(data.neurons.map((neuron) => neuron.id))).toStrictEqual(new Set(net.neurons));
    const paths = html.matchAll(/<path class="ng-connection[^>]* data-connection="(\d+)"/g);
    const drawnPaths = [...paths].map((m) => Number(m[1]));
    expect(drawnPaths).toStrictEqual(data.connections.map((_, i) => i));
    // The page keeps ids exactly, even those the drawing has to write as U+FFFD.
    expect(data.neurons.map((neuron) => neuron.id)).toContain('bell\u0007');
  });

  it('refuses a trace of another network, or one without activations', () => {
    const events = record(xor(), [[1, 1]]);
    const other = new Network().addInput('a').addOutput('out').connect('a', 'out', 1);
    expect(() => toHtml(other, events)).toThrow(UsageError);
    expect(() =>
      toHtml(
        xor(),
        events.filter((event) => event.type !== 'neuronActivated'),
      ),
    ).toThrow(UsageError);
    expect(() => toHtml(xor(), [] as TraceEvent[])).toThrow(/no neuronActivated events/);
  });
});
