/**
 * synaptic 1.1.4: `Architect.Perceptron` (its `activate` runs the network's
 * hardcoded, optimized function), `propagate` for online training, and bare
 * `Neuron` objects wired with `project` for an arbitrary DAG.
 */
import { createRequire } from 'node:module';
import type { DenseModel, Peer, Sample } from './workloads.js';
import { FLOAT64, rowByRow } from './workloads.js';

interface SynapticConnection {
  from: SynapticNeuron;
  weight: number;
}
interface SynapticNeuron {
  bias: number;
  activation: number;
  connections: { inputs: Record<string, SynapticConnection> };
  activate(input?: number): number;
  project(target: SynapticNeuron, weight?: number): SynapticConnection;
}
interface SynapticLayer {
  list: SynapticNeuron[];
}
interface SynapticNetwork {
  layers: { input: SynapticLayer; hidden: SynapticLayer[]; output: SynapticLayer };
  activate(input: ArrayLike<number>): number[];
  propagate(rate: number, target: ArrayLike<number>): void;
}
interface Synaptic {
  Neuron: new () => SynapticNeuron;
  Architect: { Perceptron: new (...sizes: number[]) => SynapticNetwork };
}

const synaptic = createRequire(import.meta.url)('synaptic') as Synaptic;

/** A perceptron with the model's weights, set before its first `activate` compiles it. */
function perceptron(model: DenseModel): SynapticNetwork {
  const net = new synaptic.Architect.Perceptron(...model.sizes);
  const layers = [net.layers.input, ...net.layers.hidden, net.layers.output];
  for (let k = 1; k < layers.length; k++) {
    const { weights, bias } = model.layers[k - 1]!;
    const previous = layers[k - 1]!.list;
    layers[k]!.list.forEach((neuron, j) => {
      neuron.bias = bias[j]!;
      for (const connection of Object.values(neuron.connections.inputs)) {
        connection.weight = weights[j * previous.length + previous.indexOf(connection.from)]!;
      }
    });
  }
  return net;
}

export const synapticPeer: Peer = {
  name: 'synaptic 1.1.4',
  tolerance: FLOAT64,
  dense(model) {
    const net = perceptron(model);
    const width = model.sizes[0]!;
    return rowByRow(model, (rows, offset) =>
      net.activate(offset === 0 && rows.length === width ? rows : rows.subarray(offset, offset + width)),
    );
  },
  train(model, samples: readonly Sample[], learningRate) {
    const net = perceptron(model);
    return {
      train(epochs) {
        for (let epoch = 0; epoch < epochs; epoch++) {
          for (const sample of samples) {
            net.activate(sample.input);
            net.propagate(learningRate, sample.output);
          }
        }
      },
      loss: () => meanSquaredError(samples, (input) => net.activate(input)),
    };
  },
  dag(model) {
    const { neurons, inputs, outputs, starts, sources, weights } = model;
    const list = Array.from({ length: neurons }, () => new synaptic.Neuron());
    for (let n = 0; n < neurons; n++) {
      list[n]!.bias = 0;
      for (let s = starts[n]!; s < starts[n + 1]!; s++) list[sources[s]!]!.project(list[n]!, weights[s]!);
    }
    const out = new Float64Array(outputs);
    return {
      forward(input) {
        for (let i = 0; i < inputs; i++) list[i]!.activate(input[i]!);
        for (let n = inputs; n < neurons; n++) list[n]!.activate();
        for (let k = 0; k < outputs; k++) out[k] = list[neurons - outputs + k]!.activation;
        return out;
      },
    };
  },
};

export function meanSquaredError(
  samples: readonly Sample[],
  forward: (input: readonly number[]) => ArrayLike<number>,
): number {
  let total = 0;
  let count = 0;
  for (const sample of samples) {
    const y = forward(sample.input);
    for (let j = 0; j < sample.output.length; j++, count++) total += (y[j]! - sample.output[j]!) ** 2;
  }
  return total / count;
}
