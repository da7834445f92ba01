/**
 * Generated code
 * ==============
 *
 * synaptic's `optimize()` and brain.js's `toFunction()` win on tiny networks because they
 * emit straight-line JavaScript; this is neurograph's version, generated from the plan. A
 * small feed-forward network of sums becomes one function whose every neuron is a local
 * variable and every weighted sum an unrolled expression, in the plan's order and the
 * scheduler's summation order (`0 + w·x + w·x …`, slot by slot), so its results equal
 * `run()`'s bit for bit. Functions for one unchecked call (`rowOf`'s row, `runSource`'s run)
 * check their inputs themselves, in the sums' finiteness check; the batch function's callers
 * check them first, as they do for the loops.
 *
 * What is spliced into the source: positions, slot indices, widths and numbers the plan
 * already checked (activation parameters), nothing else: no neuron id, no label, no user
 * string can reach it. Weights are read as `w[slot]` from the typed array passed in (or, for
 * a compiled snapshot's row, once from it when the row is made), so a patched or trained
 * weight takes effect without generating again, and one structure (whatever its ids) has one
 * source text: compiled functions are shared by source.
 *
 * Where `new Function` is forbidden (a page with a strict Content-Security-Policy, or
 * `node --disallow-code-generation-from-strings`), nothing is generated and the executors
 * keep their loops; that is found out once.
 */
import { activationNames, type ActivationName } from '../activations.js';
import { BIAS, INPUT } from '../graph/neuron.js';
import { isFeedForwardSum, type Plan } from '../plan/plan.js';
import { recordConstructorLines, recordKeyParameters } from './output-record.js';

/**
 * The largest network (connections + neurons) whose forward pass is generated.
 * NOTE: measured with scripts/measure-generated.ts on a busy 2-core machine. Once optimized, generated code takes
 * 0.25–0.5× the loops' time up to ~400, about breaks even near 550 and loses past that; but V8's optimizing
 * compiler needs longer the longer the straight line (about 13 ms for XOR, 100 ms at 240, 150 ms at 380, 310 ms
 * at 550, 1.1 s at 865, in a background thread), and the function runs interpreted, 10–20× slower than the
 * loops, until then. Up to 300 the code is optimized within ~0.1 s and then runs 2–4× faster.
 */
export const GENERATED_MAX_SIZE = 300;

/**
 * One row, unchecked: returns 0 after writing the outputs `o` for the inputs `x`, or NaN (writing nothing) when an
 * input or a sum may not be finite (a sum too big to add to the others is a false alarm: the caller runs the row the
 * checked way then). For `CompiledNetwork.run`'s usual call, whose inputs nobody checked yet; `x` and `o` must be
 * Float64Arrays of the right lengths.
 */
export type GeneratedRow = (x: Float64Array, o: Float64Array) => number;

/** A network's generated forward pass, with the weights `w` by plan slot. */
export interface GeneratedForward {
  /** `run`'s row for the weights `w`, read now: for a compiled snapshot, whose weights never change. */
  readonly rowOf: (w: Float64Array) => GeneratedRow;
  /**
   * `n` checked rows: row r reads inputs `x[r·inputs …]` and writes outputs `o[r·outputs …]`. Returns -1, or the
   * first row whose sums were not all finite (nothing of that row is written; earlier rows are).
   */
  readonly rows: (w: Float64Array, x: Float64Array, o: Float64Array, n: number) => number;
}

let allowed: boolean | undefined;

/** Whether this realm lets code be generated from strings (checked on the first call only). */
export function codeGenerationAllowed(): boolean {
  if (allowed === undefined) {
    try {
      allowed = new Function('return 1')() === 1;
    } catch {
      allowed = false;
    }
  }
  return allowed;
}

/**
 * Whether `plan` is a network generated code can run: feed-forward, sums only, no softmax group, at most `maxSize`
 * connections + neurons.
 */
