/**
 * W5 in neurograph: `Network.lstm([inputs, cells, outputs])` with the model's weights set
 * through `setWeight` (ids from `lstmCellIds`), run one step at a time: `compile()`
 * (`run(input, out)` is one step, `reset()` forgets) and `Network.run()` (the observable
 * scheduler, no listener).
 */
import { lstmCellIds, Network } from '../../src/index.js';
import type { LstmGate, LstmModel, RecurrentPeer } from './lstm-workload.js';
import { FLOAT64 } from './workloads.js';

export function lstmNetwork(model: LstmModel): Network {
  const { inputs, cells, outputs } = model;
  const net = Network.lstm([inputs, cells, outputs], { seed: 1 });
  const ids = Array.from({ length: cells }, (_, j) => lstmCellIds(j));
  const gate = (to: (j: number) => string, weights: LstmGate) => {
    for (let j = 0; j < cells; j++) {
      net.setWeight('bias', to(j), weights.b[j]!);
      for (let i = 0; i < inputs; i++) net.setWeight(`x${i}`, to(j), weights.w[j * inputs + i]!);
      for (let k = 0; k < cells; k++) net.setWeight(ids[k]!.h, to(j), weights.u[j * cells + k]!);
    }
  };
  gate((j) => ids[j]!.in, model.in);
  gate((j) => ids[j]!.forget, model.forget);
  gate((j) => ids[j]!.out, model.out);
  gate((j) => ids[j]!.candidate, model.candidate);
  for (let k = 0; k < outputs; k++) {
    net.setWeight('bias', `y${k}`, model.by[k]!);
    for (let j = 0; j < cells; j++) net.setWeight(ids[j]!.h, `y${k}`, model.v[k * cells + j]!);
  }
  return net;
}

export const neurographLstmCompiled: RecurrentPeer = {
  name: 'neurograph `compile()`',
  tolerance: FLOAT64,
  lstm(model) {
    const compiled = lstmNetwork(model).compile();
    const out = new Float64Array(compiled.outputs.length);
    return { variant: 'standard', reset: () => compiled.reset(), step: (input) => compiled.run(input, out) };
  },
};

export const neurographLstmRun: RecurrentPeer = {
  name: 'neurograph `run()`, no listener',
  tolerance: FLOAT64,
  lstm(model) {
    const net = lstmNetwork(model);
    const ids = net.outputs;
    const out = new Float64Array(ids.length);
    return {
      variant: 'standard',
      reset: () => net.reset(),
      step(input) {
        const record = net.run(input);
        for (let k = 0; k < ids.length; k++) out[k] = record[ids[k]!]!;
        return out;
      },
    };
  },
};
