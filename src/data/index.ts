/**
 * Datasets
 * ========
 *
 * Seeded copies of TensorFlow playground's datasets (and scikit-learn's two moons) as
 * labelled points, `toSamples` to train on them, and `split` for a seeded train / test split.
 */
import { circle } from './circle.js';
import { gauss } from './gauss.js';
import { moons } from './moons.js';
import { multiGauss } from './multi-gauss.js';
import { plane } from './plane.js';
import { spiral } from './spiral.js';
import { split } from './split.js';
import { toSamples } from './to-samples.js';
import { xor } from './xor.js';

export const datasets = {
  circle,
  xor,
  gauss,
  spiral,
  moons,
  plane,
  multiGauss,
  toSamples,
  split,
} as const;
