/**
 * The hand-written baseline for W7: mini-batch Adam on exactly 784-64-10 (relu hidden,
 * softmax out, categorical cross-entropy), plain JavaScript on Float64Arrays.
 *
 * All parameters sit in one Float64Array (W1 64 × 784 row-major, b1, W2 10 × 64, b2) with
 * one gradient array and Adam's two moment arrays beside it, so the Adam step is one loop.
 * A batch reads its rows straight from the digit block (no gather, no transposes), keeps
 * the hidden activations and the output probabilities, and writes gradients in place:
 *
 *   forward   Z1 = X·W1ᵀ + b1 (the hot product, kernels below), H = relu(Z1);
 *             Z2 = H·W2ᵀ + b2, P = softmax(Z2) per row, loss −log P[label]
 *   backward  dZ2 = (P − T) / batch; gW2 = dZ2ᵀ·H, gb2 = Σ dZ2;
 *             dZ1 = (dZ2·W2) ⊙ [H > 0]; gW1 = dZ1ᵀ·X (the other hot product), gb1 = Σ dZ1
 *   Adam      as Kingma & Ba's Algorithm 1, written as neurograph's optimizer writes it
 *
 * Sums over the batch run sample by sample from 0 (as neurograph's matrices do), and the
 * samples are shuffled with neurograph's generator and seed, so both train the same
 * weights up to the rounding of the forward sums; the loss after an epoch agrees to ~1e-12.
 *
 * NOTE: the kernels of the two hot products were measured against each other, interleaved on one
 * epoch (`bench/classification.ts tune`): the forward as one sample × one unit with four
 * accumulators (`dot4`), or as register blocks of four samples × two units (`block4x2`, each
 * weight loaded once per four samples) or × four units (`block4x4`); gW1 one sample per pass over
 * a gradient row (`axpy1`), four samples per pass (`axpy4`), or four samples and two rows per pass
 * (`axpy4x2`, each pixel loaded once for two units). The default is the fastest pair,
 * `block4x4` + `axpy4x2` (about 2.5× faster than `dot4` + `axpy1`); every pair sums in the same
 * order per weight gradient, and all end an epoch with the same loss.
 */
import { createRandom, shuffleInPlace } from '../../src/random.js';
import { CLASSES, HIDDEN, INPUTS, SETTINGS, type Digits, type StartingWeights } from './workload.js';

export type ForwardKernel = 'dot4' | 'block4x2' | 'block4x4';
export type GradientKernel = 'axpy1' | 'axpy4' | 'axpy4x2';

const W1 = 0;
const B1 = W1 + HIDDEN * INPUTS;
const W2 = B1 + HIDDEN;
const B2 = W2 + CLASSES * HIDDEN;
const PARAMETERS = B2 + CLASSES;

export class HandWrittenMlp {
  readonly parameters = new Float64Array(PARAMETERS);
  readonly #gradients = new Float64Array(PARAMETERS);
  readonly #m = new Float64Array(PARAMETERS);
  readonly #v = new Float64Array(PARAMETERS);
  #t = 0;
  readonly #hidden: Float64Array;
  readonly #hiddenDeltas: Float64Array;
  readonly #probabilities: Float64Array;
  readonly #rows: Int32Array;
  readonly #order: number[];
  readonly #random: () => number;
  readonly #data: Digits;
  readonly #forward: ForwardKernel;
  readonly #gradient: GradientKernel;

  constructor(
    start: StartingWeights,
    data: Digits,
    {
      forward = 'block4x4',
      gradient = 'axpy4x2',
      seed = 1,
    }: { forward?: ForwardKernel; gradient?: GradientKernel; seed?: number } = {},
  ) {
    this.parameters.set(start.w1, W1);
    this.parameters.set(start.b1, B1);
    this.parameters.set(start.w2, W2);
    this.parameters.set(start.b2, B2);
    const batch = SETTINGS.batchSize;
    this.#hidden = new Float64Array(batch * HIDDEN);
    this.#hiddenDeltas = new Float64Array(batch * HIDDEN);
    this.#probabilities = new Float64Array(batch * CLASSES);
    this.#rows = new Int32Array(batch);
    this.#data = data;
    this.#order = Array.from({ length: data.count }, (_, k) => k);
    // The Trainer's shuffle: the same generator, seed and Fisher–Yates, once per epoch.
    this.#random = createRandom(seed);
    this.#forward = forward;
    this.#gradient = gradient;
  }

