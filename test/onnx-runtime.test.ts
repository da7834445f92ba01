/**
 * toOnnx against the real runtime: onnxruntime-node (full graph optimizations, CPU) runs each
 * exported model and agrees with run() on 200 seeded random networks: layered, arbitrary DAGs
 * with every activation, softmax groups, product neurons, and networks with delayed connections
 * stepped through time with the state tensors. float32 within 1e-5 relative, float64 within 1e-12.
 */
import { describe, expect, it } from 'vitest';
import { createRandom, Network, type ActivationSpec } from '../src/index.js';
import { type ModelMessage, ModelProto } from '../src/onnx/proto.js';
import { toOnnx } from '../src/onnx/to-onnx.js';
import { type Dtype, runRows, runSequences, session } from './fixtures/onnx/ort.js';
import { neuronActivationNames, pick, randomNetwork } from './support/random-network.js';
import { randomRecurrentNetwork } from './support/recurrent-network.js';

const tolerance: Record<Dtype, number> = { float32: 1e-5, float64: 1e-12 };
const specs: readonly ActivationSpec[] = [
  ...neuronActivationNames,
  { name: 'step', threshold: 0.1 },
  { name: 'leakyRelu', alpha: 0.2 },
];

/** The largest |onnx − neurograph| / max(1, |neurograph|) over every value. */
function worstError(actual: readonly (readonly number[])[], expected: readonly (readonly number[])[]): number {
  let worst = 0;
  expected.forEach((row, r) =>
    row.forEach((value, j) => {
      worst = Math.max(worst, Math.abs(actual[r]![j]! - value) / Math.max(1, Math.abs(value)));
    }),
  );
  return worst;
}

function randomRows(seed: number, count: number, width: number): number[][] {
  const random = createRandom(seed);
  return Array.from({ length: count }, () => Array.from({ length: width }, () => random() * 4 - 2));
}

function layeredNetwork(seed: number): Network {
  const random = createRandom(seed);
  const depth = 1 + Math.floor(random() * 3);
  const sizes = [1 + Math.floor(random() * 5)];
  for (let k = 0; k < depth; k++) sizes.push(1 + Math.floor(random() * 6));
  const outputActivation = random() < 0.3 ? 'softmax' : pick(random, specs);
  return Network.layered(sizes, { activation: pick(random, specs), outputActivation, seed });
}

/** The 200 networks, by kind. */
const kinds = {
  layered: Array.from({ length: 50 }, (_, k) => () => layeredNetwork(100 + k)),
  dag: Array.from({ length: 50 }, (_, k) => () => randomNetwork(200 + k, { inputs: 1 + (k % 4), hidden: 3 + (k % 7) })),
  softmax: Array.from({ length: 25 }, (_, k) => () => randomNetwork(300 + k, { softmax: true, outputs: 2 + (k % 3) })),
  products: Array.from(
    { length: 25 },
    (_, k) => () => randomRecurrentNetwork(400 + k, { products: 0.5, delayed: 0, hidden: 4 + (k % 4) }),
  ),
  delayed: Array.from({ length: 50 }, (_, k) => () => randomRecurrentNetwork(500 + k, { delayed: 2 + (k % 5) })),
};

describe('onnxruntime runs what toOnnx writes', () => {
  it('agrees with run() on 150 feed-forward networks (layered, DAGs, softmax groups, product neurons)', async () => {
    const worst: Record<Dtype, number> = { float32: 0, float64: 0 };
    const networks = [...kinds.layered, ...kinds.dag, ...kinds.softmax, ...kinds.products];
    for (const [k, make] of networks.entries()) {
      const net = make();
      const rows = randomRows(k, 6, net.inputs.length);
      const expected = rows.map((row) => Object.values(net.run(row)));
      for (const dtype of ['float32', 'float64'] as const) {
        const actual = await runRows(await session(toOnnx(net, { dtype })), dtype, rows);
        const error = worstError(actual, expected);
        worst[dtype] = Math.max(worst[dtype], error);
        if (error > tolerance[dtype]) expect.fail(`network ${k} (${dtype}): relative error ${error}`);
      }
    }
    expect(networks).toHaveLength(150);
    expect(worst.float32).toBeLessThanOrEqual(1e-5);
    expect(worst.float64).toBeLessThanOrEqual(1e-12);
  });

  it('agrees with runSequence() on 50 networks with delayed connections, stepped through the state tensors', async () => {
    let withState = 0;
    for (const [k, make] of kinds.delayed.entries()) {
      const net = make();
      const sequences = [0, 1, 2].map((b) => randomRows(1000 * k + b, 6, net.inputs.length));
      const expected = sequences.map((steps) => net.runSequence(steps).map((outputs) => Object.values(outputs)));
      for (const dtype of ['float32', 'float64'] as const) {
        const bytes = toOnnx(net, { dtype });
        const s = await session(bytes);
        const width = stateWidth(bytes);
        if (width > 0) withState++;
        expect(s.inputNames).toEqual(width > 0 ? ['input', 'state'] : ['input']);
        expect(s.outputNames).toEqual(width > 0 ? ['output', 'next_state'] : ['output']);
        const actual = await runSequences(s, dtype, width, sequences);
        const error = Math.max(...sequences.map((_, b) => worstError(actual[b]!, expected[b]!)));
        if (error > tolerance[dtype]) expect.fail(`recurrent network ${k} (${dtype}): relative error ${error}`);
      }
    }
    // Two dtypes each; a random draw can leave a network without a delayed connection.
    expect(withState).toBeGreaterThanOrEqual(2 * 45);
  });

  it('runs the builders: Network.lstm and Network.elman over 8 steps', async () => {
    for (const net of [Network.lstm([3, 4, 2], { seed: 1 }), Network.elman([2, 5, 2], { seed: 2 })]) {
      const sequences = [randomRows(7, 8, net.inputs.length), randomRows(8, 8, net.inputs.length)];
      const expected = sequences.map((steps) => net.runSequence(steps).map((outputs) => Object.values(outputs)));
      const bytes = toOnnx(net, { dtype: 'float64' });
      const actual = await runSequences(await session(bytes), 'float64', stateWidth(bytes), sequences);
      expect(Math.max(worstError(actual[0]!, expected[0]!), worstError(actual[1]!, expected[1]!))).toBeLessThan(1e-12);
    }
  });
});

/** The state's width, from the model's metadata (`neurograph.state`: one [neuron, steps ago] per column). */
function stateWidth(bytes: Uint8Array): number {
  const model = ModelProto.decode(bytes) as unknown as ModelMessage;
  const state = model.metadata_props?.find(({ key }) => key === 'neurograph.state')?.value;
  return state === undefined ? 0 : (JSON.parse(state) as unknown[]).length;
}
