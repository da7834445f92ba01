/**
 * W5 in synaptic 1.1.4: `new Architect.LSTM(inputs, cells, outputs)` with its default
 * options (peepholes all to all, input → output connections), `activate` one step at a
 * time (the network's hardcoded, optimized function). The weights are set before the
 * first `activate` compiles the network.
 */
import { createRequire } from 'node:module';
import type { LstmGate, LstmModel, RecurrentPeer } from './lstm-workload.js';
import { FLOAT64 } from './workloads.js';

interface SynapticConnection {
  from: SynapticNeuron;
  weight: number;
}
interface SynapticNeuron {
  bias: number;
  state: number;
  old: number;
  activation: number;
  connections: { inputs: Record<string, SynapticConnection> };
  selfconnection: SynapticConnection;
}
interface SynapticLayer {
  list: SynapticNeuron[];
}
interface SynapticNetwork {
  layers: { input: SynapticLayer; hidden: SynapticLayer[]; output: SynapticLayer };
  activate(input: ArrayLike<number>): number[];
  clear(): void;
}
interface Synaptic {
  Architect: { LSTM: new (...sizes: number[]) => SynapticNetwork };
}

const synaptic = createRequire(import.meta.url)('synaptic') as Synaptic;

/** Where each neuron sits: its layer and its index there. */
type Place = { readonly layer: 'input' | 'cell' | 'other'; readonly index: number };

export function synapticLstm(model: LstmModel): SynapticNetwork {
  const { inputs, cells } = model;
  const net = new synaptic.Architect.LSTM(inputs, cells, model.outputs);
  const [inGate, forgetGate, memoryCell, outGate] = net.layers.hidden as [
    SynapticLayer,
    SynapticLayer,
    SynapticLayer,
    SynapticLayer,
  ];
  const places = new Map<SynapticNeuron, Place>();
  net.layers.input.list.forEach((neuron, index) => places.set(neuron, { layer: 'input', index }));
  memoryCell.list.forEach((neuron, index) => places.set(neuron, { layer: 'cell', index }));
  const wire = (
    neuron: SynapticNeuron,
    j: number,
    fromInput: (i: number) => number,
    fromCell?: (k: number) => number,
  ) => {
    for (const connection of Object.values(neuron.connections.inputs)) {
      const place = places.get(connection.from);
      if (place?.layer === 'input') connection.weight = fromInput(place.index);
      else if (place?.layer === 'cell' && fromCell !== undefined) connection.weight = fromCell(place.index);
      else throw new Error(`synaptic: unexpected connection into ${j}`);
    }
  };
  const gate = (layer: SynapticLayer, weights: LstmGate) =>
    layer.list.forEach((neuron, j) => {
      neuron.bias = weights.b[j]!;
      wire(
        neuron,
        j,
        (i) => weights.w[j * inputs + i]!,
        (k) => weights.u[j * cells + k]!,
      );
    });
  gate(inGate, model.in);
  gate(forgetGate, model.forget);
  gate(outGate, model.out);
  memoryCell.list.forEach((neuron, j) => {
    neuron.bias = model.candidate.b[j]!;
    if (neuron.selfconnection.weight !== 1)
      throw new Error('synaptic: the memory cell does not feed itself with weight 1');
    wire(neuron, j, (i) => model.candidate.w[j * inputs + i]!);
  });
  net.layers.output.list.forEach((neuron, k) => {
    neuron.bias = model.by[k]!;
    wire(
      neuron,
      k,
      (i) => model.d[k * inputs + i]!,
      (j) => model.v[k * cells + j]!,
    );
  });
  return net;
}

export const synapticLstmPeer: RecurrentPeer = {
  name: 'synaptic 1.1.4 `Architect.LSTM`',
  tolerance: FLOAT64,
  lstm(model) {
    const net = synapticLstm(model);
    const neurons = [net.layers.input, ...net.layers.hidden, net.layers.output].flatMap((layer) => layer.list);
    return {
      variant: 'peephole',
      reset() {
        // NOTE: synaptic's `clear()` clears the training traces and drops the compiled function but keeps every
        // neuron's state and activation (the cells remember); zeroing them is the reset it lacks. The next
        // `activate` compiles again. Only the check resets; the timed steps carry their state.
        net.clear();
        for (const neuron of neurons) neuron.state = neuron.old = neuron.activation = 0;
      },
      step: (input) => net.activate(input),
    };
  },
};
