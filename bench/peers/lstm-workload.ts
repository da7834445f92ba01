/**
 * W5: an LSTM, step by step
 * =========================
 *
 * One seeded LSTM (6 inputs → 7 cells → 6 outputs by default) and one seeded input
 * sequence of 24 steps, which every library runs with the same weights. The libraries
 * do not all compute the same cell, so there are three float64 references, one per cell
 * as each library defines it, and each adapter says which one it computes:
 *
 * - `standard`, the LSTM with a forget gate (Gers, Schmidhuber & Cummins 2000) as
 *   `Network.lstm` documents it and the hand-written loop computes it, with
 *   σ the sigmoid and h the cells' outputs:
 *
 *       i = σ(W_i x + U_i h(t−1) + b_i)   f = σ(W_f x + U_f h(t−1) + b_f)
 *       o = σ(W_o x + U_o h(t−1) + b_o)   g = tanh(W_g x + U_g h(t−1) + b_g)
 *       c = f ⊙ c(t−1) + i ⊙ g            h = o ⊙ tanh(c)
 *       y = σ(V h + b_y)
 *
 * - `peephole`, synaptic's `Architect.LSTM` and neataptic's `architect.LSTM` (the
 *   same construction): the gates read the cells' activations (peepholes, all to all)
 *   instead of h — the input and forget gates the previous step's, the output gate this
 *   step's —, the cell is a logistic neuron whose self-connection the forget gate gates
 *   and whose input connections (not its bias) the input gate gates, and the outputs
 *   read the cells through the output gates plus the inputs directly:
 *
 *       i = σ(W_i x + U_i a(t−1) + b_i)   f = σ(W_f x + U_f a(t−1) + b_f)
 *       s = f ⊙ s(t−1) + i ⊙ (W_g x) + b_g    a = σ(s)
 *       o = σ(W_o x + U_o a + b_o)
 *       y = σ(V (o ⊙ a) + D x + b_y)
 *
 * - `brain`, brain.js 1.6.1's `recurrent.LSTMTimeStep`: the standard gates, but the
 *   forget gate multiplies the previous output h(t−1) (brain.js keeps no cell state from
 *   one step to the next), and the output layer is linear:
 *
 *       c = f ⊙ h(t−1) + i ⊙ g            h = o ⊙ tanh(c)
 *       y = V h + b_y
 *
 * Same weights everywhere: W, U, b for the four gates, V and b_y; D only in `peephole`
 * (where U_g is not used).
 */
import { createRandom } from '../../src/index.js';

export type LstmVariant = 'standard' | 'peephole' | 'brain';

/** A gate's weights: `cells × inputs` and `cells × cells` row-major matrices and a bias vector. */
export interface LstmGate {
  readonly w: Float64Array;
  readonly u: Float64Array;
  readonly b: Float64Array;
}

export interface LstmModel {
  readonly inputs: number;
  readonly cells: number;
  readonly outputs: number;
  /** Input, forget and output gates, and the candidate. */
  readonly in: LstmGate;
  readonly forget: LstmGate;
  readonly out: LstmGate;
  readonly candidate: LstmGate;
  /** `outputs × cells`, row-major. */
  readonly v: Float64Array;
  /** `outputs × inputs`, row-major: the peephole variant's direct input → output connections. */
  readonly d: Float64Array;
  readonly by: Float64Array;
}

/** A library's LSTM with the model's weights. */
export interface LstmRunner {
  /** Which reference it computes. */
  readonly variant: LstmVariant;
  /** Forgets every earlier step. */
  reset(): void;
  /** One time step, state carried: the outputs (libraries with a step API). */
  step?(input: Float64Array): ArrayLike<number>;
  /** A whole sequence from a fresh state: the last step's outputs (libraries without a step API). */
  sequence?(inputs: readonly Float64Array[]): ArrayLike<number>;
}

export interface RecurrentPeer {
  readonly name: string;
  /** As `Peer.tolerance`: relative to max(1, |reference|). */
  readonly tolerance: number;
  readonly lstm: (model: LstmModel) => LstmRunner;
}

/** Xavier-uniform weights over each gate's fan-in and fan-out, small biases, forget bias 1 (as `Network.lstm`). */
export function randomLstmModel(inputs: number, cells: number, outputs: number, seed: number): LstmModel {
  const random = createRandom(seed);
  const uniform = (length: number, limit: number) => Float64Array.from({ length }, () => (2 * random() - 1) * limit);
  const gateLimit = Math.sqrt(6 / (inputs + 2 * cells));
  const gate = (bias: number): LstmGate => ({
    w: uniform(cells * inputs, gateLimit),
    u: uniform(cells * cells, gateLimit),
    b: Float64Array.from(uniform(cells, 0.1), (value) => value + bias),
  });
  const outputLimit = Math.sqrt(6 / (cells + outputs));
  return {
    inputs,
    cells,
    outputs,
    in: gate(0),
    forget: gate(1),
    out: gate(0),
    candidate: gate(0),
    v: uniform(outputs * cells, outputLimit),
    d: uniform(outputs * inputs, Math.sqrt(6 / (inputs + outputs))),
    by: uniform(outputs, 0.1),
  };
}

