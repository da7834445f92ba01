/**
 * Datasets
 * ========
 *
 * Seeded copies of TensorFlow playground's datasets (and scikit-learn's two moons) as
 * labelled points, `toSamples` to train on them, and real data from packages: Iris, and
 * MNIST's handwritten digits when the optional mnist package is installed.
 */
import { circle } from './circle.js';
import { gauss } from './gauss.js';
import { iris, irisClasses, irisFeatures } from './iris.js';
import { mnist } from './mnist.js';
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
  iris,
  irisClasses,
  irisFeatures,
  mnist,
} as const;
