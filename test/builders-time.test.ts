/**
 * Builders with time: `Network.elman` and `Network.lstm` — their ids and wiring, their seeded
 * weights, their option checks, and the LSTM against a hand-written step of the standard equations.
 */
import { describe, expect, it } from 'vitest';
import { Network, NeurographError, UsageError, createRandom, lstmCellIds, type Random } from '../src/index.js';
import { expectClose } from './support/close.js';

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** A hand-written LSTM: per gate a matrix over [x, h(t−1), 1]; the outputs over [h(t), 1]. */
interface LstmWeights {
  readonly gates: Record<'in' | 'forget' | 'out' | 'candidate', number[][]>;
  readonly output: number[][];
}

function randomLstmWeights(random: Random, inputs: number, cells: number, outputs: number): LstmWeights {
  const matrix = (rows: number, columns: number) =>
    Array.from({ length: rows }, () => Array.from({ length: columns }, () => random() * 4 - 2));
  const width = inputs + cells + 1;
  return {
    gates: {
      in: matrix(cells, width),
      forget: matrix(cells, width),
      out: matrix(cells, width),
      candidate: matrix(cells, width),
    },
    output: matrix(outputs, cells + 1),
  };
}

/** Sets the network's weights to `weights`, connection by connection. */
function setLstmWeights(net: Network, weights: LstmWeights, inputs: number, cells: number): void {
  for (const [gate, matrix] of Object.entries(weights.gates)) {
    matrix.forEach((row, j) => {
      const to = lstmCellIds(j)[gate as keyof LstmWeights['gates']];
      for (let i = 0; i < inputs; i++) net.setWeight(`x${i}`, to, row[i]!);
      for (let k = 0; k < cells; k++) net.setWeight(lstmCellIds(k).h, to, row[inputs + k]!);
      net.setWeight('bias', to, row[inputs + cells]!);
    });
  }
  weights.output.forEach((row, o) => {
    for (let k = 0; k < cells; k++) net.setWeight(lstmCellIds(k).h, `y${o}`, row[k]!);
    net.setWeight('bias', `y${o}`, row[cells]!);
  });
}

/** The standard LSTM equations over a sequence, from zero state; the outputs of every step. */
function referenceLstm(weights: LstmWeights, sequence: readonly number[][]): Record<string, number>[] {
  const cells = weights.gates.in.length;
  let h = new Array<number>(cells).fill(0);
  let c = new Array<number>(cells).fill(0);
  return sequence.map((x) => {
    const z = [...x, ...h, 1];
    const dot = (row: readonly number[]) => row.reduce((sum, w, k) => sum + w * z[k]!, 0);
    const i = weights.gates.in.map((row) => sigmoid(dot(row)));
    const f = weights.gates.forget.map((row) => sigmoid(dot(row)));
    const o = weights.gates.out.map((row) => sigmoid(dot(row)));
    const g = weights.gates.candidate.map((row) => Math.tanh(dot(row)));
    c = c.map((previous, j) => f[j]! * previous + i[j]! * g[j]!);
    h = c.map((state, j) => o[j]! * Math.tanh(state));
    const hb = [...h, 1];
    return Object.fromEntries(
      weights.output.map((row, y) => [`y${y}`, sigmoid(row.reduce((sum, w, k) => sum + w * hb[k]!, 0))]),
    );
  });
}

