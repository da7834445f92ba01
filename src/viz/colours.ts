/**
 * Colours
 * =======
 *
 * The colours every picture shares (SVG, DOT, Mermaid and the HTML player, which
 * bundles this same file): one per role, one per weight sign, the softmax group's
 * box, and how a neuron's fill warms towards amber as its value grows.
 *
 * Plain ECMAScript with no imports, so it runs in the browser as it is.
 */

export const colours = {
  positive: '#2563eb',
  negative: '#dc2626',
  zero: '#94a3b8',
  text: '#0f172a',
  muted: '#64748b',
  /** A neuron's value, written above it. */
  value: '#b45309',
  /** What a neuron's fill moves towards as |value| goes to 1. */
  valueFill: '#fcd34d',
  roles: {
    input: { fill: '#ecfdf5', stroke: '#059669' },
    bias: { fill: '#f1f5f9', stroke: '#94a3b8' },
    hidden: { fill: '#f8fafc', stroke: '#475569' },
    output: { fill: '#f5f3ff', stroke: '#7c3aed' },
  },
  /** The box (cluster, subgraph) around the softmax group: the output colour, faint. */
  softmax: { fill: '#f8f5fe', stroke: '#b793f5', text: '#7c3aed' },
} as const;

export type WeightSign = 'positive' | 'negative' | 'zero';

export function weightSign(weight: number): WeightSign {
  return weight > 0 ? 'positive' : weight < 0 ? 'negative' : 'zero';
}

/** Blue for a positive weight (or signal), red for a negative one, grey for zero. */
export function weightColour(weight: number): string {
  return colours[weightSign(weight)];
}

/** Stroke width from 1 (weight 0) to 5 (the largest |weight| in the picture). */
export function weightWidth(weight: number, largest: number): number {
  return largest > 0 ? Math.round((1 + (4 * Math.abs(weight)) / largest) * 100) / 100 : 1;
}

/** `from` blended towards `to` by `t` in [0, 1], both `#rrggbb`. */
export function mixColours(from: string, to: string, t: number): string {
  const channel = (hex: string, i: number) => Number.parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16);
  let mixed = '#';
  for (let i = 0; i < 3; i++) {
    const value = Math.round(channel(from, i) + (channel(to, i) - channel(from, i)) * t);
    mixed += value.toString(16).padStart(2, '0');
  }
  return mixed;
}

/** A neuron's fill for a value: its role's fill, warmed by |value| (capped at 1); unchanged for no value. */
export function valueFill(roleFill: string, value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return roleFill;
  return mixColours(roleFill, colours.valueFill, Math.min(1, Math.abs(value)));
}
