/**
 * W6: distracted sequence recall, training to the criterion
 * ========================================================
 *
 * synaptic's DSR task (its `Trainer.DSR` defaults: targets 2, 4, 7, 8; distractors 3, 5, 6,
 * 9; prompts 0, 1; length 24), with the data of scenarios/sequences/sequence-recall.ts for
 * every library. Each library trains an LSTM of 8 cells (10 inputs, 4 outputs) from seeds
 * 1 … `DSR_SEEDS` (default 3; `Math.random` is replaced by a generator from the seed, so the
 * peers' own initial weights follow it; neurograph's seed sets its initial weights and its
 * shuffling, as scenarios/sequence-recall.ts's `train(seed)`; the training data are the same
 * for every seed) the way its own docs train it, and after every epoch the same 1,000
 * held-out sequences are judged as synaptic judges them: a sequence is right when every
 * output, rounded, equals its target at every step, each sequence run from a fresh state.
 * Training stops at the criterion (95% of the held-out sequences right) or at the cap
 * (`DSR_CAP_MS` of training time, default 60 s). Wall time counts the training only; the
 * held-out checks are timed apart. The report gives each library's median and range over
 * its seeds (a seed that misses counts as more than the cap).
 *
 * - neurograph: scenarios/sequence-recall.ts's network and trainer: `Network.lstm([10, 8, 4])`,
 *   a `Trainer` (adam, learning rate 0.01, cross-entropy) over 400 sequences per epoch, its
 *   curriculum of lengths 8, 14, then 24, each stage run for its whole epoch cap (30, 30, 80; then
 *   more on the same 400 sequences if the time cap allows). The scenario itself moves on from a
 *   stage as soon as 99% of its held-out sequences are right; here only the bench's own check
 *   of the 1,000 held-out sequences after each epoch decides when training stops.
 * - synaptic: `new Architect.LSTM(10, 8, 4)` and `Trainer.DSR`'s own loop (online: `activate`
 *   each step and `propagate(0.1, target)` when the step is wrong), over the same stream of
 *   fresh sequences, 1,000 per epoch (`Trainer.DSR` checks its success every 1,000 trials;
 *   here the check is on the held-out set instead of its running count). It trains with its
 *   state carried from sequence to sequence, as `Trainer.DSR` does; it is judged from a fresh
 *   state (see `zeroState`).
 * - neataptic: `architect.LSTM(10, 8, 4)` trained as its `train` does one sample
 *   (`activate`, then `propagate(rate 0.1, momentum 0, update true, target)`), the network
 *   cleared before each sequence (its `clear` option), 1,000 fresh sequences per epoch.
 * - brain.js 1.6.1: `recurrent.LSTMTimeStep({ inputSize: 14, hiddenLayers: [8], outputSize: 14 })`
 *   and `train(sequences, { iterations: 1 })` per epoch (its defaults: RMSProp, learning rate
 *   0.01), 1,000 fresh sequences per epoch. LSTMTimeStep only learns to predict each vector
 *   of a sequence from the ones before it, so step t's vector is [the one-hot symbol at t,
 *   the target of step t − 1]: the prediction at step t carries the target of step t in its
 *   last four values, which are judged. (The input at the second prompt thus holds the first
 *   prompt's answer: no help to the second answer, which is another target.)
 *
 * Run with `npm run bench -- dsr` (not in the default run: up to a minute of training per
 * library and seed); `dsr.ts <library> <seed>` trains one library from one seed in its own
 * process and prints JSON.
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { build as buildNeurograph, stages } from '../scenarios/sequence-recall.js';
import {
  type RecallSequence,
  recallSequences,
  stepRight,
  symbolCount,
  targets,
} from '../scenarios/sequences/sequence-recall.js';
import { isMainModule } from '../scenarios/support.js';
import { createRandom, Trainer } from '../src/index.js';

const CRITERION = 0.95;
const CAP_MS = Number(process.env.DSR_CAP_MS ?? 60_000);
const HELD_OUT = 1000;
const HELD_OUT_SEED = 100;
const PEER_EPOCH = 1000;
const SEEDS = Number(process.env.DSR_SEEDS ?? 3);
const CELLS = 8;
const RATE = 0.1;

type Library = 'neurograph' | 'synaptic' | 'neataptic' | 'brain';
const libraries: readonly Library[] = ['neurograph', 'synaptic', 'neataptic', 'brain'];
const names: Record<Library, string> = {
  neurograph: 'neurograph `Network.lstm` + `Trainer` (adam, curriculum 8 → 14 → 24)',
  synaptic: "synaptic 1.1.4 `Architect.LSTM` + `Trainer.DSR`'s online loop (rate 0.1)",
  neataptic: 'neataptic 1.4.7 `architect.LSTM`, `activate` + `propagate` per step (rate 0.1)',
  brain: 'brain.js 1.6.1 `recurrent.LSTMTimeStep`, `train` (RMSProp, rate 0.01)',
};

/** What one library's process reports. */
interface DsrReport {
  readonly library: Library;
  readonly seed: number;
  readonly reached: boolean;
  readonly trainMs: number;
  readonly checkMs: number;
  readonly epochs: number;
  readonly sequences: number;
  readonly accuracy: number;
  /** synaptic: the largest difference between its outputs after `zeroState` and a freshly built copy's. */
  readonly freshStateError?: number;
  readonly failure?: string;
}

