/**
 * What the pictures write about a neuron or a connection: numbers shown short, the
 * activation spec as a word, and the colours every format shares.
 */
import type { ActivationSpec } from '../activations.js';
import type { Role } from '../graph/neuron.js';
import { DEFAULT_ACTIVATION } from '../graph/neuron.js';

/** Up to 3 decimals, no trailing zeros, no `-0`: 1, 0.5, -2, 0.731. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const rounded = Number(value.toFixed(3));
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

/** The same with a typographic minus sign, for drawings. */
export function formatNumberPretty(value: number): string {
  return formatNumber(value).replace(/^-/, '\u2212');
}

/** `step`, `step(threshold=0.3)`, or the role for inputs (`input`) and bias neurons (`bias = 1`). */
export function describeNeuron(role: Role, activation: ActivationSpec | undefined): string {
  if (role === 'input') return 'input';
  if (role === 'bias') return 'bias = 1';
  const spec = activation ?? DEFAULT_ACTIVATION;
  if (typeof spec === 'string') return spec;
  const parameters = Object.entries(spec).filter(([key]) => key !== 'name');
  return parameters.length === 0 ? spec.name : `${spec.name}(${parameters.map(([key, value]) => `${key}=${formatNumber(Number(value))}`).join(', ')})`;
}

export const colours = {
  positive: '#2563eb',
  negative: '#dc2626',
  zero: '#94a3b8',
  text: '#0f172a',
  muted: '#64748b',
  roles: {
    input: { fill: '#ecfdf5', stroke: '#059669' },
    bias: { fill: '#f1f5f9', stroke: '#94a3b8' },
    hidden: { fill: '#f8fafc', stroke: '#475569' },
    output: { fill: '#f5f3ff', stroke: '#7c3aed' },
  },
} as const;

export function weightColour(weight: number): string {
  return weight > 0 ? colours.positive : weight < 0 ? colours.negative : colours.zero;
}

/** Stroke width from 1 (weight 0) to 5 (the largest |weight| in the picture). */
export function weightWidth(weight: number, largest: number): number {
  return largest > 0 ? Math.round((1 + (4 * Math.abs(weight)) / largest) * 100) / 100 : 1;
}
