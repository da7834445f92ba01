/**
 * The step program
 * ================
 *
 * The compiled form over time's own layout of a plan with short delays, built once when
 * compiling: the neurons in an internal order, their connections as flat arrays over one
 * buffer that holds this step's outputs and the last `maxDelay` steps' outputs side by side,
 * and runs of neurons that share their sources as dense weight rows. `runStepProgram`
 * computes one step with the same sums and products as the scheduler (each neuron's terms
 * in its own slot order), so the same numbers bit for bit; only the order in which neurons
 * of one generation are computed differs, and neurons of one generation never feed each other.
 *
 * Internal order: within each generation, inputs and bias first, then the computing neurons
 * sorted (stably) by aggregate, activation and parameter, so that a generation of an LSTM
 * (gates and candidates interleaved cell by cell) becomes two long segments instead of many
 * short ones. Buffer: `buffer[d × size + p]` is the output of internal position p d steps ago
 * (d = 0: this step), so a delayed slot's source index already carries its delay.
 *
 * Blocks: the segments of one generation and aggregate share one range of blocks (an LSTM's
 * 21 gates and 7 candidates read the same sources: one dense block of 28 rows, four at a time,
 * the last group padded to four); the neurons between dense blocks are split by slot count, so
 * that two-slot and one-slot neurons (an LSTM cell's gating, state, squash and output) run in
 * loops without a per-neuron start or inner loop. Each segment's activation runs after its blocks.
 */
import { activateRange, activationNames } from '../activations.js';
import { BIAS, INPUT } from '../graph/neuron.js';
import type { Plan } from '../plan/plan.js';

const IDENTITY = activationNames.indexOf('identity');
const SIGMOID = activationNames.indexOf('sigmoid');
const TANH = activationNames.indexOf('tanh');

/** The longest delay the program takes: each step moves `maxDelay × size` remembered outputs within the buffer. */
export const PROGRAM_MAX_DELAY = 4;

/** Block kinds (see `StepProgram.blockKinds`). */
export const SPARSE = 0;
export const DENSE = 1;
export const PAIRS = 2;
export const SINGLES = 3;
/** PAIRS and SINGLES blocks whose weights are all exactly 1 (an LSTM cell's gating, state, squash and output). */
export const UNIT_PAIRS = 4;
export const UNIT_SINGLES = 5;

export interface StepProgram {
  readonly size: number;
  readonly maxDelay: number;
  /** Internal position of each plan position, and plan position of each internal position. */
  readonly internalOf: Int32Array;
  readonly planOf: Int32Array;
  /** Internal positions of the inputs (plan input order), the outputs (plan output order) and the bias neurons. */
  readonly inputPositions: Int32Array;
  readonly outputPositions: Int32Array;
  readonly biasPositions: Int32Array;
  /** Segments (one generation, aggregate, activation, parameter): positions, and their blocks. */
  readonly segmentStarts: Int32Array;
  readonly segmentEnds: Int32Array;
  readonly segmentProducts: Uint8Array;
  readonly segmentCodes: Uint8Array;
  readonly segmentParameters: Float64Array;
  readonly segmentBlocks: Int32Array;
  /**
   * Blocks: positions blockStarts[b] … blockEnds[b] - 1, of kind blockKinds[b]. A DENSE block reads the buffer at
   * gather[gatherStarts[b] … gatherEnds[b] - 1] into one shared vector and has one weight row per neuron from
   * denseWeights[weightStarts[b]]; a SPARSE block reads each neuron's slots; a PAIRS (SINGLES) block is a sparse
   * one whose neurons all have exactly two slots (one): neuron start + k's slots start at slotStarts[start] + 2k
   * (+ k); a UNIT_PAIRS (UNIT_SINGLES) block is one of those whose weights are all 1.
   */
  readonly blockStarts: Int32Array;
  readonly blockEnds: Int32Array;
  readonly blockKinds: Uint8Array;
  readonly gatherStarts: Int32Array;
  readonly gatherEnds: Int32Array;
  readonly weightStarts: Int32Array;
  readonly gather: Int32Array;
  readonly denseWeights: Float64Array;
  /** Sparse slots by internal position (immediate ones, then delayed ones, as in the plan): buffer index, weight. */
  readonly slotStarts: Int32Array;
  readonly slotSources: Int32Array;
  readonly slotWeights: Float64Array;
  /** The shared vector of a dense block's gathered sources. */
  readonly shared: Float64Array;
  /**
   * The positions some delayed connection reads, as runs rememberedStarts[r] … rememberedEnds[r] - 1: the only
   * outputs a step has to carry back in the buffer (an LSTM's states and h, 14 of its 76 neurons).
   */
  readonly rememberedStarts: Int32Array;
  readonly rememberedEnds: Int32Array;
}

