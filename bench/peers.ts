/**
 * The JavaScript peers, side by side in one run (issue 5): synaptic, neataptic,
 * brain.js, TensorFlow.js (cpu and wasm backends) and neurograph on fixed, seeded
 * workloads, against the tightest hand-written Float64Array loop we could write (the
 * speed of light; bench/peers/hand-written.ts). Every peer's answer is checked against a
 * float64 reference before it is timed; a peer that disagrees beyond its float precision
 * is reported, not timed.
 *
 *   W1  the 2-2-1 sigmoid XOR forward pass with given weights
 *   W2  a dense 64-128-128-10 sigmoid forward: one sample, and a batch of 1024
 *   W3  online SGD on XOR with a 2-3-1 sigmoid network (bias included)
 *   W4  a random DAG of 10,000 neurons and 100,000 connections: forward, build, memory
 *   W5  an LSTM 6 → 7 cells → 6, one time step per iteration with the state carried
 *   sizes  random layered networks 3-5-2 … 128-256-10: `compile().run` and `Trainer` against
 *          the hand-written loops written for any size (no special case for W1–W3's shapes)
 *
 * Run alone with `npm run bench -- peers`; each workload runs in a child process
 * (`peers.ts W1` … `W5`, `peers.ts sizes` prints its rows as JSON).
 */
import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { isMainModule } from '../scenarios/support.js';
import { formatNs, table, timeOnce, type BenchResult } from './harness.js';
import { loaderWarning } from './loader-check.js';
import { handWrittenGeneric } from './peers/hand-written.js';
import { peers } from './peers/index.js';
import {
  neurographCompiled,
  neurographConnectManyGraph,
  neurographFloat32,
  neurographTrainer,
} from './peers/neurograph.js';
import { recurrentPeers } from './peers/lstm-index.js';
import { lstmError, randomLstmModel, randomSequence, variantNotes } from './peers/lstm-workload.js';
import { initWasm } from './peers/tfjs.js';
import {
  dagReference,
  denseReference,
  maxError,
  randomDag,
  randomDenseModel,
  randomRows,
  xorModel,
  xorSamples,
  type DenseModel,
  type Peer,
  type Sample,
} from './peers/workloads.js';

const HAND = 'hand-written Float64Array loop';
const W3_EPOCHS = 10_000;
const W3_LEARNING_RATE = 0.5;
const W5_SIZES = [6, 7, 6] as const;
const W5_STEPS = 24;
/** Random layered sizes for "no special case for the benchmark's shapes" (issue 13). */
const OTHER_SIZES: readonly (readonly number[])[] = [
  [3, 5, 2],
  [8, 16, 4],
  [32, 64, 8],
  [128, 256, 10],
];
const OTHER_LEARNING_RATE = 0.1;
const OTHER_SAMPLES = 16;
/** Each case's calls before it is calibrated and timed. */
const WARMUP_MS = 300;
/** Timing loops made so far: each one's source text is numbered (see `timingLoop`). */
let timingLoops = 0;
/** How many times W4 builds each network (its build time is the median). */
const BUILD_ROUNDS = 5;

interface Case {
  readonly name: string;
  readonly run: (iterations: number) => unknown;
  readonly unitsPerIteration?: number;
}

/** A row of a workload table: measured, or why not. */
type Row = (
  | { readonly name: string; readonly result: BenchResult; readonly extra?: readonly string[] }
  | { readonly name: string; readonly failure: string; readonly extra?: readonly string[] }
) & { readonly buildMs?: number };

type Workload = 'W1' | 'W2' | 'W3' | 'W4' | 'W5' | 'sizes';

/** What one workload's process reports back. */
interface WorkloadReport {
  readonly rows: Row[];
  readonly extra?: Row[];
}