export function generatable(plan: Plan, maxSize = GENERATED_MAX_SIZE): boolean {
  return (
    isFeedForwardSum(plan) &&
    plan.softmaxEnd === plan.softmaxStart &&
    plan.sources.length + plan.size <= maxSize &&
    codeGenerationAllowed()
  );
}

/** How many compiled functions are kept by source text (one structure, one function). */
const CACHE_SIZE = 64;
const cache = new Map<string, unknown>();

/** The function a source text makes (`source` is a function body returning it), shared by source text. */
export function functionOf<T>(source: string): T {
  let made = cache.get(source);
  if (made === undefined) {
    made = new Function(source)();
    // NOTE: a Map keeps insertion order, so dropping its first key drops the oldest entry.
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
    cache.set(source, made);
  }
  return made as T;
}

const forwardOfPlan = new WeakMap<Plan, GeneratedForward>();

/** The generated forward pass of `plan` (see `generatable`), or null where code cannot be generated. */
export function generatedForward(plan: Plan): GeneratedForward | null {
  if (!generatable(plan)) return null;
  // NOTE: a plan's structure never changes (only its weights), so its function is kept with it: compiling the
  // same network again writes no source (~10 µs for XOR) and hashes none.
  let forward = forwardOfPlan.get(plan);
  if (forward === undefined) {
    forward = functionOf<GeneratedForward>(forwardSource(plan));
    forwardOfPlan.set(plan, forward);
  }
  return forward;
}

/** The source of `plan`'s forward pass: a function body that returns a `GeneratedForward`. */
export function forwardSource(plan: Plan): string {
  const inputs = plan.inputPositions.length;
  const outputs = plan.outputPositions.length;
  const forward = forwardLines(plan, 'x', 'i');
  const write = Array.from(plan.outputPositions, (position, k) => `o[j + ${k}] = v${position};`);
  const rows = [
    `for (let r = 0, i = 0, j = 0; r < n; r++, i += ${inputs}, j += ${outputs}) {`,
    ...forward,
    'if (c !== 0) return r;',
    ...write,
    '}',
    'return -1;',
  ];
  return (
    `'use strict';\nreturn {\nrowOf: ${rowOfSource(plan)},\n` +
    `rows: function generatedRows(w, x, o, n) {\n${rows.join('\n')}\n},\n};\n`
  );
}

/**
 * `rowOf`: a function of the weights `w` that reads each into a constant (`w<slot>`) and returns `run`'s row over
 * them. The row has no loop, and checks its inputs itself (see `GeneratedRow`).
 */
function rowOfSource(plan: Plan): string {
  const slots = Array.from(plan.sources, (_source, slot) => `const w${slot} = w[${slot}];`);
  const { lines, sums } = forwardParts(plan, 'x', '0', (slot) => `w${slot}`);
  // NOTE: an input that feeds a sum needs no check of its own: w·x is NaN or ±∞ for x NaN or ±∞ (0·∞ is NaN), and
  // so is every sum that adds it. The others are added as they are.
  const fed = new Set(plan.sources);
  const unfed = [...plan.inputPositions].filter((position) => !fed.has(position)).map((position) => `v${position}`);
  const write = Array.from(plan.outputPositions, (position, k) => `o[${k}] = v${position};`);
  // NOTE: one check for the whole row: the sums (and unfed inputs) added up, and that total times 0, which is 0 for a
  // finite total and NaN otherwise. NaN or ±∞ anywhere makes the total NaN or ±∞; finite sums whose total overflows
  // are a false alarm, which the caller's checked run (`rows`, one check per sum) answers. One add per sum and a
  // multiply, where a check per sum (`s * 0`, added up) costs a multiply and an add per sum.
  const row = [...lines, `const t = ${balancedSum([...sums, ...unfed])};`, 'if (t * 0 !== 0) return Number.NaN;'];
  // NOTE: the weights as constants of a closure, not `w[slot]` loads: where `run` inlines the row (one network
  // at that call site, as in a hot loop) V8 folds them into the code as numbers, and each typed-array load has a
  // bounds check (and, once any WebAssembly memory has grown in the process, a detach check).
  return [
    'function generatedRowOf(w) {',
    ...slots,
    'return function generatedRow(x, o) {',
    ...row,
    ...write,
    'return 0;',
    '};',
    '}',
  ].join('\n');
}

