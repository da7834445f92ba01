/**
 * The dense online step
 * =====================
 *
 * Online SGD (one sample a step, the `sgd` optimizer, no penalty, nobody listening) on a layered
 * network too big for the generated step (generated-step.ts): forward, loss, backward and update of
 * every weight, layer by layer, on the plan's own weight buffers. A layered plan whose every neuron
 * takes the whole previous layer in column order (at most one bias connection, first or last) already
 * holds each layer as a row-major matrix: row j of layer k is a run of slots, so each row is a
 * `Float64Array` view of the working copy's buffer and nothing is gathered, scattered or copied.
 *
 * It does what the graph walk (backprop.ts), the loss table and the sgd step do, operation for operation
 * and in their order (each neuron's sum from 0 in slot order, deltas added from the highest neuron of the
 * layer above down, `w − rate · (0 + δ·x)`), so the weights after training are the same bit for bit; its
 * speed comes from doing four neurons at once (every input or delta loaded once for four rows, four
 * independent sums) and from fusing the update into the backward pass, never from another order.
 *
 * A step reads one of the working copy's two buffers and writes the other, as the loops' optimizer does, so
 * the weights before the last step stay there for `revert`. Like the generated step, a sample whose pass,
 * loss or stepped weights are not finite ends the run untaken, for the loops to take (they throw the error
 * the user should see).
 */
import { activateRange, activationNames, multiplyByDerivativeRange, SOFTMAX } from '../activations.js';
import { BIAS } from '../graph/neuron.js';
import { denseModelOf } from '../plan/dense-model.js';
import type { Plan } from '../plan/plan.js';
import type { LossFunctions } from './backprop.js';
import type { GeneratedStep } from './generated-step.js';
import { outputsPerSample } from './losses.js';
import type { SampleBlock } from './samples.js';
import { SoftmaxDeltas } from './softmax-deltas.js';
import type { WorkingCopy } from './working-copy.js';

/** One layer of the step: its rows as views of both weight buffers, and its per-sample values. */
interface OnlineLayer {
  /** Neurons of the previous layer (or inputs) and of this one. */
  readonly from: number;
  readonly to: number;
  readonly code: number;
  readonly parameter: number;
  /** Per buffer (the working copy's first, then its second): row j's weights from the previous layer. */
  readonly rows: readonly [readonly Float64Array[], readonly Float64Array[]];
  /** Per row: the slot of its bias connection when it comes before the row's others, else -1. */
  readonly lead: Int32Array;
  /** Per row: the slot of its bias connection when it comes after the row's others, else -1. */
  readonly tail: Int32Array;
  /** This sample's weighted sums (the outputs' own array where the derivative needs no sum), outputs, and d loss / d output (then d loss / d sum). */
  readonly sums: Float64Array;
  readonly values: Float64Array;
  readonly deltas: Float64Array;
}

let enabled = true;
let made = 0;

/** How many dense online steps training has made in this realm (for tests: that this is the path taken). */
export function denseOnlineStepsMade(): number {
  return made;
}

/** Internal: lets tests and measurements take the loops instead, to compare the two. */
export function setDenseOnlineTraining(on: boolean): void {
  enabled = on;
}

/** Whether the dense online step can train `plan` (it is layered, every neuron taking its whole previous layer in order). */
export function fitsDenseOnlineStep(plan: Plan): boolean {
  return layoutOf(plan) !== null;
}

/**
 * The dense online SGD step for the working copy's plan and `loss`, or null when its plan is not layered
 * that way (see the top of this file). Its `step` has the contract of `GeneratedStep`, with one addition: it is bound to
 * `copy`'s two buffers, and when it took an even number of steps (so the last one wrote into `w`) it swaps the
 * copy's buffers before returning, so that the trainer's swap leaves the newest weights current.
 */
