/**
 * LSTM networks
 * =============
 *
 * Long short-term memory cells wired from ordinary neurons, so that every gate is a node
 * of the graph: drawn, traced and trained like any other. `Network.lstm([inputs, cells,
 * outputs])` computes, at every step t, for each cell j (σ the sigmoid, h the cells' outputs):
 *
 *     in(t)        = σ(W_in · x(t) + U_in · h(t−1) + b_in)            input gate
 *     forget(t)    = σ(W_f · x(t)  + U_f · h(t−1)  + b_f)             forget gate (b_f starts at 1)
 *     out(t)       = σ(W_o · x(t)  + U_o · h(t−1)  + b_o)             output gate
 *     candidate(t) = tanh(W_g · x(t) + U_g · h(t−1) + b_g)
 *     state(t)     = forget(t) × state(t−1) + in(t) × candidate(t)    the cell state
 *     h(t)         = out(t) × tanh(state(t))
 *     y(t)         = outputActivation(W_y · h(t) + b_y)               every output reads every cell
 *
 * Ids (cell j = 0, 1, …):
 *
 *     x0…            inputs
 *     cj_in          input gate (sigmoid)
 *     cj_forget      forget gate (sigmoid)
 *     cj_out         output gate (sigmoid)
 *     cj_candidate   candidate (tanh)
 *     cj_write       product neuron (identity): cj_in × cj_candidate
 *     cj_keep        product neuron (identity): cj_forget × cj_state one step earlier
 *     cj_state       the cell state (identity): cj_keep + cj_write
 *     cj_squash      tanh of cj_state
 *     cj_h           product neuron (identity): cj_out × cj_squash, the cell's output
 *     y0…            outputs (sigmoid unless `outputActivation` says otherwise)
 *     bias           connected to every gate, candidate and output
 *
 * Trainable connections, with seeded Xavier-uniform weights: every input to every gate and
 * candidate; every cell's `cj_h` to every gate and candidate with delay 1; every `cj_h` to
 * every output; the bias to every gate, candidate and output (the forget gates' bias
 * weights start at `forgetBias`, 1 by default, so that cells remember until they learn to
 * forget). Every other connection is untrainable with weight 1, among them the cell's
 * memory: `cj_state` feeds itself through `cj_keep` with delay 1 (the delayed weight-1
 * connection `cj_state → cj_keep`). `randomizeWeights` would redraw those too.
 *
 * [Reference]: Hochreiter & Schmidhuber 1997, "Long Short-Term Memory"; Gers, Schmidhuber &
 * Cummins 2000, "Learning to Forget: Continual Prediction with LSTM" (the forget gate).
 */
import { resolveActivation, type ActivationSpec } from '../activations.js';
import { UsageError } from '../errors.js';
import { describe } from '../format/describe.js';
import { checkOptionNames } from '../format/options.js';
import { checkThreeSizes } from './elman-network.js';
import { layerIds } from './layered-network.js';
import type { Network } from './network.js';

export interface LstmOptions {
  /** Output neurons' activation; defaults to sigmoid. */
  readonly outputActivation?: ActivationSpec;
  /** The forget gates' starting bias weight; defaults to 1. */
  readonly forgetBias?: number;
  /** Seed of the Xavier-uniform weight draw; defaults to 1. */
  readonly seed?: number;
}

/** The ids of cell `j`'s neurons, as `Network.lstm` names them. */
export function lstmCellIds(j: number) {
  if (!Number.isSafeInteger(j) || j < 0) {
    throw new UsageError(`lstmCellIds: a cell's index is a whole number from 0, got ${describe(j)}.`);
  }
  const c = `c${j}_`;
  return {
    in: `${c}in`,
    forget: `${c}forget`,
    out: `${c}out`,
    candidate: `${c}candidate`,
    write: `${c}write`,
    keep: `${c}keep`,
    state: `${c}state`,
    squash: `${c}squash`,
    h: `${c}h`,
  } as const;
}

