import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { datasets } from '../src/data/index.js';
import * as moons from '../scenarios/moons.js';
import * as perceptron from '../scenarios/perceptron.js';
import * as xorLearned from '../scenarios/xor-learned.js';

async function quietly<T>(work: () => T | Promise<T>): Promise<{ result: T; printed: string }> {
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
  try {
    return { result: await work(), printed: lines.join('\n') };
  } finally {
    log.mockRestore();
  }
}

describe('training scenarios', () => {
  it('perceptron.ts learns AND and OR and fails XOR, as it says', async () => {
    const { result, printed } = await quietly(() => perceptron.main());
    expect(result).toBe(true);
    expect(printed).toMatch(/━━ AND: learned in \d+ epochs/);
    expect(printed).toMatch(/━━ XOR: not learned after 100 epochs/);
  });

  it("xor-learned.ts finds the seed's AND solution and reports the other seeds", async () => {
    const { result, printed } = await quietly(() => xorLearned.main());
    expect(result).toBe(true);
    expect(printed).toContain('The hidden neuron acts like AND; its connection to the output is negative.');
    expect(printed).toContain('Seeds 1–20: 20 of 20 learned XOR.');
    // The README shows this output in full.
    const readme = readFileSync('README.md', 'utf8');
    const shown = /`npx tsx scenarios\/xor-learned\.ts` trains[^`]*```\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(shown).toBe(`${printed}\n`);
  });

  it('moons.ts: its dataset is seeded, and its network learns it', async () => {
    expect(moons.samples).toStrictEqual(datasets.toSamples(datasets.moons({ count: 200, noise: 0.2, seed: 42 })));
    expect(moons.samples.filter((sample) => sample.output.y0 === 1)).toHaveLength(100);
    const { result, printed } = await quietly(() => moons.main());
    expect(result).toBe(true);
    expect(printed).toMatch(/accuracy 9\d\.\d% on 200 points\nwrote .*moons\.svg/);
  });
});
