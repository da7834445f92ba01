import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('the package entry', () => {
  it('works in plain Node, without tsx: `import { Network } from "neurograph"` (the built dist/)', () => {
    // Node resolves a package's own name through its "exports" from inside the package.
    const script = `
      import { Network } from 'neurograph';
      const xor = new Network()
        .addInput('a').addInput('b')
        .addNeuron('and', { activation: 'step' })
        .addOutput('xor', { activation: 'step' })
        .connect('a', 'xor', 1).connect('b', 'xor', 1)
        .connect('a', 'and', 0.5).connect('b', 'and', 0.5).connect('and', 'xor', -2);
      console.log(JSON.stringify([[0, 0], [0, 1], [1, 0], [1, 1]].map((row) => xor.run(row).xor)));`;
    const printed = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(JSON.parse(printed)).toEqual([0, 1, 1, 0]);
  });
});