export function buildLstm(network: Network, sizes: readonly number[], options: LstmOptions): void {
  const where = 'Network.lstm';
  checkThreeSizes(sizes, where, '[inputs, cells, outputs]', '[1, 4, 1]');
  checkOptionNames(options, ['outputActivation', 'forgetBias', 'seed'], where);
  const { outputActivation = 'sigmoid', forgetBias = 1, seed = 1 } = options ?? {};
  const outputSpec = resolveActivation(outputActivation, `${where}: outputActivation`).spec;
  if (!Number.isSafeInteger(seed)) throw new UsageError(`${where}: seed must be an integer, got ${describe(seed)}.`);
  if (typeof forgetBias !== 'number' || !Number.isFinite(forgetBias)) {
    throw new UsageError(`${where}: forgetBias must be a finite number, got ${describe(forgetBias)}.`);
  }
  const [inputs, , outputs] = layerIds(sizes) as [string[], string[], string[]];
  const cells = Array.from({ length: sizes[1]! }, (_, j) => lstmCellIds(j));
  const fixed = { trainable: false } as const;

  for (const id of inputs) network.addInput(id);
  for (const cell of cells) {
    network
      .addNeuron(cell.in, { activation: 'sigmoid' })
      .addNeuron(cell.forget, { activation: 'sigmoid' })
      .addNeuron(cell.out, { activation: 'sigmoid' })
      .addNeuron(cell.candidate, { activation: 'tanh' })
      .addNeuron(cell.write, { activation: 'identity', aggregate: 'product' })
      .addNeuron(cell.keep, { activation: 'identity', aggregate: 'product' })
      .addNeuron(cell.state, { activation: 'identity' })
      .addNeuron(cell.squash, { activation: 'tanh' })
      .addNeuron(cell.h, { activation: 'identity', aggregate: 'product' });
  }
  for (const id of outputs) network.addOutput(id, { activation: outputSpec });

  for (const cell of cells) {
    for (const gate of [cell.in, cell.forget, cell.out, cell.candidate]) {
      for (const x of inputs) network.connect(x, gate, 0);
      for (const other of cells) network.connect(other.h, gate, 0, { delay: 1 });
    }
    network
      .connect(cell.in, cell.write, 1, fixed)
      .connect(cell.candidate, cell.write, 1, fixed)
      .connect(cell.forget, cell.keep, 1, fixed)
      .connect(cell.state, cell.keep, 1, { delay: 1, trainable: false })
      .connect(cell.keep, cell.state, 1, fixed)
      .connect(cell.write, cell.state, 1, fixed)
      .connect(cell.state, cell.squash, 1, fixed)
      .connect(cell.out, cell.h, 1, fixed)
      .connect(cell.squash, cell.h, 1, fixed);
  }
  for (const y of outputs) for (const cell of cells) network.connect(cell.h, y, 0);
  // The bias reaches every sum neuron; the state and its squash are plain sums of the cell's own values.
  network.addBias('bias');
  for (const cell of cells) network.disconnect('bias', cell.state).disconnect('bias', cell.squash);

  network.randomizeWeights({ seed, scheme: 'xavier' });
  // The draw covers every connection: put the cell's fixed wiring and the forget biases back.
  for (const { from, to } of fixedConnections(network, cells)) network.setWeight(from, to, 1);
  for (const cell of cells) network.setWeight('bias', cell.forget, forgetBias);
}

function fixedConnections(network: Network, cells: readonly ReturnType<typeof lstmCellIds>[]) {
  const found: { from: string; to: string }[] = [];
  for (const cell of cells) {
    for (const to of [cell.write, cell.keep, cell.state, cell.squash, cell.h]) {
      for (const from of network.graph.inNeighbors(to)) {
        if (!network.connection(from, to).trainable) found.push({ from, to });
      }
    }
  }
  return found;
}
