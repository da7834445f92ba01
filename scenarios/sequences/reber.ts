/**
 * Embedded Reber grammar data
 * ===========================
 *
 * Reber's finite-state grammar over B, T, P, S, X, V, E, embedded: B, then T or P, then a
 * Reber string, then the same T or P again, then E. Fed a symbol at a time (one-hot), a
 * network must give, at every step, the symbols that may legally come next (a multi-hot
 * target); the hard one is the penultimate step, where only the second symbol, read many
 * steps earlier, tells T from P. The last symbol E has no target. Every choice in the
 * grammar is a fair coin.
 *
 * [Reference]: Reber 1967; Hochreiter & Schmidhuber 1997, "Long Short-Term Memory", experiment 1.
 */
import { createRandom, type Random } from '../../src/index.js';

export const symbols = ['B', 'T', 'P', 'S', 'X', 'V', 'E'] as const;
export type ReberSymbol = (typeof symbols)[number];

/** The inner grammar: from each state, the two symbols that may follow and where each leads ('end': E follows). */
const grammar: Readonly<Record<number, readonly (readonly [ReberSymbol, number | 'end'])[]>> = {
  1: [
    ['T', 2],
    ['P', 3],
  ],
  2: [
    ['S', 2],
    ['X', 4],
  ],
  3: [
    ['T', 3],
    ['V', 5],
  ],
  4: [
    ['X', 3],
    ['S', 'end'],
  ],
  5: [
    ['P', 4],
    ['V', 'end'],
  ],
};

/** An embedded Reber string and, for each symbol but the last, the symbols that may legally follow it. */
export interface ReberString {
  readonly text: string;
  readonly next: readonly (readonly ReberSymbol[])[];
}

/** A Reber string (B … E), and its legal next symbols. */
function innerReber(random: Random): ReberString {
  let text = 'B';
  const next: ReberSymbol[][] = [['T', 'P']];
  let state: number | 'end' = 1;
  while (state !== 'end') {
    const choices: readonly (readonly [ReberSymbol, number | 'end'])[] = grammar[state]!;
    const [symbol, to] = choices[random() < 0.5 ? 0 : 1]!;
    text += symbol;
    state = to;
    next.push(state === 'end' ? ['E'] : grammar[state]!.map(([s]) => s));
  }
  return { text: `${text}E`, next };
}

/** An embedded Reber string, drawn from `random`. */
export function embeddedReber(random: Random): ReberString {
  const branch: ReberSymbol = random() < 0.5 ? 'T' : 'P';
  const inner = innerReber(random);
  return {
    text: `B${branch}${inner.text}${branch}E`,
    // After B: T or P; after the branch: the inner B; inside: the inner grammar; after the inner E: the branch again.
    next: [['T', 'P'], ['B'], ...inner.next, [branch], ['E']],
  };
}

/** Reber strings (from state 3, (T*VPX)*T*V then VE or PSE), and embedded ones: nothing else matches. */
const innerPattern = 'B(?:TS*X(?:SE|X(?:T*VPX)*T*V(?:V|PS)E)|P(?:T*VPX)*T*V(?:V|PS)E)';
export const embeddedReberPattern = new RegExp(`^B(?:T${innerPattern}T|P${innerPattern}P)E$`);

export const oneHot = (symbol: string): number[] => symbols.map((s) => (s === symbol ? 1 : 0));
export const multiHot = (set: readonly string[]): number[] => symbols.map((s) => (set.includes(s) ? 1 : 0));

/** A sequence sample: every symbol one-hot; every step but the last targets the legal next symbols. */
export function reberSample(string: ReberString): { steps: { input: number[]; output?: number[] }[] } {
  return {
    steps: [...string.text].map((symbol, t) => {
      const legal = string.next[t];
      return legal === undefined ? { input: oneHot(symbol) } : { input: oneHot(symbol), output: multiHot(legal) };
    }),
  };
}

/** `count` embedded Reber strings, seeded. */
export function reberStrings(count: number, seed: number): ReberString[] {
  const random = createRandom(seed);
  return Array.from({ length: count }, () => embeddedReber(random));
}

/** Whether a step's outputs above 0.5 are exactly the legal next symbols. */
export const stepRight = (outputs: ArrayLike<number>, target: readonly number[]): boolean =>
  target.every((value, k) => (outputs[k]! > 0.5 ? 1 : 0) === value);