/** Whether the program takes this plan (its delays are short enough to keep in the buffer). */
export function fitsStepProgram(plan: Plan): boolean {
  return plan.maxDelay <= PROGRAM_MAX_DELAY;
}

export function buildStepProgram(plan: Plan): StepProgram {
  const { size, roles, generations, activationCodes, activationParameters, products, maxDelay } = plan;
  const { starts, delayedStarts, sources, weights, delays } = plan;
  const computing = (p: number) => roles[p] !== INPUT && roles[p] !== BIAS;

  // Plan positions are by generation already: sort each generation's run on its own.
  const planOf = new Int32Array(size);
  for (let first = 0; first < size; ) {
    let last = first;
    while (last < size && generations[last] === generations[first]) last++;
    const run = Array.from({ length: last - first }, (_, k) => first + k);
    run.sort(
      (a, b) =>
        Number(computing(a)) - Number(computing(b)) ||
        products[a]! - products[b]! ||
        activationCodes[a]! - activationCodes[b]! ||
        activationParameters[a]! - activationParameters[b]!,
    );
    planOf.set(run, first);
    first = last;
  }
  const internalOf = new Int32Array(size);
  for (let q = 0; q < size; q++) internalOf[planOf[q]!] = q;

  // Each neuron's slots over the buffer, in the plan's slot order.
  const slotStarts = new Int32Array(size + 1);
  const slotSources = new Int32Array(sources.length);
  const slotWeights = new Float64Array(sources.length);
  let next = 0;
  for (let q = 0; q < size; q++) {
    const p = planOf[q]!;
    slotStarts[q] = next;
    for (let slot = starts[p]!; slot < starts[p + 1]!; slot++) {
      slotSources[next] = internalOf[sources[slot]!]!;
      slotWeights[next++] = weights[slot]!;
    }
    for (let slot = delayedStarts[p]!; slot < delayedStarts[p + 1]!; slot++) {
      slotSources[next] = delays[slot]! * size + internalOf[sources[slot]!]!;
      slotWeights[next++] = weights[slot]!;
    }
  }
  slotStarts[size] = next;

  const sameSources = (a: number, b: number) => {
    const length = slotStarts[a + 1]! - slotStarts[a]!;
    if (slotStarts[b + 1]! - slotStarts[b]! !== length) return false;
    for (let k = 0; k < length; k++) {
      if (slotSources[slotStarts[a]! + k] !== slotSources[slotStarts[b]! + k]) return false;
    }
    return true;
  };

  const unitWeights = (q: number) => {
    for (let slot = slotStarts[q]!; slot < slotStarts[q + 1]!; slot++) if (slotWeights[slot] !== 1) return false;
    return true;
  };
  const sparseKind = (q: number) => {
    const count = slotStarts[q + 1]! - slotStarts[q]!;
    if (count === 2) return unitWeights(q) ? UNIT_PAIRS : PAIRS;
    if (count === 1) return unitWeights(q) ? UNIT_SINGLES : SINGLES;
    return SPARSE;
  };

  const segments: { start: number; end: number }[] = [];
  for (let q = 0; q < size; q++) {
    const p = planOf[q]!;
    if (!computing(p)) continue;
    const last = segments[segments.length - 1];
    const previous = q > 0 ? planOf[q - 1]! : -1;
    const extends_ =
      last !== undefined &&
      last.end === q &&
      generations[previous] === generations[p] &&
      activationCodes[previous] === activationCodes[p] &&
      activationParameters[previous] === activationParameters[p] &&
      products[previous] === products[p];
    if (extends_) last.end = q + 1;
    else segments.push({ start: q, end: q + 1 });
  }

  // Blocks: a run of two or more neurons with the same sources is dense; the neurons between are sparse.
  const blockStarts: number[] = [];
  const blockEnds: number[] = [];
  const blockKinds: number[] = [];
  const gatherStarts: number[] = [];
  const gatherEnds: number[] = [];
  const weightStarts: number[] = [];
  const gather: number[] = [];
  const denseWeights: number[] = [];
  const segmentBlocks: number[] = [0];
  let widest = 0;
  // NOTE: the segments of one generation and one kind (sum or product) are one range of blocks, held by the
  // first of them (the others hold none): an LSTM's sigmoid gates and tanh candidates, which read the same
  // sources, become one dense block of 28 rows. Each segment's activation still covers only its own neurons,
  // and neurons of one generation never read each other, so computing the later segments' sums early changes
  // no number.
  const segmentGroup = (a: { start: number }, b: { start: number }) =>
    generations[planOf[a.start]!] === generations[planOf[b.start]!] &&
    products[planOf[a.start]!] === products[planOf[b.start]!];
  for (let index = 0; index < segments.length; index++) {
    const segment = segments[index]!;
    const previous = segments[index - 1];
    if (previous !== undefined && previous.end === segment.start && segmentGroup(previous, segment)) {
      segmentBlocks.push(blockStarts.length);
      continue;
    }
    const start = segment.start;
    let end = segment.end;
    for (let later = index + 1; later < segments.length; later++) {
      const next = segments[later]!;
      if (next.start !== end || !segmentGroup(segment, next)) break;
      end = next.end;
    }
    let sparseFrom = start;
    // NOTE: the sparse neurons between dense runs are split into runs of one slot count each: the runs of
    // two-slot (an LSTM cell's gating, state, output) and one-slot neurons (its squash) are PAIRS and SINGLES
    // blocks, which step through the slots without reading each neuron's start or branching on its count.
    const closeSparse = (to: number) => {
      for (let from = sparseFrom; from < to; ) {
        const kind = sparseKind(from);
        let runEnd = from + 1;
        while (runEnd < to && sparseKind(runEnd) === kind) runEnd++;
        blockStarts.push(from);
        blockEnds.push(runEnd);
        blockKinds.push(kind);
        gatherStarts.push(0);
        gatherEnds.push(0);
        weightStarts.push(0);
        from = runEnd;
      }
    };
    for (let q = start; q < end; ) {
      let runEnd = q + 1;
      while (runEnd < end && sameSources(q, runEnd)) runEnd++;
      if (runEnd - q >= 2) {
        closeSparse(q);
        const from = slotStarts[q]!;
        const length = slotStarts[q + 1]! - from;
        blockStarts.push(q);
        blockEnds.push(runEnd);
        blockKinds.push(DENSE);
        gatherStarts.push(gather.length);
        for (let k = 0; k < length; k++) gather.push(slotSources[from + k]!);
        gatherEnds.push(gather.length);
        weightStarts.push(denseWeights.length);
        // NOTE: a sum block's rows four at a time are interleaved (weight k of rows r … r + 3 side by side),
        // as `dense` reads them, the last group padded with zero rows to four (`dense` computes them and
        // keeps nothing of them); a product block's rows are one after another.
        let r = q;
        if (products[planOf[q]!] !== 1) {
          for (; r < runEnd; r += 4) {
            for (let k = 0; k < length; k++) {
              for (let j = 0; j < 4; j++) denseWeights.push(r + j < runEnd ? slotWeights[slotStarts[r + j]! + k]! : 0);
            }
          }
        }
        for (; r < runEnd; r++) {
          for (let k = 0; k < length; k++) denseWeights.push(slotWeights[slotStarts[r]! + k]!);
        }
        widest = Math.max(widest, length);
        sparseFrom = runEnd;
      }
      q = runEnd;
    }
    closeSparse(end);
    segmentBlocks.push(blockStarts.length);
  }

  const read = new Uint8Array(size);
  for (let q = 0; q < size; q++) {
    const p = planOf[q]!;
    for (let slot = delayedStarts[p]!; slot < delayedStarts[p + 1]!; slot++) read[internalOf[sources[slot]!]!] = 1;
  }
  const rememberedStarts: number[] = [];
  const rememberedEnds: number[] = [];
  for (let q = 0; q < size; q++) {
    if (read[q] === 0) continue;
    if (rememberedEnds[rememberedEnds.length - 1] === q) rememberedEnds[rememberedEnds.length - 1] = q + 1;
    else {
      rememberedStarts.push(q);
      rememberedEnds.push(q + 1);
    }
  }

  return {
    size,
    maxDelay,
    internalOf,
    planOf,
    inputPositions: plan.inputPositions.map((p) => internalOf[p]!),
    outputPositions: plan.outputPositions.map((p) => internalOf[p]!),
    biasPositions: plan.biasPositions.map((p) => internalOf[p]!),
    segmentStarts: Int32Array.from(segments, (s) => s.start),
    segmentEnds: Int32Array.from(segments, (s) => s.end),
    segmentProducts: Uint8Array.from(segments, (s) => products[planOf[s.start]!]!),
    segmentCodes: Uint8Array.from(segments, (s) => activationCodes[planOf[s.start]!]!),
    segmentParameters: Float64Array.from(segments, (s) => activationParameters[planOf[s.start]!]!),
    segmentBlocks: Int32Array.from(segmentBlocks),
    blockStarts: Int32Array.from(blockStarts),
    blockEnds: Int32Array.from(blockEnds),
    blockKinds: Uint8Array.from(blockKinds),
    gatherStarts: Int32Array.from(gatherStarts),
    gatherEnds: Int32Array.from(gatherEnds),
    weightStarts: Int32Array.from(weightStarts),
    gather: Int32Array.from(gather),
    denseWeights: Float64Array.from(denseWeights),
    slotStarts,
    slotSources,
    slotWeights,
    shared: new Float64Array(widest),
    rememberedStarts: Int32Array.from(rememberedStarts),
    rememberedEnds: Int32Array.from(rememberedEnds),
  };
}