export async function benchPeers(): Promise<string> {
  const load = loadavg()[0]!;
  const wasm = await initWasm();
  // NOTE: each workload runs in its own Node process. In one process, V8's type feedback and
  // optimized code from one workload (e.g. loops tuned for XOR's 2×2 layers) carry over into
  // the next and slow the same loops down by up to 1.5× on 64×128 layers, differently for each
  // library, so the ratios would depend on workload order. Within a workload, cases interleave.
  const w1 = runWorkload('W1');
  const { rows: w2, extra: w2bRows } = runWorkloadReport('W2');
  const w2b = w2bRows ?? [];
  const w3 = runWorkload('W3');
  const w4 = runWorkload('W4');
  const w5 = runWorkload('W5');
  const sizes = runWorkload('sizes');
  const out: string[] = [];
  out.push(
    `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}; ` +
      `load average ${load.toFixed(2)} at the start, ${loadavg()[0]!.toFixed(2)} at the end. TensorFlow.js wasm backend: ${wasm.simd ? 'SIMD binary' : 'no SIMD'}, ${wasm.threads ? 'multi-threaded' : 'single-threaded'}. ` +
      'Each workload runs in a fresh Node process; within it every case is checked against a float64 reference, then the cases are timed interleaved. ' +
      "Times are medians with min – max; ratios are to the hand-written loop's median. " +
      'The hand-written loop is the tightest plain JavaScript we could write (bench/peers/hand-written.ts says what was tried): ' +
      'W1 and W3 unrolled with the weights in local variables and the sigmoid inline; dense layers with each weight row a Float64Array view, ' +
      'two output units at a time with four independent accumulators each; the DAG level by level. ' +
      'The same dense loops written for any size (no unrolling) and the plain way one writes it first are shown too.',
  );
  out.push('### W1: XOR 2-2-1 sigmoid, one forward pass', '', formatTable(w1, 'per pass'));
  out.push('### W2: dense 64-128-128-10 sigmoid, one sample', '', formatTable(w2, 'per sample'));
  out.push(
    '### W2 batch: the same network, a batch of 1024 samples',
    '',
    'The hand-written loop blocks four samples × two rows (each weight load serves four samples); the generic and plain ones run row by row. ' +
      "neurograph uses `runBatch` (float64), TensorFlow.js one `tf.fused.matMul({ a, b, bias, activation: 'sigmoid' })` per layer on a 1024-row float32 tensor, weights stored `from × to` (the float64 input converted to float32 included); the others have no batch API and loop over one-sample runs.",
    '',
    formatTable(w2b, 'per batch'),
  );
  out.push(
    `### W3: online SGD on XOR, 2-3-1 sigmoid network with bias, learning rate ${W3_LEARNING_RATE}`,
    '',
    `Every library starts from the same seeded weights and steps once per sample, samples in order. Each first trains ${W3_EPOCHS.toLocaleString('en')} epochs ` +
      '(its wall time and the loss before and after are shown: the loss must go down), then is timed on more epochs. ' +
      'The update rules differ by constant factors: neurograph, the hand-written loop and TensorFlow.js descend mean((y − t)²); brain.js uses (t − y)·σ′; ' +
      'synaptic and neataptic use (t − y) at the output without σ′ (the cross-entropy gradient).',
    '',
    formatTable(w3, 'per sample', ['10,000 epochs', 'loss before → after']),
  );
  out.push(
    '### W4: random DAG, 10,000 neurons, 100,000 connections, sigmoid',
    '',
    'Only libraries that wire arbitrary neurons: synaptic (bare `Neuron`s, `project`, `activate` one by one), neataptic (a `Network` with hand-wired nodes, `noTraceActivate`). ' +
      `Build is the median (and range) of ${BUILD_ROUNDS} timed constructions from the edge list, each after a collection, the libraries in a rotating order (neurograph: \`addInput\`/\`addNeuron\`/\`addOutput\`, then \`connect\` per connection grouped by target or one \`connectMany\` of the whole list as columns, plus its first run or \`compile()\`; ` +
      'the `compile()` row keeps only the compiled snapshot, the `run()` row the whole network; `connectMany` keeps its connections out of graphology until something reads `net.graph`, and the row "then `graph` read" reads it, so it pays for graphology\'s edge records too); ' +
      'memory is heap + external bytes retained (ArrayBuffers and WebAssembly memories), measured around the build with `global.gc`.',
    '',
    formatTable(w4, 'per forward', ['build', 'memory']),
  );
  out.push(
    `### W5: LSTM ${W5_SIZES.join(' → ')} (inputs → cells → outputs), one time step`,
    '',
    `Every library gets the same seeded weights and cycles through one seeded sequence of ${W5_STEPS} input vectors, one step per iteration, ` +
      'its state carried from step to step. Each is first checked step by step from a fresh state against a float64 reference of the cell it computes ' +
      "(they differ: synaptic and neataptic build a peephole LSTM whose gates read the cells rather than h, with a logistic cell and direct input → output connections; brain.js 1.6.1's forget gate multiplies h(t−1) rather than the cell state, and its outputs are linear; see bench/peers/lstm-workload.ts). brain.js has no call for one step with the state carried: its `run(sequence)` runs the whole " +
      `sequence from a fresh state (and one more step on zeros), so its iteration is a ${W5_STEPS}-step \`run\`, reported per step.`,
    '',
    formatTable(w5, 'per step', ['cell']),
  );
  out.push(
    "### Other sizes: no special case for the benchmark's shapes",
    '',
    `Random layered sigmoid networks (seeded weights, ${OTHER_SAMPLES} random samples with one-hot targets, online SGD at learning rate ${OTHER_LEARNING_RATE}): ` +
      '`compile().run` and `Trainer` against the hand-written loops written for any size (row views, two units × four accumulators, no unrolling), ' +
      'each case checked first as above, timed interleaved per size.',
    '',
    formatSizes(sizes),
  );
  out.push('### Targets', '', verdicts(w1, w2, w2b, w3, w4, w5, sizes).join('\n'));
  return out.join('\n\n').replace(/\n{3,}/g, '\n\n');
}

