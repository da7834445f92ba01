/**
 * Dense kernels
 * =============
 *
 * The affine maps of a dense layer: y = W·x + b for one sample, and Y = X·Wᵀ + b for a
 * batch, with W row-major `outputs × inputs` and X, Y row-major `count × inputs` /
 * `count × outputs`. Activations are applied by the caller (`activateRange`). With a
 * zero bias, `affineBatch` is the plain product X·Wᵀ that backward passes use.
 */

/** y[j] = Σ_i W[j, i] · x[i] + b[j] (summed in the same order as `affineBatch`, so both agree exactly). */
export function affine(
  weights: Float64Array,
  bias: Float64Array,
  inputs: number,
  outputs: number,
  x: Float64Array,
  y: Float64Array,
): void {
  for (let j = 0; j < outputs; j++) {
    y[j] = dot(weights, j * inputs, x, 0, inputs) + bias[j]!;
  }
}

/**
 * Y[s, j] = b[j] + Σ_i W[j, i] · X[s, i] for `count` samples.
 *
 * NOTE: register blocking — four samples × two outputs at a time, so each weight
 * loaded is used four times and each input twice, with eight independent sums in
 * flight. Leftover samples and outputs take the plain loop.
 */
export function affineBatch(
  weights: Float64Array,
  bias: Float64Array,
  inputs: number,
  outputs: number,
  x: Float64Array,
  count: number,
  y: Float64Array,
): void {
  let s = 0;
  for (; s + 4 <= count; s += 4) {
    const x0 = s * inputs;
    const x1 = x0 + inputs;
    const x2 = x1 + inputs;
    const x3 = x2 + inputs;
    let j = 0;
    for (; j + 2 <= outputs; j += 2) {
      const w0 = j * inputs;
      const w1 = w0 + inputs;
      let a0 = 0,
        a1 = 0,
        a2 = 0,
        a3 = 0;
      let b0 = 0,
        b1 = 0,
        b2 = 0,
        b3 = 0;
      for (let i = 0; i < inputs; i++) {
        const u = weights[w0 + i]!;
        const v = weights[w1 + i]!;
        const p = x[x0 + i]!;
        const q = x[x1 + i]!;
        const r = x[x2 + i]!;
        const t = x[x3 + i]!;
        a0 += u * p;
        a1 += u * q;
        a2 += u * r;
        a3 += u * t;
        b0 += v * p;
        b1 += v * q;
        b2 += v * r;
        b3 += v * t;
      }
      const c0 = bias[j]!;
      const c1 = bias[j + 1]!;
      y[s * outputs + j] = c0 + a0;
      y[(s + 1) * outputs + j] = c0 + a1;
      y[(s + 2) * outputs + j] = c0 + a2;
      y[(s + 3) * outputs + j] = c0 + a3;
      y[s * outputs + j + 1] = c1 + b0;
      y[(s + 1) * outputs + j + 1] = c1 + b1;
      y[(s + 2) * outputs + j + 1] = c1 + b2;
      y[(s + 3) * outputs + j + 1] = c1 + b3;
    }
    for (; j < outputs; j++) {
      for (let k = 0; k < 4; k++) {
        y[(s + k) * outputs + j] = dot(weights, j * inputs, x, (s + k) * inputs, inputs) + bias[j]!;
      }
    }
  }
  for (; s < count; s++) {
    for (let j = 0; j < outputs; j++) {
      y[s * outputs + j] = dot(weights, j * inputs, x, s * inputs, inputs) + bias[j]!;
    }
  }
}

function dot(a: Float64Array, aStart: number, b: Float64Array, bStart: number, length: number): number {
  let sum = 0;
  for (let i = 0; i < length; i++) sum += a[aStart + i]! * b[bStart + i]!;
  return sum;
}

/** `to` (columns × rows) = `from` (rows × columns) transposed. */
export function transpose(from: Float64Array, rows: number, columns: number, to: Float64Array): void {
  for (let r = 0; r < rows; r++) {
    const row = r * columns;
    for (let c = 0; c < columns; c++) to[c * rows + r] = from[row + c]!;
  }
}