/**
 * One step over `buffer` (this step's inputs already in place at their internal positions, the remembered
 * outputs behind it). Returns 0 when every neuron's input was finite, NaN otherwise.
 */
export function runStepProgram(program: StepProgram, buffer: Float64Array): number {
  const { biasPositions, segmentStarts, segmentEnds, segmentProducts, segmentCodes, segmentParameters } = program;
  const { segmentBlocks, blockStarts, blockEnds, blockKinds } = program;
  for (let k = 0; k < biasPositions.length; k++) buffer[biasPositions[k]!] = 1;
  // NOTE: propagation.ts's `x * 0` finiteness check.
  let check = 0;
  for (let segment = 0; segment < segmentStarts.length; segment++) {
    const product = segmentProducts[segment] === 1;
    const blockEnd = segmentBlocks[segment + 1]!;
    for (let block = segmentBlocks[segment]!; block < blockEnd; block++) {
      const start = blockStarts[block]!;
      const end = blockEnds[block]!;
      const kind = blockKinds[block]!;
      if (kind === DENSE) check += dense(program, buffer, block, start, end, product);
      else if (kind === UNIT_PAIRS)
        check += product ? unitPairProducts(program, buffer, start, end) : unitPairSums(program, buffer, start, end);
      else if (kind === UNIT_SINGLES) check += unitSingles(program, buffer, start, end, product);
      else if (kind === PAIRS)
        check += product ? pairProducts(program, buffer, start, end) : pairSums(program, buffer, start, end);
      else if (kind === SINGLES) check += singles(program, buffer, start, end, product);
      else check += product ? sparseProduct(program, buffer, start, end) : sparseSum(program, buffer, start, end);
    }
    const code = segmentCodes[segment]!;
    // NOTE: identity leaves every value as it is (the LSTM's products and states): no pass over them. Sigmoid
    // and tanh (an LSTM's gates, candidates, squashes and outputs) are inlined here, the same expressions as
    // activations.ts, so the same numbers: a segment of seven neurons is not worth a call and a switch.
    if (code === IDENTITY) continue;
    const from = segmentStarts[segment]!;
    const to = segmentEnds[segment]!;
    if (code === SIGMOID) for (let q = from; q < to; q++) buffer[q] = 1 / (1 + Math.exp(-buffer[q]!));
    else if (code === TANH) for (let q = from; q < to; q++) buffer[q] = Math.tanh(buffer[q]!);
    else activateRange(code, segmentParameters[segment]!, buffer, from, to);
  }
  return check;
}

