/**
 * W5 in neataptic 1.4.7: `architect.LSTM(inputs, cells, outputs)` with its default
 * options (synaptic's construction: peepholes all to all, input → output connections),
 * `noTraceActivate` one step at a time (the inference path without eligibility traces),
 * `clear()` to forget.
 */
import { createRequire } from 'node:module';
import type { LstmGate, LstmModel, RecurrentPeer } from './lstm-workload.js';
import { FLOAT64 } from './workloads.js';

interface NeatapticConnection {
  from: NeatapticNode;
  weight: number;
}
interface NeatapticNode {
  bias: number;
  connections: { in: NeatapticConnection[]; self: NeatapticConnection };
}
interface NeatapticNetwork {
  nodes: NeatapticNode[];
  noTraceActivate(input: ArrayLike<number>): number[];
  clear(): void;
}
interface Neataptic {
  architect: { LSTM: (...sizes: number[]) => NeatapticNetwork };
}

const neataptic = createRequire(import.meta.url)('neataptic') as Neataptic;

export function neatapticLstm(model: LstmModel): NeatapticNetwork {
  const { inputs, cells, outputs } = model;
  const net = neataptic.architect.LSTM(inputs, cells, outputs);
  if (net.nodes.length !== inputs + 4 * cells + outputs) throw new Error('neataptic: unexpected LSTM node count');
  // Nodes in activation order: inputs, input gates, forget gates, memory cells, output gates, outputs.
  const group = (g: number) => net.nodes.slice(inputs + g * cells, inputs + (g + 1) * cells);
  const memoryCell = group(2);
  const places = new Map<NeatapticNode, { layer: 'input' | 'cell'; index: number }>();
  net.nodes.slice(0, inputs).forEach((node, index) => places.set(node, { layer: 'input', index }));
  memoryCell.forEach((node, index) => places.set(node, { layer: 'cell', index }));
  const wire = (node: NeatapticNode, fromInput: (i: number) => number, fromCell?: (k: number) => number) => {
    for (const connection of node.connections.in) {
      const place = places.get(connection.from);
      if (place?.layer === 'input') connection.weight = fromInput(place.index);
      else if (place?.layer === 'cell' && fromCell !== undefined) connection.weight = fromCell(place.index);
      else throw new Error('neataptic: unexpected connection in its LSTM');
    }
  };
  const gate = (nodes: NeatapticNode[], weights: LstmGate) =>
    nodes.forEach((node, j) => {
      node.bias = weights.b[j]!;
      wire(
        node,
        (i) => weights.w[j * inputs + i]!,
        (k) => weights.u[j * cells + k]!,
      );
    });
  gate(group(0), model.in);
  gate(group(1), model.forget);
  gate(group(3), model.out);
  memoryCell.forEach((node, j) => {
    node.bias = model.candidate.b[j]!;
    if (node.connections.self.weight !== 1)
      throw new Error('neataptic: the memory cell does not feed itself with weight 1');
    wire(node, (i) => model.candidate.w[j * inputs + i]!);
  });
  net.nodes.slice(inputs + 4 * cells).forEach((node, k) => {
    node.bias = model.by[k]!;
    wire(
      node,
      (i) => model.d[k * inputs + i]!,
      (j) => model.v[k * cells + j]!,
    );
  });
  return net;
}

export const neatapticLstmPeer: RecurrentPeer = {
  name: 'neataptic 1.4.7 `architect.LSTM`',
  tolerance: FLOAT64,
  lstm(model) {
    const net = neatapticLstm(model);
    return { variant: 'peephole', reset: () => net.clear(), step: (input) => net.noTraceActivate(input) };
  },
};
