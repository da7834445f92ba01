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
 * One call takes a run of steps, sample after sample, with the weights in local variables; it hands back the
 * weights after its last step and before it, which is what the working copy's two buffers hold after the same
 * steps on the loops (so `revert` still finds the previous weights). A sample whose pass, loss or stepped weights
 * are not finite ends the run untaken, and the trainer gives it to the loops, which throw the error the user should
 * see.
 */
import { activationNames } from '../activations.js';
import { balancedSum, forwardLines, functionOf, generatable, literal, wrap } from '../executors/generated-code.js';
import { BIAS, INPUT } from '../graph/neuron.js';
import type { Plan } from '../plan/plan.js';
import { CROSS_ENTROPY_EPSILON, losses, type LossDefinition } from './losses.js';

/**
 * Online steps on the samples `order[first …]` up to `order[last - 1]`, one sample a step: reads the current weights
 * from `w` and keeps them in locals from step to step; stops at the first sample whose pass, loss or stepped
 * weights are not all finite (taking no step for it). Returns how many steps it took, m. With m ≥ 1 it leaves the
 * weights after the last step in `n` and those before it in `w` (so swapping the two buffers is the state after m
 * optimizer steps and swaps), and adds each step's loss, in order, to `acc[0]`. The sample at `first + m`, when
 * m < last − first, is for the loops to take (they throw the error the user should see).
 */
export type GeneratedStep = (
  w: Float64Array,
  n: Float64Array,
  x: Float64Array,
  t: Float64Array,
  order: ArrayLike<number>,
  first: number,
  last: number,
  rate: number,
  acc: Float64Array,
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

/** The source of the fused steps (a function body that returns the function); numbers and indices only. */
export function stepSource(plan: Plan, loss: 'mse' | 'crossEntropy'): string {
  const { size, roles, starts, sources, trainable, activationCodes, activationParameters, outputPositions } = plan;
  const computed = (position: number) => roles[position] !== INPUT && roles[position] !== BIAS;
  const slots = Array.from({ length: starts[size]! }, (_, slot) => slot);
  const stepped = slots.filter((slot) => trainable[slot] === 1);
  const lines: string[] = [];
  // NOTE: the weights live in locals from step to step (w<slot> now, p<slot> before the last step) and reach the
  // buffers once, at the end: a step reads and writes no weight in memory.
  lines.push(...slots.map((slot) => `let w${slot} = w[${slot}];`));
  lines.push(...stepped.map((slot) => `let p${slot} = 0;`));
  lines.push('let total = acc[0];', 'let k = first;', 'for (; k < last; k++) {', 'const sample = order[k];');
  lines.push(`const xo = sample * ${plan.inputPositions.length};`, `const to = sample * ${outputPositions.length};`);
  lines.push(...forwardLines(plan, 'x', 'xo', (slot) => `w${slot}`));
  lines.push('if (c !== 0) break;');
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
        `const q${k} = ${y} < ${low} ? ${low} : ${y} > ${high} ? ${high} : ${y};`,
        `l += -(t${k} * Math.log(q${k}) + (1 - t${k}) * Math.log(1 - q${k}));`,
        `d${position} += ${scale} * ((q${k} - t${k}) / (q${k} * (1 - q${k})));`,
      );
    }
  });

  // Backward in reverse plan order, each weight stepped as its gradient is known (w − rate · (0 + g), as sgd steps a
  // gradient accumulated from 0). NOTE: no `delta === 0` skip as in backprop.ts: a zero delta gives zero terms,
  // which change no bit.
  for (let position = size - 1; position >= 0; position--) {
    if (!computed(position) || starts[position] === starts[position + 1]) continue;
    const local = localExpression(activationCodes[position]!, activationParameters[position]!, position);
    lines.push(`const g${position} = ${local};`);
    for (let slot = starts[position]!; slot < starts[position + 1]!; slot++) {
      const source = sources[slot]!;
      if (trainable[slot] === 1) {
        const gradient = roles[source] === BIAS ? `g${position}` : `g${position} * v${source}`;
        lines.push(`const u${slot} = w${slot} - rate * (0 + ${gradient});`);
      }
      if (computed(source)) lines.push(`d${source} += g${position} * w${slot};`);
    }
  }
  // The step is taken only if its loss and every stepped weight are finite (`x - x` and `x * 0` are 0 then).
  lines.push(`if (l - l !== 0 || ${balancedSum(stepped.map((slot) => `u${slot} * 0`))} !== 0) break;`);
  lines.push(...stepped.map((slot) => `p${slot} = w${slot};`), ...stepped.map((slot) => `w${slot} = u${slot};`));
  lines.push('total += l;', '}');
  lines.push('const m = k - first;', 'if (m > 0) {');
  lines.push(...slots.map((slot) => `n[${slot}] = w${slot};`), ...stepped.map((slot) => `w[${slot}] = p${slot};`));
  lines.push('}', 'acc[0] = total;', 'return m;');
  return wrap('w, n, x, t, order, first, last, rate, acc', lines);
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
