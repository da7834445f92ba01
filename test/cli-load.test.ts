import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bin, cli, temporaryDirectory, writeScenario } from './support/cli.js';

describe('neurograph loads the file it is given', () => {
  const dir = temporaryDirectory('load');
  const js = writeScenario(dir, 'pick.js', 'js');
  const ts = writeScenario(dir, 'pick.ts', 'ts');
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');

  it('with pick.js and pick.ts side by side, runs the one named (in-process and through the bin)', async () => {
    expect((await cli('run', js, '--inputs', '1')).stdout).toBe('a  js\n1   1\n');
    expect((await cli('run', ts, '--inputs', '1')).stdout).toBe('a  ts\n1   1\n');
    const [fromJs, fromTs] = await Promise.all([bin(['run', js, '--inputs', '1']), bin(['run', ts, '--inputs', '1'])]);
    expect(fromJs).toEqual({ code: 0, stdout: 'a  js\n1   1\n', stderr: '' });
    expect(fromTs).toEqual({ code: 0, stdout: 'a  ts\n1   1\n', stderr: '' });
  });

  it.each([
    ['TypeScript', 'syntax.ts', 'Unexpected "="'],
    ['JavaScript', 'syntax.mjs', "Unexpected token '='"],
  ])(
    'a %s scenario with a syntax error: one line with the file, the line and the reason',
    async (_language, name, reason) => {
      const file = join(dir, name);
      writeFileSync(file, 'export const build = () => {\n  const broken = = 1;\n  return broken;\n};\n');
      const { code, stdout, stderr } = await bin(['run', file]);
      expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
      expect(stderr).toMatch(/^neurograph run: [^\n]+\n$/);
      expect(stderr).toContain(`${file}:2`);
      expect(stderr).toContain(reason);
    },
  );
});
