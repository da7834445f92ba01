/**
 * Activations
 * ===========
 *
 * The one table of activation functions and their derivatives. Propagation,
 * training, the compiled path and the pictures all read it; nothing else in the
 * library knows what an activation computes.
 *
 * Each function stays finite for every finite input: sigmoid saturates to exactly
 * 0 and 1 (1 / (1 + Infinity) is 0), tanh to ±1.
 *
 * Softmax is the one activation of a *group*: the output neurons that carry it share one
 * softmax over their weighted inputs (logits). The table's `fn` is what a group of one
 * gives (1) and its `derivative` the Jacobian's diagonal p(1 − p); the executors apply it
 * to the whole group at once (`softmaxRange`), and training turns the loss's pull on the
 * probabilities into pulls on the logits for the whole group (train/output-deltas.ts).
 */
import { UsageError } from './errors.js';
import { describe } from './format/describe.js';
import { isRevokedProxy } from './format/revoked-proxy.js';

export type ActivationName = 'identity' | 'step' | 'sigmoid' | 'tanh' | 'relu' | 'leakyRelu' | 'softmax';

/** A name, or `{ name, ...params }`, e.g. `{ name: 'step', threshold: 0.3 }`. */
export type ActivationSpec =
  | ActivationName
  | { readonly name: 'identity' | 'sigmoid' | 'tanh' | 'relu' | 'softmax' }
  | { readonly name: 'step'; readonly threshold?: number }
  | { readonly name: 'leakyRelu'; readonly alpha?: number };

interface ActivationParameter {
  readonly name: string;
  readonly default: number;
  /** The accepted range, both ends included; it keeps the function finite for finite inputs. */
  readonly min: number;
  readonly max: number;
}

interface ActivationDefinition {
  /** The tunable parameter, if the activation has one. */
  readonly parameter?: ActivationParameter;
  readonly fn: (x: number, parameter: number) => number;
  /** d output / d input at input `x`, whose output was `y`. */
  readonly derivative: (x: number, y: number, parameter: number) => number;
}

export const activations: Readonly<Record<ActivationName, ActivationDefinition>> = {
  identity: {
    fn: (x) => x,
    derivative: () => 1,
  },
  step: {
    parameter: { name: 'threshold', default: 0.5, min: -Number.MAX_VALUE, max: Number.MAX_VALUE },
    fn: (x, threshold) => (x > threshold ? 1 : 0),
    // The step is flat almost everywhere; training refuses step neurons instead of using this.
    derivative: () => 0,
  },
  sigmoid: {
    fn: (x) => 1 / (1 + Math.exp(-x)),
    derivative: (_x, y) => y * (1 - y),
  },
  tanh: {
    fn: (x) => Math.tanh(x),
    derivative: (_x, y) => 1 - y * y,
  },
  relu: {
    fn: (x) => (x > 0 ? x : 0),
    derivative: (x) => (x > 0 ? 1 : 0),
  },
  leakyRelu: {
    // A slope above 1 could overflow a finite input to -Infinity (alpha 1e308 × -10).
    parameter: { name: 'alpha', default: 0.01, min: 0, max: 1 },
    fn: (x, alpha) => (x > 0 ? x : alpha * x),
    derivative: (x, _y, alpha) => (x > 0 ? 1 : alpha),
  },
  softmax: {
    fn: () => 1,
    derivative: (_x, y) => y * (1 - y),
  },
};

/** The names in code order: a neuron's activation code is its name's index here. */
export const activationNames = Object.keys(activations) as readonly ActivationName[];

const codeOf = (name: ActivationName): number => activationNames.indexOf(name);
const IDENTITY = codeOf('identity');
/** The step activation's code: training looks for it (its gradient is zero almost everywhere). */
export const STEP = codeOf('step');
const SIGMOID = codeOf('sigmoid');
const TANH = codeOf('tanh');
const RELU = codeOf('relu');
const LEAKY_RELU = codeOf('leakyRelu');
/** The softmax's code: it acts on a group of neurons, so the walks that go neuron by neuron look for it. */
export const SOFTMAX = codeOf('softmax');

/** An activation spec checked and reduced to what the hot loop reads. */
export interface ResolvedActivation {
  readonly name: ActivationName;
  readonly code: number;
  readonly parameter: number;
  /** A fresh spec with the values that were checked (the caller's object is read once, never kept). */
  readonly spec: ActivationSpec;
}

