// The peer benchmark's W5 adapters (bench/peers/lstm-*.ts) still compute, step by step and after a reset,
// what the float64 reference of their own LSTM cell computes: they cannot rot.
import { describe, expect, it } from 'vitest';
import { recurrentPeers } from '../bench/peers/lstm-index.js';
import { synapticLstm } from '../bench/peers/lstm-synaptic.js';
import {
  lstmError,
  lstmReference,
  randomLstmModel,
  randomSequence,
  type LstmVariant,
} from '../bench/peers/lstm-workload.js';
import { maxError } from '../bench/peers/workloads.js';

const models = [randomLstmModel(6, 7, 6, 5), randomLstmModel(3, 4, 2, 9)];
const sequences = models.map((model, k) => randomSequence(model.inputs, 12, 20 + k));

describe.each(recurrentPeers.map((peer) => [peer.name, peer] as const))('%s', (_name, peer) => {
  it('agrees with the float64 reference of its cell on every step, twice (reset in between)', () => {
    models.forEach((model, k) => {
      expect(lstmError(model, peer.lstm(model), sequences[k]!)).toBeLessThanOrEqual(peer.tolerance);
    });
  });
});

describe('the references', () => {
  it('tell the three cells apart, so an adapter checked against the wrong one fails', () => {
    const model = models[0]!;
    const sequence = sequences[0]!;
    const variants: LstmVariant[] = ['standard', 'peephole', 'brain'];
    const answers = variants.map((variant) => lstmReference(model, sequence, variant));
    for (let a = 0; a < answers.length; a++) {
      for (let b = a + 1; b < answers.length; b++) expect(maxError(answers[a]!, answers[b]!)).toBeGreaterThan(1e-3);
    }
  });

  it("synaptic's own clear() keeps the cells' state (why its adapter zeroes the state to reset)", () => {
    const model = models[0]!;
    const [first, second] = sequences[0]!;
    const net = synapticLstm(model);
    const fresh = net.activate(second!);
    const again = synapticLstm(model);
    again.activate(first!);
    again.clear();
    expect(maxError(again.activate(second!), fresh)).toBeGreaterThan(1e-6);
  });
});
