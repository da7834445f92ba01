/**
 * The speed of light: each workload as the tightest plain JavaScript we could write for it,
 * no library (issue 13: the baselines must be the fastest honest versions, or the ratios mean
 * nothing), and, for comparison, the plain way one writes it first.
 *
 * What we tried (medians of interleaved repetitions, each case with its own timing loop, on
 * the 2-core machine under load; the ranking held in every run, the sizes of the gaps moved):
 *
 * - W1 (XOR 2-2-1), per pass: the nine weights and biases as scalars in the closure, the
 *   sigmoid inline, no array but the output — 54 ns on a calm run, 60–125 ns under load; the
 *   same reading a flat Float64Array on every call (so it could be patched) 3–6% slower; rows as Float64Array views 5–10% slower; all sums
 *   first, then the three exps, no better. The loop this file had before (per-layer value
 *   arrays, a generic double loop, sums then sigmoids): ~2.5× the unrolled one.
 * - W2 (64-128-128-10), per sample: each weight row a Float64Array view, two output units at a
 *   time with four independent accumulators each (every input load used twice, no add waits for
 *   the previous one), the sigmoid inline: ~30–60 µs; sums first and then a sigmoid pass, equal
 *   within noise; four units × two accumulators, equal within noise; one unit × four
 *   accumulators 1.4–1.5× slower; the same 2 × 4 with offsets into the flat matrix instead of
 *   row views 1.2–1.3× slower; reading the sample in place (x[offset + i]) instead of copying it
 *   into the first layer's array 10–15% slower; the loop this file had before (one accumulator):
 *   2–2.5× slower. (neurograph's `compile()` beats all of these on W2: it runs the products in
 *   WebAssembly SIMD, which plain JavaScript cannot.)
 * - W2 batch of 1024: four samples × two rows at a time (each weight load serves four samples,
 *   eight independent sums), 1.25–1.35× faster than the one-sample loop run row by row.
 * - W3 (online SGD, 2-3-1), per sample: all thirteen weights in local variables for the whole
 *   call (read from the arrays once, written back once), forward, gradient and update unrolled
 *   and fused, the sigmoid inline — about half the time of the generic loop below.
 * - W4 (random DAG, 100,000 connections), per pass: level by level, a level's sums first, then
 *   its sigmoids (~0.5–0.8 ms); the sigmoid inline after each sum 1.3–1.7× slower (the exp call
 *   breaks up the gather loop); two accumulators per sum, and sources sorted within each neuron,
 *   no better than one accumulator with the sigmoid inline.
 *
 * `tightDenseForward` and `tightSgd` are the same technique written for any layered sizes (no
 * unrolling for one shape); bench/peers.ts's "sizes" workload measures neurograph against them
 * on random sizes.
 */
import type { DagModel, DenseModel, Peer, Sample } from './workloads.js';
import { FLOAT64, rowByRow } from './workloads.js';

// --- dense forward ----------------------------------------------------------------------

/** Each layer's weight rows as Float64Array views of one copy of its matrix. */
function weightRows(model: DenseModel): Float64Array[][] {
  return model.layers.map(({ weights }, k) => {
    const from = model.sizes[k]!;
    const copy = weights.slice();
    return Array.from({ length: model.sizes[k + 1]! }, (_, j) => copy.subarray(j * from, (j + 1) * from));
  });
}

/**
 * One sigmoid layer, y = σ(b + W·x): two rows at a time with four
 * accumulators each, then the odd row alone.
 */
