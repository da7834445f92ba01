import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { cli, XOR } from './support/cli.js';
import { Tracer } from '../src/index.js';
import { toDot, toHtml, toMermaid, toSvg } from '../src/viz/index.js';
import { build } from './fixtures/cli/xor.js';

const line = (text: string) => (text.endsWith('\n') ? text : `${text}\n`);

describe('neurograph draw', () => {
  it('--format dot and mermaid print what toDot and toMermaid give', async () => {
    expect(await cli('draw', XOR, '--format', 'dot')).toEqual({ code: 0, stdout: line(toDot(build())), stderr: '' });
    expect((await cli('draw', XOR, '--format', 'mermaid')).stdout).toBe(line(toMermaid(build())));
  });

  it('svg is the default, well-formed XML with every neuron in it', async () => {
    const { code, stdout } = await cli('draw', XOR);
    expect(code).toBe(0);
    expect(XMLValidator.validate(stdout)).toBe(true);
    expect(stdout).toBe(line(toSvg(build())));
    for (const id of ['a', 'b', 'and', 'xor']) expect(stdout).toContain(`data-neuron="${id}"`);
  });

  it('svg with --inputs shows every neuron\'s output for that row', async () => {
    const { stdout } = await cli('draw', XOR, '--format', 'svg', '--inputs', '1,0');
    expect(stdout).toBe(line(toSvg(build(), { values: { a: 1, b: 0, and: 0, xor: 1 } })));
    expect(stdout).not.toBe((await cli('draw', XOR, '--format', 'svg', '--inputs', '1,1')).stdout);
  });

  it('html (from the --out extension) plays the truth table\'s trace; --format wins over the extension', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'neurograph-draw-'));
    const out = join(dir, 'xor.html');
    const { code, stderr } = await cli('draw', XOR, '--out', out);
    expect(code).toBe(0);
    expect(stderr).toBe(`neurograph: wrote ${out}\n`);
    const net = build();
    const tracer = new Tracer(net);
    for (const row of [[0, 0], [0, 1], [1, 0], [1, 1]]) net.run(row);
    expect(readFileSync(out, 'utf8')).toBe(line(toHtml(net, tracer.events)));

    const dotOut = join(dir, 'really-dot.html');
    await cli('draw', XOR, '--format', 'dot', '--out', dotOut);
    expect(readFileSync(dotOut, 'utf8')).toBe(line(toDot(build())));
  });
});
