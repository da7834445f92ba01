/**
 * Generated code, measured (issue 13): where does it pay?
 *
 *   node --import tsx/esm scripts/measure-generated.ts [w1|w3|crossover|crossover-training|all]
 *
 * - W1-like: XOR 2-2-1 sigmoid, one forward pass: a tight hand-written loop (weight rows as
 *   Float64Array views, two units at a time with four accumulators each, the sigmoid inline),
 *   `compile().run` (generated), the same network on the loops, and synaptic's optimized network.
 * - W3-like: online SGD on XOR, 2-3-1 sigmoid with bias, learning rate 0.5, samples in order:
 *   a tight hand-written step (forward, backward and update fused), `Trainer` (generated fused
 *   step), `Trainer` on the loops, and synaptic's activate + propagate. Per sample.
 * - Crossover: layered and random DAG networks of growing size, generated code against the loops,
 *   per run, and the time to generate and compile the code once; and `Trainer` per sample. V8 optimizes
 *   long generated functions late (run with `node --trace-opt --import tsx/esm` to see how late): that, more
 *   than the steady-state speed, sets GENERATED_MAX_SIZE and GENERATED_STEP_MAX_SIZE.
 *
 * Cases are interleaved (bench/harness.ts) and reported as medians; the machine is shared, so
 * compare ratios within one run.
 */
import { compare, formatNs } from '../bench/harness.js';
import { synapticPeer } from '../bench/peers/synaptic.js';
import { randomDenseModel, xorModel, xorSamples, type DenseModel } from '../bench/peers/workloads.js';
import { layeredNetwork } from '../bench/peers/neurograph.js';
import { CsrCompiledNetwork } from '../src/executors/csr-compiled.js';
import { DenseCompiledNetwork } from '../src/executors/dense-compiled.js';
import { forwardSource, type GeneratedForward } from '../src/executors/generated-code.js';
import { GeneratedCompiledNetwork } from '../src/executors/generated-compiled.js';
import { Network, Trainer, createRandom } from '../src/index.js';
import { denseModelOf } from '../src/plan/dense-model.js';
import { planOf } from '../src/plan/plan-cache.js';
import type { Plan } from '../src/plan/plan.js';
import { setDenseOnlineTraining } from '../src/train/dense-online-step.js';
import { GENERATED_STEP_MAX_SIZE, setGeneratedTraining } from '../src/train/generated-step.js';

const which = process.argv[2] ?? 'all';

function loopsOf(plan: Plan) {
  const found = denseModelOf(plan);
  return 'model' in found && found.model.layers.length > 0
    ? new DenseCompiledNetwork(found.model)
    : new CsrCompiledNetwork(plan);
}

/** The tight dense forward pass, as the issue describes it. */
function tightForward(model: DenseModel) {
  const { sizes, layers } = model;
  const values = sizes.map((size) => new Float64Array(size));
  const rows = layers.map((layer, k) =>
    Array.from({ length: sizes[k + 1]! }, (_, j) => layer.weights.subarray(j * sizes[k]!, (j + 1) * sizes[k]!)),
  );
  const biases = layers.map((layer) => layer.bias);
  return (input: Float64Array): Float64Array => {
    let x = input;
    for (let k = 0; k < rows.length; k++) {
      const y = values[k + 1]!;
      const w = rows[k]!;
      const b = biases[k]!;
      const from = x.length;
      let j = 0;
      for (; j + 2 <= y.length; j += 2) {
        const u = w[j]!;
        const v = w[j + 1]!;
        let a0 = 0;
        let a1 = 0;
        let a2 = 0;
        let a3 = 0;
        let b0 = 0;
        let b1 = 0;
        let b2 = 0;
        let b3 = 0;
        let i = 0;
        for (; i + 4 <= from; i += 4) {
          const x0 = x[i]!;
          const x1 = x[i + 1]!;
          const x2 = x[i + 2]!;
          const x3 = x[i + 3]!;
          a0 += u[i]! * x0;
          a1 += u[i + 1]! * x1;
          a2 += u[i + 2]! * x2;
          a3 += u[i + 3]! * x3;
          b0 += v[i]! * x0;
          b1 += v[i + 1]! * x1;
          b2 += v[i + 2]! * x2;
          b3 += v[i + 3]! * x3;
        }
        for (; i < from; i++) {
          a0 += u[i]! * x[i]!;
          b0 += v[i]! * x[i]!;
        }
        y[j] = 1 / (1 + Math.exp(-(b[j]! + a0 + a1 + a2 + a3)));
        y[j + 1] = 1 / (1 + Math.exp(-(b[j + 1]! + b0 + b1 + b2 + b3)));
      }
      for (; j < y.length; j++) {
        const u = w[j]!;
        let a = b[j]!;
        for (let i = 0; i < from; i++) a += u[i]! * x[i]!;
        y[j] = 1 / (1 + Math.exp(-a));
      }
      x = y;
    }
    return x;
  };
}

