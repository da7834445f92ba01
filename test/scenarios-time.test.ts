/**
 * Scenarios with time: the leaky integrator runs and matches its closed form; the sequence
 * tasks' data generators (temporal XOR, distracted sequence recall, embedded Reber) are seeded
 * and make exactly the data their tasks describe.
 */
import { describe, expect, it, vi } from 'vitest';
import * as leaky from '../scenarios/leaky-integrator.js';
import * as reberScenario from '../scenarios/reber.js';
import * as recallScenario from '../scenarios/sequence-recall.js';
import * as temporalXor from '../scenarios/temporal-xor.js';
import * as recall from '../scenarios/sequences/sequence-recall.js';
import * as reber from '../scenarios/sequences/reber.js';
import * as xor from '../scenarios/sequences/temporal-xor.js';
import { trainToCriterion } from '../scenarios/sequences/to-criterion.js';
import { createRandom, Network } from '../src/index.js';

function quietly<T>(work: () => T): { result: T; printed: string } {
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
  try {
    return { result: work(), printed: lines.join('\n') };
  } finally {
    log.mockRestore();
  }
}

async function quietlyAsync<T>(work: () => Promise<T>): Promise<{ result: T; printed: string }> {
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
  try {
    return { result: await work(), printed: lines.join('\n') };
  } finally {
    log.mockRestore();
  }
}

const indexOfOne = (values: readonly number[]) => values.indexOf(1);

/** Seeds that learn in few epochs (scripts/scenario-seeds.ts lists each seed's epochs). */
const RECALL_SEED = 1;
const REBER_SEED = 1;

describe('leaky-integrator.ts', () => {
  it('integrates its input step by step as the closed form says, and prints its trace', () => {
    const { result, printed } = quietly(() => leaky.main());
    expect(result).toBe(true);
    // The Tracer's table: one line per activation, the last run's output among them.
    expect(printed).toMatch(/── run 12 .*outputs y=0\.1463$/m);
    expect(printed).toMatch(/^ {3}5 {2}1 {2}0\.8220 {2}0\.8220 {3}█+$/m);
    expect(printed).toContain('after 12 steps');
  });

  it("its network's outputs are the closed form's for any input, within 1e-12", () => {
    const random = createRandom(4);
    const inputs = Array.from({ length: 40 }, () => random() * 2 - 1);
    const outputs = leaky
      .build()
      .runSequence(inputs.map((x) => [x]))
      .map(({ y }) => y!);
    leaky.closedForm(inputs).forEach((y, t) => expect(Math.abs(outputs[t]! - y)).toBeLessThanOrEqual(1e-12));
  });
});

describe('training scenarios through time (fixed seeds, trained to a held-out criterion)', () => {
  it('temporal-xor.ts: the Elman network predicts the XOR bits, and only those', async () => {
    const { result, printed } = await quietlyAsync(() => temporalXor.main());
    expect(result).toBe(true);
    expect(printed).toMatch(/^epoch {2}60 {2}loss /m);
    const [a, b, xor] = temporalXor.errorByPosition(temporalXor.build(), temporalXor.fresh);
    // Untrained, every position is a guess.
    expect(Math.min(a, b, xor)).toBeGreaterThan(0.3);
    expect(printed).toMatch(/a XOR b {11}0\.0\d\d/);
  });

  it("sequence-recall.ts: the LSTM recalls at least 95% of fresh sequences entirely right (synaptic's criterion)", async () => {
    // A seed that learns in a few epochs keeps the test short; scripts/scenario-seeds.ts measures seed after seed.
    const { result, printed } = await quietlyAsync(() => recallScenario.main(RECALL_SEED));
    expect(result).toBe(true);
    const right = /^\d+ epochs; (\d+) of 1000 fresh sequences recalled right at every step/m.exec(printed);
    expect(Number(right?.[1])).toBeGreaterThanOrEqual(950);
    // Every stage ends at its held-out criterion, the task's length last.
    expect(printed).toMatch(/^epoch +\d+ {2}length 8 {2}loss \S+ {2}held out right (99\.\d|100\.0)%$/m);
    expect(printed).toMatch(/^epoch +\d+ {2}length 24 {2}loss \S+ {2}held out right (99\.\d|100\.0)%\n\n/m);
  });

  it('reber.ts: the LSTM predicts the legal next symbols of at least 95% of fresh strings', async () => {
    const { result, printed } = await quietlyAsync(() => reberScenario.main(REBER_SEED));
    expect(result).toBe(true);
    const rate = /^\d+ epochs; (\d+) of 1000 fresh strings predicted right at every step/m.exec(printed);
    expect(Number(rate?.[1])).toBeGreaterThanOrEqual(950);
    // Training stopped at the first epoch with every held-out string right.
    expect(printed).toMatch(/^epoch +\d+ {2}loss \S+ {2}held out right 100\.0%\n\n/m);
    // The long-range step: after the inner E, the branch read at the second step.
    expect(printed).toMatch(/^ {2}BP\S+PE\n {4}.* E→P P→E$/m);
  });
});

