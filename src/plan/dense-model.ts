/**
 * The dense model
 * ===============
 *
 * The seed's closing idea: "each layer can be represented as a matrix of weights".
 * A network is *layered* when generation 0 holds only inputs and bias neurons, every
 * other connection goes from one generation to the next, and each generation shares
 * one activation. Its layer k is then generation k + 1: a `to × from` weight matrix,
 * a bias vector (the bias neurons' connection weights, folded in) and an activation
 * code and parameter, as the plan holds them.
 *
 * This is the one dense view of a plan: the compiled network runs it, batch training
 * runs it and adds a backward pass, and `toMatrices()` shows it (`DenseLayer`, with
 * the activation turned back into a spec for display only).
 */
import { activationNames, activations, type ActivationSpec } from '../activations.js';
import { BIAS, INPUT } from '../graph/neuron.js';
import { isFeedForwardSum, type Plan } from './plan.js';

/** What every view of a layer holds: its neurons, its weight matrix and its bias vector. */
interface LayerMatrices {
  /** The previous generation's neurons (inputs for the first layer), in plan order. */
  readonly from: readonly string[];
  /** This generation's neurons, in plan order. */
  readonly to: readonly string[];
  /** `to.length × from.length`, row-major: weights[j * from.length + i] is from[i] → to[j]. */
  readonly weights: Float64Array;
  /** The summed weights of bias connections into each `to` neuron. */
  readonly bias: Float64Array;
}

/** One layer as the executors read it. */
export interface DenseModelLayer extends LayerMatrices {
  /** Activation code (index in `activationNames`) and parameter, shared by the layer. */
  readonly code: number;
  readonly parameter: number;
}

export interface DenseModel {
  readonly inputIds: readonly string[];
  readonly outputIds: readonly string[];
  readonly layers: readonly DenseModelLayer[];
  /** For each output (in output order): its layer and its column in that layer. */
  readonly outputLayer: Int32Array;
  readonly outputColumn: Int32Array;
  /** For each plan slot: its layer, and its index in that layer's weights, or in its bias when `slotIsBias`. */
  readonly slotLayer: Int32Array;
  readonly slotIndex: Int32Array;
  readonly slotIsBias: Uint8Array;
  /**
   * Every layer's weights then bias, one after another: each layer's `weights` and `bias` are views of it.
   * `slotFlat[slot]` is the slot's place in it, so weights and gradients move in one branch-free pass.
   */
  readonly flat: Float64Array;
  readonly slotFlat: Int32Array;
}

/** A layer as `Network.toMatrices()` and `CompiledNetwork.layers` show it (public). */
export interface DenseLayer extends LayerMatrices {
  readonly activation: ActivationSpec;
}

/** The plan's dense model (with the plan's weights now), or why the plan is not layered. */
export type DenseModelOrReason = { readonly model: DenseModel } | { readonly reason: string };