export function denseOnlineStep(copy: WorkingCopy, loss: LossFunctions): DenseOnlineStep | null {
  if (!enabled) return null;
  const layout = layoutOf(copy.plan);
  if (layout === null) return null;
  made++;
  return new DenseOnlineStep(copy, layout, loss);
}

export class DenseOnlineStep {
  readonly #copy: WorkingCopy;
  readonly #layers: readonly OnlineLayer[];
  readonly #loss: LossFunctions;
  readonly #first: Float64Array;
  /** Layer 0's column c reads input number `inputOfColumn[c]`. */
  readonly #inputOfColumn: Int32Array;
  readonly #inputWidth: number;
  /** For each output (in output order): its layer and its column in that layer. */
  readonly #outputLayer: Int32Array;
  readonly #outputColumn: Int32Array;
  readonly #softmax: SoftmaxDeltas;
  readonly #scale: number;
  /** Slots of connections marked `trainable: false` (their weight is carried over unchanged). */
  readonly #fixed: Int32Array;
  readonly #input: Float64Array;

  constructor(copy: WorkingCopy, layout: OnlineLayout, loss: LossFunctions) {
    const plan = copy.plan;
    this.#copy = copy;
    this.#layers = bindLayers(layout, copy.current.weights, copy.next.weights);
    this.#loss = loss;
    this.#first = copy.current.weights;
    this.#inputOfColumn = layout.inputOfColumn;
    this.#inputWidth = plan.inputIds.length;
    this.#outputLayer = layout.outputLayer;
    this.#outputColumn = layout.outputColumn;
    this.#softmax = new SoftmaxDeltas(plan);
    this.#scale = 1 / (1 * outputsPerSample(loss, plan.outputIds.length));
    this.#fixed = layout.fixed;
    this.#input = new Float64Array(layout.inputOfColumn.length);
  }

  /**
   * Whether every sample of `block` runs forward finite with the copy's current weights: the same sums, in the same
   * order, as the graph walk's pass (so the same answer), at the dense loops' speed.
   */
  forwardsFinite(block: SampleBlock): boolean {
    const layers = this.#layers;
    const input = this.#input;
    const inputOfColumn = this.#inputOfColumn;
    const { inputs, inputWidth, count } = block;
    const weights = this.#copy.current.weights;
    const side = weights === this.#first ? 0 : 1;
    let check = 0;
    for (let sample = 0; sample < count && check === 0; sample++) {
      for (let c = 0; c < input.length; c++) input[c] = inputs[sample * inputWidth + inputOfColumn[c]!]!;
      let below = input;
      for (let layer = 0; layer < layers.length; layer++) {
        const { from, to, rows, lead, tail, values, code, parameter } = layers[layer]!;
        check += forwardLayer(rows[side]!, weights, lead, tail, below, from, to, values);
        activateRange(code, parameter, values, 0, to);
        below = values;
      }
    }
    return check === 0;
  }

