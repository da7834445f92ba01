import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError, Network } from '../src/index.js';
import { parseInputs } from '../src/cli/parse-inputs.js';
import { cli, XOR } from './support/cli.js';

/** The message the library gives for these inputs, as `--inputs` reports it. */
function libraryMessage(inputs: Record<string, number> | number[]): string {
  const xor = new Network().addInput('a').addInput('b').addOutput('xor');
  try {
    xor.run(inputs);
  } catch (error) {
    if (error instanceof InputError) return error.message.replace(/^Network\.run: /, '');
  }
  throw new Error('expected an InputError');
}

describe('neurograph --inputs', () => {
  it('"__proto__=1" is an input named __proto__, not a prototype to set', () => {
    const inputs = parseInputs('__proto__=1,a=0');
    expect(Object.hasOwn(inputs, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(inputs)).toBe(Object.prototype);
    expect(Object.entries(inputs)).toEqual([
      ['__proto__', 1],
      ['a', 0],
    ]);
  });

  it('an input __proto__ the network does not have is named as unknown, never silently dropped', async () => {
    const alone = await cli('run', XOR, '--inputs', '__proto__=1');
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain('unknown input "__proto__"');
    const extra = await cli('run', XOR, '--inputs', 'a=1,b=0,__proto__=1');
    expect(extra).toMatchObject({ code: 2, stdout: '' });
    expect(extra.stderr).toContain('unknown input "__proto__"');
  });

  it.each([
    ['an unknown and a missing id', 'a=1,c=0', { a: 1, c: 0 }],
    ['too few values', '1', [1]],
    ['a value too large to be finite', '1,1e999', [1, Infinity]],
  ])("%s: the one line is the library's own InputError message", async (_name, text, inputs) => {
    const { code, stdout, stderr } = await cli('run', XOR, '--inputs', text);
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toBe(`neurograph run: --inputs: ${libraryMessage(inputs)}\n`);
  });

  it('text that is no number at all is refused while parsing, naming the text', async () => {
    const { code, stderr } = await cli('run', XOR, '--inputs', '1,x');
    expect(code).toBe(2);
    expect(stderr).toMatch(/^neurograph run: [^\n]*"x" is not a number[^\n]*\n$/);
  });

  it('bad inputs leave an existing --out file as it was', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'neurograph-inputs-')), 'table.txt');
    writeFileSync(out, 'keep me\n');
    expect((await cli('run', XOR, '--inputs', 'a=1', '--out', out)).code).toBe(2);
    expect(readFileSync(out, 'utf8')).toBe('keep me\n');
  });
});