function sigmoidLayer(x: Float64Array, from: number, rows: Float64Array[], b: Float64Array, y: Float64Array) {
  const to = y.length;
  const end4 = from & ~3;
  let j = 0;
  // NOTE: two rows × four accumulators: each x load feeds two multiply-adds, and the eight
  // sums are independent, so the adds do not wait on each other.
  for (; j + 1 < to; j += 2) {
    const r = rows[j]!;
    const q = rows[j + 1]!;
    let a0 = 0;
    let a1 = 0;
    let a2 = 0;
    let a3 = 0;
    let c0 = 0;
    let c1 = 0;
    let c2 = 0;
    let c3 = 0;
    let i = 0;
    for (; i < end4; i += 4) {
      const x0 = x[i]!;
      const x1 = x[i + 1]!;
      const x2 = x[i + 2]!;
      const x3 = x[i + 3]!;
      a0 += r[i]! * x0;
      a1 += r[i + 1]! * x1;
      a2 += r[i + 2]! * x2;
      a3 += r[i + 3]! * x3;
      c0 += q[i]! * x0;
      c1 += q[i + 1]! * x1;
      c2 += q[i + 2]! * x2;
      c3 += q[i + 3]! * x3;
    }
    for (; i < from; i++) {
      const xi = x[i]!;
      a0 += r[i]! * xi;
      c0 += q[i]! * xi;
    }
    y[j] = 1 / (1 + Math.exp(-(b[j]! + (a0 + a1 + (a2 + a3)))));
    y[j + 1] = 1 / (1 + Math.exp(-(b[j + 1]! + (c0 + c1 + (c2 + c3)))));
  }
  if (j < to) {
    const r = rows[j]!;
    let a0 = 0;
    let a1 = 0;
    let a2 = 0;
    let a3 = 0;
    let i = 0;
    for (; i < end4; i += 4) {
      a0 += r[i]! * x[i]!;
      a1 += r[i + 1]! * x[i + 1]!;
      a2 += r[i + 2]! * x[i + 2]!;
      a3 += r[i + 3]! * x[i + 3]!;
    }
    for (; i < from; i++) a0 += r[i]! * x[i]!;
    y[j] = 1 / (1 + Math.exp(-(b[j]! + (a0 + a1 + (a2 + a3)))));
  }
}

/** The tight forward pass for any layered sigmoid network; reads the sample at `input[offset …]`. */
export function tightDenseForward(model: DenseModel): (input: Float64Array, offset: number) => Float64Array {
  const { sizes } = model;
  const rows = weightRows(model);
  const biases = model.layers.map((layer) => layer.bias.slice());
  const values = sizes.map((size) => new Float64Array(size));
  const layers = rows.length;
  const first = values[0]!;
  const width = sizes[0]!;
  return (input, offset) => {
    // NOTE: the sample is copied in first: reading it in place as x[offset + i] cost 10–15%.
    for (let i = 0; i < width; i++) first[i] = input[offset + i]!;
    for (let k = 0; k < layers; k++) sigmoidLayer(values[k]!, sizes[k]!, rows[k]!, biases[k]!, values[k + 1]!);
    return values[layers]!;
  };
}

/**
 * A batch through one sigmoid layer, Y = σ(X·Wᵀ + b), X and Y row-major: four samples × two rows
 * at a time, so each weight loaded serves four samples and each input two rows, with eight
 * independent sums; the leftover samples and row one at a time.
 */