/** A library's model as the loop below drives it. */
interface Learner {
  /** One epoch of training; answers how many sequences it trained on. */
  epoch(index: number): number | Promise<number>;
  /** Every step's outputs for a sequence, from a fresh state. */
  outputs(sequence: RecallSequence): readonly (readonly number[])[];
  /** Checks after the first epoch that `outputs` starts from a fresh state: the largest error against a fresh copy. */
  checkFreshState?(sequences: readonly RecallSequence[]): number;
}

/** Trains until the criterion or the cap, checking the held-out set after every epoch. */
async function trainToCriterion(library: Library, seed: number, learner: Learner): Promise<DsrReport> {
  const heldOut = recallSequences(HELD_OUT, HELD_OUT_SEED);
  let trainMs = 0;
  let checkMs = 0;
  let epochs = 0;
  let sequences = 0;
  let accuracy = 0;
  let freshStateError: number | undefined;
  while (trainMs < CAP_MS) {
    let start = performance.now();
    sequences += await learner.epoch(epochs);
    trainMs += performance.now() - start;
    epochs++;
    if (epochs === 1 && learner.checkFreshState !== undefined) {
      freshStateError = learner.checkFreshState(heldOut.slice(0, 20));
      if (!(freshStateError <= 1e-12))
        throw new Error(`a fresh state differs from a fresh network by ${freshStateError}`);
    }
    start = performance.now();
    const right = heldOut.filter((sequence) => {
      const outputs = learner.outputs(sequence);
      return sequence.steps.every(({ output }, t) => stepRight(outputs[t]!, output));
    }).length;
    checkMs += performance.now() - start;
    accuracy = right / heldOut.length;
    if (accuracy >= CRITERION)
      return { library, seed, reached: true, trainMs, checkMs, epochs, sequences, accuracy, freshStateError };
  }
  return { library, seed, reached: false, trainMs, checkMs, epochs, sequences, accuracy, freshStateError };
}

/** The peers' training stream: `PEER_EPOCH` fresh sequences of length 24 per epoch, the same for every peer. */
const peerEpoch = (index: number) => recallSequences(PEER_EPOCH, 1000 + index);

/** The scenario's recipe: one Trainer per stage (adam's moments kept across its epochs); past the curriculum, more epochs of its last stage. */
function neurograph(seed: number): Learner {
  const net = buildNeurograph(seed);
  const plan = stages.flatMap((stage) => Array.from({ length: stage.epochs }, () => stage));
  const trainers = new Map<
    (typeof stages)[number],
    { trainer: Trainer; samples: { steps: RecallSequence['steps'] }[] }
  >();
  return {
    async epoch(index) {
      const stage = plan[Math.min(index, plan.length - 1)]!;
      let entry = trainers.get(stage);
      if (entry === undefined) {
        const samples = recallSequences(400, stage.seed, stage.length).map(({ steps }) => ({ steps }));
        const trainer = new Trainer(net, {
          optimizer: 'adam',
          learningRate: 0.01,
          loss: 'crossEntropy',
          epochs: 1,
          seed: stage.seed + seed - 1,
        });
        entry = { trainer, samples };
        trainers.set(stage, entry);
      }
      await entry.trainer.train(entry.samples);
      return entry.samples.length;
    },
    outputs(sequence) {
      const records = net.runSequence(sequence.steps.map(({ input }) => input));
      return records.map((record) => net.outputs.map((id) => record[id]!));
    },
  };
}