/** Online SGD on mean squared error, tight: flat rows, the update fused into the backward pass. */
function tightSgd(model: DenseModel, learningRate: number) {
  const { sizes } = model;
  const layers = sizes.length - 1;
  const weights = model.layers.map((layer) => layer.weights.slice());
  const biases = model.layers.map((layer) => layer.bias.slice());
  const values = sizes.map((size) => new Float64Array(size));
  const deltas = sizes.map((size) => new Float64Array(size));
  const inputs = xorSamples.map((sample) => Float64Array.from(sample.input));
  const targets = xorSamples.map((sample) => Float64Array.from(sample.output));
  const outputs = sizes[layers]!;
  const scale = 2 / outputs;
  return (epochs: number) => {
    for (let epoch = 0; epoch < epochs; epoch++) {
      for (let s = 0; s < inputs.length; s++) {
        values[0] = inputs[s]!;
        for (let k = 0; k < layers; k++) {
          const x = values[k]!;
          const y = values[k + 1]!;
          const w = weights[k]!;
          const b = biases[k]!;
          const from = x.length;
          for (let j = 0, row = 0; j < y.length; j++, row += from) {
            let a = b[j]!;
            for (let i = 0; i < from; i++) a += w[row + i]! * x[i]!;
            y[j] = 1 / (1 + Math.exp(-a));
          }
        }
        const y = values[layers]!;
        const t = targets[s]!;
        const top = deltas[layers]!;
        for (let j = 0; j < outputs; j++) top[j] = scale * (y[j]! - t[j]!);
        for (let k = layers - 1; k >= 0; k--) {
          const x = values[k]!;
          const out = values[k + 1]!;
          const delta = deltas[k + 1]!;
          const w = weights[k]!;
          const b = biases[k]!;
          const from = x.length;
          if (k > 0) {
            const below = deltas[k]!;
            for (let i = 0; i < from; i++) below[i] = 0;
            for (let j = 0, row = 0; j < out.length; j++, row += from) {
              const o = out[j]!;
              const local = delta[j]! * o * (1 - o);
              const step = learningRate * local;
              b[j] = b[j]! - step;
              for (let i = 0; i < from; i++) {
                below[i] = below[i]! + local * w[row + i]!;
                w[row + i] = w[row + i]! - step * x[i]!;
              }
            }
          } else {
            for (let j = 0, row = 0; j < out.length; j++, row += from) {
              const o = out[j]!;
              const step = learningRate * delta[j]! * o * (1 - o);
              b[j] = b[j]! - step;
              for (let i = 0; i < from; i++) w[row + i] = w[row + i]! - step * x[i]!;
            }
          }
        }
      }
    }
    return values[layers];
  };
}

function report(title: string, results: ReturnType<typeof compare>, base: string) {
  const reference = results.find((r) => r.name === base)!.median;
  console.log(`\n${title}\n`);
  console.log('| case | median | min – max | × tight loop |\n| --- | --- | --- | --- |');
  for (const r of results) {
    console.log(
      `| ${r.name} | ${formatNs(r.median)} | ${formatNs(r.min)} – ${formatNs(r.max)} | ${(r.median / reference).toFixed(2)}× |`,
    );
  }
}

function w1() {
  const rows = xorSamples.map((sample) => Float64Array.from(sample.input));
  const tight = tightForward(xorModel);
  const net = layeredNetwork(xorModel);
  const compiled = net.compile();
  if (!compiled.generated) throw new Error('W1: compile() did not generate code');
  const loops = loopsOf(planOf(net));
  const synaptic = synapticPeer.dense!(xorModel);
  const out = new Float64Array(1);
  const out2 = new Float64Array(1);
  for (const row of rows) {
    const expected = tight(row)[0]!;
    const got = [compiled.run(row, out)[0]!, loops.run(row, out2)[0]!, synaptic.forward(row)[0]!];
    if (got.some((value) => Math.abs(value - expected) > 1e-12)) throw new Error(`W1 disagrees: ${got} vs ${expected}`);
  }
  const results = compare(
    [
      { name: 'tight hand-written loop', run: (n) => loop(n, (row) => tight(row)) },
      { name: 'neurograph `compile().run` (generated)', run: (n) => loop(n, (row) => compiled.run(row, out)) },
      { name: 'neurograph compiled, dense loops', run: (n) => loop(n, (row) => loops.run(row, out2)) },
      { name: 'synaptic 1.1.4', run: (n) => loop(n, (row) => synaptic.forward(row)) },
    ],
    { repetitions: 15, targetMs: 100 },
  );
  report('W1-like: XOR 2-2-1 sigmoid, one forward pass', results, 'tight hand-written loop');

  function loop(n: number, forward: (row: Float64Array) => ArrayLike<number>) {
    let y: unknown;
    for (let i = 0; i < n; i++) y = forward(rows[i & 3]!);
    return y;
  }
}