function runWorkload(workload: Workload): Row[] {
  return runWorkloadReport(workload).rows;
}

/** Runs this file as `peers.ts <workload>` in a fresh process with this one's Node flags. */
function runWorkloadReport(workload: Workload): WorkloadReport {
  const stdout = execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), workload], {
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 24,
    encoding: 'utf8',
  });
  return JSON.parse(stdout) as WorkloadReport;
}

async function measureWorkload(workload: Workload): Promise<WorkloadReport> {
  for (const peer of peers) await peer.init?.();
  switch (workload) {
    case 'W1': {
      // XOR forward, cycling through the truth table.
      const rows = xorSamples.map((sample) => Float64Array.from(sample.input));
      const w1Peers = peers.filter((peer) => peer !== neurographFloat32); // float32 is for W2
      return { rows: await measureForward(xorModel, rows, { repetitions: 9, targetMs: 100 }, w1Peers) };
    }
    case 'W2': {
      const model = randomDenseModel([64, 128, 128, 10], 2);
      const batch = randomRows(64, 1024, 3);
      const rows = Array.from({ length: 16 }, (_, s) => batch.slice(s * 64, (s + 1) * 64));
      const single = await measureForward(model, rows, { repetitions: 9, targetMs: 100 });
      return { rows: single, extra: await measureBatch(model, batch, 1024, { repetitions: 7, targetMs: 150 }) };
    }
    case 'W3':
      return { rows: await measureTraining(randomDenseModel([2, 3, 1], 1), xorSamples, W3_LEARNING_RATE, W3_EPOCHS) };
    case 'sizes': {
      // The generic hand-written loops (not unrolled for any shape) against compile().run and
      // Trainer, per size; rows are named "<size>: <peer>".
      const rows: Row[] = [];
      const forwardPeers = peers.filter((peer) => peer === handWrittenGeneric || peer === neurographCompiled);
      const trainPeers = peers.filter((peer) => peer === handWrittenGeneric || peer === neurographTrainer);
      for (const [k, sizes] of OTHER_SIZES.entries()) {
        const model = randomDenseModel(sizes, 10 + k);
        const batch = randomRows(sizes[0]!, OTHER_SAMPLES, 20 + k);
        const inputs = Array.from({ length: OTHER_SAMPLES }, (_, s) => batch.slice(s * sizes[0]!, (s + 1) * sizes[0]!));
        const samples = oneHotSamples(inputs, sizes[sizes.length - 1]!, 30 + k);
        const options = { repetitions: 7, targetMs: 60 };
        const label = sizes.join('-');
        for (const row of await measureForward(model, inputs, options, forwardPeers))
          rows.push({ ...row, name: `${label} forward: ${row.name}` });
        for (const row of await measureTraining(model, samples, OTHER_LEARNING_RATE, 20, trainPeers, options))
          rows.push({ ...row, name: `${label} training: ${row.name}` });
      }
      return { rows };
    }
    case 'W4':
      return { rows: (await measureDag()).rows };
    case 'W5':
      return { rows: await measureLstm() };
  }
}