function sigmoidLayerBatch(
  x: Float64Array,
  count: number,
  from: number,
  rows: Float64Array[],
  b: Float64Array,
  to: number,
  y: Float64Array,
) {
  let s = 0;
  for (; s + 4 <= count; s += 4) {
    const o0 = s * from;
    const o1 = o0 + from;
    const o2 = o1 + from;
    const o3 = o2 + from;
    const p = s * to;
    let j = 0;
    for (; j + 2 <= to; j += 2) {
      const r = rows[j]!;
      const q = rows[j + 1]!;
      let a0 = 0;
      let a1 = 0;
      let a2 = 0;
      let a3 = 0;
      let c0 = 0;
      let c1 = 0;
      let c2 = 0;
      let c3 = 0;
      for (let i = 0; i < from; i++) {
        const u = r[i]!;
        const v = q[i]!;
        const x0 = x[o0 + i]!;
        const x1 = x[o1 + i]!;
        const x2 = x[o2 + i]!;
        const x3 = x[o3 + i]!;
        a0 += u * x0;
        a1 += u * x1;
        a2 += u * x2;
        a3 += u * x3;
        c0 += v * x0;
        c1 += v * x1;
        c2 += v * x2;
        c3 += v * x3;
      }
      const bj = b[j]!;
      const bk = b[j + 1]!;
      y[p + j] = 1 / (1 + Math.exp(-(bj + a0)));
      y[p + to + j] = 1 / (1 + Math.exp(-(bj + a1)));
      y[p + 2 * to + j] = 1 / (1 + Math.exp(-(bj + a2)));
      y[p + 3 * to + j] = 1 / (1 + Math.exp(-(bj + a3)));
      y[p + j + 1] = 1 / (1 + Math.exp(-(bk + c0)));
      y[p + to + j + 1] = 1 / (1 + Math.exp(-(bk + c1)));
      y[p + 2 * to + j + 1] = 1 / (1 + Math.exp(-(bk + c2)));
      y[p + 3 * to + j + 1] = 1 / (1 + Math.exp(-(bk + c3)));
    }
    for (; j < to; j++) {
      const r = rows[j]!;
      let a0 = 0;
      let a1 = 0;
      let a2 = 0;
      let a3 = 0;
      for (let i = 0; i < from; i++) {
        const u = r[i]!;
        a0 += u * x[o0 + i]!;
        a1 += u * x[o1 + i]!;
        a2 += u * x[o2 + i]!;
        a3 += u * x[o3 + i]!;
      }
      const bj = b[j]!;
      y[p + j] = 1 / (1 + Math.exp(-(bj + a0)));
      y[p + to + j] = 1 / (1 + Math.exp(-(bj + a1)));
      y[p + 2 * to + j] = 1 / (1 + Math.exp(-(bj + a2)));
      y[p + 3 * to + j] = 1 / (1 + Math.exp(-(bj + a3)));
    }
  }
  for (; s < count; s++) {
    for (let j = 0; j < to; j++) {
      const r = rows[j]!;
      let a = 0;
      for (let i = 0; i < from; i++) a += r[i]! * x[s * from + i]!;
      y[s * to + j] = 1 / (1 + Math.exp(-(b[j]! + a)));
    }
  }
}

/** The tight batch pass for any layered sigmoid network: `count` row-major samples in, row-major outputs out. */
export function tightDenseBatch(model: DenseModel): (inputs: Float64Array, count: number) => Float64Array {
  const { sizes } = model;
  const rows = weightRows(model);
  const biases = model.layers.map((layer) => layer.bias.slice());
  const layers = rows.length;
  let buffers: Float64Array[] = [];
  let capacity = 0;
  return (inputs, count) => {
    if (count !== capacity) {
      buffers = sizes.slice(1).map((size) => new Float64Array(size * count));
      capacity = count;
    }
    let x = inputs;
    for (let k = 0; k < layers; k++) {
      sigmoidLayerBatch(x, count, sizes[k]!, rows[k]!, biases[k]!, sizes[k + 1]!, buffers[k]!);
      x = buffers[k]!;
    }
    return x;
  };
}

/** W1's 2-2-1 network unrolled: the weights as scalars, the sigmoid inline. */
function xorForward(model: DenseModel): (input: Float64Array, offset: number) => Float64Array {
  const [hidden, output] = model.layers as [DenseModel['layers'][0], DenseModel['layers'][0]];
  const [w00, w01, w10, w11] = hidden.weights as unknown as [number, number, number, number];
  const [b0, b1] = hidden.bias as unknown as [number, number];
  const [v0, v1] = output.weights as unknown as [number, number];
  const c = output.bias[0]!;
  const out = new Float64Array(1);
  return (input, offset) => {
    const x0 = input[offset]!;
    const x1 = input[offset + 1]!;
    const h0 = 1 / (1 + Math.exp(-(b0 + w00 * x0 + w01 * x1)));
    const h1 = 1 / (1 + Math.exp(-(b1 + w10 * x0 + w11 * x1)));
    out[0] = 1 / (1 + Math.exp(-(c + v0 * h0 + v1 * h1)));
    return out;
  };
}

const is = (sizes: readonly number[], shape: readonly number[]) =>
  sizes.length === shape.length && sizes.every((size, k) => size === shape[k]);