  /** See `GeneratedStep` and `denseOnlineStep`. */
  readonly step: GeneratedStep = (w, n, x, t, order, first, last, rate, acc) => {
    const layers = this.#layers;
    const count = layers.length;
    const loss = this.#loss;
    const input = this.#input;
    const inputOfColumn = this.#inputOfColumn;
    const inputWidth = this.#inputWidth;
    const outputLayer = this.#outputLayer;
    const outputColumn = this.#outputColumn;
    const outputWidth = outputLayer.length;
    const softmax = this.#softmax;
    const { group, isMember } = softmax;
    const scale = this.#scale;
    const fixed = this.#fixed;
    // The buffer a step reads (`read`, view set `side`) and the one it writes.
    let read = w;
    let write = n;
    let side = w === this.#first ? 0 : 1;
    let total = acc[0]!;
    let k = first;
    for (; k < last; k++) {
      const sample = order[k]!;
      for (let c = 0; c < input.length; c++) input[c] = x[sample * inputWidth + inputOfColumn[c]!]!;

      // Forward, as propagation's silent loop: each layer's sums (checked finite), then its activation.
      let check = 0;
      let below = input;
      for (let layer = 0; layer < count; layer++) {
        const { from, to, rows, lead, tail, sums, values, code, parameter } = layers[layer]!;
        check += forwardLayer(rows[side]!, read, lead, tail, below, from, to, values);
        // NOTE: only relu and leakyRelu read the sum for their derivative; the others' outputs suffice.
        if (sums !== values) for (let j = 0; j < to; j++) sums[j] = values[j]!;
        activateRange(code, parameter, values, 0, to);
        below = values;
      }
      if (check !== 0) break;

      // The loss and each output's pull, as seedOutputs with scale 1 / (1 sample × outputs).
      for (let layer = 0; layer < count; layer++) {
        const { deltas, to } = layers[layer]!;
        for (let j = 0; j < to; j++) deltas[j] = 0;
      }
      let l = 0;
      for (let o = 0; o < outputWidth; o++) {
        const { values, deltas } = layers[outputLayer[o]!]!;
        const column = outputColumn[o]!;
        const target = t[sample * outputWidth + o]!;
        l += loss.fn(values[column]!, target);
        if (isMember[o] === 0) deltas[column]! += scale * loss.derivative(values[column]!, target);
      }
      if (group.length > 0) {
        const { values, deltas } = layers[outputLayer[group[0]!]!]!;
        for (let g = 0; g < group.length; g++) {
          softmax.probabilities[g] = values[outputColumn[group[g]!]!]!;
          softmax.targets[g] = t[sample * outputWidth + group[g]!]!;
        }
        softmax.seed(loss, scale);
        for (let g = 0; g < group.length; g++) deltas[outputColumn[group[g]!]!]! += softmax.logitDeltas[g]!;
      }
      if (l - l !== 0) break;

      // Backward from the last layer, each weight stepped as its gradient is known.
      let stepped = 0;
      for (let layer = count - 1; layer >= 0; layer--) {
        const { from, to, rows, lead, tail, sums, values, deltas, code, parameter } = layers[layer]!;
        // A softmax layer's deltas already are its logits'.
        if (code !== SOFTMAX) multiplyByDerivativeRange(code, parameter, sums, values, deltas, 0, to);
        const sources = layer > 0 ? layers[layer - 1]!.values : input;
        const pulls = layer > 0 ? layers[layer - 1]!.deltas : null;
        stepped += backwardLayer(
          rows[side]!,
          rows[1 - side]!,
          read,
          write,
          lead,
          tail,
          deltas,
          sources,
          pulls,
          from,
          to,
          rate,
        );
      }
      for (let f = 0; f < fixed.length; f++) write[fixed[f]!] = read[fixed[f]!]!;
      if (stepped !== 0) {
        // Not taken: the spare buffer gets the current weights back (the ones before them are not needed: the
        // loops' pass with these runs first, and a finite pass verifies them).
        write.set(read);
        break;
      }
      total += l;
      const previous = read;
      read = write;
      write = previous;
      side = 1 - side;
    }
    const m = k - first;
    // NOTE: the steps alternate between the two buffers; after an even number the newest weights are in `w`, so
    // the copy's buffers trade places here and the trainer's swap puts them back (no weight is copied).
    if (m > 0 && read === w) this.#copy.swap();
    acc[0] = total;
    return m;
  };
}

/**
 * y = Σ w·x for each row, summed from 0 in slot order (the bias connection first or last, as it comes), into `out`.
 * Returns 0 when every sum is finite, NaN otherwise.
 * NOTE: four rows at a time (then two, then one): each input loaded once for four multiply-adds, and four independent
 * sums in flight, each still added in slot order.
 */