if (isMainModule(import.meta.url)) {
  const warning = loaderWarning();
  if (warning !== undefined) process.stderr.write(`${warning}\n`);
  const workload = process.argv[2] as Workload;
  process.stdout.write(JSON.stringify(await measureWorkload(workload)));
}

// --- the workloads ---------------------------------------------------------------------------

/**
 * `n` calls of `call(rows[i & mask])`, in a timing loop of the case's own.
 *
 * NOTE: closures made from one function literal share V8's feedback and optimized code, so one
 * shared timing loop sees every peer's function at its call site: after the first few it turns
 * megamorphic, nothing is inlined any more, and whoever was measured first keeps an advantage
 * (the hand-written W1 pass cost 2–4× its own time that way). Each case gets a fresh copy, from a source
 * text of its own: V8 caches `new Function` by its text, and copies of one text shared their optimized code,
 * made for the first case's function (measured on W1: the other cases paid a context load and a call-target
 * check per call, 5–10% of `compile().run`'s time).
 */
export function timingLoop<T>(call: (row: T) => unknown, rows: readonly T[]): (n: number) => unknown {
  if ((rows.length & (rows.length - 1)) !== 0) throw new Error('timingLoop: the row count must be a power of two');
  return new Function(
    'call',
    'rows',
    'mask',
    `// timing loop ${timingLoops++}\n` +
      'return function timed(n) { let y; for (let i = 0; i < n; i++) y = call(rows[i & mask]); return y; };',
  )(call, rows, rows.length - 1) as (n: number) => unknown;
}

async function measureForward(
  model: DenseModel,
  rows: readonly Float64Array[],
  options: CompareOptions,
  candidates: readonly Peer[] = peers,
): Promise<Row[]> {
  const expected = rows.map((row) => denseReference(model, row));
  return measure(
    candidates.filter((peer) => peer.dense !== undefined),
    options,
    (peer) => {
      const runner = peer.dense!(model);
      const error = Math.max(...rows.map((row, k) => maxError(runner.forward(row), expected[k]!)));
      return checked(peer, error, { name: peer.name, run: timingLoop(runner.forward, rows) });
    },
  );
}

async function measureBatch(
  model: DenseModel,
  inputs: Float64Array,
  count: number,
  options: CompareOptions,
): Promise<Row[]> {
  const width = model.sizes[0]!;
  const outputs = model.sizes[model.sizes.length - 1]!;
  const expected = new Float64Array(count * outputs);
  for (let s = 0; s < count; s++)
    expected.set(denseReference(model, inputs.subarray(s * width, (s + 1) * width)), s * outputs);
  return measure(
    peers.filter((peer) => peer.dense !== undefined),
    options,
    (peer) => {
      const runner = peer.dense!(model);
      return checked(peer, maxError(runner.batch(inputs, count), expected), {
        name: peer.name,
        run: timingLoop((x: Float64Array) => runner.batch(x, count), [inputs]),
      });
    },
  );
}

/** Random inputs' one-hot targets (a random class each), for training on other sizes. */
function oneHotSamples(inputs: readonly Float64Array[], outputs: number, seed: number): Sample[] {
  const classes = randomRows(1, inputs.length, seed);
  return inputs.map((input, s) => {
    const hot = Math.floor(classes[s]! * outputs);
    return { input: [...input], output: Array.from({ length: outputs }, (_, j) => (j === hot ? 1 : 0)) };
  });
}

