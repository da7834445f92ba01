import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

/** The README's "An example" section: its ts block, and the Output block after it. */
function readmeExample() {
  const readme = readFileSync(resolve('README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## An example'));
  const code = /```ts\n([\s\S]*?)```/.exec(section)![1]!;
  const output = /Output:\n\n```\n([\s\S]*?)```/.exec(section)![1]!;
  return { code, output };
}

describe('the README example', () => {
  it('prints exactly the output the README shows', () => {
    const { code, output } = readmeExample();
    const entry = pathToFileURL(resolve('src/index.ts')).href;
    const script = join(mkdtempSync(join(tmpdir(), 'neurograph-readme-')), 'example.ts');
    writeFileSync(script, code.replace("from 'neurograph'", `from '${entry}'`));
    const printed = execFileSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8' });
    expect(printed).toBe(output);
  });
});