interface SynapticLike {
  activate(input: number[]): number[];
  propagate(rate: number, target: number[]): void;
  clear(): void;
  toJSON(): { neurons: { state: number; old: number; activation: number }[] };
  /** Set once the network has run: its compiled function's memory and where each variable lives in it. */
  optimized: { memory: Float64Array; data: { variables: Record<string, { id: number }> } } | null;
}

/**
 * Puts an optimized synaptic network in the state of a freshly built one with the same weights, without
 * recompiling (`clear()` drops the compiled function, and compiling again cost ~48 ms per sequence): in
 * the compiled function's memory every neuron's state, old state, activation, derivative and eligibility
 * traces become 0 and every gain 1 (a new connection's gain); weights and biases stay. The variables are
 * named `<property>_…_<unit id>` (synaptic's Neuron.optimize).
 */
function zeroState(net: SynapticLike): () => void {
  const optimized = net.optimized;
  if (optimized === null) throw new Error('synaptic: the network is not optimized yet');
  const zeros: number[] = [];
  const ones: number[] = [];
  for (const [name, { id }] of Object.entries(optimized.data.variables)) {
    if (/^(state|old|activation|derivative|trace)_/.test(name)) zeros.push(id);
    else if (name.startsWith('gain_')) ones.push(id);
  }
  return () => {
    const memory = optimized.memory;
    for (const id of zeros) memory[id] = 0;
    for (const id of ones) memory[id] = 1;
  };
}

function synaptic(): Learner {
  const lib = createRequire(import.meta.url)('synaptic') as {
    Architect: { LSTM: new (...sizes: number[]) => SynapticLike };
    Network: { fromJSON(json: unknown): SynapticLike };
  };
  const net = new lib.Architect.LSTM(symbolCount, CELLS, targets.length);
  let reset: (() => void) | undefined;
  const run = (sequence: RecallSequence) => {
    reset ??= zeroState(net);
    reset();
    return sequence.steps.map(({ input }) => net.activate(input).slice());
  };
  return {
    epoch(index) {
      const sequences = peerEpoch(index);
      // Trainer.DSR's loop: no reset between sequences, a step is propagated only when it is wrong.
      for (const { steps } of sequences)
        for (const { input, output } of steps) {
          const prediction = net.activate(input);
          if (!stepRight(prediction, output)) net.propagate(RATE, output);
        }
      return sequences.length;
    },
    // NOTE: synaptic's `clear()` drops its compiled function (recompiling per held-out sequence cost ~48 s per
    // check), so the fresh state is written into the compiled function's memory instead (`zeroState`).
    outputs: run,
    checkFreshState(sequences) {
      // A fresh copy: the same weights through toJSON, every neuron's state, old state and activation 0.
      const json = net.toJSON();
      for (const neuron of json.neurons) neuron.state = neuron.old = neuron.activation = 0;
      let worst = 0;
      for (const sequence of sequences) {
        const ours = run(sequence);
        const fresh = lib.Network.fromJSON(json);
        const theirs = sequence.steps.map(({ input }) => fresh.activate(input).slice());
        ours.forEach((row, t) => row.forEach((y, k) => (worst = Math.max(worst, Math.abs(y - theirs[t]![k]!)))));
      }
      return worst;
    },
  };
}

interface NeatapticLike {
  activate(input: number[], training?: boolean): number[];
  propagate(rate: number, momentum: number, update: boolean, target: number[]): void;
  clear(): void;
}

function neataptic(): Learner {
  const lib = createRequire(import.meta.url)('neataptic') as {
    architect: { LSTM: (...sizes: number[]) => NeatapticLike };
  };
  const net = lib.architect.LSTM(symbolCount, CELLS, targets.length);
  return {
    epoch(index) {
      const sequences = peerEpoch(index);
      for (const { steps } of sequences) {
        net.clear();
        for (const { input, output } of steps) {
          net.activate(input, true);
          net.propagate(RATE, 0, true, output);
        }
      }
      return sequences.length;
    },
    outputs(sequence) {
      net.clear();
      return sequence.steps.map(({ input }) => net.activate(input).slice());
    },
  };
}

