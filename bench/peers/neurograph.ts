/**
 * neurograph, two ways: `compile()` (the silent fast path: `run(input, out)`,
 * `runBatch`) and `Network.run()` (the observable scheduler, no listener).
 * Training is `Trainer` (online SGD, mean squared error, no shuffling).
 */
import { Network, Trainer, type CompiledNetwork } from '../../src/index.js';
import type { DagModel, DenseModel, Peer, Sample } from './workloads.js';
import { FLOAT32, FLOAT64, rowByRow } from './workloads.js';

/** `Network.layered` with the model's weights set through the public API. */
export function layeredNetwork(model: DenseModel): Network {
  const net = Network.layered(model.sizes, { activation: 'sigmoid', outputActivation: 'sigmoid', bias: true, seed: 1 });
  net.toMatrices().forEach((layer, k) => {
    const { weights, bias } = model.layers[k]!;
    layer.to.forEach((to, j) => {
      net.setWeight('bias', to, bias[j]!);
      layer.from.forEach((from, i) => net.setWeight(from, to, weights[j * layer.from.length + i]!));
    });
  });
  return net;
}

/** The DAG's neurons through `addInput` / `addNeuron` / `addOutput`, and their ids by index. */
function dagNeurons(model: DagModel): { net: Network; ids: string[] } {
  const { neurons, inputs, outputs } = model;
  const ids = Array.from({ length: neurons }, (_, n) => `n${n}`);
  const net = new Network();
  for (let n = 0; n < neurons; n++) {
    if (n < inputs) net.addInput(ids[n]!);
    else if (n >= neurons - outputs) net.addOutput(ids[n]!, { activation: 'sigmoid' });
    else net.addNeuron(ids[n]!, { activation: 'sigmoid' });
  }
  return { net, ids };
}

/** The DAG through `addInput` / `addNeuron` / `addOutput` / `connect`, grouped by target. */
export function dagNetwork(model: DagModel): Network {
  const { neurons, inputs, starts, sources, weights } = model;
  const { net, ids } = dagNeurons(model);
  for (let n = inputs; n < neurons; n++) {
    for (let s = starts[n]!; s < starts[n + 1]!; s++) net.connect(ids[sources[s]!]!, ids[n]!, weights[s]!);
  }
  return net;
}

/**
 * The same DAG with its connections added in one `connectMany` call (one topological sort for all), as columns:
 * the ids of each connection's ends, and the model's weights as they are (in the same order).
 */
export function dagNetworkMany(model: DagModel): Network {
  const { neurons, inputs, starts, sources, weights } = model;
  const { net, ids } = dagNeurons(model);
  const from: string[] = new Array(sources.length);
  const to: string[] = new Array(sources.length);
  for (let n = inputs; n < neurons; n++) {
    for (let s = starts[n]!; s < starts[n + 1]!; s++) {
      from[s] = ids[sources[s]!]!;
      to[s] = ids[n]!;
    }
  }
  return net.connectMany({ from, to, weight: weights });
}

/** A compiled network's runner: one sample, or a batch, each into an output buffer of its own. */
function compiledRunner(compiled: CompiledNetwork) {
  const out = new Float64Array(compiled.outputs.length);
  let batchOut = new Float64Array(0);
  return {
    forward: (input: Float64Array) => compiled.run(input, out),
    batch(inputs: Float64Array, count: number) {
      if (batchOut.length !== count * out.length) batchOut = new Float64Array(count * out.length);
      return compiled.runBatch(inputs, count, batchOut);
    },
  };
}

function recordValues(net: Network) {
  const ids = net.outputs;
  const out = new Float64Array(ids.length);
  return (record: Record<string, number>): Float64Array => {
    for (let k = 0; k < ids.length; k++) out[k] = record[ids[k]!]!;
    return out;
  };
}

export const neurographCompiled: Peer = {
  name: 'neurograph `compile()`',
  tolerance: FLOAT64,
  dense(model) {
    const compiled = layeredNetwork(model).compile();
    if (compiled.kind !== 'dense') throw new Error('neurograph: a layered network did not compile to dense layers');
    return compiledRunner(compiled);
  },
  dag(model) {
    return compiledRunner(dagNetwork(model).compile());
  },
};

/**
 * W4 only: built with `connectMany` instead of one `connect` per connection, then compiled. Nothing reads
 * `net.graph`, so graphology never gets the connections (they stay pending; see src/graph/pending-edges.ts).
 */
export const neurographConnectMany: Peer = {
  name: 'neurograph `compile()`, built with `connectMany`',
  tolerance: FLOAT64,
  dag(model) {
    return compiledRunner(dagNetworkMany(model).compile());
  },
};

/**
 * W4 only: as `neurographConnectMany`, then `net.graph` read: the build with graphology's edge records made, and
 * kept (the runner holds the network, so the memory column counts them).
 */
export const neurographConnectManyGraph: Peer = {
  name: 'neurograph `compile()`, built with `connectMany`, then `graph` read',
  tolerance: FLOAT64,
  dag(model) {
    const net = dagNetworkMany(model);
    const compiled = compiledRunner(net.compile());
    if (net.graph.size !== model.sources.length) throw new Error('neurograph: the graph lost connections');
    return { ...compiled, network: net };
  },
};

/**
 * `compile({ precision: 'float32' })` (issue 13's opt-in float32 pass), where it runs: a compiled network that
 * says it stays in float64 (no WebAssembly SIMD here) is taken as not offering it (the row then says so instead
 * of timing float64 twice).
 */
export const neurographFloat32: Peer = {
  name: "neurograph `compile({ precision: 'float32' })`",
  tolerance: FLOAT32,
  dense(model) {
    const compiled = layeredNetwork(model).compile({ precision: 'float32' });
    if (compiled.precision !== 'float32') throw new Error("compile({ precision: 'float32' }) is not available");
    return compiledRunner(compiled);
  },
};

export const neurographRun: Peer = {
  name: 'neurograph `run()`, no listener',
  tolerance: FLOAT64,
  dense(model) {
    const net = layeredNetwork(model);
    const values = recordValues(net);
    const width = model.sizes[0]!;
    return rowByRow(model, (rows, offset) =>
      values(net.run(offset === 0 && rows.length === width ? rows : rows.subarray(offset, offset + width))),
    );
  },
  dag(model) {
    const net = dagNetwork(model);
    const values = recordValues(net);
    return { forward: (input) => values(net.run(input)) };
  },
};

export const neurographTrainer: Peer = {
  name: 'neurograph `Trainer`',
  tolerance: FLOAT64,
  train(model, samples: readonly Sample[], learningRate) {
    const net = layeredNetwork(model);
    const plain = samples.map((sample) => ({ input: [...sample.input], output: [...sample.output] }));
    const trainers = new Map<number, Trainer>();
    const trainerFor = (epochs: number): Trainer => {
      let trainer = trainers.get(epochs);
      if (trainer === undefined) {
        trainer = new Trainer(net, {
          learningRate,
          optimizer: 'sgd',
          loss: 'mse',
          batchSize: 1,
          epochs,
          shuffle: false,
        });
        trainers.set(epochs, trainer);
      }
      return trainer;
    };
    return {
      async train(epochs) {
        await trainerFor(epochs).train(plain);
      },
      loss: () => trainerFor(1).loss(plain),
    };
  },
};