async function measureTraining(
  model: DenseModel,
  samples: readonly Sample[],
  learningRate: number,
  warmupEpochs: number,
  candidates: readonly Peer[] = peers,
  options: CompareOptions = { repetitions: 7, targetMs: 150 },
): Promise<Row[]> {
  const trainers = candidates.filter((peer) => peer.train !== undefined);
  const convergence = new Map<string, string[]>();
  const failures = new Map<string, string>();
  for (const peer of trainers) {
    const runner = peer.train!(model, samples, learningRate);
    const before = runner.loss();
    const start = process.hrtime.bigint();
    await runner.train(warmupEpochs);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    const after = runner.loss();
    convergence.set(peer.name, [`${(ms / 1000).toFixed(2)} s`, `${before.toFixed(4)} → ${after.toExponential(2)}`]);
    if (!(after < before)) failures.set(peer.name, `the loss did not go down (${before} → ${after})`);
  }
  const cases = trainers
    .filter((peer) => !failures.has(peer.name))
    .map((peer) => {
      const runner = peer.train!(model, samples, learningRate);
      return { name: peer.name, unitsPerIteration: samples.length, run: (epochs: number) => runner.train(epochs) };
    });
  const results = await compareAsync(cases, options);
  return trainers.map((peer): Row => {
    const extra = convergence.get(peer.name)!;
    const failure = failures.get(peer.name);
    if (failure !== undefined) return { name: peer.name, failure, extra };
    return { name: peer.name, result: results.find((r) => r.name === peer.name)!, extra };
  });
}