describe('Network.elman', () => {
  it('wires inputs to the hidden layer, the hidden layer back to itself one step later, and to the outputs', () => {
    const net = Network.elman([2, 3, 1]);
    expect(net.neurons).toEqual(['x0', 'x1', 'h1_0', 'h1_1', 'h1_2', 'y0', 'bias']);
    expect(net.inputs).toEqual(['x0', 'x1']);
    expect(net.outputs).toEqual(['y0']);
    const hidden = ['h1_0', 'h1_1', 'h1_2'];
    for (const to of hidden) {
      expect(net.graph.inNeighbors(to)).toEqual(['x0', 'x1', ...hidden, 'bias']);
      for (const from of hidden) expect(net.connection(from, to)).toMatchObject({ delay: 1, trainable: true });
      expect(net.connection('x0', to).delay).toBe(0);
    }
    expect(net.graph.inNeighbors('y0')).toEqual([...hidden, 'bias']);
    expect(net.graph.size).toBe(2 * 3 + 3 * 3 + 3 * 1 + 4);
  });

  it('remembers: the same input gives different outputs until reset, and a hand computation agrees', () => {
    const net = Network.elman([1, 2, 1], { activation: 'tanh', outputActivation: 'identity', seed: 5 });
    const w = (from: string, to: string) => net.weight(from, to);
    const h = [0, 0];
    const outputs = [1, 0.5, -1].map((x) => {
      const next = ['h1_0', 'h1_1'].map((to) =>
        Math.tanh(w('x0', to) * x + w('h1_0', to) * h[0]! + w('h1_1', to) * h[1]! + w('bias', to)),
      );
      h.splice(0, 2, ...next);
      return { y0: w('h1_0', 'y0') * h[0]! + w('h1_1', 'y0') * h[1]! + w('bias', 'y0') };
    });
    net.runSequence([[1], [0.5], [-1]]).forEach((actual, t) => expectClose(actual, outputs[t]!));
    expect(net.runSequence([[1], [1]])[1]).not.toEqual(net.runSequence([[1]])[0]);
  });

  it('is seeded: the same seed gives the same weights, another seed others', () => {
    const weights = (seed: number) => Network.elman([2, 4, 2], { seed }).graph.mapEdges((_e, { weight }) => weight);
    expect(weights(7)).toEqual(weights(7));
    expect(weights(7)).not.toEqual(weights(8));
    expect(Network.elman([2, 4, 2], { bias: false }).graph.hasNode('bias')).toBe(false);
  });

  it.each([
    ['two sizes', [2, 1], {}],
    ['four sizes', [2, 3, 3, 1], {}],
    ['a zero size', [2, 0, 1], {}],
    ['a fractional size', [2, 1.5, 1], {}],
    ['an unknown option', [2, 3, 1], { activaton: 'relu' }],
    ['a bad activation', [2, 3, 1], { activation: 'nope' }],
    ['a bad seed', [2, 3, 1], { seed: 0.5 }],
    ['a bad bias', [2, 3, 1], { bias: 'yes' }],
  ])('refuses %s with a UsageError naming Network.elman', (_name, sizes, options) => {
    expect(() => Network.elman(sizes, options as never)).toThrow(UsageError);
    expect(() => Network.elman(sizes, options as never)).toThrow(/^Network\.elman: /);
  });
});

