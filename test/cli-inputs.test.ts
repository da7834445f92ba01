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

  it.each([
    ['run', 'a mix of positions and ids', '1,b=0', 'give every value by position (1,0) or every value by id'],
    ['draw', 'no id before "="', 'a=1,=0', '"=0" has no input id before "=".'],
    ['run', 'an id given twice', 'a=1,a=0', 'input "a" is given twice.'],
    ['draw', 'an empty value', '1,', 'a value is empty'],
    ['run', 'no number', '1,x', '"x" is not a number'],
  ])(
    '%s, %s: the same one-line style as the library\'s messages, "neurograph <command>: --inputs: …"',
    async (command, _name, text, fragment) => {
      const { code, stdout, stderr } = await cli(command, XOR, '--inputs', text);
      expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
      expect(stderr).toMatch(new RegExp(`^neurograph ${command}: --inputs: [^\\n]+\\n$`));
      expect(stderr).toContain(fragment);
      expect(stderr).not.toContain('option');
    },
  );

  it.each(['0x10', '0b1', '0o7', 'Infinity', '-Infinity', 'NaN', '1_000', '1e', '.', '+', '1.2.3', '1e1.5'])(
    '"%s" is no decimal number: refused, not read as JavaScript would read it',
    async (text) => {
      const { code, stdout, stderr } = await cli('run', XOR, '--inputs', `a=1,b=${text}`);
      expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
      expect(stderr).toBe(
        `neurograph run: --inputs: "${text}" is not a number; write a decimal number such as 1, -0.5 or 2e-3.\n`,
      );
    },
  );

  it.each([
    ['1e400', 'too large for a 64-bit float (it would become Infinity)'],
    ['-1e999', 'too large for a 64-bit float (it would become -Infinity)'],
    ['1e-400', 'too close to 0 for a 64-bit float (it would become 0)'],
    ['-0.5e-330', 'too close to 0 for a 64-bit float (it would become 0)'],
  ])('"%s", a literal a float64 cannot hold, is refused saying why', async (text, why) => {
    const { code, stdout, stderr } = await cli('run', XOR, '--inputs', `1,${text}`);
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toBe(`neurograph run: --inputs: "${text}" is ${why}.\n`);
  });

  it('decimal numbers in every written form are read as written, zero and the smallest subnormal included', () => {
    expect(parseInputs('+1,-0.5,.25,2.,1E3,3e-2,0e-400,0.000,5e-324')).toEqual([
      1, -0.5, 0.25, 2, 1000, 0.03, 0, 0, 5e-324,
    ]);
    expect(parseInputs('a = -1.5e+1 , b=0')).toEqual({ a: -15, b: 0 });
  });

  it('bad inputs leave an existing --out file as it was', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'neurograph-inputs-')), 'table.txt');
    writeFileSync(out, 'keep me\n');
    expect((await cli('run', XOR, '--inputs', 'a=1', '--out', out)).code).toBe(2);
    expect(readFileSync(out, 'utf8')).toBe('keep me\n');
  });
});