interface BrainLike {
  train(data: number[][][], options: Record<string, unknown>): { error: number };
  bindEquation(): void;
  end(): void;
  model: { equations: { runInput(input: Float32Array): { weights: Float32Array } }[] };
}

/** LSTMTimeStep's vectors: the symbol one-hot, then the previous step's target; one more vector carries the last target. */
function brainVectors({ steps }: RecallSequence): number[][] {
  const blank = new Array<number>(targets.length).fill(0);
  const vectors = steps.map(({ input }, t) => [...input, ...(t === 0 ? blank : steps[t - 1]!.output)]);
  vectors.push([...new Array<number>(symbolCount).fill(0), ...steps[steps.length - 1]!.output]);
  return vectors;
}

function brain(): Learner {
  const lib = createRequire(import.meta.url)('brain.js') as {
    recurrent: { LSTMTimeStep: new (options: Record<string, unknown>) => BrainLike };
  };
  const width = symbolCount + targets.length;
  const net = new lib.recurrent.LSTMTimeStep({ inputSize: width, hiddenLayers: [CELLS], outputSize: width });
  return {
    epoch(index) {
      const sequences = peerEpoch(index);
      net.train(sequences.map(brainVectors), { iterations: 1 });
      return sequences.length;
    },
    outputs(sequence) {
      // `run` answers only the last step; this is its loop (runArrays), keeping every step's outputs.
      const vectors = brainVectors(sequence).slice(0, -1);
      const { equations } = net.model;
      while (equations.length <= vectors.length) net.bindEquation();
      const outputs = vectors.map((vector, t) =>
        Array.from(equations[t]!.runInput(Float32Array.from(vector)).weights.slice(symbolCount)),
      );
      net.end();
      return outputs;
    },
  };
}

const learners: Record<Library, (seed: number) => Learner> = { neurograph, synaptic, neataptic, brain };

async function measureLibrary(library: Library, seed: number): Promise<DsrReport> {
  Math.random = createRandom(seed); // the peers' own initial weights, seeded
  try {
    return await trainToCriterion(library, seed, learners[library](seed));
  } catch (error) {
    const failure = error instanceof Error ? error.message : String(error);
    return { library, seed, reached: false, trainMs: 0, checkMs: 0, epochs: 0, sequences: 0, accuracy: 0, failure };
  }
}