/**
 * Moves this step's remembered outputs one step back in `buffer`, and each older one further back (the oldest
 * is forgotten): what remembering a step costs.
 * NOTE: only the positions a delayed connection reads move (an LSTM's 14 of 76); the others' remembered values
 * in the buffer are stale and never read (the memory written back from the buffer holds them stale too, and
 * nothing reads them there either: delayed connections are the memory's only readers).
 */
export function rememberStep(program: StepProgram, buffer: Float64Array): void {
  const { size, rememberedStarts, rememberedEnds } = program;
  for (let d = program.maxDelay; d >= 1; d--) {
    const to = d * size;
    const from = to - size;
    for (let r = 0; r < rememberedStarts.length; r++) {
      const start = rememberedStarts[r]!;
      const end = rememberedEnds[r]!;
      // NOTE: a short run (an LSTM's seven states) is cheaper copied in a loop than through a copyWithin call.
      if (end - start > 32) buffer.copyWithin(to + start, from + start, from + end);
      else for (let q = start; q < end; q++) buffer[to + q] = buffer[from + q]!;
    }
  }
}

/**
 * Neurons start … end - 1 sharing their sources: gathered once, then each row's own sum (or product) in slot order.
 * NOTE: four rows at a time, each with its own accumulator (independent chains for the CPU, one read of each
 * shared value); every row's terms are still added in its own slot order, so the result is bit for bit the same.
 */
