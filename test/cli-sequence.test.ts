/**
 * `neurograph run --sequence` / `--sequence-file`: input rows run as consecutive time
 * steps after a reset, one printed row per step with its time step, traces with their
 * time steps; a bad sequence is one line on stderr and exit code 2, before anything runs.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bin, cli, temporaryDirectory, XOR } from './support/cli.js';

const RECURRENT = 'test/fixtures/cli/recurrent.ts';

describe('neurograph run --sequence', () => {
  it('runs the steps after a reset and prints one row per step, time first', async () => {
    const result = await cli('run', RECURRENT, '--sequence', '1;0.5;2');
    expect(result).toStrictEqual({
      code: 0,
      stdout: ['t    x      y', '0    1    0.5', '1  0.5   0.75', '2    2  1.106', ''].join('\n'),
      stderr: '',
    });
    // Inputs by id, and a network without memory: each step is its own run.
    const byId = await cli('run', XOR, '--sequence', 'a=1,b=0; a=1,b=1');
    expect(byId.stdout).toBe(['t  a  b  xor', '0  1  0    1', '1  1  1    0', ''].join('\n'));
  });

  it('reads the steps from a JSON file (arrays or records)', async () => {
    const dir = temporaryDirectory('sequence');
    const file = join(dir, 'steps.json');
    writeFileSync(file, JSON.stringify([[1], { x: 0.5 }, [2]]));
    const result = await cli('run', RECURRENT, '--sequence-file', file);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe((await cli('run', RECURRENT, '--sequence', '1;0.5;2')).stdout);
  });

  it('traces the sequence with its time steps (pretty, NDJSON, Chrome)', async () => {
    const pretty = await cli('run', RECURRENT, '--sequence', '1;2', '--trace', 'pretty');
    expect(pretty.code).toBe(0);
    const lines = pretty.stdout.split('\n');
    expect(lines[0]).toMatch(/^run {2}time {2}step/);
    expect(lines).toContain('── run 2 · t=1 · inputs x=2');

    const ndjson = await cli('run', RECURRENT, '--sequence', '1;2;3', '--trace', 'ndjson');
    const events = ndjson.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string; time: number });
    expect(events.filter((event) => event.type === 'runCompleted').map((event) => event.time)).toStrictEqual([0, 1, 2]);

    // Even a network without memory: a sequence's trace shows its steps.
    const chrome = await cli('run', XOR, '--sequence', '1,0;0,1', '--trace', 'chrome');
    const trace = JSON.parse(chrome.stdout) as { traceEvents: { name: string; tid: number }[] };
    expect(trace.traceEvents.filter((event) => event.tid === 0 && event.name.startsWith('run'))).toHaveLength(2);
    expect(trace.traceEvents.map((event) => event.name)).toContain('run 2 · t=1');
    expect(trace.traceEvents.map((event) => event.name)).toContain('sequence 1 · t=0…1');
  });

  it('writes the trace to --out and the step table to stdout', async () => {
    const dir = temporaryDirectory('sequence-out');
    const out = join(dir, 'trace.ndjson');
    const result = await cli('run', RECURRENT, '--sequence', '1;0.5', '--trace', 'ndjson', '--out', out);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(['t    x     y', '0    1   0.5', '1  0.5  0.75', ''].join('\n'));
  });

  it('refuses a bad sequence with one line and exit code 2', async () => {
    const dir = temporaryDirectory('sequence-bad');
    const file = (name: string, text: string) => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    };
    const cases: [string[], RegExp][] = [
      [['--sequence', ''], /--sequence: the sequence is empty/],
      [['--sequence', '1;;2'], /--sequence: step 2 is empty/],
      [['--sequence', '1;abc'], /--sequence: step 2: "abc" is not a number/],
      [['--sequence', '1,2;1'], /--sequence: step 1: got 2 input values for 1 input \(x\)/],
      [['--sequence', '1;y=1'], /--sequence: step 2: .*"y"/],
      [['--sequence', '1', '--inputs', '1'], /cannot be used with/],
      [['--sequence', '1', '--table'], /cannot be used with/],
      [['--sequence', '1', '--sequence-file', 'steps.json'], /cannot be used with/],
      [['--sequence-file', join(dir, 'missing.json')], /--sequence-file: cannot read .*no such file/],
      [['--sequence-file', file('bad.json', '[[1],')], /--sequence-file: .* is not JSON/],
      [['--sequence-file', file('object.json', '{"steps": []}')], /must hold an array with one entry per step/],
      [['--sequence-file', file('empty.json', '[]')], /has no steps/],
      [['--sequence-file', file('scalar.json', '[[1], 2]')], /step 2 must be an array or a record; got 2/],
      [
        ['--sequence-file', file('text.json', '[[1], ["1"]]')],
        /--sequence-file: step 2: input "x" is not a finite number/,
      ],
      [['--sequence-file', file('wide.json', '[[1], [1, 2]]')], /--sequence-file: step 2: got 2 input values/],
    ];
    for (const [args, message] of cases) {
      const result = await cli('run', RECURRENT, ...args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stdout, args.join(' ')).toBe('');
      expect(result.stderr, args.join(' ')).toMatch(/^neurograph run: [^\n]+\n$/);
      expect(result.stderr, args.join(' ')).toMatch(message);
    }
  });

  it('works from the built command (dist/)', async () => {
    const result = await bin(['run', 'test/fixtures/cli/recurrent.ts', '--sequence', '1;0.5;2']);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[3]).toBe('2    2  1.106');
  }, 30_000);
});