/** Runs this file as `dsr.ts <library> <seed>` in a fresh process with this one's Node flags. */
function runLibrary(library: Library, seed: number): DsrReport {
  const script = fileURLToPath(import.meta.url);
  const stdout = execFileSync(process.execPath, [...process.execArgv, script, library, String(seed)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  });
  return JSON.parse(stdout) as DsrReport;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

/** The middle of `values` (the lower middle for an even count). */
const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[(values.length - 1) >> 1]!;

/** A library's runs: how many reached, and the median and range of the time to criterion (a miss counts as more than the cap). */
function summarize(runs: readonly DsrReport[]) {
  const times = runs.map((r) => (r.reached ? r.trainMs : Number.POSITIVE_INFINITY));
  const time = (ms: number) => (Number.isFinite(ms) ? seconds(ms) : `> ${seconds(CAP_MS)}`);
  const reached = runs.filter((r) => r.reached).length;
  return {
    reached,
    medianMs: median(times),
    cells: [
      `${reached} of ${runs.length}`,
      time(median(times)),
      `${time(Math.min(...times))} – ${time(Math.max(...times))}`,
      String(median(runs.map((r) => r.epochs))),
      `${percent(median(runs.map((r) => r.accuracy)))} (${percent(Math.min(...runs.map((r) => r.accuracy)))} – ${percent(Math.max(...runs.map((r) => r.accuracy)))})`,
      seconds(median(runs.map((r) => r.checkMs))),
    ],
  };
}

export async function benchDsr(): Promise<string> {
  const load = loadavg()[0]!;
  const seeds = Array.from({ length: SEEDS }, (_, k) => k + 1);
  // NOTE: seed by seed, every library in turn, so a slow spell of the machine falls on all of them.
  const reports = seeds.flatMap((seed) => libraries.map((library) => runLibrary(library, seed)));
  const runsOf = (library: Library) => reports.filter((r) => r.library === library);
  const summaries = new Map(libraries.map((library) => [library, summarize(runsOf(library))]));
  const rows = libraries.map((library) => `| ${names[library]} | ${summaries.get(library)!.cells.join(' | ')} |`);
  const runRows = reports.map((r) => {
    const time = r.failure ? `failed: ${r.failure}` : r.reached ? seconds(r.trainMs) : `> ${seconds(CAP_MS)}`;
    return `| ${r.library} | ${r.seed} | ${time} | ${r.epochs} | ${r.sequences.toLocaleString('en')} | ${percent(r.accuracy)} | ${seconds(r.checkMs)} |`;
  });
  const ours = summaries.get('neurograph')!;
  // The fastest peer by median time to criterion, among peers that reached it with most seeds.
  const fastest = libraries
    .filter((library) => library !== 'neurograph' && Number.isFinite(summaries.get(library)!.medianMs))
    .sort((a, b) => summaries.get(a)!.medianMs - summaries.get(b)!.medianMs)[0];
  const short = (library: Library) => names[library].split(' `')[0];
  const verdict =
    fastest === undefined
      ? `no peer reached the criterion within ${seconds(CAP_MS)} with most seeds; neurograph ${Number.isFinite(ours.medianMs) ? `did, median ${seconds(ours.medianMs)}` : 'did not either'}`
      : Number.isFinite(ours.medianMs)
        ? `${(ours.medianMs / summaries.get(fastest)!.medianMs).toFixed(2)}× (medians ${seconds(ours.medianMs)} vs ${seconds(summaries.get(fastest)!.medianMs)}, ${short(fastest)})`
        : `neurograph did not reach it within ${seconds(CAP_MS)} with most seeds; ${short(fastest)} did, median ${seconds(summaries.get(fastest)!.medianMs)}`;
  const synapticCheck = Math.max(...runsOf('synaptic').map((r) => r.freshStateError ?? 0));
  return [
    `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}; ` +
      `load average ${load.toFixed(2)} at the start, ${loadavg()[0]!.toFixed(2)} at the end. Not part of the default run: \`npm run bench -- dsr\`.`,
    `### W6: DSR, training to the criterion (${CRITERION * 100}% of ${HELD_OUT.toLocaleString('en')} held-out sequences entirely right)`,
    `Each library trains an LSTM of ${CELLS} cells (10 inputs, 4 outputs) from seeds ${seeds.join(', ')} (\`Math.random\` seeded for the peers; ` +
      "neurograph's seed sets its initial weights and shuffling), each run in its own process, " +
      'the way its docs train it (bench/dsr.ts says how), on sequences from the same generator; after every epoch the same held-out sequences are judged as synaptic judges them ' +
      `(every output, rounded, right at every step, each sequence from a fresh state). Time is training only, capped at ${seconds(CAP_MS)}; the held-out checks are timed apart. ` +
      `synaptic's fresh state is written into its compiled network (largest difference from a freshly built copy: ${synapticCheck.toExponential(1)}). ` +
      'brain.js 1.6.1 has no LSTM that maps one sequence of vectors to another, so its `LSTMTimeStep` learns to predict the next vector of [symbol, previous target].',
    [
      '| library | reached | time to criterion, median | min – max | epochs, median | held-out right, median (min – max) | held-out checks, median |',
      '|---|--:|--:|--:|--:|--:|--:|',
      ...rows,
    ].join('\n'),
    [
      '| library | seed | time to criterion | epochs | sequences trained | held-out right | held-out checks |',
      '|---|--:|--:|--:|--:|--:|--:|',
      ...runRows,
    ].join('\n'),
    `W6 DSR training time, neurograph vs the fastest peer to reach the criterion: ${verdict} (target ≤ 1×)`,
  ].join('\n\n');
}

if (isMainModule(import.meta.url)) {
  const library = process.argv[2] as Library | undefined;
  if (library !== undefined && libraries.includes(library))
    process.stdout.write(JSON.stringify(await measureLibrary(library, Number(process.argv[3] ?? 1))));
  else console.log(await benchDsr());
}