/**
 * A network's whole run, for `Network.run`: reads the inputs from `x` (in input order), writes every neuron's output
 * to `a` by plan position (inputs as given, bias neurons 1) and returns the output record (output-record.ts); returns
 * null, writing nothing, when an input or a sum is not finite. The weights `w` by plan slot, read on every call, so
 * patched weights take effect.
 */
export type GeneratedRun = (w: Float64Array, x: Float64Array, a: Float64Array) => Record<string, number> | null;

/** Generated runs made so far: each one's source text is numbered (see `generatedRun`). */
let runsGenerated = 0;

/** The generated run of `plan` (see `generatable`), or null where code cannot be generated. */
export function generatedRun(plan: Plan): GeneratedRun | null {
  const { outputIds } = plan;
  if (!generatable(plan)) return null;
  // NOTE: a function of its own for each plan, not one shared by source text: closures of one function share their
  // inline caches, and the record's stores (each network's own keys and hidden class) turned megamorphic once a few
  // networks of one structure ran (2.5× the tight loop on XOR with six networks, 1.6× with one). The plan's output
  // ids are internalized (plan.ts), so each store of the record hits its inline cache. The source ends with a
  // comment that numbers it: V8 caches `new Function` by its text, and one text gave every plan of a structure the
  // first one's function (measured on six XOR networks: the last one 2.0–2.4× the tight loop, 1.6–1.85× numbered).
  const make = new Function(`${runSource(plan)}\n// run ${runsGenerated++}`)() as (...ids: string[]) => GeneratedRun;
  return make(...outputIds);
}

/**
 * The source of `plan`'s run: a function body that returns a function of the output ids (`k0, k1, …`) that returns
 * a `GeneratedRun`. The ids are arguments, never source text.
 */
export function runSource(plan: Plan): string {
  const { size, roles, inputPositions, outputPositions } = plan;
  const outputs = outputPositions.length;
  const forward = forwardLines(plan, 'x', '0');
  const inputChecks = Array.from(inputPositions, (position) => `v${position} * 0`);
  const writes: string[] = [];
  for (let position = 0; position < size; position++) {
    writes.push(roles[position] === BIAS ? `a[${position}] = 1;` : `a[${position}] = v${position};`);
  }
  const record = Array.from(outputPositions, (position) => `v${position}`).join(', ');
  return wrap(recordKeyParameters(outputs), [
    ...recordConstructorLines(outputs),
    'return function generatedRun(w, x, a) {',
    ...forward,
    `if (${balancedSum([...inputChecks, 'c'])} !== 0) return null;`,
    ...writes,
    `return new OutputRecord(${record});`,
    '};',
  ]);
}

/**
 * The forward pass as statements: `v<p>` is the output of position p, `s<p>` its weighted sum, and `c` the
 * finiteness check of the sums (0, or NaN if one is not finite). Input k is read from `<x>[<offset> + k]`, checked
 * by the caller (by readRows, or by adding `v * 0` of each input to `c`, as `runSource` does); the weight of a slot
 * is `weight(slot)` (`w[slot]` unless said otherwise).
 */
export function forwardLines(
  plan: Plan,
  x: string,
  offset: string,
  weight: (slot: number) => string = (slot) => `w[${slot}]`,
): string[] {
  const { lines, sums } = forwardParts(plan, x, offset, weight);
  // NOTE: `x * 0` is 0 for a finite x and NaN otherwise (propagation.ts), so one sum checks every sum; added as a
  // balanced tree, not a chain, so that the adds do not wait for each other.
  return [...lines, `const c = ${balancedSum(sums.map((sum) => `${sum} * 0`))};`];
}