/** The loop as one writes it first: index arithmetic into the flat matrix, one accumulator (shown for comparison). */
function plainDenseForward(model: DenseModel) {
  const { sizes, layers } = model;
  const values = sizes.map((size) => new Float64Array(size));
  return (input: Float64Array, offset: number): Float64Array => {
    values[0]!.set(input.subarray(offset, offset + sizes[0]!));
    for (let k = 0; k < layers.length; k++) {
      const x = values[k]!;
      const y = values[k + 1]!;
      const { weights: w, bias: b } = layers[k]!;
      for (let j = 0; j < y.length; j++) {
        let sum = b[j]!;
        for (let i = 0; i < x.length; i++) sum += w[j * x.length + i]! * x[i]!;
        y[j] = 1 / (1 + Math.exp(-sum));
      }
    }
    return values[values.length - 1]!;
  };
}

// --- online SGD ------------------------------------------------------------------------------

/** An online SGD trainer on mean((y − t)²): `train` steps once per sample, in order; `model` is the current weights. */
export interface TightSgd {
  train(epochs: number): void;
  model(): DenseModel;
}

/**
 * Online SGD for any layered sigmoid network: the forward pass above, then each layer's delta
 * (σ′ folded in) and update, each weight updated right after its old value fed the delta below.
 */
export function tightSgd(model: DenseModel, samples: readonly Sample[], learningRate: number): TightSgd {
  const { sizes } = model;
  const layers = sizes.length - 1;
  const width = sizes[0]!;
  const outputs = sizes[layers]!;
  const rows = weightRows(model);
  const biases = model.layers.map((layer) => layer.bias.slice());
  const values = sizes.map((size) => new Float64Array(size));
  const deltas = sizes.map((size) => new Float64Array(size));
  const inputs = Float64Array.from(samples.flatMap((sample) => sample.input));
  const targets = Float64Array.from(samples.flatMap((sample) => sample.output));
  const count = samples.length;
  const scale = 2 / outputs;
  return {
    train(epochs) {
      for (let epoch = 0; epoch < epochs; epoch++) {
        for (let s = 0; s < count; s++) {
          const xo = s * width;
          const x0 = values[0]!;
          for (let i = 0; i < width; i++) x0[i] = inputs[xo + i]!;
          for (let k = 0; k < layers; k++) sigmoidLayer(values[k]!, sizes[k]!, rows[k]!, biases[k]!, values[k + 1]!);
          const y = values[layers]!;
          const top = deltas[layers]!;
          const to = s * outputs;
          for (let j = 0; j < outputs; j++) {
            const yj = y[j]!;
            top[j] = scale * (yj - targets[to + j]!) * yj * (1 - yj);
          }
          for (let k = layers - 1; k >= 1; k--) {
            const x = values[k]!;
            const delta = deltas[k + 1]!;
            const below = deltas[k]!;
            const layerRows = rows[k]!;
            const b = biases[k]!;
            const from = sizes[k]!;
            below.fill(0);
            for (let j = 0; j < delta.length; j++) {
              const local = delta[j]!;
              const step = learningRate * local;
              const r = layerRows[j]!;
              b[j] = b[j]! - step;
              for (let i = 0; i < from; i++) {
                const w = r[i]!;
                below[i] = below[i]! + local * w;
                r[i] = w - step * x[i]!;
              }
            }
            for (let i = 0; i < from; i++) {
              const xi = x[i]!;
              below[i] = below[i]! * xi * (1 - xi);
            }
          }
          const first = deltas[1]!;
          const firstRows = rows[0]!;
          const b = biases[0]!;
          for (let j = 0; j < first.length; j++) {
            const step = learningRate * first[j]!;
            const r = firstRows[j]!;
            b[j] = b[j]! - step;
            for (let i = 0; i < width; i++) r[i] = r[i]! - step * x0[i]!;
          }
        }
      }
    },
    model: () => ({
      sizes,
      layers: rows.map((layerRows, k) => {
        const weights = new Float64Array(layerRows.length * sizes[k]!);
        layerRows.forEach((r, j) => weights.set(r, j * sizes[k]!));
        return { weights, bias: biases[k]!.slice() };
      }),
    }),
  };
}

/**
 * W3's 2-3-1 network unrolled: the thirteen weights in local variables for the whole call,
 * forward, gradient and update fused per sample, the sigmoid inline.
 */
