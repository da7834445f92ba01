import { describe, expect, it } from 'vitest';
import { cli } from './support/cli.js';

/** Outputs added as `b` then `1`: a record lists `1` first, the network does not. */
const INTEGER_IDS = 'test/fixtures/cli/integer-ids.ts';

describe("the CLI prints outputs in the network's order, even with integer-like ids", () => {
  it('run --inputs: each value sits under its own output', async () => {
    expect(await cli('run', INTEGER_IDS, '--inputs', '1')).toEqual({
      code: 0,
      stdout: 'a  b  1\n1  1  2\n',
      stderr: '',
    });
  });

  it('run without --inputs: the truth table too', async () => {
    expect((await cli('run', INTEGER_IDS)).stdout).toBe('a  b  1\n0  0  0\n1  1  2\n');
  });

  it('train: the sample table lists outputs and targets in output order', async () => {
    const { code, stdout } = await cli('train', INTEGER_IDS);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^ {2}1 {2}→ {2}1, 2 {3}\(target 1, 2\)$/m);
  });
});