describe('training to a criterion', () => {
  const samples = [
    { input: [0, 0], output: [0] },
    { input: [1, 1], output: [1] },
  ];

  it("stops after the first epoch whose check reaches the target, with that epoch's weights", async () => {
    const net = Network.layered([2, 2, 1], { seed: 3 });
    const seen: number[] = [];
    const weights: unknown[] = [];
    const run = await trainToCriterion(
      net,
      samples,
      { epochs: 50 },
      (trained) => (weights.push(trained.toJSON()) >= 4 ? 1 : 0),
      1,
      (epoch) => seen.push(epoch),
    );
    expect(run).toStrictEqual({ epochs: 4, reached: true, score: 1 });
    expect(seen).toStrictEqual([1, 2, 3, 4]);
    // Each check saw that epoch's trained weights, and no step ran after the fourth.
    expect(weights[2]).not.toStrictEqual(weights[3]);
    expect(net.toJSON()).toStrictEqual(weights[3]);
  });

  it('trains every epoch when the check never passes', async () => {
    const run = await trainToCriterion(Network.layered([2, 2, 1], { seed: 3 }), samples, { epochs: 6 }, () => 0.5, 1);
    expect(run).toStrictEqual({ epochs: 6, reached: false, score: 0.5 });
  });
});

describe('temporal XOR data', () => {
  it('is triplets a, b, a XOR b, seeded', () => {
    const bits = xor.temporalXorStream(200, 3);
    expect(bits).toHaveLength(600);
    expect(xor.temporalXorStream(200, 3)).toEqual(bits);
    expect(xor.temporalXorStream(200, 4)).not.toEqual(bits);
    for (let k = 0; k < 600; k += 3) expect(bits[k + 2]).toBe(bits[k]! ^ bits[k + 1]!);
    // The free bits are fair coins.
    const ones = bits.filter((_, k) => k % 3 !== 2).reduce((a, b) => a + b, 0);
    expect(ones / 400).toBeGreaterThan(0.4);
    expect(ones / 400).toBeLessThan(0.6);
  });

  it('asks for the next bit at every step; the predictable steps are those whose target is a XOR', () => {
    const samples = xor.temporalXorSamples(20, 5, 7);
    expect(xor.temporalXorSamples(20, 5, 7)).toEqual(samples);
    for (const { steps } of samples) {
      expect(steps).toHaveLength(14);
      steps.forEach(({ input, output }, t) => {
        if (t + 1 < steps.length) expect(steps[t + 1]!.input).toEqual(output);
        if (xor.predictable(t)) expect(output[0]).toBe(steps[t - 1]!.input[0]! ^ input[0]!);
      });
    }
    expect([0, 1, 2, 3, 4, 5, 6].filter(xor.predictable)).toEqual([1, 4]);
  });
});

describe('distracted sequence recall data', () => {
  const sequences = recall.recallSequences(500, 11);

  it("has synaptic's defaults: 24 one-hot symbols of ten, four one-hot targets, prompts 0 then 1 last", () => {
    expect(recall.symbolCount).toBe(10);
    for (const { symbols, steps } of sequences) {
      expect(steps).toHaveLength(24);
      expect(symbols.slice(-2)).toEqual([0, 1]);
      steps.forEach(({ input, output }, t) => {
        expect(input.reduce((a, b) => a + b, 0)).toBe(1);
        expect(indexOfOne(input)).toBe(symbols[t]);
        expect(output).toHaveLength(4);
      });
    }
    expect(recall.recallSequences(500, 11)).toEqual(sequences);
    expect(recall.recallSequences(500, 12)).not.toEqual(sequences);
  });

  it('places two targets among distractors and asks for them, in order, at the prompts; zeros elsewhere', () => {
    for (const { symbols, steps } of sequences) {
      const body = symbols.slice(0, 22);
      const shown = body.filter((s) => (recall.targets as readonly number[]).includes(s));
      expect(shown).toHaveLength(2);
      for (const s of body) expect([...recall.targets, ...recall.distractors]).toContain(s);
      const asked = steps.slice(22).map(({ output }) => recall.targets[indexOfOne(output)]);
      expect(asked).toEqual(shown);
      for (const { output } of steps.slice(0, 22)) expect(output).toEqual([0, 0, 0, 0]);
      for (const { output } of steps.slice(22)) expect(output.reduce((a, b) => a + b, 0)).toBe(1);
    }
    // Every target and every position turns up.
    const used = new Set(sequences.flatMap(({ symbols }) => symbols));
    for (const s of [...recall.targets, ...recall.distractors, ...recall.prompts]) expect(used).toContain(s);
    const positions = new Set(
      sequences.flatMap(({ symbols }) =>
        symbols.flatMap((s, t) => ((recall.targets as readonly number[]).includes(s) ? [t] : [])),
      ),
    );
    expect(positions.size).toBe(22);
  });

  it("judges a step as synaptic does: every output rounded to its target's value", () => {
    expect(recall.stepRight([0.1, 0.6, 0.49, 0], [0, 1, 0, 0])).toBe(true);
    expect(recall.stepRight([0.1, 0.4, 0, 0], [0, 1, 0, 0])).toBe(false);
    expect(recall.stepRight([0.6, 0.9, 0, 0], [0, 1, 0, 0])).toBe(false);
  });
});