async function measureDag(): Promise<{ rows: Row[] }> {
  const dag = randomDag(10_000, 100_000, 100, 100, 4);
  const input = randomRows(100, 1, 5);
  const expected = dagReference(dag, input);
  const wiring = peers.filter((peer) => peer.dag !== undefined);
  const build = (peer: Peer) => {
    const built = peer.dag!(dag);
    if (peer.name.startsWith('neurograph `run()`')) built.forward(new Float64Array(dag.inputs)); // its plan is compiled on the first run
    return built;
  };
  // NOTE: each build is timed BUILD_ROUNDS times, every round in another order, after a collection, and the median
  // is reported: one build, timed once, is the library's code before V8 optimizes it, plus whatever collection
  // another library's garbage costs it.
  const buildTimes = new Map<string, number[]>(wiring.map((peer) => [peer.name, []]));
  for (let round = 0; round < BUILD_ROUNDS; round++) {
    for (let k = 0; k < wiring.length; k++) {
      const peer = wiring[(k + round) % wiring.length]!;
      globalThis.gc?.();
      try {
        buildTimes.get(peer.name)!.push(timeOnce(() => build(peer)).ms);
      } catch {
        // The same build throws again below, where its failure is reported.
      }
    }
  }
  const builds = new Map<string, string[]>();
  const buildMs = new Map<string, number>();
  const rows = await measure(wiring, { repetitions: 9, targetMs: 150 }, (peer) => {
    const before = memory();
    const runner = build(peer);
    const times = buildTimes.get(peer.name)!.sort((a, b) => a - b);
    const ms = times[times.length >> 1]!;
    buildMs.set(peer.name, ms);
    builds.set(peer.name, [
      `${ms < 1000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(2)} s`} (${times[0]!.toFixed(0)}–${times.at(-1)!.toFixed(0)})`,
      `${(Math.max(0, memory() - before) / 1e6).toFixed(1)} MB`,
    ]);
    return checked(peer, maxError(runner.forward(input), expected), {
      name: peer.name,
      run: timingLoop(runner.forward, [input]),
    });
  });
  const notWiring = peers
    .filter(
      (peer) =>
        peer.dense !== undefined &&
        peer.dag === undefined &&
        !peer.name.startsWith('hand-written') &&
        !peer.name.startsWith('neurograph'), // float32 is for layered networks; the float64 rows wire the DAG
    )
    .map((peer) => peer.name);
  return {
    rows: [
      ...rows.map((row): Row => {
        const ms = buildMs.get(row.name);
        return { ...row, extra: builds.get(row.name) ?? ['—', '—'], ...(ms === undefined ? {} : { buildMs: ms }) };
      }),
      ...notWiring.map(
        (name): Row => ({ name, failure: 'cannot wire arbitrary neurons (fixed layers only)', extra: ['—', '—'] }),
      ),
    ],
  };
}

/** W5: each library's LSTM, checked against its cell's reference, then timed one step per iteration. */
async function measureLstm(): Promise<Row[]> {
  const [inputs, cells, outputs] = W5_SIZES;
  const model = randomLstmModel(inputs, cells, outputs, 5);
  const sequence = randomSequence(inputs, W5_STEPS, 6);
  const notes = new Map<string, string>();
  const prepared = recurrentPeers.map((peer): Case | string => {
    try {
      const runner = peer.lstm(model);
      notes.set(peer.name, variantNotes[runner.variant]);
      const error = lstmError(model, runner, sequence);
      if (!(error <= peer.tolerance))
        return `fails the check: error ${error.toExponential(1)} > tolerance ${peer.tolerance}`;
      if (runner.step !== undefined) {
        const step = runner.step.bind(runner);
        let t = 0;
        return {
          name: peer.name,
          run: (n) => {
            let y: unknown;
            for (let i = 0; i < n; i++) {
              y = step(sequence[t]!);
              t = t + 1 === W5_STEPS ? 0 : t + 1;
            }
            return y;
          },
        };
      }
      const run = runner.sequence!.bind(runner);
      return {
        name: peer.name,
        unitsPerIteration: W5_STEPS,
        run: (n) => {
          let y: unknown;
          for (let i = 0; i < n; i++) y = run(sequence);
          return y;
        },
      };
    } catch (error) {
      return `threw: ${error instanceof Error ? error.message : String(error)}`;
    }
  });
  const cases = prepared.filter((c): c is Case => typeof c !== 'string');
  const results = await compareAsync(cases, { repetitions: 9, targetMs: 100 });
  return recurrentPeers.map((peer, i): Row => {
    const c = prepared[i]!;
    const extra = [notes.get(peer.name) ?? '—'];
    return typeof c === 'string'
      ? { name: peer.name, failure: c, extra }
      : { name: peer.name, result: results.find((r) => r.name === peer.name)!, extra };
  });
}

function memory(): number {
  globalThis.gc?.();
  globalThis.gc?.();
  // NOTE: `external` counts WebAssembly memories (the CSR form's pass lives in one), `arrayBuffers` does not.
  const { heapUsed, external } = process.memoryUsage();
  return heapUsed + external;
}

// --- measuring ---------------------------------------------------------------------------------

interface CompareOptions {
  readonly repetitions: number;
  readonly targetMs: number;
}

/** A case if the peer's answer is within its tolerance of the reference, else why not. */
function checked(peer: Peer, error: number, benchCase: Case): Case | string {
  return error <= peer.tolerance
    ? benchCase
    : `fails the check: error ${error.toExponential(1)} > tolerance ${peer.tolerance}`;
}

/** Builds and checks every peer's case (an exception is a failure too), then times the passing ones interleaved. */
async function measure(
  candidates: readonly Peer[],
  options: CompareOptions,
  prepare: (peer: Peer) => Case | string,
): Promise<Row[]> {
  const prepared = candidates.map((peer) => {
    try {
      return prepare(peer);
    } catch (error) {
      return `threw: ${error instanceof Error ? error.message : String(error)}`;
    }
  });
  const cases = prepared.filter((c): c is Case => typeof c !== 'string');
  const results = await compareAsync(cases, options);
  return candidates.map((peer, i): Row => {
    const c = prepared[i]!;
    return typeof c === 'string'
      ? { name: peer.name, failure: c }
      : { name: peer.name, result: results.find((r) => r.name === peer.name)! };
  });
}

/** The harness's `compare` (calibrate each case to `targetMs`, then interleave), for cases that may be async. */
async function compareAsync(cases: readonly Case[], { repetitions, targetMs }: CompareOptions): Promise<BenchResult[]> {
  const time = async (benchCase: Case, count: number) => {
    const start = process.hrtime.bigint();
    await benchCase.run(count);
    return Number(process.hrtime.bigint() - start);
  };
  const iterations: number[] = [];
  for (const benchCase of cases) {
    // NOTE: warm up first, for WARMUP_MS of calls: V8 optimizes long straight-line functions
    // (neurograph's generated code, the unrolled loops) only after ~0.1–1 s on this machine, and
    // a calibration on the unoptimized code would pick too few iterations and time it too.
    let count = 1;
    for (let spent = 0; spent < WARMUP_MS; count *= 2) spent += (await time(benchCase, count)) / 1e6;
    count = 1;
    for (;;) {
      const ms = (await time(benchCase, count)) / 1e6;
      if (ms >= targetMs / 4 || count >= 1 << 30) {
        iterations.push(Math.max(1, Math.round((count * targetMs) / Math.max(ms, 1e-3))));
        break;
      }
      count *= 4;
    }
  }
  const samples: number[][] = cases.map(() => []);
  // NOTE: each repetition starts one case later (a rotation): measured on W1's tight loop and generated code, the
  // case timed first in a round ran up to ~10% faster than in another place, whichever case that was.
  for (let repetition = 0; repetition < repetitions; repetition++) {
    for (let k = 0; k < cases.length; k++) {
      const i = (k + repetition) % cases.length;
      const benchCase = cases[i]!;
      samples[i]!.push((await time(benchCase, iterations[i]!)) / iterations[i]! / (benchCase.unitsPerIteration ?? 1));
    }
  }
  return cases.map((benchCase, i) => {
    const sorted = [...samples[i]!].sort((a, b) => a - b);
    return {
      name: benchCase.name,
      median: sorted[sorted.length >> 1]!,
      min: sorted[0]!,
      max: sorted[sorted.length - 1]!,
    };
  });
}

// --- reporting -----------------------------------------------------------------------------------

function formatTable(rows: readonly Row[], unit: string, extraHeader: readonly string[] = []): string {
  const hand = rows.find((row) => row.name === HAND);
  const light = hand !== undefined && 'result' in hand ? hand.result.median : Number.NaN;
  return table(
    ['library', `median ${unit}`, 'min – max', '× hand-written', ...extraHeader],
    rows.map((row) => {
      const extra = row.extra ?? extraHeader.map(() => '');
      if ('failure' in row) return [row.name, '—', row.failure, '—', ...extra];
      const { median, min, max } = row.result;
      return [
        row.name,
        formatNs(median),
        `${formatNs(min)} – ${formatNs(max)}`,
        `${(median / light).toFixed(2)}×`,
        ...extra,
      ];
    }),
  );
}

function median(rows: readonly Row[], name: string): number {
  const row = rows.find((r) => r.name.startsWith(name));
  return row !== undefined && 'result' in row ? row.result.median : Number.NaN;
}

/** One row per size: forward and training medians and their ratios. */
function formatSizes(rows: readonly Row[]): string {
  const labels = [...new Set(rows.map((row) => row.name.slice(0, row.name.indexOf(' '))))];
  const cell = (name: string) => {
    const row = rows.find((r) => r.name === name);
    return row === undefined ? '—' : 'result' in row ? formatNs(row.result.median) : row.failure;
  };
  return table(
    ['sizes', 'hand-written forward', '`compile().run`', 'ratio', 'hand-written SGD step', '`Trainer` step', 'ratio'],
    labels.map((label) => [
      label,
      cell(`${label} forward: ${handWrittenGeneric.name}`),
      cell(`${label} forward: ${neurographCompiled.name}`),
      `${sizeRatio(rows, label, 'forward', neurographCompiled.name).toFixed(2)}×`,
      cell(`${label} training: ${handWrittenGeneric.name}`),
      cell(`${label} training: ${neurographTrainer.name}`),
      `${sizeRatio(rows, label, 'training', neurographTrainer.name).toFixed(2)}×`,
    ]),
  );
}

function sizeRatio(rows: readonly Row[], label: string, what: 'forward' | 'training', name: string): number {
  return median(rows, `${label} ${what}: ${name}`) / median(rows, `${label} ${what}: ${handWrittenGeneric.name}`);
}

function verdicts(w1: Row[], w2: Row[], w2b: Row[], w3: Row[], w4: Row[], w5: Row[], sizes: Row[]): string[] {
  const ratio = (rows: Row[], name: string) => median(rows, name) / median(rows, HAND);
  const met = (ok: boolean) => (ok ? 'met' : 'missed');
  const line = (what: string, value: number, limit: number, unit = '×') =>
    `- ${what}: ${value.toFixed(2)}${unit} (target ≤ ${limit}${unit}) — ${met(value <= limit)}`;
  const ahead = (what: string, ours: number, theirs: number, peer: string) =>
    `- ${what}: ${formatNs(ours)} vs ${peer} ${formatNs(theirs)}, ${(ours / theirs).toFixed(2)}× (target ahead of ${peer}, < 1×) — ${met(ours < theirs)}`;
  const build = (name: string) => w4.find((row) => row.name === name)?.buildMs ?? Number.NaN;
  const neataptic = build('neataptic 1.4.7');
  const labels = [...new Set(sizes.map((row) => row.name.slice(0, row.name.indexOf(' '))))];
  const worst = (what: 'forward' | 'training', name: string) => {
    const ratios = labels.map((label) => sizeRatio(sizes, label, what, name));
    const i = ratios.indexOf(Math.max(...ratios));
    return { value: ratios[i]!, label: labels[i]! };
  };
  const sizesForward = worst('forward', neurographCompiled.name);
  const sizesTraining = worst('training', neurographTrainer.name);
  return [
    line('W1 `compile().run` vs the tight loop', ratio(w1, 'neurograph `compile()`'), 1.1),
    ahead('W1 `compile().run` vs synaptic', median(w1, 'neurograph `compile()`'), median(w1, 'synaptic'), 'synaptic'),
    line('W1 `Network.run()`, no listener, vs the tight loop', ratio(w1, 'neurograph `run()`'), 2),
    line('W3 `Trainer` online SGD vs the tight loop', ratio(w3, 'neurograph `Trainer`'), 1.3),
    ahead(
      'W3 `Trainer` online SGD vs synaptic',
      median(w3, 'neurograph `Trainer`'),
      median(w3, 'synaptic'),
      'synaptic',
    ),
    line('W2 one sample, `compile().run` vs the tight loop', ratio(w2, 'neurograph `compile()`'), 1.15),
    line(
      'W2 batch of 1024, `runBatch` (float64) vs TensorFlow.js wasm (fused, float32)',
      median(w2b, 'neurograph `compile()`') / median(w2b, 'TensorFlow.js 4.22 wasm'),
      1,
    ),
    ...(Number.isNaN(median(w2b, neurographFloat32.name))
      ? [`- W2 batch of 1024 in float32: \`compile({ precision: 'float32' })\` is not available in this build`]
      : [
          line(
            "W2 batch of 1024, `runBatch` with `compile({ precision: 'float32' })` vs TensorFlow.js wasm (both float32)",
            median(w2b, neurographFloat32.name) / median(w2b, 'TensorFlow.js 4.22 wasm'),
            1,
          ),
        ]),
    line('W4 build with `connect`, vs neataptic', build('neurograph `compile()`') / neataptic, 1),
    line(
      'W4 build with `connectMany`, vs neataptic',
      build('neurograph `compile()`, built with `connectMany`') / neataptic,
      1,
    ),
    `- W4 build with \`connectMany\`, then \`net.graph\` read (graphology's edge records made too), vs neataptic: ${(
      build(neurographConnectManyGraph.name) / neataptic
    ).toFixed(2)}× (target none; shown for comparison)`,
    line('W4 `compile().run` vs the tight loop', ratio(w4, 'neurograph `compile()`'), 1),
    line(
      `Other sizes, \`compile().run\` vs the generic loop, the worst (${sizesForward.label})`,
      sizesForward.value,
      1.15,
    ),
    line(
      `Other sizes, \`Trainer\` vs the generic SGD loop, the worst (${sizesTraining.label})`,
      sizesTraining.value,
      1.3,
    ),
    line('W5 LSTM step, compiled vs hand-written', ratio(w5, 'neurograph `compile()`'), 1.3),
    line(
      'W5 LSTM step, compiled vs the fastest peer',
      median(w5, 'neurograph `compile()`') /
        Math.min(
          ...['synaptic', 'neataptic', 'brain.js'].map((name) => median(w5, name)).filter((m) => !Number.isNaN(m)),
        ),
      1,
    ),
  ];
}