/**
 * Runs `train` with the generated step on, or with the loops: the graph walk, so the dense online step is switched
 * off with the generated one.
 */
async function trainWith(generated: boolean, train: () => Promise<unknown>): Promise<void> {
  setGeneratedTraining(generated);
  setDenseOnlineTraining(generated);
  try {
    await train();
  } finally {
    setGeneratedTraining(true);
    setDenseOnlineTraining(true);
  }
}

async function w3() {
  const model = randomDenseModel([2, 3, 1], 1);
  const tight = tightSgd(model, 0.5);
  const plain = xorSamples.map((sample) => ({ input: [...sample.input], output: [...sample.output] }));
  const trainerOf = (generated: boolean) => {
    const net = layeredNetwork(model);
    const trainers = new Map<number, Trainer>();
    return async (epochs: number) => {
      let trainer = trainers.get(epochs);
      if (trainer === undefined) {
        trainer = new Trainer(net, {
          learningRate: 0.5,
          optimizer: 'sgd',
          loss: 'mse',
          batchSize: 1,
          epochs,
          shuffle: false,
        });
        trainers.set(epochs, trainer);
      }
      await trainWith(generated, () => trainer.train(plain));
    };
  };
  const synaptic = synapticPeer.train!(model, xorSamples, 0.5);
  const cases = [
    { name: 'tight hand-written step', run: (epochs: number) => tight(epochs) },
    { name: 'neurograph `Trainer` (generated step)', run: trainerOf(true) },
    { name: 'neurograph `Trainer`, loops', run: trainerOf(false) },
    { name: 'synaptic 1.1.4', run: (epochs: number) => synaptic.train(epochs) },
  ];
  const results = await compareAsync(cases, 15, 150, xorSamples.length);
  report('W3-like: online SGD on XOR, 2-3-1 sigmoid with bias, per sample', results, 'tight hand-written step');
}

/** `compare` for cases that may return a promise. */
async function compareAsync(
  cases: readonly { name: string; run: (n: number) => unknown }[],
  repetitions: number,
  targetMs: number,
  units: number,
) {
  const counts: number[] = [];
  // Warm up first (the optimizing compiler, the first train() calls), so that calibration measures steady work.
  for (const c of cases) {
    const start = performance.now();
    for (let n = 1; performance.now() - start < targetMs; n *= 2) await c.run(n);
  }
  for (const c of cases) {
    let n = 1;
    for (;;) {
      const start = performance.now();
      await c.run(n);
      const ms = performance.now() - start;
      if (ms >= targetMs / 4) {
        counts.push(Math.max(1, Math.round((n * targetMs) / ms)));
        break;
      }
      n *= 4;
    }
  }
  const samples: number[][] = cases.map(() => []);
  for (let r = 0; r < repetitions; r++) {
    for (let i = 0; i < cases.length; i++) {
      const start = process.hrtime.bigint();
      await cases[i]!.run(counts[i]!);
      samples[i]!.push(Number(process.hrtime.bigint() - start) / counts[i]! / units);
    }
  }
  return cases.map((c, i) => {
    const sorted = [...samples[i]!].sort((a, b) => a - b);
    return { name: c.name, median: sorted[sorted.length >> 1]!, min: sorted[0]!, max: sorted[sorted.length - 1]! };
  });
}

function randomDag(neurons: number, connections: number, seed: number): Network {
  const random = createRandom(seed);
  const inputs = Math.max(2, Math.round(neurons / 8));
  const net = new Network();
  for (let i = 0; i < inputs; i++) net.addInput(`x${i}`);
  for (let n = inputs; n < neurons; n++) {
    if (n >= neurons - 2) net.addOutput(`n${n}`, { activation: 'sigmoid' });
    else net.addNeuron(`n${n}`, { activation: n % 3 === 0 ? 'tanh' : 'sigmoid' });
  }
  const ids = net.neurons;
  const seen = new Set<number>();
  let made = 0;
  for (let n = inputs; n < neurons; n++) {
    net.connect(ids[Math.floor(random() * n)]!, ids[n]!, random() - 0.5);
    seen.add(n * neurons + n);
    made++;
  }
  while (made < connections) {
    const to = inputs + Math.floor(random() * (neurons - inputs));
    const from = Math.floor(random() * to);
    if (seen.has(from * neurons + to) || net.graph.hasEdge(ids[from]!, ids[to]!)) continue;
    seen.add(from * neurons + to);
    net.connect(ids[from]!, ids[to]!, random() - 0.5);
    made++;
  }
  return net;
}

