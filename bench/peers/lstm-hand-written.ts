/**
 * W5's speed of light: the standard LSTM step as a bare Float64Array loop, written as
 * tight as plain JavaScript gets. The inputs and the previous outputs sit side by side in
 * one vector z = [x, h(t−1)] (double-buffered: every gate reads h(t−1), and the new h is
 * written straight into the other buffer). Cells go two at a time: their eight gate rows
 * (i, f, o, g of each) are interleaved, weight k of all eight side by side, in one
 * Float64Array view per pair, so one pass over z feeds eight independent accumulators
 * started at the biases. Sigmoid and tanh inline; the output rows likewise, two at a time.
 * Nothing is allocated per step.
 */
import type { LstmModel, LstmRunner, RecurrentPeer } from './lstm-workload.js';
import { FLOAT64 } from './workloads.js';

export function handWrittenLstm(model: LstmModel): LstmRunner {
  const { inputs: n, cells, outputs } = model;
  const width = n + cells;
  const gates = [model.in, model.forget, model.out, model.candidate];
  // Pair p holds cells 2p (lanes 0–3) and 2p + 1 (lanes 4–7); an odd last cell leaves lanes 4–7 zero.
  const pairs = (cells + 1) >> 1;
  const gateRows: Float64Array[] = [];
  const gateBias = new Float64Array(pairs * 8);
  for (let p = 0; p < pairs; p++) {
    const row = new Float64Array(width * 8);
    for (let lane = 0; lane < 8; lane++) {
      const j = 2 * p + (lane >> 2);
      if (j >= cells) continue;
      const gate = gates[lane & 3]!;
      for (let i = 0; i < n; i++) row[i * 8 + lane] = gate.w[j * n + i]!;
      for (let k = 0; k < cells; k++) row[(n + k) * 8 + lane] = gate.u[j * cells + k]!;
      gateBias[p * 8 + lane] = gate.b[j]!;
    }
    gateRows.push(row);
  }
  // Output rows two at a time, interleaved the same way (an odd last output leaves lane 1 zero).
  const outputPairs = (outputs + 1) >> 1;
  const outRows: Float64Array[] = [];
  const outBias = new Float64Array(outputPairs * 2);
  for (let p = 0; p < outputPairs; p++) {
    const row = new Float64Array(cells * 2);
    for (let lane = 0; lane < 2; lane++) {
      const k = 2 * p + lane;
      if (k >= outputs) continue;
      for (let j = 0; j < cells; j++) row[j * 2 + lane] = model.v[k * cells + j]!;
      outBias[p * 2 + lane] = model.by[k]!;
    }
    outRows.push(row);
  }
  let z = new Float64Array(width);
  let next = new Float64Array(width);
  const c = new Float64Array(pairs * 2);
  const y = new Float64Array(outputPairs * 2);
  const result = y.subarray(0, outputs);
  return {
    variant: 'standard',
    reset() {
      z.fill(0);
      next.fill(0);
      c.fill(0);
    },
    step(x) {
      for (let i = 0; i < n; i++) z[i] = x[i]!;
      for (let p = 0; p < pairs; p++) {
        const w = gateRows[p]!;
        const b = p * 8;
        let i0 = gateBias[b]!;
        let f0 = gateBias[b + 1]!;
        let o0 = gateBias[b + 2]!;
        let g0 = gateBias[b + 3]!;
        let i1 = gateBias[b + 4]!;
        let f1 = gateBias[b + 5]!;
        let o1 = gateBias[b + 6]!;
        let g1 = gateBias[b + 7]!;
        for (let k = 0, r = 0; k < width; k++, r += 8) {
          const v = z[k]!;
          i0 += w[r]! * v;
          f0 += w[r + 1]! * v;
          o0 += w[r + 2]! * v;
          g0 += w[r + 3]! * v;
          i1 += w[r + 4]! * v;
          f1 += w[r + 5]! * v;
          o1 += w[r + 6]! * v;
          g1 += w[r + 7]! * v;
        }
        const j = 2 * p;
        const s0 = (1 / (1 + Math.exp(-f0))) * c[j]! + (1 / (1 + Math.exp(-i0))) * Math.tanh(g0);
        c[j] = s0;
        next[n + j] = (1 / (1 + Math.exp(-o0))) * Math.tanh(s0);
        if (j + 1 < cells) {
          const s1 = (1 / (1 + Math.exp(-f1))) * c[j + 1]! + (1 / (1 + Math.exp(-i1))) * Math.tanh(g1);
          c[j + 1] = s1;
          next[n + j + 1] = (1 / (1 + Math.exp(-o1))) * Math.tanh(s1);
        }
      }
      const previous = z;
      z = next;
      next = previous;
      for (let p = 0; p < outputPairs; p++) {
        const w = outRows[p]!;
        let y0 = outBias[2 * p]!;
        let y1 = outBias[2 * p + 1]!;
        for (let j = 0, r = 0; j < cells; j++, r += 2) {
          const v = z[n + j]!;
          y0 += w[r]! * v;
          y1 += w[r + 1]! * v;
        }
        y[2 * p] = 1 / (1 + Math.exp(-y0));
        y[2 * p + 1] = 1 / (1 + Math.exp(-y1));
      }
      return result;
    },
  };
}

export const handWrittenLstmPeer: RecurrentPeer = {
  name: 'hand-written Float64Array loop',
  tolerance: FLOAT64,
  lstm: handWrittenLstm,
};
