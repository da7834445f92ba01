// A small network learns to separate two interleaved moons, and draws its decision boundary and loss curve as an SVG.
import { mkdirSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Network, Trainer, datasets, type Point, type TrainerOptions } from '../src/index.js';
import { isMainModule } from './support.js';

/** Two interleaved moons, seeded (`datasets.moons`): label 0 for the upper moon, 1 for the lower. */
export const points = datasets.moons({ count: 200, noise: 0.2, seed: 42 });
/** The points as samples keyed by the network's ids: x0, x1 in, y0 out. */
export const samples = datasets.toSamples(points);
export const build = () => Network.layered([2, 8, 8, 1], { activation: 'tanh', outputActivation: 'sigmoid', seed: 1 });
export const trainerOptions: TrainerOptions = {
  optimizer: 'adam',
  learningRate: 0.02,
  loss: 'crossEntropy',
  batchSize: 10,
  epochs: 200,
  seed: 1,
};
/** The share of training points it must classify right. */
export const expectedAccuracy = 0.95;

export function accuracy(net: Network, data: readonly Point[]): number {
  const output = net.outputs[0]!;
  const right = data.filter(({ x, y, label }) => (net.run([x, y])[output]! > 0.5 ? 1 : 0) === label).length;
  return right / data.length;
}

// --- the picture ---------------------------------------------------------------------

const BLUE = [31, 119, 180];
const ORANGE = [255, 127, 14];
const mix = (p: number) => {
  // White at p = 0.5, the class colour towards 0 and 1.
  const [color, t] = p < 0.5 ? [BLUE, (0.5 - p) * 2] : [ORANGE, (p - 0.5) * 2];
  return `rgb(${color.map((c) => Math.round(255 + (c - 255) * 0.55 * t)).join(',')})`;
};

/** The decision boundary (one square per grid cell, coloured by the network's output), the points, and the loss by epoch. */
export function drawSvg(net: Network, data: readonly Point[], losses: readonly number[]): string {
  const size = 360;
  const [x0, x1, y0, y1] = [-1.5, 2.5, -1, 1.5];
  const sx = (x: number) => ((x - x0) / (x1 - x0)) * size;
  const sy = (y: number) => size - ((y - y0) / (y1 - y0)) * size;
  const cells = 60;
  const cell = size / cells;
  const parts: string[] = [];
  for (let i = 0; i < cells; i++) {
    for (let j = 0; j < cells; j++) {
      const x = x0 + ((i + 0.5) / cells) * (x1 - x0);
      const y = y1 - ((j + 0.5) / cells) * (y1 - y0);
      const p = Object.values(net.run([x, y]))[0]!;
      parts.push(
        `<rect x="${(i * cell).toFixed(1)}" y="${(j * cell).toFixed(1)}" width="${(cell + 0.2).toFixed(1)}" height="${(cell + 0.2).toFixed(1)}" fill="${mix(p)}"/>`,
      );
    }
  }
  for (const { x, y, label } of data) {
    const color = label === 1 ? ORANGE : BLUE;
    parts.push(
      `<circle cx="${sx(x).toFixed(1)}" cy="${sy(y).toFixed(1)}" r="3.5" fill="rgb(${color.join(',')})" stroke="white" stroke-width="1"/>`,
    );
  }
  // Loss curve, to the right.
  const [left, top, width, height] = [size + 60, 30, 300, size - 70];
  const most = Math.max(...losses);
  const points = losses.map(
    (loss, i) =>
      `${(left + (i / Math.max(1, losses.length - 1)) * width).toFixed(1)},${(top + height - (loss / most) * height).toFixed(1)}`,
  );
  parts.push(
    `<line x1="${left}" y1="${top + height}" x2="${left + width}" y2="${top + height}" stroke="#444"/>`,
    `<line x1="${left}" y1="${top}" x2="${left}" y2="${top + height}" stroke="#444"/>`,
    `<polyline points="${points.join(' ')}" fill="none" stroke="#d62728" stroke-width="2"/>`,
    `<text x="${left + width / 2}" y="${top + height + 30}" text-anchor="middle">epoch (1 – ${losses.length})</text>`,
    `<text x="${left - 8}" y="${top + 4}" text-anchor="end">${most.toFixed(2)}</text>`,
    `<text x="${left - 8}" y="${top + height}" text-anchor="end">0</text>`,
    `<text x="${left + width / 2}" y="${top - 10}" text-anchor="middle">cross-entropy loss</text>`,
  );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size + 400}" height="${size}" viewBox="0 0 ${size + 400} ${size}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    ...parts,
    '</svg>',
  ].join('\n');
}

export async function main(): Promise<boolean> {
  const net = build();
  const trainer = new Trainer(net, trainerOptions);
  const losses: number[] = [];
  trainer.on('epochCompleted', ({ epoch, loss }) => {
    losses.push(loss);
    if (epoch === 1 || epoch % 25 === 0)
      console.log(
        `epoch ${String(epoch).padStart(3)}  loss ${loss.toFixed(4)}  accuracy ${(accuracy(net, points) * 100).toFixed(1)}%`,
      );
  });
  const result = await trainer.train(samples);
  const share = accuracy(net, points);
  console.log(
    `stopped by ${result.stoppedBy} after ${result.epochs} epochs: loss ${result.loss.toFixed(4)}, accuracy ${(share * 100).toFixed(1)}% on ${samples.length} points`,
  );

  const file = fileURLToPath(new URL('../out/moons.svg', import.meta.url));
  mkdirSync(fileURLToPath(new URL('../out/', import.meta.url)), { recursive: true });
  writeFileSync(file, drawSvg(net, points, losses));
  console.log(`wrote ${relative(process.cwd(), file)}`);
  return share >= expectedAccuracy;
}

if (isMainModule(import.meta.url)) process.exitCode = (await main()) ? 0 : 1;

// Output:
// epoch   1  loss 0.4973  accuracy 88.5%
// epoch  25  loss 0.1269  accuracy 96.0%
// epoch  50  loss 0.0785  accuracy 96.5%
// epoch  75  loss 0.0733  accuracy 97.5%
// epoch 100  loss 0.0725  accuracy 97.0%
// epoch 125  loss 0.0707  accuracy 97.0%
// epoch 150  loss 0.1028  accuracy 98.0%
// epoch 175  loss 0.0657  accuracy 97.5%
// epoch 200  loss 0.0685  accuracy 97.5%
// stopped by epochs after 200 epochs: loss 0.0685, accuracy 97.5% on 200 points
// wrote out/moons.svg
