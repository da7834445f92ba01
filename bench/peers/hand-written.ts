/**
 * The speed of light: each workload as a bare Float64Array loop, no library — written
 * the fast way (sums, then activations; the DAG level by level) — and, for comparison,
 * the plain way one writes it first.
 */
import type { DagModel, DenseModel, Peer, Sample } from './workloads.js';
import { FLOAT64, rowByRow } from './workloads.js';

function denseForward(model: DenseModel) {
  const { sizes, layers } = model;
  const values = sizes.map((size) => new Float64Array(size));
  const weights = layers.map((layer) => layer.weights);
  const biases = layers.map((layer) => layer.bias);
  return (input: Float64Array, offset: number): Float64Array => {
    const first = values[0]!;
    for (let i = 0; i < first.length; i++) first[i] = input[offset + i]!;
    for (let k = 0; k < weights.length; k++) {
      const x = values[k]!;
      const y = values[k + 1]!;
      const w = weights[k]!;
      const b = biases[k]!;
      const from = x.length;
      // NOTE: all sums first, then the sigmoids: Math.exp is a call, and keeping it out of
      // the multiply-add loop lets both loops run tight.
      for (let j = 0; j < y.length; j++) {
        let sum = b[j]!;
        for (let i = 0, row = j * from; i < from; i++) sum += w[row + i]! * x[i]!;
        y[j] = sum;
      }
      for (let j = 0; j < y.length; j++) y[j] = 1 / (1 + Math.exp(-y[j]!));
    }
    return values[values.length - 1]!;
  };
}

/** The same loop with the sigmoid inline, as one writes it first (shown for comparison, not the reference). */
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

/** Online SGD on mean squared error, gradient and update fused, layer by layer. */
function sgd(model: DenseModel, samples: readonly Sample[], learningRate: number) {
  const { sizes } = model;
  const layers = sizes.length - 1;
  const weights = model.layers.map((layer) => layer.weights.slice());
  const biases = model.layers.map((layer) => layer.bias.slice());
  const current = { sizes, layers: weights.map((w, k) => ({ weights: w, bias: biases[k]! })) };
  const values = sizes.map((size) => new Float64Array(size));
  const deltas = sizes.map((size) => new Float64Array(size));
  const inputs = samples.map((sample) => Float64Array.from(sample.input));
  const targets = samples.map((sample) => Float64Array.from(sample.output));
  const outputs = sizes[layers]!;
  return {
    current,
    train(epochs: number) {
      for (let epoch = 0; epoch < epochs; epoch++) {
        for (let s = 0; s < inputs.length; s++) {
          const x0 = values[0]!;
          x0.set(inputs[s]!);
          // forward, keeping every layer's outputs
          for (let k = 0; k < layers; k++) {
            const x = values[k]!;
            const y = values[k + 1]!;
            const w = weights[k]!;
            const b = biases[k]!;
            const from = x.length;
            for (let j = 0; j < y.length; j++) {
              let sum = b[j]!;
              for (let i = 0; i < from; i++) sum += w[j * from + i]! * x[i]!;
              y[j] = 1 / (1 + Math.exp(-sum));
            }
          }
          // d mean((y − t)²) / dy
          const y = values[layers]!;
          const t = targets[s]!;
          const top = deltas[layers]!;
          for (let j = 0; j < outputs; j++) top[j] = (2 / outputs) * (y[j]! - t[j]!);
          // backward, each weight updated right after its old value was used
          for (let k = layers - 1; k >= 0; k--) {
            const x = values[k]!;
            const out = values[k + 1]!;
            const delta = deltas[k + 1]!;
            const below = deltas[k]!;
            below.fill(0);
            const w = weights[k]!;
            const b = biases[k]!;
            const from = x.length;
            for (let j = 0; j < out.length; j++) {
              const local = delta[j]! * out[j]! * (1 - out[j]!);
              b[j] = b[j]! - learningRate * local;
              for (let i = 0; i < from; i++) {
                const index = j * from + i;
                below[i] = below[i]! + local * w[index]!;
                w[index] = w[index]! - learningRate * local * x[i]!;
              }
            }
          }
        }
      }
    },
  };
}

export const handWritten: Peer = {
  name: 'hand-written Float64Array loop',
  tolerance: FLOAT64,
  dense(model) {
    return rowByRow(model, denseForward(model));
  },
  train(model, samples, learningRate) {
    const runner = sgd(model, samples, learningRate);
    const inputs = samples.map((sample) => Float64Array.from(sample.input));
    const forward = denseForward(runner.current);
    return {
      train: (epochs) => runner.train(epochs),
      loss() {
        let total = 0;
        let count = 0;
        samples.forEach((sample, s) => {
          const y = forward(inputs[s]!, 0);
          for (let j = 0; j < y.length; j++, count++) total += (y[j]! - sample.output[j]!) ** 2;
        });
        return total / count;
      },
    };
  },
  dag(model) {
    const forward = levelledDag(model);
    return { forward };
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
