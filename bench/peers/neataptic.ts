/**
 * neataptic 1.4.7: `architect.Perceptron`, its `noTraceActivate` (the inference
 * path without eligibility traces), `activate` + `propagate` for online training,
 * and a `Network` whose nodes and connections are wired by hand for an arbitrary DAG.
 */
import { createRequire } from 'node:module';
import { meanSquaredError } from './synaptic.js';
import type { DenseModel, Peer, Sample } from './workloads.js';
import { FLOAT64, rowByRow } from './workloads.js';

interface NeatapticConnection {
  from: NeatapticNode;
  weight: number;
}
interface NeatapticNode {
  bias: number;
  connections: { in: NeatapticConnection[] };
}
interface NeatapticNetwork {
  input: number;
  output: number;
  nodes: NeatapticNode[];
  connections: NeatapticConnection[];
  activate(input: ArrayLike<number>): number[];
  noTraceActivate(input: ArrayLike<number>): number[];
  propagate(rate: number, momentum: number, update: boolean, target: ArrayLike<number>): void;
  connect(from: NeatapticNode, to: NeatapticNode, weight: number): NeatapticConnection[];
}
interface Neataptic {
  Node: new (type: 'input' | 'hidden' | 'output') => NeatapticNode;
  Network: new (input: number, output: number) => NeatapticNetwork;
  architect: { Perceptron: (...sizes: number[]) => NeatapticNetwork };
}

const neataptic = createRequire(import.meta.url)('neataptic') as Neataptic;

function perceptron(model: DenseModel): NeatapticNetwork {
  const net = neataptic.architect.Perceptron(...model.sizes);
  const index = new Map(net.nodes.map((node, i) => [node, i]));
  let offset = model.sizes[0]!;
  for (let k = 1; k < model.sizes.length; k++) {
    const { weights, bias } = model.layers[k - 1]!;
    const from = model.sizes[k - 1]!;
    const previousOffset = offset - from;
    for (let j = 0; j < model.sizes[k]!; j++) {
      const node = net.nodes[offset + j]!;
      node.bias = bias[j]!;
      for (const connection of node.connections.in) {
        connection.weight = weights[j * from + index.get(connection.from)! - previousOffset]!;
      }
    }
    offset += model.sizes[k]!;
  }
  return net;
}

export const neatapticPeer: Peer = {
  name: 'neataptic 1.4.7',
  tolerance: FLOAT64,
  dense(model) {
    const net = perceptron(model);
    const width = model.sizes[0]!;
    return rowByRow(model, (rows, offset) =>
      net.noTraceActivate(offset === 0 && rows.length === width ? rows : rows.subarray(offset, offset + width)),
    );
  },
  train(model, samples: readonly Sample[], learningRate) {
    const net = perceptron(model);
    return {
      train(epochs) {
        for (let epoch = 0; epoch < epochs; epoch++) {
          for (const sample of samples) {
            net.activate(sample.input);
            net.propagate(learningRate, 0, true, sample.output);
          }
        }
      },
      loss: () => meanSquaredError(samples, (input) => net.noTraceActivate(input)),
    };
  },
  dag(model) {
    const { neurons, inputs, outputs, starts, sources, weights } = model;
    const net = new neataptic.Network(0, 0);
    net.input = inputs;
    net.output = outputs;
    net.nodes = Array.from({ length: neurons }, (_, n) => {
      const node = new neataptic.Node(n < inputs ? 'input' : n >= neurons - outputs ? 'output' : 'hidden');
      node.bias = 0;
      return node;
    });
    for (let n = inputs; n < neurons; n++) {
      for (let s = starts[n]!; s < starts[n + 1]!; s++)
        net.connect(net.nodes[sources[s]!]!, net.nodes[n]!, weights[s]!);
    }
    return { forward: (input) => net.noTraceActivate(input) };
  },
};