function xorSgd(model: DenseModel, samples: readonly Sample[], learningRate: number): TightSgd {
  // [w00, w01, w10, w11, w20, w21, b0, b1, b2, v0, v1, v2, c]
  const p = Float64Array.from([
    ...model.layers[0]!.weights,
    ...model.layers[0]!.bias,
    ...model.layers[1]!.weights,
    ...model.layers[1]!.bias,
  ]);
  const inputs = Float64Array.from(samples.flatMap((sample) => sample.input));
  const targets = Float64Array.from(samples.flatMap((sample) => sample.output));
  const count = samples.length;
  const lr = learningRate;
  return {
    train(epochs) {
      let w00 = p[0]!;
      let w01 = p[1]!;
      let w10 = p[2]!;
      let w11 = p[3]!;
      let w20 = p[4]!;
      let w21 = p[5]!;
      let b0 = p[6]!;
      let b1 = p[7]!;
      let b2 = p[8]!;
      let v0 = p[9]!;
      let v1 = p[10]!;
      let v2 = p[11]!;
      let c = p[12]!;
      for (let epoch = 0; epoch < epochs; epoch++) {
        for (let s = 0; s < count; s++) {
          const x0 = inputs[2 * s]!;
          const x1 = inputs[2 * s + 1]!;
          const h0 = 1 / (1 + Math.exp(-(b0 + w00 * x0 + w01 * x1)));
          const h1 = 1 / (1 + Math.exp(-(b1 + w10 * x0 + w11 * x1)));
          const h2 = 1 / (1 + Math.exp(-(b2 + w20 * x0 + w21 * x1)));
          const y = 1 / (1 + Math.exp(-(c + v0 * h0 + v1 * h1 + v2 * h2)));
          const dy = 2 * (y - targets[s]!) * y * (1 - y);
          const d0 = dy * v0 * h0 * (1 - h0);
          const d1 = dy * v1 * h1 * (1 - h1);
          const d2 = dy * v2 * h2 * (1 - h2);
          const g = lr * dy;
          c -= g;
          v0 -= g * h0;
          v1 -= g * h1;
          v2 -= g * h2;
          const g0 = lr * d0;
          const g1 = lr * d1;
          const g2 = lr * d2;
          b0 -= g0;
          w00 -= g0 * x0;
          w01 -= g0 * x1;
          b1 -= g1;
          w10 -= g1 * x0;
          w11 -= g1 * x1;
          b2 -= g2;
          w20 -= g2 * x0;
          w21 -= g2 * x1;
        }
      }
      p.set([w00, w01, w10, w11, w20, w21, b0, b1, b2, v0, v1, v2, c]);
    },
    model: () => ({
      sizes: model.sizes,
      layers: [
        { weights: p.slice(0, 6), bias: p.slice(6, 9) },
        { weights: p.slice(9, 12), bias: p.slice(12, 13) },
      ],
    }),
  };
}

/** The baseline's trainer: unrolled for 2-3-1 (W3), generic otherwise. */
export function tightSgdFor(model: DenseModel, samples: readonly Sample[], learningRate: number): TightSgd {
  return is(model.sizes, [2, 3, 1]) ? xorSgd(model, samples, learningRate) : tightSgd(model, samples, learningRate);
}

// --- the peers ---------------------------------------------------------------------------------

function trainRunner(runner: TightSgd, samples: readonly Sample[]) {
  const inputs = samples.map((sample) => Float64Array.from(sample.input));
  return {
    train: (epochs: number) => runner.train(epochs),
    loss() {
      const forward = tightDenseForward(runner.model());
      let total = 0;
      let count = 0;
      samples.forEach((sample, s) => {
        const y = forward(inputs[s]!, 0);
        for (let j = 0; j < y.length; j++, count++) total += (y[j]! - sample.output[j]!) ** 2;
      });
      return total / count;
    },
  };
}

