/**
 * Elman networks
 * ==============
 *
 * Elman's simple recurrent network: a layered network of one hidden layer whose outputs
 * come back to every hidden neuron one step later, through delayed connections (Elman's
 * "context units" are the memory those connections read). Ids as `Network.layered`'s:
 * inputs `x0…`, hidden `h1_0…`, outputs `y0…`, and `bias`. Connections: every input to
 * every hidden neuron, every hidden neuron to every hidden neuron (itself included) with
 * delay 1, every hidden neuron to every output, and the bias to every hidden and output
 * neuron; all trainable, with seeded Xavier-uniform weights.
 *
 * [Reference]: Elman 1990, "Finding Structure in Time", Cognitive Science 14.
 */
import type { ActivationSpec } from '../activations.js';
import { UsageError } from '../errors.js';
import { describe } from '../format/describe.js';
import { isRevokedProxy } from '../format/revoked-proxy.js';
import { layerIds, readLayerOptions } from './layered-network.js';
import type { Network } from './network.js';

export interface ElmanOptions {
  /** Hidden neurons' activation; defaults to sigmoid. */
  readonly activation?: ActivationSpec;
  /** Output neurons' activation; defaults to `activation`. */
  readonly outputActivation?: ActivationSpec;
  /** Adds the `bias` neuron connected to every hidden and output neuron; defaults to true. */
  readonly bias?: boolean;
  /** Seed of the Xavier-uniform weight draw; defaults to 1. */
  readonly seed?: number;
}

export function buildElman(network: Network, sizes: readonly number[], options: ElmanOptions): void {
  const where = 'Network.elman';
  checkThreeSizes(sizes, where, '[inputs, hidden, outputs]', '[1, 8, 1]');
  const { hiddenSpec, outputSpec, bias, seed } = readLayerOptions(options, where);
  const [inputs, hidden, outputs] = layerIds(sizes) as [string[], string[], string[]];
  for (const id of inputs) network.addInput(id);
  for (const id of hidden) network.addNeuron(id, { activation: hiddenSpec });
  for (const id of outputs) network.addOutput(id, { activation: outputSpec });
  for (const to of hidden) for (const from of inputs) network.connect(from, to, 0);
  for (const to of hidden) for (const from of hidden) network.connect(from, to, 0, { delay: 1 });
  for (const to of outputs) for (const from of hidden) network.connect(from, to, 0);
  if (bias) network.addBias('bias');
  network.randomizeWeights({ seed, scheme: 'xavier' });
}

/** Throws a UsageError unless `sizes` is three positive whole numbers (shared with the LSTM builder). */
export function checkThreeSizes(sizes: unknown, where: string, names: string, example: string): void {
  if (
    isRevokedProxy(sizes) ||
    !Array.isArray(sizes) ||
    sizes.length !== 3 ||
    !sizes.every((size) => Number.isSafeInteger(size) && size > 0)
  ) {
    throw new UsageError(
      `${where}: sizes must be three positive whole numbers ${names}, e.g. ${example}; got ${describe(sizes)}.`,
    );
  }
}