export function denseModelOf(plan: Plan): DenseModelOrReason {
  if (!isFeedForwardSum(plan)) return { reason: 'it has delayed connections or product neurons' };
  const { size, ids, roles, generations, starts, sources, weights, activationCodes, activationParameters } = plan;
  // Positions are sorted by generation, so each generation is one contiguous range.
  const generationStart: number[] = [];
  for (let position = 0; position < size; position++) {
    if (generationStart.length <= generations[position]!) generationStart.push(position);
  }
  generationStart.push(size);

  for (let position = 0; position < (generationStart[1] ?? size); position++) {
    const role = roles[position];
    if (role !== INPUT && role !== BIAS)
      return { reason: `"${ids[position]}" has no incoming connections but is not an input` };
  }

  const slotLayer = new Int32Array(weights.length);
  const slotIndex = new Int32Array(weights.length);
  const slotIsBias = new Uint8Array(weights.length);
  const layers: DenseModelLayer[] = [];
  let previous = nonBias(plan, 0, generationStart[1] ?? size);
  for (let generation = 1; generation + 1 < generationStart.length; generation++) {
    const k = generation - 1;
    const start = generationStart[generation]!;
    const end = generationStart[generation + 1]!;
    const columnOf = new Map(previous.map((position, column) => [position, column]));
    const layerWeights = new Float64Array((end - start) * previous.length);
    const bias = new Float64Array(end - start);
    const code = activationCodes[start]!;
    const parameter = activationParameters[start]!;
    for (let position = start; position < end; position++) {
      if (activationCodes[position] !== code || activationParameters[position] !== parameter) {
        return { reason: `generation ${generation} mixes activations ("${ids[start]}" and "${ids[position]}")` };
      }
      const row = position - start;
      for (let slot = starts[position]!; slot < starts[position + 1]!; slot++) {
        const source = sources[slot]!;
        slotLayer[slot] = k;
        if (roles[source] === BIAS) {
          bias[row]! += weights[slot]!;
          slotIsBias[slot] = 1;
          slotIndex[slot] = row;
          continue;
        }
        const column = columnOf.get(source);
        if (column === undefined) {
          return {
            reason:
              `"${ids[source]}" -> "${ids[position]}" skips ` +
              `from generation ${generations[source]} to ${generation}`,
          };
        }
        layerWeights[row * previous.length + column] = weights[slot]!;
        slotIndex[slot] = row * previous.length + column;
      }
    }
    const from = previous.map((position) => ids[position]!);
    layers.push({ from, to: ids.slice(start, end), weights: layerWeights, bias, code, parameter });
    previous = nonBias(plan, start, end);
  }

  // One flat buffer, the layers' matrices and bias vectors as views of it.
  let length = 0;
  for (const layer of layers) length += layer.weights.length + layer.bias.length;
  const flat = new Float64Array(length);
  const weightsAt: number[] = [];
  const biasAt: number[] = [];
  let offset = 0;
  const viewed = layers.map((layer) => {
    weightsAt.push(offset);
    const weights = flat.subarray(offset, offset + layer.weights.length);
    weights.set(layer.weights);
    offset += layer.weights.length;
    biasAt.push(offset);
    const bias = flat.subarray(offset, offset + layer.bias.length);
    bias.set(layer.bias);
    offset += layer.bias.length;
    return { ...layer, weights, bias };
  });
  const slotFlat = new Int32Array(weights.length);
  for (let slot = 0; slot < weights.length; slot++) {
    slotFlat[slot] = (slotIsBias[slot] === 1 ? biasAt : weightsAt)[slotLayer[slot]!]! + slotIndex[slot]!;
  }

  // Every output is some layer's neuron (generation 0 holds inputs and bias only).
  const where = new Map<string, readonly [number, number]>();
  layers.forEach((layer, k) => layer.to.forEach((id, column) => where.set(id, [k, column])));
  const outputLayer = Int32Array.from(plan.outputIds, (id) => where.get(id)![0]);
  const outputColumn = Int32Array.from(plan.outputIds, (id) => where.get(id)![1]);
  return {
    model: {
      inputIds: plan.inputIds,
      outputIds: plan.outputIds,
      layers: viewed,
      outputLayer,
      outputColumn,
      slotLayer,
      slotIndex,
      slotIsBias,
      flat,
      slotFlat,
    },
  };
}

/**
 * Writes plan-ordered `weights` (one per slot) into the model's matrices and bias vectors.
 * NOTE: one zero fill and one indexed pass over the flat buffer (bias slots add up, several bias
 * neurons may feed one neuron); measured 2–3× faster than looking up each slot's layer and branching.
 */
export function loadWeights(model: DenseModel, weights: Float64Array): void {
  const { flat, slotFlat } = model;
  flat.fill(0);
  for (let slot = 0; slot < weights.length; slot++) flat[slotFlat[slot]!]! += weights[slot]!;
}

/** The model's layers as the public API shows them: copies, with the activation as a spec. */
export function denseLayersOf(model: DenseModel): DenseLayer[] {
  return model.layers.map(({ from, to, weights, bias, code, parameter }) => ({
    from,
    to,
    weights: weights.slice(),
    bias: bias.slice(),
    activation: activationSpec(code, parameter),
  }));
}

/** The plan's layers for `Network.toMatrices()`, or why it is not layered. */
export function extractLayers(plan: Plan): { readonly layers: DenseLayer[] } | { readonly reason: string } {
  const found = denseModelOf(plan);
  return 'model' in found ? { layers: denseLayersOf(found.model) } : found;
}

function nonBias(plan: Plan, start: number, end: number): number[] {
  const positions: number[] = [];
  for (let position = start; position < end; position++) if (plan.roles[position] !== BIAS) positions.push(position);
  return positions;
}

/** The spec for an activation code and parameter (display only): the bare name when the parameter is the default. */
function activationSpec(code: number, parameter: number): ActivationSpec {
  const name = activationNames[code]!;
  const definition = activations[name].parameter;
  if (definition === undefined || definition.default === parameter) return name;
  return { name, [definition.name]: parameter } as ActivationSpec;
}
