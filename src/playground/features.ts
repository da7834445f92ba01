/**
 * Features
 * ========
 *
 * The playground's input neurons: each is a function of the point (x₁, x₂) that the
 * user switches on or off, as in TensorFlow's playground. A feature's id is also the
 * id of its input neuron, so a network document names its inputs by feature.
 *
 * [Reference]: TensorFlow playground, src/playground.ts, INPUTS
 */

export const FEATURE_IDS = ['x1', 'x2', 'x1sq', 'x2sq', 'x1x2', 'sinx1', 'sinx2'] as const;
export type FeatureId = (typeof FEATURE_IDS)[number];

export interface Feature {
  readonly id: FeatureId;
  /** How the page writes it: `x₁`, `sin x₂`, … */
  readonly label: string;
  readonly of: (x1: number, x2: number) => number;
}

export const FEATURES: readonly Feature[] = [
  { id: 'x1', label: 'x\u2081', of: (x1) => x1 },
  { id: 'x2', label: 'x\u2082', of: (_x1, x2) => x2 },
  { id: 'x1sq', label: 'x\u2081\u00b2', of: (x1) => x1 * x1 },
  { id: 'x2sq', label: 'x\u2082\u00b2', of: (_x1, x2) => x2 * x2 },
  { id: 'x1x2', label: 'x\u2081x\u2082', of: (x1, x2) => x1 * x2 },
  { id: 'sinx1', label: 'sin x\u2081', of: (x1) => Math.sin(x1) },
  { id: 'sinx2', label: 'sin x\u2082', of: (_x1, x2) => Math.sin(x2) },
];

const byId = new Map<string, Feature>(FEATURES.map((feature) => [feature.id, feature]));

export function isFeatureId(id: string): id is FeatureId {
  return byId.has(id);
}

export function featureLabel(id: string): string {
  return byId.get(id)?.label ?? id;
}

/**
 * The values of `inputs` (input neuron ids, in the network's order) at the point (x₁, x₂), written
 * into `out` from `offset`. An input that is no feature (an imported network's `a`) takes the
 * feature in its position among the inputs: the first x₁, the second x₂, and so on.
 */
export function featureRow(
  inputs: readonly string[],
  x1: number,
  x2: number,
  out: Float64Array | number[] = new Float64Array(inputs.length),
  offset = 0,
): Float64Array | number[] {
  inputs.forEach((id, i) => {
    const feature = byId.get(id) ?? FEATURES[i] ?? FEATURES[0]!;
    out[offset + i] = feature.of(x1, x2);
  });
  return out;
}

/** The same values as a record keyed by input id, as `Network.run` and training samples take them. */
export function featureRecord(inputs: readonly string[], x1: number, x2: number): Record<string, number> {
  const row = featureRow(inputs, x1, x2);
  return Object.fromEntries(inputs.map((id, i) => [id, row[i]!]));
}