/**
 * Checks an activation spec and resolves it to a code and a parameter.
 * `where` starts the error message, e.g. `Network.addNeuron: "h"`.
 */
export function resolveActivation(spec: unknown, where: string): ResolvedActivation {
  const name = typeof spec === 'string' ? spec : isPlainObject(spec) ? readOnce(spec, 'name') : undefined;
  if (typeof name !== 'string' || !Object.hasOwn(activations, name)) {
    throw new UsageError(
      `${where}: unknown activation ${describe(typeof spec === 'string' ? spec : (name ?? spec))}; ` +
        `use one of ${activationNames.join(', ')}, or { name, ...params } such as { name: 'step', threshold: 0.3 }.`,
    );
  }
  const activationName = name as ActivationName;
  const definition = activations[activationName].parameter;
  let parameter = definition?.default ?? 0;
  let given = false;
  if (typeof spec === 'object' && spec !== null) {
    for (const key of Object.keys(spec)) {
      if (key === 'name') continue;
      if (key !== definition?.name) {
        const accepted = definition ? `only "${definition.name}"` : 'no parameters';
        throw new UsageError(`${where}: activation "${name}" has no parameter ${describe(key)}; it takes ${accepted}.`);
      }
      // NOTE: read once: a getter could answer differently the second time.
      const value = readOnce(spec as Record<string, unknown>, key);
      if (typeof value !== 'number' || !Number.isFinite(value) || value < definition.min || value > definition.max) {
        const range =
          definition.min === -Number.MAX_VALUE
            ? 'a finite number'
            : `a number from ${definition.min} to ${definition.max}`;
        throw new UsageError(`${where}: activation "${name}" needs ${range} for "${key}", got ${describe(value)}.`);
      }
      parameter = value;
      given = true;
    }
  }
  const copy: ActivationSpec =
    typeof spec === 'string'
      ? activationName
      : given
        ? ({ name: activationName, [definition!.name]: parameter } as ActivationSpec)
        : ({ name: activationName } as ActivationSpec);
  return { name: activationName, code: codeOf(activationName), parameter, spec: copy };
}

function readOnce(object: object, key: string): unknown {
  return (object as Record<string, unknown>)[key];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !isRevokedProxy(value) && !Array.isArray(value);
}

const { identity, step, sigmoid, tanh, relu, leakyRelu, softmax } = activations;

/**
 * activation(x) for an activation code.
 * NOTE: a switch of direct calls keeps every call site monomorphic, so V8 inlines the
 * table's functions into the hot loop; calling through `activations[name].fn` would not.
 */
export function activate(code: number, x: number, parameter: number): number {
  switch (code) {
    case IDENTITY:
      return identity.fn(x, parameter);
    case STEP:
      return step.fn(x, parameter);
    case SIGMOID:
      return sigmoid.fn(x, parameter);
    case TANH:
      return tanh.fn(x, parameter);
    case RELU:
      return relu.fn(x, parameter);
    case LEAKY_RELU:
      return leakyRelu.fn(x, parameter);
    case SOFTMAX:
      return softmax.fn(x, parameter);
    default:
      throw new RangeError(`activate: no activation has code ${code}.`);
  }
}

/** d activation / d input for an activation code; see `activate` for why it switches. */
export function activationDerivative(code: number, x: number, y: number, parameter: number): number {
  switch (code) {
    case IDENTITY:
      return identity.derivative(x, y, parameter);
    case STEP:
      return step.derivative(x, y, parameter);
    case SIGMOID:
      return sigmoid.derivative(x, y, parameter);
    case TANH:
      return tanh.derivative(x, y, parameter);
    case RELU:
      return relu.derivative(x, y, parameter);
    case LEAKY_RELU:
      return leakyRelu.derivative(x, y, parameter);
    case SOFTMAX:
      return softmax.derivative(x, y, parameter);
    default:
      throw new RangeError(`activationDerivative: no activation has code ${code}.`);
  }
}

/**
 * The softmax of `values[start … end - 1]`, in place: exp(x − max) / Σ exp(x − max). Subtracting
 * the largest logit keeps every exp in (0, 1] and the sum in [1, n], so finite logits (±1e6
 * included) give finite probabilities that sum to 1, never NaN or overflow.
 */