  /** One epoch of shuffled mini-batches; returns the mean loss of each sample before the step that learned from it. */
  epoch(): number {
    const order = this.#order;
    shuffleInPlace(order, this.#random);
    const count = order.length;
    let total = 0;
    for (let first = 0; first < count; first += SETTINGS.batchSize) {
      const last = Math.min(first + SETTINGS.batchSize, count);
      for (let s = first; s < last; s++) this.#rows[s - first] = order[s]!;
      total += this.#batch(last - first);
      this.#adam();
    }
    return total / count;
  }

  /** The output probabilities for `digits`, `count × 10` row-major. */
  predict(digits: Digits): Float64Array {
    const out = new Float64Array(digits.count * CLASSES);
    const p = this.parameters;
    const h = new Float64Array(HIDDEN);
    for (let s = 0; s < digits.count; s++) {
      const x = s * INPUTS;
      for (let j = 0; j < HIDDEN; j++) {
        let z = p[B1 + j]!;
        for (let i = 0; i < INPUTS; i++) z += p[W1 + j * INPUTS + i]! * digits.inputs[x + i]!;
        h[j] = z > 0 ? z : 0;
      }
      let max = Number.NEGATIVE_INFINITY;
      for (let k = 0; k < CLASSES; k++) {
        let z = p[B2 + k]!;
        for (let j = 0; j < HIDDEN; j++) z += p[W2 + k * HIDDEN + j]! * h[j]!;
        out[s * CLASSES + k] = z;
        if (z > max) max = z;
      }
      let sum = 0;
      for (let k = 0; k < CLASSES; k++) sum += out[s * CLASSES + k] = Math.exp(out[s * CLASSES + k]! - max);
      for (let k = 0; k < CLASSES; k++) out[s * CLASSES + k]! /= sum;
    }
    return out;
  }

  /** Forward and backward for `count` rows (`#rows`); gradients written (not added); returns the loss sum. */
  #batch(count: number): number {
    const p = this.parameters;
    const g = this.#gradients;
    const x = this.#data.inputs;
    const labels = this.#data.labels;
    const rows = this.#rows;
    const h = this.#hidden;
    const dh = this.#hiddenDeltas;
    const probabilities = this.#probabilities;

    // Z1 = X·W1ᵀ + b1, H = relu(Z1)
    if (this.#forward === 'dot4') forwardDot4(p, x, rows, count, h);
    else if (this.#forward === 'block4x4') forwardBlock4x4(p, x, rows, count, h);
    else forwardBlock4x2(p, x, rows, count, h);

    // Z2 = H·W2ᵀ + b2 and softmax, the loss, dZ2 = (P − T) / count in place of P
    const scale = 1 / count;
    let total = 0;
    for (let s = 0; s < count; s++) {
      const hs = s * HIDDEN;
      const ps = s * CLASSES;
      let max = Number.NEGATIVE_INFINITY;
      for (let k = 0; k < CLASSES; k++) {
        const w = W2 + k * HIDDEN;
        let z = 0;
        for (let j = 0; j < HIDDEN; j++) z += p[w + j]! * h[hs + j]!;
        z = p[B2 + k]! + z;
        probabilities[ps + k] = z;
        if (z > max) max = z;
      }
      let sum = 0;
      for (let k = 0; k < CLASSES; k++) sum += Math.exp(probabilities[ps + k]! - max);
      const inverse = 1 / sum;
      const label = labels[rows[s]!]!;
      for (let k = 0; k < CLASSES; k++) {
        const probability = Math.exp(probabilities[ps + k]! - max) * inverse;
        if (k === label) {
          total -= Math.log(probability > Number.MIN_VALUE ? probability : Number.MIN_VALUE);
          probabilities[ps + k] = scale * (probability - 1);
        } else probabilities[ps + k] = scale * probability;
      }
    }
    const dz2 = probabilities;

    // gb2 = Σ dZ2, gW2 = dZ2ᵀ·H
    for (let k = 0; k < CLASSES; k++) {
      let bias = 0;
      for (let s = 0; s < count; s++) bias += dz2[s * CLASSES + k]!;
      g[B2 + k] = bias;
      const w = W2 + k * HIDDEN;
      for (let j = 0; j < HIDDEN; j++) g[w + j] = 0;
      for (let s = 0; s < count; s++) {
        const d = dz2[s * CLASSES + k]!;
        const hs = s * HIDDEN;
        for (let j = 0; j < HIDDEN; j++) g[w + j] = g[w + j]! + d * h[hs + j]!;
      }
    }

    // dZ1 = (dZ2·W2) ⊙ [H > 0]
    for (let s = 0; s < count; s++) {
      const hs = s * HIDDEN;
      const ps = s * CLASSES;
      for (let j = 0; j < HIDDEN; j++) {
        if (h[hs + j]! > 0) {
          let d = 0;
          for (let k = 0; k < CLASSES; k++) d += p[W2 + k * HIDDEN + j]! * dz2[ps + k]!;
          dh[hs + j] = d;
        } else dh[hs + j] = 0;
      }
    }

    // gb1 = Σ dZ1, gW1 = dZ1ᵀ·X
    for (let j = 0; j < HIDDEN; j++) {
      let bias = 0;
      for (let s = 0; s < count; s++) bias += dh[s * HIDDEN + j]!;
      g[B1 + j] = bias;
    }
    if (this.#gradient === 'axpy4') gradientAxpy4(g, x, rows, count, dh);
    else if (this.#gradient === 'axpy4x2') gradientAxpy4x2(g, x, rows, count, dh);
    else gradientAxpy1(g, x, rows, count, dh);
    return total;
  }

  #adam(): void {
    const { beta1: b1, beta2: b2, epsilon: eps, learningRate: rate } = SETTINGS;
    this.#t++;
    const correction1 = 1 - b1 ** this.#t;
    const correction2 = 1 - b2 ** this.#t;
    const w = this.parameters;
    const g = this.#gradients;
    const m = this.#m;
    const v = this.#v;
    for (let i = 0; i < PARAMETERS; i++) {
      const gi = g[i]!;
      const mi = (m[i] = b1 * m[i]! + (1 - b1) * gi);
      const vi = (v[i] = b2 * v[i]! + (1 - b2) * gi * gi);
      w[i] = w[i]! - (rate * (mi / correction1)) / (Math.sqrt(vi / correction2) + eps);
    }
  }
}

/** One sample × one hidden unit at a time, four accumulators over the pixels. */
function forwardDot4(p: Float64Array, x: Float64Array, rows: Int32Array, count: number, h: Float64Array): void {
  for (let s = 0; s < count; s++) {
    const xs = rows[s]! * INPUTS;
    for (let j = 0; j < HIDDEN; j++) {
      const w = W1 + j * INPUTS;
      let a0 = 0;
      let a1 = 0;
      let a2 = 0;
      let a3 = 0;
      // INPUTS (784) is a multiple of 4.
      for (let i = 0; i < INPUTS; i += 4) {
        a0 += p[w + i]! * x[xs + i]!;
        a1 += p[w + i + 1]! * x[xs + i + 1]!;
        a2 += p[w + i + 2]! * x[xs + i + 2]!;
        a3 += p[w + i + 3]! * x[xs + i + 3]!;
      }
      const z = p[B1 + j]! + (a0 + a1 + (a2 + a3));
      h[s * HIDDEN + j] = z > 0 ? z : 0;
    }
  }
}

/** Four samples × two hidden units at a time: each weight loaded once for four samples, eight sums in flight. */
function forwardBlock4x2(p: Float64Array, x: Float64Array, rows: Int32Array, count: number, h: Float64Array): void {
  let s = 0;
  for (; s + 4 <= count; s += 4) {
    const x0 = rows[s]! * INPUTS;
    const x1 = rows[s + 1]! * INPUTS;
    const x2 = rows[s + 2]! * INPUTS;
    const x3 = rows[s + 3]! * INPUTS;
    // HIDDEN (64) is even.
    for (let j = 0; j < HIDDEN; j += 2) {
      const w0 = W1 + j * INPUTS;
      const w1 = w0 + INPUTS;
      let a0 = 0;
      let a1 = 0;
      let a2 = 0;
      let a3 = 0;
      let b0 = 0;
      let b1 = 0;
      let b2 = 0;
      let b3 = 0;
      for (let i = 0; i < INPUTS; i++) {
        const u = p[w0 + i]!;
        const v = p[w1 + i]!;
        const q0 = x[x0 + i]!;
        const q1 = x[x1 + i]!;
        const q2 = x[x2 + i]!;
        const q3 = x[x3 + i]!;
        a0 += u * q0;
        a1 += u * q1;
        a2 += u * q2;
        a3 += u * q3;
        b0 += v * q0;
        b1 += v * q1;
        b2 += v * q2;
        b3 += v * q3;
      }
      const c0 = p[B1 + j]!;
      const c1 = p[B1 + j + 1]!;
      h[s * HIDDEN + j] = relu(c0 + a0);
      h[(s + 1) * HIDDEN + j] = relu(c0 + a1);
      h[(s + 2) * HIDDEN + j] = relu(c0 + a2);
      h[(s + 3) * HIDDEN + j] = relu(c0 + a3);
      h[s * HIDDEN + j + 1] = relu(c1 + b0);
      h[(s + 1) * HIDDEN + j + 1] = relu(c1 + b1);
      h[(s + 2) * HIDDEN + j + 1] = relu(c1 + b2);
      h[(s + 3) * HIDDEN + j + 1] = relu(c1 + b3);
    }
  }
  for (; s < count; s++) {
    const xs = rows[s]! * INPUTS;
    for (let j = 0; j < HIDDEN; j++) {
      const w = W1 + j * INPUTS;
      let a = 0;
      for (let i = 0; i < INPUTS; i++) a += p[w + i]! * x[xs + i]!;
      h[s * HIDDEN + j] = relu(p[B1 + j]! + a);
    }
  }
}

/** Four samples × four hidden units at a time: sixteen sums in flight (more than x64's sixteen float registers hold). */
function forwardBlock4x4(p: Float64Array, x: Float64Array, rows: Int32Array, count: number, h: Float64Array): void {
  if (count % 4 !== 0) {
    forwardBlock4x2(p, x, rows, count, h);
    return;
  }
  for (let s = 0; s < count; s += 4) {
    const x0 = rows[s]! * INPUTS;
    const x1 = rows[s + 1]! * INPUTS;
    const x2 = rows[s + 2]! * INPUTS;
    const x3 = rows[s + 3]! * INPUTS;
    // HIDDEN (64) is a multiple of 4.
    for (let j = 0; j < HIDDEN; j += 4) {
      const w0 = W1 + j * INPUTS;
      const w1 = w0 + INPUTS;
      const w2 = w1 + INPUTS;
      const w3 = w2 + INPUTS;
      let a0 = 0;
      let a1 = 0;
      let a2 = 0;
      let a3 = 0;
      let b0 = 0;
      let b1 = 0;
      let b2 = 0;
      let b3 = 0;
      let c0 = 0;
      let c1 = 0;
      let c2 = 0;
      let c3 = 0;
      let d0 = 0;
      let d1 = 0;
      let d2 = 0;
      let d3 = 0;
      for (let i = 0; i < INPUTS; i++) {
        const q0 = x[x0 + i]!;
        const q1 = x[x1 + i]!;
        const q2 = x[x2 + i]!;
        const q3 = x[x3 + i]!;
        const u0 = p[w0 + i]!;
        a0 += u0 * q0;
        a1 += u0 * q1;
        a2 += u0 * q2;
        a3 += u0 * q3;
        const u1 = p[w1 + i]!;
        b0 += u1 * q0;
        b1 += u1 * q1;
        b2 += u1 * q2;
        b3 += u1 * q3;
        const u2 = p[w2 + i]!;
        c0 += u2 * q0;
        c1 += u2 * q1;
        c2 += u2 * q2;
        c3 += u2 * q3;
        const u3 = p[w3 + i]!;
        d0 += u3 * q0;
        d1 += u3 * q1;
        d2 += u3 * q2;
        d3 += u3 * q3;
      }
      const e0 = p[B1 + j]!;
      const e1 = p[B1 + j + 1]!;
      const e2 = p[B1 + j + 2]!;
      const e3 = p[B1 + j + 3]!;
      h[s * HIDDEN + j] = relu(e0 + a0);
      h[(s + 1) * HIDDEN + j] = relu(e0 + a1);
      h[(s + 2) * HIDDEN + j] = relu(e0 + a2);
      h[(s + 3) * HIDDEN + j] = relu(e0 + a3);
      h[s * HIDDEN + j + 1] = relu(e1 + b0);
      h[(s + 1) * HIDDEN + j + 1] = relu(e1 + b1);
      h[(s + 2) * HIDDEN + j + 1] = relu(e1 + b2);
      h[(s + 3) * HIDDEN + j + 1] = relu(e1 + b3);
      h[s * HIDDEN + j + 2] = relu(e2 + c0);
      h[(s + 1) * HIDDEN + j + 2] = relu(e2 + c1);
      h[(s + 2) * HIDDEN + j + 2] = relu(e2 + c2);
      h[(s + 3) * HIDDEN + j + 2] = relu(e2 + c3);
      h[s * HIDDEN + j + 3] = relu(e3 + d0);
      h[(s + 1) * HIDDEN + j + 3] = relu(e3 + d1);
      h[(s + 2) * HIDDEN + j + 3] = relu(e3 + d2);
      h[(s + 3) * HIDDEN + j + 3] = relu(e3 + d3);
    }
  }
}

function relu(z: number): number {
  return z > 0 ? z : 0;
}

/** gW1[j, ·] = Σ_s dZ1[s, j] · X[s, ·], one sample per pass over the gradient row. */
function gradientAxpy1(g: Float64Array, x: Float64Array, rows: Int32Array, count: number, dh: Float64Array): void {
  for (let j = 0; j < HIDDEN; j++) {
    const w = W1 + j * INPUTS;
    g.fill(0, w, w + INPUTS);
    for (let s = 0; s < count; s++) {
      const d = dh[s * HIDDEN + j]!;
      const xs = rows[s]! * INPUTS;
      for (let i = 0; i < INPUTS; i++) g[w + i] = g[w + i]! + d * x[xs + i]!;
    }
  }
}

/** The same sums (same order: sample by sample from 0), four samples per pass over the gradient row. */
function gradientAxpy4(g: Float64Array, x: Float64Array, rows: Int32Array, count: number, dh: Float64Array): void {
  for (let j = 0; j < HIDDEN; j++) {
    const w = W1 + j * INPUTS;
    g.fill(0, w, w + INPUTS);
    let s = 0;
    for (; s + 4 <= count; s += 4) {
      const d0 = dh[s * HIDDEN + j]!;
      const d1 = dh[(s + 1) * HIDDEN + j]!;
      const d2 = dh[(s + 2) * HIDDEN + j]!;
      const d3 = dh[(s + 3) * HIDDEN + j]!;
      const x0 = rows[s]! * INPUTS;
      const x1 = rows[s + 1]! * INPUTS;
      const x2 = rows[s + 2]! * INPUTS;
      const x3 = rows[s + 3]! * INPUTS;
      for (let i = 0; i < INPUTS; i++) {
        let a = g[w + i]!;
        a += d0 * x[x0 + i]!;
        a += d1 * x[x1 + i]!;
        a += d2 * x[x2 + i]!;
        a += d3 * x[x3 + i]!;
        g[w + i] = a;
      }
    }
    for (; s < count; s++) {
      const d = dh[s * HIDDEN + j]!;
      const xs = rows[s]! * INPUTS;
      for (let i = 0; i < INPUTS; i++) g[w + i] = g[w + i]! + d * x[xs + i]!;
    }
  }
}

/** As `gradientAxpy4`, two gradient rows per pass, so each pixel loaded serves two hidden units. */
function gradientAxpy4x2(g: Float64Array, x: Float64Array, rows: Int32Array, count: number, dh: Float64Array): void {
  if (count % 4 !== 0) {
    gradientAxpy4(g, x, rows, count, dh);
    return;
  }
  // HIDDEN (64) is even.
  for (let j = 0; j < HIDDEN; j += 2) {
    const w = W1 + j * INPUTS;
    const v = w + INPUTS;
    g.fill(0, w, v + INPUTS);
    for (let s = 0; s < count; s += 4) {
      const d0 = dh[s * HIDDEN + j]!;
      const d1 = dh[(s + 1) * HIDDEN + j]!;
      const d2 = dh[(s + 2) * HIDDEN + j]!;
      const d3 = dh[(s + 3) * HIDDEN + j]!;
      const e0 = dh[s * HIDDEN + j + 1]!;
      const e1 = dh[(s + 1) * HIDDEN + j + 1]!;
      const e2 = dh[(s + 2) * HIDDEN + j + 1]!;
      const e3 = dh[(s + 3) * HIDDEN + j + 1]!;
      const x0 = rows[s]! * INPUTS;
      const x1 = rows[s + 1]! * INPUTS;
      const x2 = rows[s + 2]! * INPUTS;
      const x3 = rows[s + 3]! * INPUTS;
      for (let i = 0; i < INPUTS; i++) {
        const q0 = x[x0 + i]!;
        const q1 = x[x1 + i]!;
        const q2 = x[x2 + i]!;
        const q3 = x[x3 + i]!;
        let a = g[w + i]!;
        let b = g[v + i]!;
        a += d0 * q0;
        b += e0 * q0;
        a += d1 * q1;
        b += e1 * q1;
        a += d2 * q2;
        b += e2 * q2;
        a += d3 * q3;
        b += e3 * q3;
        g[w + i] = a;
        g[v + i] = b;
      }
    }
  }
}
