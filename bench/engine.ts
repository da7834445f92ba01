/**
 * Core engine benchmark (issue 2): the scheduler against a hand-written CSR loop,
 * the seed's XOR per run, and building a network of a million connections.
 */
import { Network } from '../src/index.js';
import * as xor from '../scenarios/xor.js';
import { randomNetwork } from '../test/support/random-network.js';
import { compare, formatNs, table, timeOnce } from './harness.js';
import { planOf } from '../src/plan/plan-cache.js';

/** The speed of light: the plan's own CSR arrays, summed and squashed by a bare loop. */
function handWrittenPropagation(net: Network) {
  const { size, starts, sources, weights, inputPositions, roles } = planOf(net);
  const values = new Float64Array(size);
  const isSource = roles.map((role) => (role === 0 || role === 1 ? 1 : 0));
  return (input: Float64Array) => {
    for (let i = 0; i < inputPositions.length; i++) values[inputPositions[i]!] = input[i]!;
    for (let p = 0; p < size; p++) {
      if (isSource[p]) {
        if (roles[p] === 1) values[p] = 1;
        continue;
      }
      let sum = 0;
      for (let s = starts[p]!, end = starts[p + 1]!; s < end; s++) sum += weights[s]! * values[sources[s]!]!;
      values[p] = 1 / (1 + Math.exp(-sum));
    }
    return values;
  };
}

function heapUsed(): number {
  globalThis.gc?.();
  globalThis.gc?.();
  return process.memoryUsage().heapUsed;
}

export async function benchEngine(): Promise<string> {
  // The seed's XOR first, while V8 has seen no other network: its feedback from the
  // big networks below slows small ones down (measured again after them).
  const seedXor = xor.build();
  const rows = [
    { a: 0, b: 0 },
    { a: 0, b: 1 },
    { a: 1, b: 0 },
    { a: 1, b: 1 },
  ];
  const xorCase = {
    name: 'XOR',
    run: (n: number) => {
      let v: unknown;
      for (let i = 0; i < n; i++) v = seedXor.run(rows[i & 3]!);
      return v;
    },
  };
  const [xorRun] = compare([xorCase], { repetitions: 9, targetMs: 150 });

  const net = randomNetwork(7, {
    inputs: 20,
    hidden: 9_960,
    outputs: 20,
    connections: 100_000,
    activations: ['sigmoid'],
  });
  const connections = net.graph.size;
  const input = Float64Array.from(net.inputs, (_id, i) => (i % 5) / 5);
  const handWritten = handWrittenPropagation(net);
  // Both paths must compute the same thing before they are timed.
  const expected = net.run(input);
  const light = handWritten(input);
  for (const [i, id] of net.outputs.entries()) {
    if (Math.abs(light[planOf(net).outputPositions[i]!]! - expected[id]!) > 1e-12)
      throw new Error(`bench: hand-written loop disagrees at ${id}`);
  }

  const listened = randomNetwork(7, {
    inputs: 20,
    hidden: 9_960,
    outputs: 20,
    connections: 100_000,
    activations: ['sigmoid'],
  });
  listened.on('neuronActivated', () => {});
  const dag = compare(
    [
      {
        name: 'hand-written Float64Array CSR loop',
        unitsPerIteration: connections,
        run: (n) => {
          let v: unknown;
          for (let i = 0; i < n; i++) v = handWritten(input);
          return v;
        },
      },
      {
        name: '`run()`, no listener',
        unitsPerIteration: connections,
        run: (n) => {
          let v: unknown;
          for (let i = 0; i < n; i++) v = net.run(input);
          return v;
        },
      },
      {
        name: '`run()`, one no-op `neuronActivated` listener',
        unitsPerIteration: connections,
        run: (n) => {
          let v: unknown;
          for (let i = 0; i < n; i++) v = listened.run(input);
          return v;
        },
      },
    ],
    { repetitions: 9, targetMs: 150 },
  );
  const light0 = dag[0]!.median;
  const [xorAfter] = compare([xorCase], { repetitions: 9, targetMs: 150 });

  // Build: 100,000 neurons, 1,000,000 connections, through the public API.
  const big = bigNetworkRecipe(100_000, 1_000_000);
  const before = heapUsed();
  const { result: built, ms: buildMs } = timeOnce(() => big());
  const heapPerConnection = (heapUsed() - before) / built.graph.size;
  const { ms: firstRunMs } = timeOnce(() => built.run(new Float64Array(built.inputs.length)));
  const [bigRun] = compare(
    [
      {
        name: 'big',
        unitsPerIteration: built.graph.size,
        run: (n) => {
          let v: unknown;
          for (let i = 0; i < n; i++) v = built.run(new Float64Array(100));
          return v;
        },
      },
    ],
    { repetitions: 5, targetMs: 200 },
  );

  const ratio = (ns: number) => `${(ns / light0).toFixed(2)}×`;
  const range = (r: { min: number; max: number }) => `${formatNs(r.min)} – ${formatNs(r.max)}`;
  return [
    `Random DAG, ${net.graph.order.toLocaleString('en')} neurons, ${connections.toLocaleString('en')} connections (sigmoid):`,
    '',
    table(
      ['path', 'ns / connection (median)', 'min – max', 'vs hand-written'],
      dag.map((r) => [r.name, r.median.toFixed(2), range(r), ratio(r.median)]),
    ),
    '',
    table(
      ['workload', 'median', 'min – max', 'target'],
      [
        ['seed XOR, `run()` with a record in and out', formatNs(xorRun!.median), range(xorRun!), '≤ 250 ns'],
        [
          'the same, after the big networks ran in this process',
          formatNs(xorAfter!.median),
          range(xorAfter!),
          '≤ 250 ns',
        ],
        [
          `build 100,000 neurons / ${built.graph.size.toLocaleString('en')} connections`,
          `${(buildMs / 1000).toFixed(2)} s`,
          `${Math.round(heapPerConnection)} heap bytes / connection`,
          '—',
        ],
        ['its first `run()` (compiles the plan)', `${(firstRunMs / 1000).toFixed(2)} s`, '', '—'],
        ['its next `run()`s, per connection', formatNs(bigRun!.median), range(bigRun!), '—'],
      ],
    ),
  ].join('\n');
}

/** A random DAG of `neurons` neurons and `connections` connections, built through connect(). */
function bigNetworkRecipe(neurons: number, connections: number): () => Network {
  const inputs = 100;
  const outputs = 100;
  // Pairs are drawn before timing; each connection goes from a lower to a higher index,
  // grouped by target, so connect() never needs a cycle search (see cycle.ts).
  let state = 12345;
  const random = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 4294967296;
  const pairs: number[] = [];
  const perTarget = Math.floor(connections / (neurons - inputs));
  let extra = connections - perTarget * (neurons - inputs);
  for (let to = inputs; to < neurons; to++) {
    const count = Math.min(to, perTarget + (extra-- > 0 ? 1 : 0));
    const chosen = new Set<number>();
    while (chosen.size < count) chosen.add(Math.floor(random() * to));
    for (const from of chosen) pairs.push(from, to);
  }
  return () => {
    const net = new Network();
    for (let i = 0; i < neurons; i++) {
      if (i < inputs) net.addInput(`n${i}`);
      else if (i >= neurons - outputs) net.addOutput(`n${i}`);
      else net.addNeuron(`n${i}`);
    }
    for (let k = 0; k < pairs.length; k += 2) net.connect(`n${pairs[k]}`, `n${pairs[k + 1]}`, 0.01);
    return net;
  };
}
