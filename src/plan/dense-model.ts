/**
 * Layers as matrices
 * ==================
 *
 * The seed's closing idea: "each layer can be represented as a matrix of weights".
 * A network is *layered* when generation 0 holds only inputs and bias neurons, every
 * other connection goes from one generation to the next, and each generation shares
 * one activation. Its layer k is then generation k: a `to × from` weight matrix, a
 * bias vector (the bias neurons' connection weights, folded in) and an activation.
 */
import { activationNames, activations, type ActivationSpec } from '../activations.js';
import { BIAS, INPUT } from '../graph/neuron.js';
import type { Plan } from './plan.js';

export interface DenseLayer {
  /** The previous generation's neurons (inputs for the first layer), in plan order. */
  readonly from: readonly string[];
  /** This generation's neurons, in plan order. */
  readonly to: readonly string[];
  /** `to.length × from.length`, row-major: weights[j * from.length + i] is from[i] → to[j]. */
  readonly weights: Float64Array;
  /** The summed weights of bias connections into each `to` neuron. */
  readonly bias: Float64Array;
  readonly activation: ActivationSpec;
}

/** The plan's layers, or why it is not layered. */
export type LayersOrReason = { readonly layers: DenseLayer[] } | { readonly reason: string };

export function extractLayers(plan: Plan): LayersOrReason {
  const { size, ids, roles, generations, starts, sources, weights, activationCodes, activationParameters } = plan;
  // Positions are sorted by generation, so each generation is one contiguous range.
  const generationStart: number[] = [];
  for (let position = 0; position < size; position++) {
    if (generationStart.length <= generations[position]!) generationStart.push(position);
  }
  generationStart.push(size);

  for (let position = 0; position < (generationStart[1] ?? size); position++) {
    const role = roles[position];
    if (role !== INPUT && role !== BIAS) return { reason: `"${ids[position]}" has no incoming connections but is not an input` };
  }

  const layers: DenseLayer[] = [];
  let previous = nonBias(plan, 0, generationStart[1] ?? size);
  for (let generation = 1; generation + 1 < generationStart.length; generation++) {
    const start = generationStart[generation]!;
    const end = generationStart[generation + 1]!;
    const columnOf = new Map(previous.map((position, column) => [position, column]));
    const layerWeights = new Float64Array((end - start) * previous.length);
    const bias = new Float64Array(end - start);
    for (let position = start; position < end; position++) {
      if (activationCodes[position] !== activationCodes[start] || activationParameters[position] !== activationParameters[start]) {
        return { reason: `generation ${generation} mixes activations ("${ids[start]}" and "${ids[position]}")` };
      }
      const row = position - start;
      for (let slot = starts[position]!; slot < starts[position + 1]!; slot++) {
        const source = sources[slot]!;
        if (roles[source] === BIAS) {
          bias[row]! += weights[slot]!;
          continue;
        }
        const column = columnOf.get(source);
        if (column === undefined) {
          return { reason: `"${ids[source]}" -> "${ids[position]}" skips from generation ${generations[source]} to ${generation}` };
        }
        layerWeights[row * previous.length + column] = weights[slot]!;
      }
    }
    layers.push({
      from: previous.map((position) => ids[position]!),
      to: ids.slice(start, end),
      weights: layerWeights,
      bias,
      activation: activationSpec(activationCodes[start]!, activationParameters[start]!),
    });
    previous = nonBias(plan, start, end);
  }
  return { layers };
}

function nonBias(plan: Plan, start: number, end: number): number[] {
  const positions: number[] = [];
  for (let position = start; position < end; position++) if (plan.roles[position] !== BIAS) positions.push(position);
  return positions;
}

/** The spec for an activation code and parameter: the bare name when the parameter is the default. */
function activationSpec(code: number, parameter: number): ActivationSpec {
  const name = activationNames[code]!;
  const definition = activations[name].parameter;
  if (definition === undefined || definition.default === parameter) return name;
  return { name, [definition.name]: parameter } as ActivationSpec;
}
