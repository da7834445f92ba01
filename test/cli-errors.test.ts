import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, XOR } from './support/cli.js';
import { build } from './fixtures/cli/xor.js';

/** Broken inputs, written fresh for each run of the suite. */
const dir = mkdtempSync(join(tmpdir(), 'neurograph-cli-errors-'));
const file = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};
const files = {
  badJson: file('bad.json', '{ "nodes": [ '),
  notNetwork: file('not-network.json', '{ "hello": "world" }'),
  cyclic: file(
    'cyclic.json',
    JSON.stringify({
      attributes: { format: 'neurograph', version: 1 },
      nodes: [
        { key: 'h', attributes: { role: 'hidden' } },
        { key: 'o', attributes: { role: 'output' } },
      ],
      edges: [
        { source: 'h', target: 'o', attributes: { weight: 1 } },
        { source: 'o', target: 'h', attributes: { weight: 1 } },
      ],
    }),
  ),
  noBuild: file('no-build.mjs', 'export const network = 1;\n'),
  notANetwork: file('not-a-network.mjs', 'export const build = () => ({ hello: 1 });\n'),
  buildThrows: file('build-throws.mjs', 'export const build = () => { throw new Error("no network today"); };\n'),
  importThrows: file('import-throws.mjs', 'throw new Error("broken at import");\n'),
  text: file('notes.txt', 'hello'),
  document: file('net.json', JSON.stringify(build().toJSON())),
};

describe('neurograph errors', () => {
  // Each case: arguments, and a fragment the one line must contain.
  const cases: [string, string[], string][] = [
    ['a missing file', ['run', 'missing.json'], 'cannot read missing.json: no such file or directory'],
    ['a missing scenario', ['run', 'missing.ts'], 'cannot read missing.ts'],
    ['invalid JSON', ['run', files.badJson], 'is not valid JSON'],
    ['a JSON file that is no network', ['run', files.notNetwork], 'is not a network document'],
    ['a cyclic document', ['run', files.cyclic], 'is not a network document'],
    [
      'an unknown extension',
      ['run', files.text],
      'expected a network document (.json), an ONNX model (.onnx) or a scenario module',
    ],
    ['a module without build()', ['run', files.noBuild], 'does not export a build() function'],
    [
      'a build() that returns no network',
      ['run', files.notANetwork],
      'build() returned an object (Object), not a Network',
    ],
    ['a build() that throws', ['run', files.buildThrows], 'build() threw: no network today'],
    ['a module that throws on import', ['run', files.importThrows], 'failed to load: broken at import'],
    ['too few inputs', ['run', XOR, '--inputs', '1'], '--inputs: got 1 input value for 2 inputs (a, b)'],
    ['an unknown input id', ['run', XOR, '--inputs', 'a=1,c=0'], 'missing input "b"; unknown input "c"'],
    ['a value that is not a number', ['run', XOR, '--inputs', '1,x'], '"x" is not a number'],
    ['a value too large for a float64', ['draw', XOR, '--inputs', '1,-1e999'], '"-1e999" is too large'],
    ['an empty value', ['run', XOR, '--inputs', '1,'], 'a value is empty'],
    ['a mix of positions and ids', ['run', XOR, '--inputs', '1,b=0'], 'not a mix'],
    ['--inputs with --table', ['run', XOR, '--inputs', '1,0', '--table'], 'cannot be used with'],
    ['an unknown trace format', ['run', XOR, '--trace', 'xml'], 'Allowed choices are pretty, ndjson, chrome'],
    ['an unknown option', ['run', XOR, '--tabel'], "unknown option '--tabel' (Did you mean --table?)"],
    ['a missing argument', ['run'], "missing required argument 'network'"],
    ['an unknown command', ['walk', XOR], "unknown command 'walk'"],
    ['an unwritable --out', ['run', XOR, '--out', join(dir, 'missing-dir', 'out.txt')], 'cannot write'],
    ['a network document to train', ['train', files.document], 'train needs a scenario module'],
    ['a picture format draw does not write', ['draw', XOR, '--out', join(dir, 'x.png')], 'cannot write a .png file'],
    ['an unknown draw format', ['draw', XOR, '--format', 'png'], 'Allowed choices are svg, dot, mermaid, html'],
    [
      '--inputs with a format that shows no values',
      ['draw', XOR, '--format', 'dot', '--inputs', '1,0'],
      '--inputs has no effect on --format dot',
    ],
  ];

  it.each(cases)(
    '%s: one line on stderr, starting with the command; exit code 2; no stdout',
    async (_name, argv, fragment) => {
      const { code, stdout, stderr } = await cli(...argv);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      const command = ['run', 'draw', 'train'].includes(argv[0]!) ? `neurograph ${argv[0]}` : 'neurograph';
      expect(stderr.startsWith(`${command}: `)).toBe(true);
      expect(stderr).toMatch(/^[^\n]+\n$/);
      expect(stderr).toContain(fragment);
    },
  );

  it('no command shows the help on stderr and exits 2', async () => {
    const { code, stdout, stderr } = await cli();
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('Usage: neurograph');
  });
});
