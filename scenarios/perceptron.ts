// The perceptron rule finds the seed's AND and OR weights from random ones, and cannot find XOR's: the reason for hidden layers.
import { Network, checkTable, formatTable, trainPerceptron } from '../src/index.js';
import { isMainModule } from './support.js';

/** Two inputs, a bias, one step output: the seed's AND / OR network, with random weights to start from. */
export const build = (seed = 1) =>
  new Network()
    .addInput('a')
    .addInput('b')
    .addOutput('out', { activation: 'step' })
    .connect('a', 'out', 0)
    .connect('b', 'out', 0)
    .addBias()
    .randomizeWeights({ seed, scheme: 'uniform' });

const rows = [
  [0, 0],
  [0, 1],
  [1, 0],
  [1, 1],
] as const;
export const tables = {
  AND: rows.map(([a, b]) => [a, b, a & b]),
  OR: rows.map(([a, b]) => [a, b, a | b]),
  XOR: rows.map(([a, b]) => [a, b, a ^ b]),
};
/** Which tables one layer of step neurons can learn. */
export const learnable = { AND: true, OR: true, XOR: false };

export function main(): boolean {
  let ok = true;
  for (const [name, table] of Object.entries(tables) as [keyof typeof tables, number[][]][]) {
    const net = build();
    const start = `a ${net.weight('a', 'out').toFixed(2)}, b ${net.weight('b', 'out').toFixed(2)}, bias ${net.weight('bias', 'out').toFixed(2)}`;
    const samples = table.map(([a, b, out]) => ({ input: [a!, b!], output: [out!] }));
    const result = trainPerceptron(net, samples, { learningRate: 0.1, epochs: 100 });
    const weights = `a ${net.weight('a', 'out').toFixed(2)}, b ${net.weight('b', 'out').toFixed(2)}, bias ${net.weight('bias', 'out').toFixed(2)}`;
    console.log(
      `━━ ${name}: ${result.converged ? `learned in ${result.epochs} epochs` : `not learned after ${result.epochs} epochs (${result.errors} of 4 rows wrong during its last epoch)`}`,
    );
    console.log(`weights ${start}  →  ${weights}`);
    console.log(`${formatTable(net, checkTable(net, table))}\n`);
    if (result.converged !== learnable[name]) ok = false;
  }
  console.log(
    "No straight line separates XOR's 1s from its 0s, so no single step neuron computes it: it needs a hidden neuron (scenarios/xor.ts).",
  );
  return ok;
}

if (isMainModule(import.meta.url)) process.exitCode = main() ? 0 : 1;

// Output:
// ━━ AND: learned in 14 epochs
// weights a 0.25, b -0.99, bias 0.05  →  a 0.25, b 0.21, bias 0.05
// a  b  out
// 0  0    0
// 0  1    0
// 1  0    0
// 1  1    1
//
// ━━ OR: learned in 11 epochs
// weights a 0.25, b -0.99, bias 0.05  →  a 0.55, b 0.11, bias 0.45
// a  b  out
// 0  0    0
// 0  1    1
// 1  0    1
// 1  1    1
//
// ━━ XOR: not learned after 100 epochs (4 of 4 rows wrong during its last epoch)
// weights a 0.25, b -0.99, bias 0.05  →  a -0.15, b -0.09, bias 0.55
// a  b  out
// 0  0    1   ✗ expected 0
// 0  1    0   ✗ expected 1
// 1  0    0   ✗ expected 1
// 1  1    0
//
// No straight line separates XOR's 1s from its 0s, so no single step neuron computes it: it needs a hidden neuron (scenarios/xor.ts).
