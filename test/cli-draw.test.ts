import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
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

  it("svg with --inputs shows every neuron's output for that row", async () => {
    const { stdout } = await cli('draw', XOR, '--format', 'svg', '--inputs', '1,0');
    expect(stdout).toBe(line(toSvg(build(), { values: { a: 1, b: 0, and: 0, xor: 1 } })));
    expect(stdout).not.toBe((await cli('draw', XOR, '--format', 'svg', '--inputs', '1,1')).stdout);
  });

  it("html (from the --out extension) plays the truth table's trace", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'neurograph-draw-'));
    const out = join(dir, 'xor.html');
    const { code, stderr } = await cli('draw', XOR, '--out', out);
    expect(code).toBe(0);
    expect(stderr).toBe(`neurograph: wrote ${out}\n`);
    const net = build();
    const tracer = new Tracer(net);
    for (const row of [
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ])
      net.run(row);
    expect(readFileSync(out, 'utf8')).toBe(line(toHtml(net, tracer.events)));
  });

  it.each([
    ['x.svg', toSvg],
    ['x.dot', toDot],
    ['x.gv', toDot],
    ['x.mmd', toMermaid],
    ['x.mermaid', toMermaid],
    ['X.SVG', toSvg],
  ])('--out %s picks its format from the extension', async (name, draw) => {
    const out = join(mkdtempSync(join(tmpdir(), 'neurograph-draw-')), name);
    expect((await cli('draw', XOR, '--out', out)).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(line(draw(build())));
  });

  it('an --out extension draw does not write (x.png) is refused: exit 2, one line naming formats, no file', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'neurograph-draw-')), 'x.png');
    const { code, stdout, stderr } = await cli('draw', XOR, '--out', out);
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toMatch(/^neurograph draw: [^\n]+\n$/);
    for (const word of ['x.png', '.svg', '.dot', '.gv', '.mmd', '.mermaid', '.html']) expect(stderr).toContain(word);
    expect(existsSync(out)).toBe(false);
  });

  it('--format contradicting the --out extension is refused; one that agrees, or no extension, is fine', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'neurograph-draw-'));
    const refused = await cli('draw', XOR, '--format', 'dot', '--out', join(dir, 'really-dot.html'));
    expect({ code: refused.code, stdout: refused.stdout }).toEqual({ code: 2, stdout: '' });
    expect(refused.stderr).toMatch(/^neurograph draw: [^\n]*--format dot[^\n]*\.html[^\n]*\n$/);
    expect(existsSync(join(dir, 'really-dot.html'))).toBe(false);
    expect((await cli('draw', XOR, '--format', 'dot', '--out', join(dir, 'x.gv'))).code).toBe(0);
    expect((await cli('draw', XOR, '--format', 'mermaid', '--out', join(dir, 'flowchart'))).code).toBe(0);
    expect(readFileSync(join(dir, 'flowchart'), 'utf8')).toBe(line(toMermaid(build())));
  });

  it('an --out file without extension and without --format: asked to name one', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'neurograph-draw-')), 'picture');
    const { code, stderr } = await cli('draw', XOR, '--out', out);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^neurograph draw: [^\n]*--format[^\n]*\n$/);
    expect(existsSync(out)).toBe(false);
  });
});