describe('embedded Reber grammar data', () => {
  const strings = reber.reberStrings(5000, 21);

  it('makes strings of the grammar only, seeded, both branches about equally', () => {
    for (const { text } of strings) expect(text).toMatch(reber.embeddedReberPattern);
    expect(reber.reberStrings(5000, 21)).toEqual(strings);
    const branchT = strings.filter(({ text }) => text[1] === 'T').length;
    expect(branchT / strings.length).toBeGreaterThan(0.45);
    expect(branchT / strings.length).toBeLessThan(0.55);
    for (const wrong of [
      'BTBTXXETE',
      'BTBTSSXSEPE',
      'BPBPVVETE',
      'BTBPXSETE',
      'BTBTXXVVETEE',
      'TBTXSETE',
      'BTBTXSET',
    ]) {
      expect(wrong).not.toMatch(reber.embeddedReberPattern);
    }
    for (const right of ['BTBTXSETE', 'BPBPVVEPE']) expect(right).toMatch(reber.embeddedReberPattern);
    expect('BTBTSSXSETE').toMatch(reber.embeddedReberPattern);
    expect('BPBPTVPXVVEPE').toMatch(reber.embeddedReberPattern);
  });

  it("gives each step's legal next symbols: each string's next symbol is among them, and every one turns up", () => {
    // Over many strings, a prefix's observed continuations are exactly its legal next symbols.
    const seen = new Map<string, Set<string>>();
    const claimed = new Map<string, string>();
    const problems: string[] = [];
    for (const { text, next } of strings) {
      if (next.length !== text.length - 1) problems.push(`${text}: ${next.length} targets`);
      for (let t = 0; t + 1 < text.length; t++) {
        const prefix = text.slice(0, t + 1);
        if (!next[t]!.includes(text[t + 1] as reber.ReberSymbol)) problems.push(`${prefix}: ${text[t + 1]} not legal`);
        const set = seen.get(prefix) ?? new Set<string>();
        seen.set(prefix, set.add(text[t + 1]!));
        const legal = [...next[t]!].sort().join('');
        if ((claimed.get(prefix) ?? legal) !== legal) problems.push(`${prefix}: ${legal} and ${claimed.get(prefix)}`);
        claimed.set(prefix, legal);
      }
    }
    expect(problems).toEqual([]);
    let checked = 0;
    for (const [prefix, legal] of claimed) {
      if (seen.get(prefix)!.size === legal.length) checked++;
      else expect(strings.filter(({ text }) => text.startsWith(prefix)).length, prefix).toBeLessThan(12);
    }
    expect(checked).toBeGreaterThan(500);
  });

  it('samples: one-hot inputs, multi-hot targets, none for the final E; the long-range target is the branch', () => {
    for (const string of strings.slice(0, 200)) {
      const { steps } = reber.reberSample(string);
      expect(steps.map(({ input }) => reber.symbols[indexOfOne(input)]).join('')).toBe(string.text);
      expect(steps.at(-1)!.output).toBeUndefined();
      // Reading the inner E, only the second symbol tells what comes next; then E.
      expect(steps.at(-3)!.output).toEqual(reber.multiHot([string.text[1]!]));
      expect(steps.at(-2)!.output).toEqual(reber.multiHot(['E']));
      expect(steps[0]!.output).toEqual(reber.multiHot(['T', 'P']));
    }
    expect(reber.stepRight([0.9, 0.1, 0.6, 0, 0, 0, 0], [1, 0, 1, 0, 0, 0, 0])).toBe(true);
    expect(reber.stepRight([0.9, 0.1, 0.4, 0, 0, 0, 0], [1, 0, 1, 0, 0, 0, 0])).toBe(false);
  });
});
