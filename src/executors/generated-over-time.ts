/**
 * Generated code over time
 * ========================
 *
 * generated-code.ts for networks that remember (delayed connections) or gate (product
 * neurons): one small network's time step as one straight-line function. It reads the
 * outputs of earlier steps from a carried state, computes every neuron in the plan's order
 * as a local variable — sums as the scheduler adds them (`0 + w·x + …`, slot by slot,
 * immediate slots then delayed ones), products as it multiplies them (`1 × (w·x) × …`),
 * the softmax group as softmaxRange — checks that every weighted input was finite, and only
 * then writes the outputs and this step's outputs into the state. So its numbers are the
 * scheduler's bit for bit, and a step that fails writes nothing.
 *
 * The state: for each neuron some delayed connection reads (its source), its outputs of the
 * last `depth` steps, newest first (depth: the longest delay it is read with), side by side
 * in one Float64Array. An LSTM 6 → 7 → 6 carries 14 numbers (7 states, 7 h).
 *
 * As in generated-code.ts, only positions, slot indices, state offsets and numbers the plan
 * checked (activation parameters) reach the source: no id, no label, no user string. Weights
 * are read as `w[slot]`, so one structure has one source, whatever its weights.
 */
import { activationNames, activations } from '../activations.js';
import { BIAS, INPUT } from '../graph/neuron.js';
import type { Plan } from '../plan/plan.js';
import { balancedSum, codeGenerationAllowed, functionOf, literal, sumExpression } from './generated-code.js';

/**
 * The largest network (connections + neurons + remembered outputs) whose step is generated.
 * NOTE: measured on LSTMs and Elman networks of 87 to 2203 (2-core machine under load, paired slices against the
 * step program): optimized, the generated step takes 0.5× the step program's time up to ~250, 0.64× at 593 (W5's
 * LSTM 6 → 7 → 6), 0.8× at 881, 0.93× at 1313, breaks even near 1650, and at 2203 V8 never optimized it (14×
 * slower). V8's optimizing compiler takes ~0.25 ms per unit of size (20 ms at 87, 145 ms at 593, 400 ms at
 * 1313), in a background thread, and until then the step runs interpreted, 10–40× slower than the loops. Up to
 * 700 it is optimized within ~0.2 s.
 */
export const GENERATED_OVER_TIME_MAX_SIZE = 700;

/**
 * One time step: reads inputs `x[i …]` (checking them) and the carried state `m`; returns 0 after writing the
 * outputs to `o[j …]` and this step into `m`, or NaN, writing nothing, when an input or a weighted input is not
 * finite. `w` holds the weights by plan slot.
 */
export type GeneratedStepFunction = (
  w: Float64Array,
  m: Float64Array,
  x: Float64Array,
  i: number,
  o: Float64Array,
  j: number,
) => number;

/** Where the carried state keeps each neuron's earlier outputs. */
export interface StateLayout {
  /** The state's length. */
  readonly length: number;
  /** By plan position: where its output of one step ago is (then two steps ago, …), or -1 if never read. */
  readonly offsets: Int32Array;
  /** By plan position: how many earlier steps are kept (0 if never read). */
  readonly depths: Int32Array;
}

export interface GeneratedOverTime {
  readonly step: GeneratedStepFunction;
  readonly layout: StateLayout;
}

/** The carried state's layout for `plan`: each delayed connection's source, as deep as its longest delay. */
export function stateLayout(plan: Plan): StateLayout {
  const { size, delayedStarts, sources, delays } = plan;
  const depths = new Int32Array(size);
  for (let slot = delayedStarts[0]!; slot < delayedStarts[size]!; slot++) {
    const source = sources[slot]!;
    depths[source] = Math.max(depths[source]!, delays[slot]!);
  }
  const offsets = new Int32Array(size).fill(-1);
  let length = 0;
  for (let position = 0; position < size; position++) {
    if (depths[position] === 0) continue;
    offsets[position] = length;
    length += depths[position]!;
  }
  return { length, offsets, depths };
}

/** Whether `plan`'s step is generated: small enough, and the realm allows `new Function`. */
export function generatableOverTime(plan: Plan, maxSize = GENERATED_OVER_TIME_MAX_SIZE): boolean {
  return plan.sources.length + plan.size + stateLayout(plan).length <= maxSize && codeGenerationAllowed();
}

type ActivationFunction = (x: number, parameter: number) => number;

/** The activation table's functions by code: what the generated step calls (f<code>). */
const activationFunctions: readonly ActivationFunction[] = activationNames.map((name) => activations[name].fn);

type StepFactory = (...table: ActivationFunction[]) => GeneratedStepFunction;

const stepOfPlan = new WeakMap<Plan, GeneratedOverTime>();
const stepOfFactory = new WeakMap<StepFactory, GeneratedStepFunction>();

/** `plan`'s generated step (see `generatableOverTime`), or null where the loops must run it. */
export function generatedOverTime(plan: Plan, maxSize = GENERATED_OVER_TIME_MAX_SIZE): GeneratedOverTime | null {
  if (!generatableOverTime(plan, maxSize)) return null;
  // NOTE: a plan's structure never changes (only its weights, read from `w`), so its step is kept with it.
  let generated = stepOfPlan.get(plan);
  if (generated === undefined) {
    const factory = functionOf<StepFactory>(stepSource(plan));
    // NOTE: one step function per source text, not one per plan: V8 keeps its optimized code with the function's
    // feedback, and a second closure of the same factory would run interpreted again until optimized anew (~0.1 s
    // for W5's LSTM), e.g. after a structural change undone or on a training working copy's two plans.
    let step = stepOfFactory.get(factory);
    if (step === undefined) {
      step = factory(...activationFunctions);
      stepOfFactory.set(factory, step);
    }
    generated = { step, layout: stateLayout(plan) };
    stepOfPlan.set(plan, generated);
  }
  return generated;
}

