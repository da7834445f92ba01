/**
 * W5 in brain.js 1.6.1: `recurrent.LSTMTimeStep({ inputSize, hiddenLayers: [cells],
 * outputSize })` and its `run(sequence)`, which runs a whole sequence from a fresh state
 * and answers the last step's outputs (plus one step on zeros that `run` always ends
 * with): it has no call for one step with the state carried. Float32 matrices.
 */
import { createRequire } from 'node:module';
import type { LstmModel, RecurrentPeer } from './lstm-workload.js';
import { FLOAT32 } from './workloads.js';

interface BrainMatrix {
  rows: number;
  columns: number;
  weights: Float32Array;
}
interface BrainLstmLayer {
  inputMatrix: BrainMatrix;
  inputHidden: BrainMatrix;
  inputBias: BrainMatrix;
  forgetMatrix: BrainMatrix;
  forgetHidden: BrainMatrix;
  forgetBias: BrainMatrix;
  outputMatrix: BrainMatrix;
  outputHidden: BrainMatrix;
  outputBias: BrainMatrix;
  cellActivationMatrix: BrainMatrix;
  cellActivationHidden: BrainMatrix;
  cellActivationBias: BrainMatrix;
}
interface BrainLstm {
  model: { hiddenLayers: BrainLstmLayer[]; outputConnector: BrainMatrix; output: BrainMatrix };
  initialize(): void;
  bindEquation(): void;
  run(input: readonly ArrayLike<number>[]): ArrayLike<number>;
}
interface Brain {
  recurrent: { LSTMTimeStep: new (options: Record<string, unknown>) => BrainLstm };
}

const brain = createRequire(import.meta.url)('brain.js') as Brain;

function set(matrix: BrainMatrix, values: Float64Array, rows: number, columns: number) {
  if (matrix.rows !== rows || matrix.columns !== columns) throw new Error('brain.js: unexpected matrix shape');
  matrix.weights.set(values);
}

export function brainLstm(model: LstmModel): BrainLstm {
  const { inputs, cells, outputs } = model;
  const net = new brain.recurrent.LSTMTimeStep({ inputSize: inputs, hiddenLayers: [cells], outputSize: outputs });
  net.initialize();
  net.bindEquation(); // what `train` does first; `run` refuses a network with no equation bound
  const layer = net.model.hiddenLayers[0]!;
  const gates = [
    [model.in, layer.inputMatrix, layer.inputHidden, layer.inputBias],
    [model.forget, layer.forgetMatrix, layer.forgetHidden, layer.forgetBias],
    [model.out, layer.outputMatrix, layer.outputHidden, layer.outputBias],
    [model.candidate, layer.cellActivationMatrix, layer.cellActivationHidden, layer.cellActivationBias],
  ] as const;
  for (const [gate, w, u, b] of gates) {
    set(w, gate.w, cells, inputs);
    set(u, gate.u, cells, cells);
    set(b, gate.b, cells, 1);
  }
  set(net.model.outputConnector, model.v, outputs, cells);
  set(net.model.output, model.by, outputs, 1);
  return net;
}

export const brainLstmPeer: RecurrentPeer = {
  name: 'brain.js 1.6.1 `recurrent.LSTMTimeStep`',
  tolerance: FLOAT32,
  lstm(model) {
    const net = brainLstm(model);
    return { variant: 'brain', reset() {}, sequence: (inputs) => net.run(inputs) };
  },
};