/** The baseline of every ratio: unrolled for W1 (2-2-1) and W3 (2-3-1), the tight generic loops otherwise. */
export const handWritten: Peer = {
  name: 'hand-written Float64Array loop',
  tolerance: FLOAT64,
  dense(model) {
    const forward = rowByRow(model, is(model.sizes, [2, 2, 1]) ? xorForward(model) : tightDenseForward(model)).forward;
    return { forward, batch: tightDenseBatch(model) };
  },
  train(model, samples, learningRate) {
    return trainRunner(tightSgdFor(model, samples, learningRate), samples);
  },
  dag(model) {
    return { forward: levelledDag(model) };
  },
};

/** The same technique not unrolled for any shape (what bench/sizes.ts compares with on other sizes). */
export const handWrittenGeneric: Peer = {
  name: 'hand-written, generic (row views, 2 × 4 accumulators)',
  tolerance: FLOAT64,
  dense(model) {
    return rowByRow(model, tightDenseForward(model));
  },
  train(model, samples, learningRate) {
    return trainRunner(tightSgd(model, samples, learningRate), samples);
  },
};

export const handWrittenPlain: Peer = {
  name: 'hand-written, plain (index order, exp inline)',
  tolerance: FLOAT64,
  dense(model) {
    return rowByRow(model, plainDenseForward(model));
  },
  dag(model) {
    const { neurons, inputs, outputs, starts, sources, weights } = model;
    const values = new Float64Array(neurons);
    const out = new Float64Array(outputs);
    return {
      forward(input) {
        for (let i = 0; i < inputs; i++) values[i] = input[i]!;
        for (let n = inputs; n < neurons; n++) {
          let sum = 0;
          for (let s = starts[n]!; s < starts[n + 1]!; s++) sum += weights[s]! * values[sources[s]!]!;
          values[n] = 1 / (1 + Math.exp(-sum));
        }
        out.set(values.subarray(neurons - outputs));
        return out;
      },
    };
  },
};

/**
 * The DAG re-laid level by level (level = longest path from an input), CSR in that
 * order: within a level no neuron reads another, so all of a level's sums run back to
 * back, then its sigmoids.
 */
function levelledDag(model: DagModel): (input: Float64Array) => Float64Array {
  const { neurons, inputs, outputs, starts, sources, weights } = model;
  const level = new Int32Array(neurons);
  for (let n = inputs; n < neurons; n++) {
    let deepest = 0;
    for (let s = starts[n]!; s < starts[n + 1]!; s++) deepest = Math.max(deepest, level[sources[s]!]! + 1);
    level[n] = deepest;
  }
  const order = Array.from({ length: neurons }, (_, n) => n).sort((a, b) => level[a]! - level[b]! || a - b);
  const position = new Int32Array(neurons);
  order.forEach((n, p) => (position[n] = p));
  const levelStarts: number[] = [];
  const csrStarts = new Int32Array(neurons + 1);
  const csrSources = new Int32Array(sources.length);
  const csrWeights = new Float64Array(weights.length);
  let slot = 0;
  order.forEach((n, p) => {
    if (p === 0 || level[n] !== level[order[p - 1]!]) levelStarts.push(p);
    csrStarts[p] = slot;
    for (let s = starts[n]!; s < starts[n + 1]!; s++, slot++) {
      csrSources[slot] = position[sources[s]!]!;
      csrWeights[slot] = weights[s]!;
    }
  });
  csrStarts[neurons] = slot;
  levelStarts.push(neurons);
  const outputPositions = Int32Array.from({ length: outputs }, (_, k) => position[neurons - outputs + k]!);
  const values = new Float64Array(neurons);
  const out = new Float64Array(outputs);
  return (input) => {
    for (let i = 0; i < inputs; i++) values[position[i]!] = input[i]!;
    for (let l = 1; l + 1 < levelStarts.length; l++) {
      const start = levelStarts[l]!;
      const end = levelStarts[l + 1]!;
      for (let p = start; p < end; p++) {
        let sum = 0;
        for (let s = csrStarts[p]!, last = csrStarts[p + 1]!; s < last; s++)
          sum += csrWeights[s]! * values[csrSources[s]!]!;
        values[p] = sum;
      }
      for (let p = start; p < end; p++) values[p] = 1 / (1 + Math.exp(-values[p]!));
    }
    for (let k = 0; k < outputs; k++) out[k] = values[outputPositions[k]!]!;
    return out;
  };
}