function forwardLayer(
  rows: readonly Float64Array[],
  weights: Float64Array,
  lead: Int32Array,
  tail: Int32Array,
  x: Float64Array,
  from: number,
  to: number,
  out: Float64Array,
): number {
  let check = 0;
  let j = 0;
  for (; j + 4 <= to; j += 4) {
    const r0 = rows[j]!;
    const r1 = rows[j + 1]!;
    const r2 = rows[j + 2]!;
    const r3 = rows[j + 3]!;
    let a0 = lead[j]! < 0 ? 0 : 0 + weights[lead[j]!]!;
    let a1 = lead[j + 1]! < 0 ? 0 : 0 + weights[lead[j + 1]!]!;
    let a2 = lead[j + 2]! < 0 ? 0 : 0 + weights[lead[j + 2]!]!;
    let a3 = lead[j + 3]! < 0 ? 0 : 0 + weights[lead[j + 3]!]!;
    for (let i = 0; i < from; i++) {
      const v = x[i]!;
      a0 += r0[i]! * v;
      a1 += r1[i]! * v;
      a2 += r2[i]! * v;
      a3 += r3[i]! * v;
    }
    if (tail[j]! >= 0) a0 += weights[tail[j]!]!;
    if (tail[j + 1]! >= 0) a1 += weights[tail[j + 1]!]!;
    if (tail[j + 2]! >= 0) a2 += weights[tail[j + 2]!]!;
    if (tail[j + 3]! >= 0) a3 += weights[tail[j + 3]!]!;
    out[j] = a0;
    out[j + 1] = a1;
    out[j + 2] = a2;
    out[j + 3] = a3;
    check += a0 * 0 + a1 * 0 + (a2 * 0 + a3 * 0);
  }
  if (j + 2 <= to) {
    const r0 = rows[j]!;
    const r1 = rows[j + 1]!;
    let a0 = lead[j]! < 0 ? 0 : 0 + weights[lead[j]!]!;
    let a1 = lead[j + 1]! < 0 ? 0 : 0 + weights[lead[j + 1]!]!;
    for (let i = 0; i < from; i++) {
      const v = x[i]!;
      a0 += r0[i]! * v;
      a1 += r1[i]! * v;
    }
    if (tail[j]! >= 0) a0 += weights[tail[j]!]!;
    if (tail[j + 1]! >= 0) a1 += weights[tail[j + 1]!]!;
    out[j] = a0;
    out[j + 1] = a1;
    check += a0 * 0 + a1 * 0;
    j += 2;
  }
  for (; j < to; j++) {
    const r = rows[j]!;
    let a = lead[j]! < 0 ? 0 : 0 + weights[lead[j]!]!;
    for (let i = 0; i < from; i++) a += r[i]! * x[i]!;
    if (tail[j]! >= 0) a += weights[tail[j]!]!;
    out[j] = a;
    check += a * 0;
  }
  return check;
}

/**
 * One layer's backward pass fused with its sgd step: with `locals` = d loss / d sum of each row, adds each row's pull
 * to `pulls` (the layer below's deltas, when it has some), from the highest row down, and writes every stepped weight
 * `w − rate · (0 + local · x)` into the other buffer. Returns 0 when every stepped weight is finite, NaN otherwise.
 * NOTE: four rows at a time (then two, then one), from the top: each input and each pull loaded and stored once for
 * four weights.
 */