function dense(
  program: StepProgram,
  buffer: Float64Array,
  block: number,
  start: number,
  end: number,
  product: boolean,
): number {
  const { gather, denseWeights: w, shared } = program;
  const from = program.gatherStarts[block]!;
  const length = program.gatherEnds[block]! - from;
  for (let k = 0; k < length; k++) shared[k] = buffer[gather[from + k]!]!;
  let row = program.weightStarts[block]!;
  let check = 0;
  let q = start;
  if (product) {
    for (; q < end; q++, row += length) {
      let s = 1;
      for (let k = 0; k < length; k++) s *= w[row + k]! * shared[k]!;
      check += s * 0;
      buffer[q] = s;
    }
    return check;
  }
  for (; q + 4 <= end; q += 4) {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let k = 0; k < length; k++, row += 4) {
      const v = shared[k]!;
      s0 += w[row]! * v;
      s1 += w[row + 1]! * v;
      s2 += w[row + 2]! * v;
      s3 += w[row + 3]! * v;
    }
    check += s0 * 0 + s1 * 0 + s2 * 0 + s3 * 0;
    buffer[q] = s0;
    buffer[q + 1] = s1;
    buffer[q + 2] = s2;
    buffer[q + 3] = s3;
  }
  // NOTE: the last one to three rows as a padded group of four (independent chains again); the fourth lane
  // is always padding and is skipped, the padding's other sums are dropped, not checked.
  if (q < end) {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    for (let k = 0; k < length; k++, row += 4) {
      const v = shared[k]!;
      s0 += w[row]! * v;
      s1 += w[row + 1]! * v;
      s2 += w[row + 2]! * v;
    }
    check += s0 * 0;
    buffer[q] = s0;
    if (q + 1 < end) {
      check += s1 * 0;
      buffer[q + 1] = s1;
    }
    if (q + 2 < end) {
      check += s2 * 0;
      buffer[q + 2] = s2;
    }
  }
  return check;
}

function sparseSum(program: StepProgram, buffer: Float64Array, start: number, end: number): number {
  const { slotStarts, slotSources, slotWeights } = program;
  let check = 0;
  let slot = slotStarts[start]!;
  for (let q = start; q < end; q++) {
    const last = slotStarts[q + 1]!;
    let s = 0;
    for (; slot < last; slot++) s += slotWeights[slot]! * buffer[slotSources[slot]!]!;
    check += s * 0;
    buffer[q] = s;
  }
  return check;
}

