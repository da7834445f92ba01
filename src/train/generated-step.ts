/**
 * The generated training step
 * ===========================
 *
 * Online SGD (one sample a step, the `sgd` optimizer, squared error or binary cross-entropy,
 * no penalty, nobody listening) on a small feed-forward network, as one generated function
 * (see executors/generated-code.ts): the forward pass, the loss and its pull on each output,
 * the backward pass and the update of every weight, fused, straight-line. It does what the
 * graph walk (backprop.ts), the loss table and the sgd step do, operation for operation and
 * in their order, so the weights after training are the same bit for bit.
 *
 * It writes the stepped weights into the spare buffer only once its forward pass was finite,
 * as the optimizer step does after a finite pass, so the working copy's `revert` still finds the
 * previous weights there. Anything not finite makes it return NaN, and the trainer then runs the
 * same sample on the loops, which throw the error the user should see.
 */
import { activationNames } from '../activations.js';
import { forwardLines, functionOf, generatable, literal, wrap } from '../executors/generated-code.js';
import { BIAS, INPUT } from '../graph/neuron.js';
import type { Plan } from '../plan/plan.js';
import { CROSS_ENTROPY_EPSILON, losses, type LossDefinition } from './losses.js';

/**
 * One step on sample (`x[xo …]`, `t[to …]`): reads the weights `w`, writes the stepped ones into `n`
 * (by plan slot) and returns the sample's loss (summed over outputs); NaN, or a loss that is not
 * finite, when the loops must take the step instead.
 */
export type GeneratedStep = (
  w: Float64Array,
  n: Float64Array,
  x: Float64Array,
  xo: number,
  t: Float64Array,
  to: number,
  rate: number,
) => number;

/**
 * The largest network (connections + neurons) whose training step is generated.
 * NOTE: the fused step is about three times the forward pass's length, and V8 takes that much longer to optimize
 * it (measured: 6 ms for XOR, 54 ms at 73, 115 ms at 129, 230 ms at 241, 460 ms at 309, busy 2-core machine);
 * optimized, it takes 0.1–0.4× the loops' time per sample up to ~380. Up to 150 it is optimized within ~0.1 s.
 */
export const GENERATED_STEP_MAX_SIZE = 150;

let enabled = true;

/** Internal: lets tests and measurements take the loops instead, to compare the two. */
export function setGeneratedTraining(on: boolean): void {
  enabled = on;
}

/** Each plan's steps, by loss (a plan's structure never changes: see generatedForward). */
const stepsOfPlan = new WeakMap<Plan, Partial<Record<'mse' | 'crossEntropy', GeneratedStep>>>();

/** The fused online SGD step of `plan` for `loss`, or null when the loops must train it. */
export function generatedStep(plan: Plan, loss: LossDefinition): GeneratedStep | null {
  if (!enabled || !generatable(plan, GENERATED_STEP_MAX_SIZE)) return null;
  const name = loss === losses.mse ? 'mse' : loss === losses.crossEntropy ? 'crossEntropy' : null;
  if (name === null) return null;
  let steps = stepsOfPlan.get(plan);
  if (steps === undefined) stepsOfPlan.set(plan, (steps = {}));
  return (steps[name] ??= functionOf<GeneratedStep>(stepSource(plan, name)));
}

/** The source of the fused step (a function body that returns it); numbers and indices only. */
export function stepSource(plan: Plan, loss: 'mse' | 'crossEntropy'): string {
  const { size, roles, starts, sources, trainable, activationCodes, activationParameters, outputPositions } = plan;
  const computed = (position: number) => roles[position] !== INPUT && roles[position] !== BIAS;
  const lines = forwardLines(plan, 'x', 'xo', false);
  // Before any write to `n`: the spare buffer keeps the previous weights until this pass is known finite.
  lines.push('if (c !== 0) return NaN;');
  for (let position = 0; position < size; position++) if (computed(position)) lines.push(`let d${position} = 0;`);

  // The loss and each output's delta: seedOutputs with scale 1 / (1 sample × outputs).
  const scale = literal(1 / (1 * outputPositions.length));
  const low = literal(CROSS_ENTROPY_EPSILON);
  const high = literal(1 - CROSS_ENTROPY_EPSILON);
  lines.push('let l = 0;');
  outputPositions.forEach((position, k) => {
    const y = `v${position}`;
    lines.push(`const t${k} = t[to + ${k}];`);
    if (loss === 'mse') {
      lines.push(`l += (${y} - t${k}) * (${y} - t${k});`, `d${position} += ${scale} * (2 * (${y} - t${k}));`);
    } else {
      lines.push(
        `const p${k} = ${y} < ${low} ? ${low} : ${y} > ${high} ? ${high} : ${y};`,
        `l += -(t${k} * Math.log(p${k}) + (1 - t${k}) * Math.log(1 - p${k}));`,
        `d${position} += ${scale} * ((p${k} - t${k}) / (p${k} * (1 - p${k})));`,
      );
    }
  });

  // Backward in reverse plan order, each weight stepped as its gradient is known (w − rate · (0 + g), as
  // sgd steps a gradient accumulated from 0); `k` checks the stepped weights as `c` checked the sums.
  // NOTE: no `delta === 0` skip as in backprop.ts: a zero delta gives zero terms, which change no bit.
  lines.push('let k = 0;');
  for (let position = size - 1; position >= 0; position--) {
    if (!computed(position) || starts[position] === starts[position + 1]) continue;
    const local = localExpression(activationCodes[position]!, activationParameters[position]!, position);
    lines.push(`const g${position} = ${local};`);
    for (let slot = starts[position]!; slot < starts[position + 1]!; slot++) {
      const source = sources[slot]!;
      if (trainable[slot] === 1) {
        const gradient = roles[source] === BIAS ? `g${position}` : `g${position} * v${source}`;
        lines.push(`const u${slot} = w[${slot}] - rate * (0 + ${gradient});`, `n[${slot}] = u${slot};`);
        lines.push(`k += u${slot} * 0;`);
      } else lines.push(`n[${slot}] = w[${slot}];`);
      if (computed(source)) lines.push(`d${source} += g${position} * w[${slot}];`);
    }
  }
  lines.push('return k === 0 ? l : NaN;');
  return wrap('w, n, x, xo, t, to, rate', lines);
}

/** d loss / d sum of `position`: its delta times its activation's derivative, as the activation table writes it. */
function localExpression(code: number, parameter: number, position: number): string {
  const d = `d${position}`;
  const y = `v${position}`;
  const x = `s${position}`;
  switch (activationNames[code]) {
    case 'identity':
      return d; // × 1, which changes no bit
    case 'step':
      return `${d} * 0`;
    case 'sigmoid':
      return `${d} * (${y} * (1 - ${y}))`;
    case 'tanh':
      return `${d} * (1 - ${y} * ${y})`;
    case 'relu':
      return `${d} * (${x} > 0 ? 1 : 0)`;
    case 'leakyRelu':
      return `${d} * (${x} > 0 ? 1 : ${literal(parameter)})`;
    default:
      throw new RangeError(`generated step: no derivative expression for activation code ${code}.`);
  }
}