/** `steps` input vectors of `width` values in [0, 1). */
export function randomSequence(width: number, steps: number, seed: number): Float64Array[] {
  const random = createRandom(seed);
  return Array.from({ length: steps }, () => Float64Array.from({ length: width }, () => random()));
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** gate.w · x + gate.u · r + gate.b, for cell j (`r` may be omitted: no recurrent term). */
function gateSum(
  gate: LstmGate,
  j: number,
  x: Float64Array,
  r: Float64Array | undefined,
  inputs: number,
  cells: number,
) {
  let sum = gate.b[j]!;
  for (let i = 0; i < inputs; i++) sum += gate.w[j * inputs + i]! * x[i]!;
  if (r !== undefined) for (let k = 0; k < cells; k++) sum += gate.u[j * cells + k]! * r[k]!;
  return sum;
}

/**
 * The float64 reference: every step's outputs, row-major (`steps × outputs`), from a
 * fresh state, as `variant` computes them. Plain loops, written for reading, not speed.
 */
export function lstmReference(model: LstmModel, sequence: readonly Float64Array[], variant: LstmVariant): Float64Array {
  const { inputs, cells, outputs } = model;
  const result = new Float64Array(sequence.length * outputs);
  let h = new Float64Array(cells); // standard, brain: h(t−1); peephole: a(t−1), the cells' activations
  let c = new Float64Array(cells); // standard: c(t−1); peephole: s(t−1); brain: unused
  sequence.forEach((x, t) => {
    const nextH = new Float64Array(cells);
    const nextC = new Float64Array(cells);
    const gated = new Float64Array(cells); // what the outputs read from each cell
    if (variant === 'peephole') {
      const inGate = new Float64Array(cells);
      for (let j = 0; j < cells; j++) {
        inGate[j] = sigmoid(gateSum(model.in, j, x, h, inputs, cells));
        const forget = sigmoid(gateSum(model.forget, j, x, h, inputs, cells));
        const write = gateSum(model.candidate, j, x, undefined, inputs, cells) - model.candidate.b[j]!;
        nextC[j] = forget * c[j]! + inGate[j]! * write + model.candidate.b[j]!;
        nextH[j] = sigmoid(nextC[j]!);
      }
      for (let j = 0; j < cells; j++) gated[j] = sigmoid(gateSum(model.out, j, x, nextH, inputs, cells)) * nextH[j]!;
    } else {
      for (let j = 0; j < cells; j++) {
        const inGate = sigmoid(gateSum(model.in, j, x, h, inputs, cells));
        const forget = sigmoid(gateSum(model.forget, j, x, h, inputs, cells));
        const outGate = sigmoid(gateSum(model.out, j, x, h, inputs, cells));
        const candidate = Math.tanh(gateSum(model.candidate, j, x, h, inputs, cells));
        nextC[j] = forget * (variant === 'brain' ? h[j]! : c[j]!) + inGate * candidate;
        nextH[j] = outGate * Math.tanh(nextC[j]!);
      }
      gated.set(nextH);
    }
    for (let k = 0; k < outputs; k++) {
      let sum = model.by[k]!;
      for (let j = 0; j < cells; j++) sum += model.v[k * cells + j]! * gated[j]!;
      if (variant === 'peephole') for (let i = 0; i < inputs; i++) sum += model.d[k * inputs + i]! * x[i]!;
      result[t * outputs + k] = variant === 'brain' ? sum : sigmoid(sum);
    }
    h = nextH;
    c = nextC;
  });
  return result;
}

/**
 * The largest error of `runner` against `variant`'s reference over `sequence`: every step
 * from a fresh state with a step API, else the last output of every prefix of the sequence.
 */
export function lstmError(model: LstmModel, runner: LstmRunner, sequence: readonly Float64Array[]): number {
  const expected = lstmReference(model, sequence, runner.variant);
  const { outputs } = model;
  let worst = 0;
  const compare = (got: ArrayLike<number>, t: number) => {
    const row = expected.subarray(t * outputs, (t + 1) * outputs);
    if (got.length !== outputs) return Infinity;
    let error = 0;
    for (let k = 0; k < outputs; k++) {
      const e = Math.abs(got[k]! - row[k]!) / Math.max(1, Math.abs(row[k]!));
      if (!(e <= error)) error = Number.isNaN(e) ? Infinity : e;
    }
    return error;
  };
  if (runner.step !== undefined) {
    runner.reset();
    // Twice: a reset must forget the first pass.
    for (let pass = 0; pass < 2; pass++) {
      runner.reset();
      sequence.forEach((x, t) => (worst = Math.max(worst, compare(runner.step!(x), t))));
    }
  } else {
    for (let t = 0; t < sequence.length; t++)
      worst = Math.max(worst, compare(runner.sequence!(sequence.slice(0, t + 1)), t));
  }
  return worst;
}

/** What each variant differs in from `standard`, for the report's table (the module comment has the equations). */
export const variantNotes: Record<LstmVariant, string> = {
  standard: 'standard LSTM',
  peephole: 'differs: peepholes (gates read the cells, not h), logistic cell, inputs → outputs; own reference',
  brain: 'differs: forget gate × h(t−1), not the cell state; linear outputs; own reference',
};