function sparseProduct(program: StepProgram, buffer: Float64Array, start: number, end: number): number {
  const { slotStarts, slotSources, slotWeights } = program;
  let check = 0;
  let slot = slotStarts[start]!;
  for (let q = start; q < end; q++) {
    const last = slotStarts[q + 1]!;
    let s = 1;
    for (; slot < last; slot++) s *= slotWeights[slot]! * buffer[slotSources[slot]!]!;
    check += s * 0;
    buffer[q] = s;
  }
  return check;
}

/**
 * Two-slot sums (an LSTM cell's state): `0 + term0 + term1`, the sparse loop's two additions in its order.
 * NOTE: the slots of neurons start … end - 1 are consecutive pairs, so no per-neuron start and no inner loop.
 */
function pairSums(program: StepProgram, buffer: Float64Array, start: number, end: number): number {
  const { slotSources, slotWeights } = program;
  let check = 0;
  for (let q = start, slot = program.slotStarts[start]!; q < end; q++, slot += 2) {
    const s =
      0 + slotWeights[slot]! * buffer[slotSources[slot]!]! + slotWeights[slot + 1]! * buffer[slotSources[slot + 1]!]!;
    check += s * 0;
    buffer[q] = s;
  }
  return check;
}

/** Two-slot products (an LSTM cell's gating and output): `1 × term0 × term1`, as `pairSums`. */
function pairProducts(program: StepProgram, buffer: Float64Array, start: number, end: number): number {
  const { slotSources, slotWeights } = program;
  let check = 0;
  for (let q = start, slot = program.slotStarts[start]!; q < end; q++, slot += 2) {
    const s =
      1 *
      (slotWeights[slot]! * buffer[slotSources[slot]!]!) *
      (slotWeights[slot + 1]! * buffer[slotSources[slot + 1]!]!);
    check += s * 0;
    buffer[q] = s;
  }
  return check;
}

/** One-slot sums or products (an LSTM cell's squash): `0 + term` or `1 × term`, as `pairSums`. */
function singles(program: StepProgram, buffer: Float64Array, start: number, end: number, product: boolean): number {
  const { slotSources, slotWeights } = program;
  let check = 0;
  for (let q = start, slot = program.slotStarts[start]!; q < end; q++, slot++) {
    const term = slotWeights[slot]! * buffer[slotSources[slot]!]!;
    const s = product ? 1 * term : 0 + term;
    check += s * 0;
    buffer[q] = s;
  }
  return check;
}

/**
 * `pairSums` with both weights 1: `0 + a + b`, the same additions without the multiplications by 1 (x × 1 is x,
 * exactly, for every double).
 * NOTE: an LSTM cell's state is such a neuron: two loads fewer and two multiplications fewer each.
 */
function unitPairSums(program: StepProgram, buffer: Float64Array, start: number, end: number): number {
  const { slotSources } = program;
  let check = 0;
  for (let q = start, slot = program.slotStarts[start]!; q < end; q++, slot += 2) {
    const s = 0 + buffer[slotSources[slot]!]! + buffer[slotSources[slot + 1]!]!;
    check += s * 0;
    buffer[q] = s;
  }
  return check;
}

/**
 * `pairProducts` with both weights 1: `a × b`, which is `1 × (1 × a) × (1 × b)` exactly.
 * NOTE: an LSTM cell's gating and output are such neurons (three of its five small neurons).
 */
function unitPairProducts(program: StepProgram, buffer: Float64Array, start: number, end: number): number {
  const { slotSources } = program;
  let check = 0;
  for (let q = start, slot = program.slotStarts[start]!; q < end; q++, slot += 2) {
    const s = buffer[slotSources[slot]!]! * buffer[slotSources[slot + 1]!]!;
    check += s * 0;
    buffer[q] = s;
  }
  return check;
}

/** `singles` with the weight 1: `0 + a` or `a` (`1 × (1 × a)` exactly), as `unitPairSums`. */
function unitSingles(program: StepProgram, buffer: Float64Array, start: number, end: number, product: boolean): number {
  const { slotSources } = program;
  let check = 0;
  for (let q = start, slot = program.slotStarts[start]!; q < end; q++, slot++) {
    const a = buffer[slotSources[slot]!]!;
    const s = product ? a : 0 + a;
    check += s * 0;
    buffer[q] = s;
  }
  return check;
}
