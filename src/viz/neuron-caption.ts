/**
 * What a picture writes under a neuron: its activation as a word (`step`,
 * `step(threshold=0.3)`), or its role for inputs and bias neurons; a neuron that
 * multiplies its weighted inputs says so first (`× sigmoid`, where a sum is implied).
 */
import type { ActivationSpec } from '../activations.js';
import { formatNumber } from '../format/number.js';
import type { Role } from '../graph/neuron.js';
import { DEFAULT_ACTIVATION } from '../graph/neuron.js';

/** `step`, `step(threshold=0.3)`, or the role for inputs (`input`) and bias neurons (`bias = 1`). */
export function neuronCaption(role: Role, activation: ActivationSpec | undefined, product = false): string {
  if (product) return `\u00d7 ${neuronCaption(role, activation)}`;
  if (role === 'input') return 'input';
  if (role === 'bias') return 'bias = 1';
  const spec = activation ?? DEFAULT_ACTIVATION;
  if (typeof spec === 'string') return spec;
  const parameters = Object.entries(spec)
    .filter(([key]) => key !== 'name')
    .map(([key, value]) => `${key}=${formatNumber(Number(value))}`);
  return parameters.length === 0 ? spec.name : `${spec.name}(${parameters.join(', ')})`;
}
