/**
 * Every TypeScript block in the README runs as pasted (only `from 'neurograph'` is pointed
 * at this checkout), type-checks under `tsc --init`'s strict defaults, and a block followed
 * by an "Output:" block prints exactly that.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

interface Block {
  readonly heading: string;
  readonly code: string;
  /** The "Output:" block right after it, if there is one. */
  readonly output: string | undefined;
}

function readmeBlocks(): Block[] {
  const readme = readFileSync(resolve('README.md'), 'utf8');
  const blocks: Block[] = [];
  const pattern = /```ts\n([\s\S]*?)```\n(?:\nOutput:\n\n```\n([\s\S]*?)```)?/g;
  for (const match of readme.matchAll(pattern)) {
    const before = readme.slice(0, match.index);
    const heading = before.slice(before.lastIndexOf('\n## ') + 4).split('\n')[0]!;
    blocks.push({ heading, code: match[1]!, output: match[2] });
  }
  return blocks;
}

const blocks = readmeBlocks();
const folder = mkdtempSync(join(tmpdir(), 'neurograph-readme-'));

describe('the README', () => {
  it('has TypeScript blocks to check', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(4);
  });

  it.each(blocks.map((block, i) => [block.heading, i, block] as const))(
    'the block under "%s" (#%i) runs as pasted and prints what the README shows',
    (_heading, index, block) => {
      const entry = pathToFileURL(resolve('src/index.ts')).href;
      const script = join(folder, `block-${index}.mts`);
      writeFileSync(script, block.code.replaceAll("from 'neurograph'", `from '${entry}'`));
      const printed = execFileSync(process.execPath, ['--import', 'tsx', script], {
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
      });
      if (block.output !== undefined) expect(printed).toBe(block.output);
    },
  );

  it('its blocks type-check under tsc --init defaults (strict, noUncheckedIndexedAccess)', () => {
    const project = join(folder, 'typecheck');
    mkdirSync(project, { recursive: true });
    const files = blocks.map((block, index) => {
      const file = join(project, `block-${index}.mts`);
      writeFileSync(file, block.code);
      return file;
    });
    const config = {
      compilerOptions: {
        target: 'es2022',
        module: 'nodenext',
        strict: true,
        noUncheckedIndexedAccess: true,
        exactOptionalPropertyTypes: true,
        verbatimModuleSyntax: true,
        isolatedModules: true,
        skipLibCheck: true,
        noEmit: true,
        types: ['node'],
        typeRoots: [resolve('node_modules/@types')],
        // The README imports 'neurograph': here, this checkout's sources.
        paths: { neurograph: [resolve('src/index.ts')] },
        allowImportingTsExtensions: true,
      },
      files,
    };
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify(config));
    const tsc = resolve('node_modules/typescript/bin/tsc');
    let report = '';
    try {
      execFileSync(process.execPath, [tsc, '-p', project], { encoding: 'utf8' });
    } catch (error) {
      report = String((error as { stdout?: string }).stdout ?? error);
    }
    expect(report).toBe('');
  });
});
