/**
 * Heat maps
 * =========
 *
 * What a network answers over the plane, as pixels: the output's decision boundary
 * (the network compiled once, `runBatch` over every cell of the grid at once) and each
 * neuron's own response (one silent `run` per cell of a coarser grid, reading every
 * neuron's `value`). Colours as TensorFlow's playground: orange for -1 (or class 0),
 * white for 0, blue for 1.
 */
import type { Network } from '../graph/network.js';
import { featureRow } from './features.js';
import { DOMAIN } from './model.js';

const NEGATIVE = [245, 147, 34] as const;
const MIDDLE = [232, 234, 235] as const;
const POSITIVE = [8, 119, 189] as const;

/** Writes the colour of `t` (clamped to -1 … 1) as RGBA at `offset`. */
export function colourOf(t: number, out: Uint8ClampedArray, offset: number): void {
  const c = Number.isFinite(t) ? Math.max(-1, Math.min(1, t)) : 0;
  const [from, to, f] = c < 0 ? [MIDDLE, NEGATIVE, -c] : [MIDDLE, POSITIVE, c];
  for (let k = 0; k < 3; k++) out[offset + k] = from[k]! + (to[k]! - from[k]!) * f;
  out[offset + 3] = 255;
}

/** The CSS colour of `t`, for the points. */
export function cssColour(t: number): string {
  const rgba = new Uint8ClampedArray(4);
  colourOf(t, rgba, 0);
  return `rgb(${rgba[0]}, ${rgba[1]}, ${rgba[2]})`;
}

/** The centre of grid cell `i` of `size` on an axis from -DOMAIN to DOMAIN. */
export function cellCentre(i: number, size: number): number {
  return -DOMAIN + ((i + 0.5) * 2 * DOMAIN) / size;
}

/**
 * The first output over a `size` × `size` grid, row 0 at the top (x₂ = DOMAIN), as colours: `scale`
 * maps an output to -1 … 1. One `runBatch` of the compiled network.
 */
export function outputImage(net: Network, size: number, scale: (output: number) => number): ImageData {
  const inputs = net.inputs;
  const rows = size * size;
  const batch = new Float64Array(rows * inputs.length);
  for (let row = 0; row < size; row++) {
    const x2 = -cellCentre(row, size);
    for (let column = 0; column < size; column++) {
      featureRow(inputs, cellCentre(column, size), x2, batch, (row * size + column) * inputs.length);
    }
  }
  const outputs = net.compile().runBatch(batch, rows);
  const width = outputs.length / rows;
  const image = new ImageData(size, size);
  for (let i = 0; i < rows; i++) colourOf(scale(outputs[i * width]!), image.data, i * 4);
  return image;
}

/**
 * Every neuron's output over a `size` × `size` grid: by neuron id, values row by row (row 0 at the top).
 * Silent runs (nobody listens), so the network builds no event payloads.
 */
export function neuronValues(net: Network, size: number): Map<string, Float64Array> {
  const ids = net.neurons;
  const values = new Map(ids.map((id) => [id, new Float64Array(size * size)]));
  const inputs = net.inputs;
  const row = new Float64Array(inputs.length);
  for (let r = 0; r < size; r++) {
    const x2 = -cellCentre(r, size);
    for (let c = 0; c < size; c++) {
      featureRow(inputs, cellCentre(c, size), x2, row);
      net.run(row);
      for (const id of ids) values.get(id)![r * size + c] = net.value(id) ?? 0;
    }
  }
  return values;
}

/** Draws `values` (a square grid) into `canvas`, divided by `scale` (or by their largest size when 0). */
export function paintValues(canvas: HTMLCanvasElement, values: Float64Array, scale: number): void {
  const size = Math.round(Math.sqrt(values.length));
  if (canvas.width !== size) canvas.width = canvas.height = size;
  const context = canvas.getContext('2d');
  if (context === null) return;
  let divide = scale;
  if (divide === 0) for (const v of values) divide = Math.max(divide, Math.abs(v));
  const image = context.createImageData(size, size);
  values.forEach((v, i) => colourOf(divide === 0 ? 0 : v / divide, image.data, i * 4));
  context.putImageData(image, 0, 0);
}