describe('Network.lstm', () => {
  it('names every neuron as documented and wires one cell', () => {
    const net = Network.lstm([2, 1, 1]);
    const cell = ['in', 'forget', 'out', 'candidate', 'write', 'keep', 'state', 'squash', 'h'].map((n) => `c0_${n}`);
    expect(net.neurons).toEqual(['x0', 'x1', ...cell, 'y0', 'bias']);
    expect(lstmCellIds(0)).toEqual({
      in: 'c0_in',
      forget: 'c0_forget',
      out: 'c0_out',
      candidate: 'c0_candidate',
      write: 'c0_write',
      keep: 'c0_keep',
      state: 'c0_state',
      squash: 'c0_squash',
      h: 'c0_h',
    });
    for (const gate of ['c0_in', 'c0_forget', 'c0_out', 'c0_candidate']) {
      expect(net.graph.inNeighbors(gate)).toEqual(['x0', 'x1', 'c0_h', 'bias']);
      expect(net.connection('c0_h', gate)).toMatchObject({ delay: 1, trainable: true });
    }
    expect(net.graph.inNeighbors('c0_state')).toEqual(['c0_keep', 'c0_write']);
    expect(net.connection('c0_state', 'c0_keep')).toEqual({
      from: 'c0_state',
      to: 'c0_keep',
      weight: 1,
      delay: 1,
      trainable: false,
    });
    for (const product of ['c0_write', 'c0_keep', 'c0_h']) {
      expect(net.graph.getNodeAttribute(product, 'aggregate')).toBe('product');
    }
    expect(net.graph.getNodeAttribute('c0_candidate', 'activation')).toBe('tanh');
    expect(net.graph.getNodeAttribute('c0_squash', 'activation')).toBe('tanh');
    expect(net.graph.inNeighbors('y0')).toEqual(['c0_h', 'bias']);
    expect(net.weight('bias', 'c0_forget')).toBe(1);
    const fixed = net.graph.filterEdges((_e, { trainable }) => trainable === false);
    expect(fixed).toHaveLength(9);
    for (const edge of fixed) expect(net.graph.getEdgeAttribute(edge, 'weight')).toBe(1);
  });

  it('connects every cell output to every gate of every cell one step later, and to every output', () => {
    const net = Network.lstm([3, 4, 2], { forgetBias: 2, seed: 9 });
    expect(net.outputs).toEqual(['y0', 'y1']);
    const hs = [0, 1, 2, 3].map((j) => lstmCellIds(j).h);
    for (let j = 0; j < 4; j++) {
      const cell = lstmCellIds(j);
      for (const gate of [cell.in, cell.forget, cell.out, cell.candidate]) {
        expect(net.graph.inNeighbors(gate)).toEqual(['x0', 'x1', 'x2', ...hs, 'bias']);
      }
      expect(net.weight('bias', cell.forget)).toBe(2);
    }
    for (const y of ['y0', 'y1']) expect(net.graph.inNeighbors(y)).toEqual([...hs, 'bias']);
    // Per cell: 4 gates × (3 inputs + 4 cells + bias) + 9 fixed; per output 4 cells + bias.
    expect(net.graph.size).toBe(4 * (4 * 8 + 9) + 2 * 5);
  });

  it.each([
    [1, 1, 1, 1],
    [2, 3, 2, 2],
    [3, 2, 1, 3],
    [2, 4, 3, 4],
  ])('matches a hand-written LSTM step (%i inputs, %i cells, %i outputs; seed %i) within 1e-12', (i, c, o, seed) => {
    const random = createRandom(seed);
    const net = Network.lstm([i, c, o], { seed });
    const weights = randomLstmWeights(random, i, c, o);
    setLstmWeights(net, weights, i, c);
    for (let trial = 0; trial < 5; trial++) {
      const length = 1 + Math.floor(random() * 12);
      const sequence = Array.from({ length }, () => Array.from({ length: i }, () => random() * 6 - 3));
      const expected = referenceLstm(weights, sequence);
      net.runSequence(sequence).forEach((actual, t) => expectClose(actual, expected[t]!));
      // Single runs after a reset are the same steps.
      net.reset();
      sequence.forEach((x, t) => expectClose(net.run(x), expected[t]!));
    }
  });

  it('is seeded: the same seed gives the same weights, another seed others', () => {
    const weights = (seed: number) => Network.lstm([2, 3, 1], { seed }).graph.mapEdges((_e, { weight }) => weight);
    expect(weights(7)).toEqual(weights(7));
    expect(weights(7)).not.toEqual(weights(8));
  });

  it.each([
    ['two sizes', [2, 1], {}],
    ['a zero cell count', [2, 0, 1], {}],
    ['a negative size', [-1, 2, 1], {}],
    ['an unknown option', [2, 3, 1], { activation: 'relu' }],
    ['a bad output activation', [2, 3, 1], { outputActivation: 'nope' }],
    ['a bad seed', [2, 3, 1], { seed: '1' }],
    ['a non-finite forget bias', [2, 3, 1], { forgetBias: Number.POSITIVE_INFINITY }],
    ['options that are not an object', [2, 3, 1], 5],
  ])('refuses %s with a UsageError naming Network.lstm', (_name, sizes, options) => {
    expect(() => Network.lstm(sizes, options as never)).toThrow(UsageError);
    expect(() => Network.lstm(sizes, options as never)).toThrow(/^Network\.lstm: /);
  });

  it('lstmCellIds refuses an index that is not a whole number from 0', () => {
    expect(() => lstmCellIds(-1)).toThrow(NeurographError);
    expect(() => lstmCellIds(0.5)).toThrow(UsageError);
  });
});