/** `forwardLines` without the check: the statements, and the names of the weighted sums (`s<p>`), in plan order. */
function forwardParts(
  plan: Plan,
  x: string,
  offset: string,
  weight: (slot: number) => string,
): { lines: string[]; sums: string[] } {
  const { size, roles, starts, sources, activationCodes, activationParameters, inputPositions } = plan;
  const lines: string[] = [];
  const sums: string[] = [];
  inputPositions.forEach((position, k) => lines.push(`const v${position} = ${x}[${offset} + ${k}];`));
  for (let position = 0; position < size; position++) {
    const role = roles[position]!;
    if (role === INPUT || role === BIAS) continue;
    const terms: string[] = [];
    for (let slot = starts[position]!; slot < starts[position + 1]!; slot++) {
      const source = sources[slot]!;
      // NOTE: a bias neuron's output is 1, and w · 1 is w exactly: its term is the weight alone.
      terms.push(roles[source] === BIAS ? weight(slot) : `${weight(slot)} * v${source}`);
    }
    const code = activationCodes[position]!;
    lines.push(`const s${position} = ${sumExpression(terms, code)};`);
    lines.push(`const v${position} = ${activationExpression(code, activationParameters[position]!, `s${position}`)};`);
    sums.push(`s${position}`);
  }
  return { lines, sums };
}

/** Activations whose output is the same for -0 and 0. */
const signBlind: ReadonlySet<ActivationName> = new Set(['sigmoid', 'relu', 'step']);

/**
 * A weighted sum of `terms` as the scheduler adds it, for a neuron of activation `code`: from 0, slot by slot.
 * NOTE: 0 + a is a except for a = -0; where the activation gives -0 and 0 the same output (sigmoid, relu, step),
 * that start is left out: one add fewer, the same bits.
 */
export function sumExpression(terms: readonly string[], code: number): string {
  return terms.length === 0 || !signBlind.has(activationNames[code]!) ? ['0', ...terms].join(' + ') : terms.join(' + ');
}

/** `terms` added as a balanced tree ('0' for none). */
export function balancedSum(terms: readonly string[]): string {
  if (terms.length === 0) return '0';
  if (terms.length === 1) return terms[0]!;
  const half = terms.length >> 1;
  return `(${balancedSum(terms.slice(0, half))} + ${balancedSum(terms.slice(half))})`;
}

/** `activation(x)` as an expression, written as the activation table writes it (activations.ts). */
function activationExpression(code: number, parameter: number, x: string): string {
  const name: ActivationName | undefined = activationNames[code];
  switch (name) {
    case 'identity':
      return x;
    case 'step':
      return `${x} > ${literal(parameter)} ? 1 : 0`;
    case 'sigmoid':
      return `1 / (1 + Math.exp(-${x}))`;
    case 'tanh':
      return `Math.tanh(${x})`;
    case 'relu':
      return `${x} > 0 ? ${x} : 0`;
    case 'leakyRelu':
      return `${x} > 0 ? ${x} : ${literal(parameter)} * ${x}`;
    default:
      throw new RangeError(`generated code: no activation expression for code ${code}.`);
  }
}

/** A finite number as a source literal that reads back as the same double (parenthesized when negative). */
export function literal(value: number): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new RangeError(`generated code: ${String(value)} is not a finite number.`);
  }
  if (Object.is(value, -0)) return '(-0)';
  return value < 0 ? `(${String(value)})` : String(value);
}

/** A function body that returns a strict function of `parameters` with `lines` as its body. */
export function wrap(parameters: string, lines: readonly string[]): string {
  return `'use strict';\nreturn function generated(${parameters}) {\n${lines.join('\n')}\n};\n`;
}