function crossover() {
  console.log(
    '\nCrossover: per run (steady state), generated vs loops; generating, compiling and the first run once\n',
  );
  console.log(
    '| network | connections + neurons | generated / run | loops / run | ratio | source + new Function + first run |',
  );
  console.log('| --- | --- | --- | --- | --- | --- |');
  const layered = [
    [2, 3, 1],
    [4, 8, 2],
    [8, 8, 4],
    [8, 16, 4],
    [12, 16, 4],
    [16, 16, 4],
    [16, 24, 6],
    [16, 32, 8],
    [32, 32, 10],
    [64, 64, 10],
  ];
  const dags = [
    [12, 30],
    [30, 100],
    [40, 150],
    [60, 250],
    [100, 500],
    [200, 1200],
  ];
  const shapes: { name: string; net: () => Network }[] = [
    ...layered.map((sizes) => ({
      name: `layered ${sizes.join('-')}`,
      net: () => Network.layered(sizes, { seed: 3 }),
    })),
    ...dags.map(([neurons, connections]) => ({
      name: `DAG ${neurons} neurons`,
      net: () => randomDag(neurons!, connections!, 5),
    })),
  ];
  for (const shape of shapes) {
    const net = shape.net();
    const plan = planOf(net);
    const size = plan.sources.length + plan.size;
    const random = createRandom(7);
    const rows = Array.from({ length: 8 }, () => Float64Array.from(net.inputs, () => random() * 2 - 1));
    const out = new Float64Array(net.outputs.length);
    // What compile() pays the first time it meets a structure: the source, new Function, a first (interpreted) run.
    const start = process.hrtime.bigint();
    const made = new Function(forwardSource(plan))() as GeneratedForward;
    const generated = new GeneratedCompiledNetwork(plan, made);
    generated.run(rows[0]!, out);
    const firstNs = Number(process.hrtime.bigint() - start);
    const loops = loopsOf(plan);
    // 0.3 s of each first: what a user's first 0.3 s of runs pays is in the last column's story, not in the medians.
    for (const warm of [generated, loops]) {
      const until = performance.now() + 300;
      while (performance.now() < until) each(1000, (row) => warm.run(row, out));
    }
    const [g, l] = compare(
      [
        { name: 'generated', run: (n) => each(n, (row) => generated.run(row, out)) },
        { name: 'loops', run: (n) => each(n, (row) => loops.run(row, out)) },
      ],
      { repetitions: 9, targetMs: 80 },
    );
    console.log(
      `| ${shape.name} | ${size} | ${formatNs(g!.median)} | ${formatNs(l!.median)} | ${(g!.median / l!.median).toFixed(2)}× | ${formatNs(firstNs)} |`,
    );

    function each(n: number, forward: (row: Float64Array) => unknown) {
      let y: unknown;
      for (let i = 0; i < n; i++) y = forward(rows[i & 7]!);
      return y;
    }
  }
}

async function crossoverTraining() {
  console.log(
    '\nCrossover, training: `Trainer` online SGD per sample, generated step vs loops (16 samples, mse; past ' +
      `${GENERATED_STEP_MAX_SIZE} connections + neurons both take the loops)\n`,
  );
  console.log('| network | connections + neurons | generated / sample | loops / sample | ratio |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const sizes of [
    [2, 3, 1],
    [4, 8, 2],
    [8, 8, 4],
    [8, 16, 4],
    [12, 16, 4],
    [16, 16, 4],
    [16, 20, 6],
  ]) {
    const net = Network.layered(sizes, { seed: 3 });
    const plan = planOf(net);
    const random = createRandom(11);
    const samples = Array.from({ length: 16 }, () => ({
      input: net.inputs.map(() => random() * 2 - 1),
      output: net.outputs.map(() => (random() < 0.5 ? 0 : 1)),
    }));
    const trainerOf = (generated: boolean) => {
      const copy = Network.fromJSON(net.toJSON());
      const trainers = new Map<number, Trainer>();
      return async (epochs: number) => {
        let trainer = trainers.get(epochs);
        if (trainer === undefined) {
          trainer = new Trainer(copy, { learningRate: 0.05, epochs, shuffle: false });
          trainers.set(epochs, trainer);
        }
        await trainWith(generated, () => trainer.train(samples));
      };
    };
    const [g, l] = await compareAsync(
      [
        { name: 'generated', run: trainerOf(true) },
        { name: 'loops', run: trainerOf(false) },
      ],
      9,
      80,
      samples.length,
    );
    console.log(
      `| layered ${sizes.join('-')} | ${plan.sources.length + plan.size} | ${formatNs(g!.median)} | ${formatNs(l!.median)} | ${(g!.median / l!.median).toFixed(2)}× |`,
    );
  }
}

if (which === 'w1' || which === 'all') w1();
if (which === 'w3' || which === 'all') await w3();
if (which === 'crossover' || which === 'all') crossover();
if (which === 'crossover-training' || which === 'all') await crossoverTraining();
