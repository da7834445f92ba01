/**
 * W5's speed of light: the standard LSTM step as a bare Float64Array loop. Each cell's
 * four gate rows sit side by side in one array ([x, h(t−1)] weights, then the bias), so
 * one pass over the inputs and the previous outputs computes all four sums; sigmoid and
 * tanh inline; h is double-buffered (every gate reads h(t−1)).
 */
import type { LstmModel, LstmRunner, RecurrentPeer } from './lstm-workload.js';
import { FLOAT64 } from './workloads.js';

export function handWrittenLstm(model: LstmModel): LstmRunner {
  const { inputs: n, cells, outputs } = model;
  const width = n + cells + 1;
  // Per cell j: rows i, f, o, g of `width` each: W row, U row, bias.
  const weights = new Float64Array(cells * 4 * width);
  const gates = [model.in, model.forget, model.out, model.candidate];
  for (let j = 0; j < cells; j++) {
    gates.forEach((gate, g) => {
      const row = (j * 4 + g) * width;
      weights.set(gate.w.subarray(j * n, (j + 1) * n), row);
      weights.set(gate.u.subarray(j * cells, (j + 1) * cells), row + n);
      weights[row + n + cells] = gate.b[j]!;
    });
  }
  const outWidth = cells + 1;
  const outWeights = new Float64Array(outputs * outWidth);
  for (let k = 0; k < outputs; k++) {
    outWeights.set(model.v.subarray(k * cells, (k + 1) * cells), k * outWidth);
    outWeights[k * outWidth + cells] = model.by[k]!;
  }
  let h = new Float64Array(cells);
  let next = new Float64Array(cells);
  const c = new Float64Array(cells);
  const y = new Float64Array(outputs);
  return {
    variant: 'standard',
    reset() {
      h.fill(0);
      c.fill(0);
    },
    step(x) {
      for (let j = 0; j < cells; j++) {
        const ri = j * 4 * width;
        const rf = ri + width;
        const ro = rf + width;
        const rg = ro + width;
        let si = weights[ri + n + cells]!;
        let sf = weights[rf + n + cells]!;
        let so = weights[ro + n + cells]!;
        let sg = weights[rg + n + cells]!;
        for (let i = 0; i < n; i++) {
          const v = x[i]!;
          si += weights[ri + i]! * v;
          sf += weights[rf + i]! * v;
          so += weights[ro + i]! * v;
          sg += weights[rg + i]! * v;
        }
        for (let k = 0; k < cells; k++) {
          const v = h[k]!;
          si += weights[ri + n + k]! * v;
          sf += weights[rf + n + k]! * v;
          so += weights[ro + n + k]! * v;
          sg += weights[rg + n + k]! * v;
        }
        const state = (1 / (1 + Math.exp(-sf))) * c[j]! + (1 / (1 + Math.exp(-si))) * Math.tanh(sg);
        c[j] = state;
        next[j] = (1 / (1 + Math.exp(-so))) * Math.tanh(state);
      }
      const previous = h;
      h = next;
      next = previous;
      for (let k = 0; k < outputs; k++) {
        const row = k * outWidth;
        let sum = outWeights[row + cells]!;
        for (let j = 0; j < cells; j++) sum += outWeights[row + j]! * h[j]!;
        y[k] = 1 / (1 + Math.exp(-sum));
      }
      return y;
    },
  };
}

export const handWrittenLstmPeer: RecurrentPeer = {
  name: 'hand-written Float64Array loop',
  tolerance: FLOAT64,
  lstm: handWrittenLstm,
};
