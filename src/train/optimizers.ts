/**
 * Optimizers
 * ==========
 *
 * The one table of update rules. Each turns the mean gradient of a batch into a
 * step of every weight; momentum and adam keep state between steps (one number or
 * two per weight, in the same slot order as the weights).
 *
 * A step reads the current weights and writes the stepped ones into a second
 * buffer: the trainer keeps the old ones until it knows every new weight is finite.
 *
 * [Reference]: Sutskever et al. 2013, "On the importance of initialization and
 * momentum in deep learning" (momentum as v ← μv − ηg, w ← w + v); Kingma & Ba 2015,
 * "Adam: A Method for Stochastic Optimization" (Algorithm 1).
 */
import { UsageError } from '../errors.js';
import { describe } from '../format/describe.js';

export type OptimizerName = 'sgd' | 'momentum' | 'adam';

/** A name, or `{ name, ...params }`, e.g. `{ name: 'momentum', momentum: 0.9 }`. */
export type OptimizerSpec =
  | OptimizerName
  | { readonly name: 'sgd' }
  | { readonly name: 'momentum'; readonly momentum?: number }
  | { readonly name: 'adam'; readonly beta1?: number; readonly beta2?: number; readonly epsilon?: number };

/**
 * Writes the stepped weights into `next` and clears `gradients` (ready for the next
 * batch). Returns 0 when every new weight is finite, NaN otherwise.
 */
export type OptimizerStep = (
  weights: Float64Array,
  next: Float64Array,
  gradients: Float64Array,
  learningRate: number,
) => number;

export interface Optimizer {
  readonly name: OptimizerName;
  /** The parameters in use, defaults filled in. */
  readonly parameters: Readonly<Record<string, number>>;
  readonly step: OptimizerStep;
}

interface ParameterDefinition {
  readonly default: number;
  /** Whether a value is allowed, and how to say what is. */
  readonly accepts: (value: number) => boolean;
  readonly range: string;
}

interface OptimizerDefinition {
  /** The learning rate used when the trainer is given none. */
  readonly learningRate: number;
  readonly parameters: Readonly<Record<string, ParameterDefinition>>;
  /** A fresh step function with zeroed state for `size` weights. */
  readonly create: (size: number, parameters: Readonly<Record<string, number>>) => OptimizerStep;
}

const fraction: ParameterDefinition = { default: 0.9, accepts: (v) => v >= 0 && v < 1, range: 'in [0, 1)' };

// NOTE: each step is one loop over the weights that also clears the gradient it read
// (no separate fill pass) and sums `next * 0`, which stays 0 unless a new weight is
// NaN or ±Infinity: one multiply-add instead of a Number.isFinite call per weight.
export const optimizers: Readonly<Record<OptimizerName, OptimizerDefinition>> = {
  /** w ← w − η g */
  sgd: {
    learningRate: 0.1,
    parameters: {},
    create: () => (weights, next, gradients, rate) => {
      let check = 0;
      for (let i = 0; i < weights.length; i++) {
        const w = weights[i]! - rate * gradients[i]!;
        gradients[i] = 0;
        next[i] = w;
        check += w * 0;
      }
      return check;
    },
  },
  /** v ← μ v − η g;  w ← w + v */
  momentum: {
    learningRate: 0.01,
    parameters: { momentum: fraction },
    create: (size, { momentum }) => {
      const mu = momentum!;
      const velocity = new Float64Array(size);
      return (weights, next, gradients, rate) => {
        let check = 0;
        for (let i = 0; i < weights.length; i++) {
          const v = mu * velocity[i]! - rate * gradients[i]!;
          gradients[i] = 0;
          velocity[i] = v;
          const w = weights[i]! + v;
          next[i] = w;
          check += w * 0;
        }
        return check;
      };
    },
  },
  /**
   * m ← β₁m + (1 − β₁)g;  v ← β₂v + (1 − β₂)g²;  w ← w − η m̂ / (√v̂ + ε), m̂ and v̂ bias-corrected
   */
  adam: {
    learningRate: 0.01,
    parameters: {
      beta1: fraction,
      beta2: { ...fraction, default: 0.999 },
      epsilon: { default: 1e-8, accepts: (v) => v > 0, range: 'greater than 0' },
    },
    create: (size, { beta1, beta2, epsilon }) => {
      const b1 = beta1!;
      const b2 = beta2!;
      const eps = epsilon!;
      const m = new Float64Array(size);
      const v = new Float64Array(size);
      let t = 0;
      return (weights, next, gradients, rate) => {
        t++;
        const correction1 = 1 - b1 ** t;
        const correction2 = 1 - b2 ** t;
        let check = 0;
        for (let i = 0; i < weights.length; i++) {
          const g = gradients[i]!;
          gradients[i] = 0;
          const mi = (m[i] = b1 * m[i]! + (1 - b1) * g);
          const vi = (v[i] = b2 * v[i]! + (1 - b2) * g * g);
          const w = weights[i]! - (rate * (mi / correction1)) / (Math.sqrt(vi / correction2) + eps);
          next[i] = w;
          check += w * 0;
        }
        return check;
      };
    },
  },
};

export const optimizerNames = Object.keys(optimizers) as readonly OptimizerName[];

/** Checks a spec; returns its name, its parameters with defaults filled in, and a factory of fresh steps. */
export function resolveOptimizer(
  spec: unknown,
  where: string,
): {
  name: OptimizerName;
  parameters: Record<string, number>;
  learningRate: number;
  create: (size: number) => Optimizer;
} {
  const name =
    typeof spec === 'string'
      ? spec
      : typeof spec === 'object' && spec !== null && !Array.isArray(spec)
        ? (spec as { name?: unknown }).name
        : undefined;
  if (typeof name !== 'string' || !Object.hasOwn(optimizers, name)) {
    throw new UsageError(
      `${where}: unknown optimizer ${describe(name ?? spec)}; use one of ${optimizerNames.join(', ')}, ` +
        "or { name, ...params } such as { name: 'momentum', momentum: 0.9 }.",
    );
  }
  const optimizerName = name as OptimizerName;
  const definition = optimizers[optimizerName];
  const parameters: Record<string, number> = {};
  for (const [key, parameter] of Object.entries(definition.parameters)) parameters[key] = parameter.default;
  if (typeof spec === 'object' && spec !== null) {
    for (const [key, value] of Object.entries(spec)) {
      if (key === 'name') continue;
      const parameter = Object.hasOwn(definition.parameters, key) ? definition.parameters[key] : undefined;
      if (parameter === undefined) {
        const accepted = Object.keys(definition.parameters);
        throw new UsageError(
          `${where}: optimizer "${name}" has no parameter ${describe(key)}; it takes ` +
            `${accepted.length > 0 ? accepted.map((k) => `"${k}"`).join(', ') : 'no parameters'}.`,
        );
      }
      if (typeof value !== 'number' || !Number.isFinite(value) || !parameter.accepts(value)) {
        throw new UsageError(
          `${where}: optimizer "${name}" needs "${key}" ${parameter.range}, got ${describe(value)}.`,
        );
      }
      parameters[key] = value;
    }
  }
  return {
    name: optimizerName,
    parameters,
    learningRate: definition.learningRate,
    create: (size) => ({ name: optimizerName, parameters, step: definition.create(size, parameters) }),
  };
}