function backwardLayer(
  rows: readonly Float64Array[],
  next: readonly Float64Array[],
  weights: Float64Array,
  stepped: Float64Array,
  lead: Int32Array,
  tail: Int32Array,
  locals: Float64Array,
  x: Float64Array,
  pulls: Float64Array | null,
  from: number,
  to: number,
  rate: number,
): number {
  let check = 0;
  let j = to - 1;
  for (; j >= 3; j -= 4) {
    const l0 = locals[j]!;
    const l1 = locals[j - 1]!;
    const l2 = locals[j - 2]!;
    const l3 = locals[j - 3]!;
    const r0 = rows[j]!;
    const r1 = rows[j - 1]!;
    const r2 = rows[j - 2]!;
    const r3 = rows[j - 3]!;
    const u0 = next[j]!;
    const u1 = next[j - 1]!;
    const u2 = next[j - 2]!;
    const u3 = next[j - 3]!;
    if (pulls !== null) {
      for (let i = 0; i < from; i++) {
        const v = x[i]!;
        const w0 = r0[i]!;
        const w1 = r1[i]!;
        const w2 = r2[i]!;
        const w3 = r3[i]!;
        pulls[i] = pulls[i]! + l0 * w0 + l1 * w1 + l2 * w2 + l3 * w3;
        const s0 = w0 - rate * (0 + l0 * v);
        const s1 = w1 - rate * (0 + l1 * v);
        const s2 = w2 - rate * (0 + l2 * v);
        const s3 = w3 - rate * (0 + l3 * v);
        u0[i] = s0;
        u1[i] = s1;
        u2[i] = s2;
        u3[i] = s3;
        check += s0 * 0 + s1 * 0 + (s2 * 0 + s3 * 0);
      }
    } else {
      for (let i = 0; i < from; i++) {
        const v = x[i]!;
        const s0 = r0[i]! - rate * (0 + l0 * v);
        const s1 = r1[i]! - rate * (0 + l1 * v);
        const s2 = r2[i]! - rate * (0 + l2 * v);
        const s3 = r3[i]! - rate * (0 + l3 * v);
        u0[i] = s0;
        u1[i] = s1;
        u2[i] = s2;
        u3[i] = s3;
        check += s0 * 0 + s1 * 0 + (s2 * 0 + s3 * 0);
      }
    }
    for (let row = j; row > j - 4; row--)
      check += stepBias(weights, stepped, lead[row]!, tail[row]!, locals[row]!, rate);
  }
  if (j >= 1) {
    const l0 = locals[j]!;
    const l1 = locals[j - 1]!;
    const r0 = rows[j]!;
    const r1 = rows[j - 1]!;
    const u0 = next[j]!;
    const u1 = next[j - 1]!;
    for (let i = 0; i < from; i++) {
      const v = x[i]!;
      const w0 = r0[i]!;
      const w1 = r1[i]!;
      if (pulls !== null) pulls[i] = pulls[i]! + l0 * w0 + l1 * w1;
      const s0 = w0 - rate * (0 + l0 * v);
      const s1 = w1 - rate * (0 + l1 * v);
      u0[i] = s0;
      u1[i] = s1;
      check += s0 * 0 + s1 * 0;
    }
    check += stepBias(weights, stepped, lead[j]!, tail[j]!, l0, rate);
    check += stepBias(weights, stepped, lead[j - 1]!, tail[j - 1]!, l1, rate);
    j -= 2;
  }
  for (; j >= 0; j--) {
    const local = locals[j]!;
    const r = rows[j]!;
    const u = next[j]!;
    for (let i = 0; i < from; i++) {
      const w = r[i]!;
      if (pulls !== null) pulls[i] = pulls[i]! + local * w;
      const s = w - rate * (0 + local * x[i]!);
      u[i] = s;
      check += s * 0;
    }
    check += stepBias(weights, stepped, lead[j]!, tail[j]!, local, rate);
  }
  return check;
}

/** The row's bias weight stepped (its gradient is the local itself: the bias outputs 1); 0, or NaN if not finite. */
function stepBias(
  weights: Float64Array,
  stepped: Float64Array,
  lead: number,
  tail: number,
  local: number,
  rate: number,
) {
  const slot = lead >= 0 ? lead : tail;
  if (slot < 0) return 0;
  const s = weights[slot]! - rate * (0 + local);
  stepped[slot] = s;
  return s * 0;
}

