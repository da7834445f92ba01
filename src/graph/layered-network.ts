/**
 * Layered networks
 * ================
 *
 * The "generic deep neural network" picture: every neuron of a layer connected to
 * every neuron of the next, plus the seed's bias neuron, with seeded weights.
 * Ids: inputs `x0…`, hidden layer k `hk_0…`, outputs `y0…`, and `bias`.
 */
import { resolveActivation, type ActivationSpec } from '../activations.js';
import { UsageError } from '../errors.js';
import { describe } from '../format/describe.js';
import { isRevokedProxy } from '../format/revoked-proxy.js';
import { checkOptionNames } from '../format/options.js';
import type { Network } from './network.js';
import { DEFAULT_ACTIVATION } from './neuron.js';

export interface LayeredOptions {
  /** Hidden neurons' activation; defaults to sigmoid. */
  readonly activation?: ActivationSpec;
  /** Output neurons' activation; defaults to `activation`. */
  readonly outputActivation?: ActivationSpec;
  /** Adds the `bias` neuron connected to every hidden and output neuron; defaults to true. */
  readonly bias?: boolean;
  /** Seed of the Xavier-uniform weight draw; defaults to 1. */
  readonly seed?: number;
}

/** The ids of each layer of `Network.layered(sizes)`. */
export function layerIds(sizes: readonly number[]): string[][] {
  checkSizes(sizes, 'layerIds');
  return sizes.map((size, layer) => {
    const prefix = layer === 0 ? 'x' : layer === sizes.length - 1 ? 'y' : `h${layer}_`;
    return Array.from({ length: size }, (_, i) => `${prefix}${i}`);
  });
}

export function buildLayered(network: Network, sizes: readonly number[], options: LayeredOptions): void {
  const where = 'Network.layered';
  checkSizes(sizes, where);
  const { hiddenSpec, outputSpec, bias, seed } = readLayerOptions(options, where);
  const layers = layerIds(sizes);
  layers.forEach((ids, layer) => {
    for (const id of ids) {
      if (layer === 0) network.addInput(id);
      else if (layer === layers.length - 1) network.addOutput(id, { activation: outputSpec });
      else network.addNeuron(id, { activation: hiddenSpec });
    }
  });
  for (let layer = 1; layer < layers.length; layer++) {
    for (const to of layers[layer]!) for (const from of layers[layer - 1]!) network.connect(from, to, 0);
  }
  if (bias) network.addBias('bias');
  network.randomizeWeights({ seed, scheme: 'xavier' });
}

/**
 * The options of a builder of layers (`layered`, `elman`), checked and read once, so that a bad
 * option is reported as the builder's own; the activation specs are checked copies.
 */
export function readLayerOptions(options: LayeredOptions | undefined, where: string) {
  checkOptionNames(options, ['activation', 'outputActivation', 'bias', 'seed'], where);
  const { activation = DEFAULT_ACTIVATION, bias = true, seed = 1, outputActivation = activation } = options ?? {};
  const hidden = resolveActivation(activation, `${where}: activation`);
  if (hidden.name === 'softmax') {
    throw new UsageError(
      `${where}: activation: softmax is for output neurons (one group over the outputs); give it as outputActivation.`,
    );
  }
  const hiddenSpec = hidden.spec;
  const outputSpec = resolveActivation(outputActivation, `${where}: outputActivation`).spec;
  if (!Number.isSafeInteger(seed)) throw new UsageError(`${where}: seed must be an integer, got ${describe(seed)}.`);
  if (typeof bias !== 'boolean') throw new UsageError(`${where}: bias must be true or false, got ${describe(bias)}.`);
  return { hiddenSpec, outputSpec, bias, seed };
}

function checkSizes(sizes: unknown, where: string): asserts sizes is readonly number[] {
  if (
    isRevokedProxy(sizes) ||
    !Array.isArray(sizes) ||
    sizes.length < 2 ||
    !sizes.every((size) => Number.isSafeInteger(size) && size > 0)
  ) {
    throw new UsageError(
      `${where}: sizes must list at least two positive whole layer sizes, inputs first, e.g. [2, 3, 1]; ` +
        `got ${describe(sizes)}.`,
    );
  }
}
