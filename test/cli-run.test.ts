import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../src/cli/main.js';
import { cli, XOR } from './support/cli.js';
import { build } from './fixtures/cli/xor.js';

const XOR_TABLE = ['a  b  xor', '0  0    0', '0  1    1', '1  0    1', '1  1    0', ''].join('\n');

describe('neurograph run', () => {
  it('golden: without --inputs (or with --table) prints the truth table of a scenario module', async () => {
    expect(await cli('run', XOR)).toEqual({ code: 0, stdout: XOR_TABLE, stderr: '' });
    expect((await cli('run', XOR, '--table')).stdout).toBe(XOR_TABLE);
  });

  it('runs one row given in input order or by id, from a scenario or a JSON document', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'neurograph-cli-'));
    const document = join(dir, 'xor.json');
    writeFileSync(document, JSON.stringify(build().toJSON()));
    expect((await cli('run', XOR, '--inputs', '1,0')).stdout).toBe('a  b  xor\n1  0    1\n');
    expect((await cli('run', document, '--inputs', 'b=1,a=1')).stdout).toBe('a  b  xor\n1  1    0\n');
    expect((await cli('run', document, '-i', '0,1')).stdout).toBe('a  b  xor\n0  1    1\n');
  });

  it('golden: --trace pretty prints every activation, plain when stdout is not a TTY', async () => {
    const { code, stdout } = await cli('run', XOR, '--inputs', '1,1', '--trace', 'pretty');
    expect(code).toBe(0);
    expect(stdout).toBe(
      [
        'run  step  neuron   input  output',
        '── run 1 · inputs a=1 b=1',
        '  1     0  a            1       1',
        '  1     1  b            1       1',
        '  1     2    and        1       1',
        '  1     3      xor      0       0',
        '── run 1 · outputs xor=0',
        '',
      ].join('\n'),
    );
  });

  it('--trace ndjson prints one parsable event per line: 6 per run of the truth table', async () => {
    const { stdout } = await cli('run', XOR, '--trace', 'ndjson');
    const events = stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(events).toHaveLength(24);
    expect(events.filter((event) => event.type === 'runCompleted').map((event) => event.outputs.xor)).toEqual([
      0, 1, 1, 0,
    ]);
  });

  it('--trace chrome --out writes the trace to the file, the table to stdout and a note to stderr', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'neurograph-cli-'));
    const out = join(dir, 'trace.json');
    const { code, stdout, stderr } = await cli('run', XOR, '--trace', 'chrome', '--out', out);
    expect(code).toBe(0);
    expect(stdout).toBe(XOR_TABLE);
    expect(stderr).toBe(`neurograph: wrote ${out}\n`);
    const trace = JSON.parse(readFileSync(out, 'utf8'));
    expect(trace.traceEvents.filter((event: { cat?: string }) => event.cat === 'run')).toHaveLength(4);
  });

  it('--trace ndjson into a full pipe waits for it to drain after each run, so memory stays bounded', async () => {
    const chunks: string[] = [];
    let drain: (() => void) | undefined;
    const stdout = {
      write: (chunk: string) => chunks.push(chunk) < 0, // always "full"
      once: (_event: 'drain', listener: () => void) => (drain = listener),
    };
    const done = main(['run', XOR, '--trace', 'ndjson'], {
      stdout,
      stderr: { write: () => true },
      cwd: join(import.meta.dirname, '..'),
      env: {},
    });
    for (let run = 1; run <= 4; run++) {
      await vi.waitFor(() => expect(drain).toBeDefined());
      expect(chunks).toHaveLength(6 * run); // this run's lines, and no further
      const release = drain!;
      drain = undefined;
      release();
    }
    expect(await done).toBe(0);
    expect(chunks).toHaveLength(24);
  });
});
