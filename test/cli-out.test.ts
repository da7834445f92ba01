import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, temporaryDirectory, XOR } from './support/cli.js';

const dir = temporaryDirectory('cli-out');
const folder = join(dir, 'a-folder');
mkdirSync(folder);
const plainFile = join(dir, 'plain.txt');
writeFileSync(plainFile, 'not a folder\n');
/** A scenario whose build() throws: an --out error reported instead shows --out was checked before loading. */
const buildThrows = join(dir, 'build-throws.mjs');
writeFileSync(buildThrows, 'export const build = () => { throw new Error("loaded after all"); };\n');

const badOuts: [string, string, string][] = [
  ['a directory', folder, `cannot write ${folder}: it is a directory`],
  ['a file in a folder that does not exist', join(dir, 'missing', 'out.json'), 'its folder'],
  ['a file under a plain file', join(plainFile, 'out.json'), `${plainFile} is not a directory`],
];

describe('--out is checked before any work', () => {
  it.each(badOuts)(
    'train --out %s: one line, exit 2, before training starts, nothing written',
    async (_name, out, why) => {
      const before = readdirSync(dir).sort();
      const { code, stdout, stderr } = await cli('train', 'scenarios/xor-learned.ts', '--out', out);
      expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
      expect(stderr).toMatch(/^neurograph train: cannot write [^\n]+\n$/);
      expect(stderr).toContain(why);
      expect(readdirSync(dir).sort()).toEqual(before);
      expect(readdirSync(folder)).toEqual([]);
    },
  );

  it.each(['run', 'draw', 'train'])('%s: a bad --out is reported before the network is loaded', async (command) => {
    const { code, stdout, stderr } = await cli(command, buildThrows, '--out', folder);
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toBe(`neurograph ${command}: cannot write ${folder}: it is a directory; name a file to write\n`);
    expect(readdirSync(folder)).toEqual([]);
  });

  it('draw: a missing folder is reported as such, and no file appears', async () => {
    const out = join(dir, 'nowhere', 'xor.svg');
    const { code, stderr } = await cli('draw', XOR, '--out', out);
    expect(code).toBe(2);
    expect(stderr).toBe(`neurograph draw: cannot write ${out}: its folder ${join(dir, 'nowhere')} does not exist\n`);
    expect(existsSync(out)).toBe(false);
  });

  it('a writable --out still works, a new file or an existing one', async () => {
    const out = join(dir, 'table.txt');
    expect((await cli('run', XOR, '--out', out)).code).toBe(0);
    expect(existsSync(out)).toBe(true);
    expect((await cli('run', XOR, '--inputs', '1,0', '--out', out)).code).toBe(0);
  });
});
