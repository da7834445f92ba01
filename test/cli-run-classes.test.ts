/**
 * `neurograph run` on a network with softmax outputs: its tables end with a `class` column, the winning
 * output of each row as `classify` picks it; other networks' tables have no such column.
 */
import { describe, expect, it } from 'vitest';
import { classify } from '../src/index.js';
import { cli, XOR } from './support/cli.js';
import { build } from './fixtures/cli/softmax.js';

const SOFTMAX = 'test/fixtures/cli/softmax.ts';

describe('neurograph run: the class of a softmax network', () => {
  it('golden: the truth table ends with the winning output of each row', async () => {
    expect(await cli('run', SOFTMAX)).toStrictEqual({
      code: 0,
      stdout: [
        'a  b    low    mid   high  class',
        '0  0  0.876  0.118  0.006    low',
        '0  1  0.212  0.576  0.212    mid',
        '1  0  0.212  0.576  0.212    mid',
        '1  1  0.005  0.268  0.727   high',
        '',
      ].join('\n'),
      stderr: '',
    });
  });

  it('the class is what classify() says of the same run, for one row and for the steps of a sequence', async () => {
    const network = build();
    for (const [a, b] of [
      [0.4, 0.1],
      [0.6, 0.5],
      [2, -1],
    ] as const) {
      const { stdout } = await cli('run', SOFTMAX, '--inputs', `${a},${b}`);
      expect(stdout.split('\n')[1]!.trim().split(/\s+/).at(-1)).toBe(classify(network.run([a, b])));
    }
    const { stdout } = await cli('run', SOFTMAX, '--sequence', '0,0;1,1;0,1');
    expect(stdout.split('\n').map((line) => line.trim().split(/\s+/).at(-1))).toEqual([
      'class',
      'low',
      'high',
      'mid',
      '',
    ]);
  });

  it('a network without softmax outputs prints no class column', async () => {
    const { stdout } = await cli('run', XOR);
    expect(stdout.split('\n')[0]).toBe('a  b  xor');
  });
});