/** What the step needs of a layered plan's structure (no weights): it is the same for every working copy of the plan. */
interface OnlineLayout {
  readonly layers: readonly {
    readonly from: number;
    readonly to: number;
    readonly code: number;
    readonly parameter: number;
    /** Per row: the slot of its first connection from the previous layer (the row's view starts there). */
    readonly columnStart: Int32Array;
    readonly lead: Int32Array;
    readonly tail: Int32Array;
  }[];
  /** Layer 0's column c reads input number `inputOfColumn[c]`. */
  readonly inputOfColumn: Int32Array;
  /** For each output (in output order): its layer and its column in that layer. */
  readonly outputLayer: Int32Array;
  readonly outputColumn: Int32Array;
  /** Slots of connections marked `trainable: false`. */
  readonly fixed: Int32Array;
}

/** Each plan's layout, or null when it has none (a plan's structure never changes: a new structure is a new plan). */
const layoutOfPlan = new WeakMap<Plan, OnlineLayout | null>();

/** The layers of `layout` with every row a view of `first` and of `second`, and their per-sample buffers. */
function bindLayers(layout: OnlineLayout, first: Float64Array, second: Float64Array): OnlineLayer[] {
  return layout.layers.map(({ from, to, code, parameter, columnStart, lead, tail }) => {
    const views = (buffer: Float64Array) => Array.from(columnStart, (start) => buffer.subarray(start, start + from));
    // The sums are kept apart only where the derivative reads them (relu, leakyRelu; see `activationDerivative`).
    const values = new Float64Array(to);
    const name = activationNames[code];
    const sums = name === 'relu' || name === 'leakyRelu' ? new Float64Array(to) : values;
    return {
      from,
      to,
      code,
      parameter,
      rows: [views(first), views(second)],
      lead,
      tail,
      sums,
      values,
      deltas: new Float64Array(to),
    };
  });
}

/**
 * The plan's layout (see the top of this file), or null when the plan is not layered or some neuron does not take
 * the whole previous layer as one run of slots in column order.
 */
function layoutOf(plan: Plan): OnlineLayout | null {
  let layout = layoutOfPlan.get(plan);
  if (layout === undefined) layoutOfPlan.set(plan, (layout = findLayout(plan)));
  return layout;
}

function findLayout(plan: Plan): OnlineLayout | null {
  const found = denseModelOf(plan);
  if (!('model' in found) || found.model.layers.length === 0) return null;
  const { model } = found;
  const { starts, sources, roles, positionOf } = plan;
  const layers: OnlineLayout['layers'][number][] = [];
  for (const layer of model.layers) {
    const from = layer.from.length;
    const to = layer.to.length;
    const columnOf = new Map(layer.from.map((id, column) => [positionOf.get(id)!, column]));
    const lead = new Int32Array(to).fill(-1);
    const tail = new Int32Array(to).fill(-1);
    const columnStart = new Int32Array(to);
    for (let j = 0; j < to; j++) {
      const position = positionOf.get(layer.to[j]!)!;
      let start = starts[position]!;
      let end = starts[position + 1]!;
      if (end - start === from + 1) {
        if (roles[sources[start]!] === BIAS) lead[j] = start++;
        else if (roles[sources[end - 1]!] === BIAS) tail[j] = --end;
      }
      if (end - start !== from) return null;
      for (let column = 0; column < from; column++) {
        if (columnOf.get(sources[start + column]!) !== column) return null;
      }
      columnStart[j] = start;
    }
    layers.push({ from, to, code: layer.code, parameter: layer.parameter, columnStart, lead, tail });
  }
  const inputIndex = new Map(plan.inputIds.map((id, index) => [id, index]));
  const inputOfColumn = Int32Array.from(model.layers[0]!.from, (id) => inputIndex.get(id)!);
  const fixed: number[] = [];
  for (let slot = 0; slot < plan.trainable.length; slot++) if (plan.trainable[slot] === 0) fixed.push(slot);
  return {
    layers,
    inputOfColumn,
    outputLayer: model.outputLayer,
    outputColumn: model.outputColumn,
    fixed: Int32Array.from(fixed),
  };
}