/**
 * The source of `plan`'s step: a function body that returns a factory, which takes the activation table's functions
 * by code and returns the `GeneratedStepFunction`.
 */
export function stepSource(plan: Plan): string {
  const { size, roles, starts, delayedStarts, sources, delays, products, activationCodes, activationParameters } = plan;
  const { softmaxStart, softmaxEnd } = plan;
  const layout = stateLayout(plan);
  const lines: string[] = [];
  const checks: string[] = [];
  // Earlier outputs: r<p>_<d> is position p's output d steps ago.
  for (let position = 0; position < size; position++) {
    for (let d = 1; d <= layout.depths[position]!; d++) {
      lines.push(`const r${position}_${d} = m[${layout.offsets[position]! + d - 1}];`);
    }
  }
  plan.inputPositions.forEach((position, k) => {
    lines.push(`const v${position} = x[i + ${k}];`);
    checks.push(`v${position} * 0`);
  });
  const term = (slot: number, source: string, product: boolean) => {
    // NOTE: a bias neuron's output is 1, and w · 1 is w exactly: its term is the weight alone.
    if (roles[sources[slot]!] === BIAS && source.startsWith('v')) return `w[${slot}]`;
    return product ? `(w[${slot}] * ${source})` : `w[${slot}] * ${source}`;
  };
  for (let position = 0; position < size; position++) {
    const role = roles[position]!;
    if (role === INPUT) continue;
    if (role === BIAS) {
      // Only read through delayed connections (immediate ones take the weight alone).
      if (layout.depths[position]! > 0) lines.push(`const v${position} = 1;`);
      continue;
    }
    const product = products[position] === 1;
    const terms: string[] = [];
    for (let slot = starts[position]!; slot < starts[position + 1]!; slot++) {
      terms.push(term(slot, `v${sources[slot]}`, product));
    }
    for (let slot = delayedStarts[position]!; slot < delayedStarts[position + 1]!; slot++) {
      terms.push(term(slot, `r${sources[slot]}_${delays[slot]}`, product));
    }
    const code = activationCodes[position]!;
    let sum: string;
    if (product) {
      // NOTE: the scheduler's product starts from 1, and 1 × a is a for every double: that start is left out.
      sum = terms.length === 0 ? '1' : terms.join(' * ');
    } else {
      sum = sumExpression(terms, code);
    }
    lines.push(`const s${position} = ${sum};`);
    checks.push(`s${position} * 0`);
    if (position >= softmaxStart && position < softmaxEnd) {
      if (position === softmaxEnd - 1) lines.push(...softmaxLines(softmaxStart, softmaxEnd));
      continue;
    }
    // NOTE: the activation table's own function (the factory's f<code>), which V8 inlines: the same numbers as the
    // scheduler's by construction. Identity is the sum itself.
    const parameter = activationParameters[position]!;
    const output =
      activationNames[code] === 'identity' ? `s${position}` : `f${code}(s${position}, ${literal(parameter)})`;
    lines.push(`const v${position} = ${output};`);
  }
  // NOTE: `x * 0` is 0 for a finite x and NaN otherwise (propagation.ts): one balanced sum checks the inputs and
  // every weighted input before anything is written.
  lines.push(`if (${balancedSum(checks)} !== 0) return Number.NaN;`);
  plan.outputPositions.forEach((position, k) => lines.push(`o[j + ${k}] = v${position};`));
  for (let position = 0; position < size; position++) {
    const depth = layout.depths[position]!;
    const offset = layout.offsets[position]!;
    // Oldest first: each earlier output moves one step back, this step's becomes one step ago.
    for (let d = depth; d >= 2; d--) lines.push(`m[${offset + d - 1}] = r${position}_${d - 1};`);
    if (depth > 0) lines.push(`m[${offset}] = v${position};`);
  }
  lines.push('return 0;');
  const table = activationNames.map((_name, code) => `f${code}`).join(', ');
  return (
    `'use strict';\nreturn function generatedStepOf(${table}) {\n` +
    `return function generatedStep(w, m, x, i, o, j) {\n${lines.join('\n')}\n};\n};\n`
  );
}

/** softmaxRange over the group's sums s<start> … s<end - 1>, into v<start> …: the same operations in its order. */
function softmaxLines(start: number, end: number): string[] {
  const lines = ['let g = Number.NEGATIVE_INFINITY;'];
  for (let p = start; p < end; p++) lines.push(`if (s${p} > g) g = s${p};`);
  for (let p = start; p < end; p++) lines.push(`const e${p} = Math.exp(s${p} - g);`);
  const exps = Array.from({ length: end - start }, (_, k) => `e${start + k}`);
  lines.push(`const scale = 1 / (0 + ${exps.join(' + ')});`);
  for (let p = start; p < end; p++) lines.push(`const v${p} = e${p} * scale;`);
  return lines;
}