export function softmaxRange(values: Float64Array, start: number, end: number): void {
  const max = largest(values, start, end);
  const scale = softmaxScale(values, start, end, max);
  for (let i = start; i < end; i++) values[i] = softmaxOf(values[i]!, max, scale);
}

/** The largest of `values[start … end - 1]`. */
export function largest(values: Float64Array, start: number, end: number): number {
  let max = Number.NEGATIVE_INFINITY;
  for (let i = start; i < end; i++) if (values[i]! > max) max = values[i]!;
  return max;
}

/** 1 / Σ exp(x − max) over `values[start … end - 1]`. */
export function softmaxScale(values: Float64Array, start: number, end: number, max: number): number {
  let total = 0;
  for (let i = start; i < end; i++) total += Math.exp(values[i]! - max);
  return 1 / total;
}

/**
 * One logit's probability, given its group's `largest` and `softmaxScale`; the walks that report each
 * neuron compute it this way too, so every path gives the same bits.
 */
export function softmaxOf(logit: number, max: number, scale: number): number {
  return Math.exp(logit - max) * scale;
}

/**
 * Applies an activation to `values[start … end - 1]` in place (softmax: over the whole range, one group).
 * NOTE: one switch per range instead of one per neuron; each case is a tight loop
 * around one table function, which V8 inlines. Propagation calls this once per
 * run of same-activation neurons within a generation.
 */
export function activateRange(code: number, parameter: number, values: Float64Array, start: number, end: number): void {
  switch (code) {
    case IDENTITY:
      for (let i = start; i < end; i++) values[i] = identity.fn(values[i]!, parameter);
      return;
    case STEP:
      for (let i = start; i < end; i++) values[i] = step.fn(values[i]!, parameter);
      return;
    case SIGMOID:
      for (let i = start; i < end; i++) values[i] = sigmoid.fn(values[i]!, parameter);
      return;
    case TANH:
      for (let i = start; i < end; i++) values[i] = tanh.fn(values[i]!, parameter);
      return;
    case RELU:
      for (let i = start; i < end; i++) values[i] = relu.fn(values[i]!, parameter);
      return;
    case LEAKY_RELU:
      for (let i = start; i < end; i++) values[i] = leakyRelu.fn(values[i]!, parameter);
      return;
    case SOFTMAX:
      softmaxRange(values, start, end);
      return;
    default:
      throw new RangeError(`activateRange: no activation has code ${code}.`);
  }
}

/**
 * Multiplies `deltas[start … end - 1]` in place by the activation's derivative at
 * (`inputs[i]`, `outputs[i]`): the chain rule through a whole layer at once.
 * NOTE: one switch per range, as in `activateRange`.
 */
export function multiplyByDerivativeRange(
  code: number,
  parameter: number,
  inputs: Float64Array,
  outputs: Float64Array,
  deltas: Float64Array,
  start: number,
  end: number,
): void {
  switch (code) {
    case IDENTITY:
      for (let i = start; i < end; i++) deltas[i]! *= identity.derivative(inputs[i]!, outputs[i]!, parameter);
      return;
    case STEP:
      for (let i = start; i < end; i++) deltas[i]! *= step.derivative(inputs[i]!, outputs[i]!, parameter);
      return;
    case SIGMOID:
      for (let i = start; i < end; i++) deltas[i]! *= sigmoid.derivative(inputs[i]!, outputs[i]!, parameter);
      return;
    case TANH:
      for (let i = start; i < end; i++) deltas[i]! *= tanh.derivative(inputs[i]!, outputs[i]!, parameter);
      return;
    case RELU:
      for (let i = start; i < end; i++) deltas[i]! *= relu.derivative(inputs[i]!, outputs[i]!, parameter);
      return;
    case LEAKY_RELU:
      for (let i = start; i < end; i++) deltas[i]! *= leakyRelu.derivative(inputs[i]!, outputs[i]!, parameter);
      return;
    case SOFTMAX:
      for (let i = start; i < end; i++) deltas[i]! *= softmax.derivative(inputs[i]!, outputs[i]!, parameter);
      return;
    default:
      throw new RangeError(`multiplyByDerivativeRange: no activation has code ${code}.`);
  }
}
