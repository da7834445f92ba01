/**
 * The LSTM scenarios over many seeds
 * ==================================
 *
 * `npx tsx scripts/scenario-seeds.ts [--seeds N] [--from S] [--minutes M] [--only reber|sequence-recall]`
 *
 * Trains scenarios/sequence-recall.ts (target: 95% of 1,000 fresh sequences recalled right at
 * every step, synaptic's criterion) and scenarios/reber.ts (target: 95% of 1,000 fresh strings
 * predicted right at every step) from seeds 1, 2, 3, … (the seed sets the initial weights and the
 * order the samples are shuffled in; the training data stay the same), the two scenarios taking
 * turns, until N seeds each have run or M minutes have passed (no new seed starts after that).
 * `--from S` starts at seed S instead (to split the seeds over processes). Each scenario trains
 * to its own held-out check; its training time includes those checks, not the fresh test.
 * Prints one line per seed as it finishes, then each scenario's share of seeds that reach the
 * target. Seed 1 is the scenario as `npm start` runs it.
 */
import { train as trainReber, expectedRate as reberRate } from '../scenarios/reber.js';
import { train as trainRecall, expectedRate as recallRate } from '../scenarios/sequence-recall.js';

interface Scenario {
  readonly name: string;
  readonly target: number;
  readonly what: string;
  readonly train: (seed: number) => Promise<{ right: number; rate: number; trainMs: number; epochs: number }>;
}

interface Outcome {
  readonly seed: number;
  readonly right: number;
  readonly rate: number;
  readonly trainMs: number;
  readonly totalMs: number;
  readonly epochs: number;
}

const scenarios: readonly Scenario[] = [
  { name: 'sequence-recall', target: recallRate, what: 'sequences recalled', train: (seed) => trainRecall(seed) },
  { name: 'reber', target: reberRate, what: 'strings predicted', train: (seed) => trainReber(seed) },
];

function option(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at < 0 ? undefined : process.argv[at + 1];
}

const seeds = Number(option('seeds') ?? Number.POSITIVE_INFINITY);
const from = Number(option('from') ?? 1);
const minutes = Number(option('minutes') ?? (Number.isFinite(seeds) ? Number.POSITIVE_INFINITY : 25));
const only = option('only');
const chosen = scenarios.filter((scenario) => only === undefined || scenario.name === only);
if (chosen.length === 0 || !(seeds >= 1) || !Number.isSafeInteger(from) || !(minutes > 0)) {
  console.error(
    'usage: tsx scripts/scenario-seeds.ts [--seeds N] [--from S] [--minutes M] [--only reber|sequence-recall]',
  );
  process.exit(2);
}

const started = performance.now();
const outcomes = new Map<string, Outcome[]>(chosen.map((scenario) => [scenario.name, []]));
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
console.log(
  `seeds ${Number.isFinite(seeds) ? `${from} … ${from + seeds - 1}` : `from ${from}`}, at most ${minutes} min, ` +
    `Node ${process.version}`,
);
outer: for (let seed = from; seed < from + seeds; seed++) {
  for (const scenario of chosen) {
    if (performance.now() - started > minutes * 60_000) break outer;
    const before = performance.now();
    const { right, rate, trainMs, epochs } = await scenario.train(seed);
    const totalMs = performance.now() - before;
    outcomes.get(scenario.name)!.push({ seed, right, rate, trainMs, totalMs, epochs });
    console.log(
      `${scenario.name.padEnd(16)} seed ${String(seed).padStart(3)}  ${String(right).padStart(4)} / 1000 ` +
        `${scenario.what} (${(rate * 100).toFixed(1)}%) ${rate >= scenario.target ? 'reached' : 'MISSED '}  ` +
        `${String(epochs).padStart(3)} epochs, train ${seconds(trainMs)}, with the check ${seconds(totalMs)}`,
    );
  }
}

console.log('');
for (const scenario of chosen) {
  const runs = outcomes.get(scenario.name)!;
  if (runs.length === 0) continue;
  const reached = runs.filter(({ rate }) => rate >= scenario.target);
  const rates = runs.map(({ rate }) => rate).sort((a, b) => a - b);
  const times = runs.map(({ trainMs }) => trainMs).sort((a, b) => a - b);
  const epochs = runs.map(({ epochs }) => epochs).sort((a, b) => a - b);
  const median = (sorted: number[]) => sorted[(sorted.length - 1) >> 1]!;
  // The seeds that missed, when they are few (the lines above show every seed).
  const missed = runs
    .filter(({ rate }) => rate < scenario.target)
    .map(({ seed, rate }) => `${seed} (${(rate * 100).toFixed(1)}%)`);
  console.log(
    `${scenario.name}: ${reached.length} of ${runs.length} seeds reach ${scenario.target * 100}% ` +
      `(${((reached.length / runs.length) * 100).toFixed(0)}%); right: median ${(median(rates) * 100).toFixed(1)}%, ` +
      `${(rates[0]! * 100).toFixed(1)}% – ${(rates[rates.length - 1]! * 100).toFixed(1)}%; ` +
      `training: median ${seconds(median(times))}, ${seconds(times[0]!)} – ${seconds(times[times.length - 1]!)}; ` +
      `epochs: median ${median(epochs)}, ${epochs[0]} – ${epochs[epochs.length - 1]}` +
      (missed.length > 0 && missed.length <= 20 ? `; missed: seeds ${missed.join(', ')}` : ''),
  );
}
console.log(`wall time ${seconds(performance.now() - started)}`);
