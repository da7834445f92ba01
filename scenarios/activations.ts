// Every built-in activation's response: one input feeds one output neuron per activation, swept from -3 to 3.
import { Network, Tracer, activationNames } from '../src/index.js';
import { isMainModule } from './support.js';

// Softmax acts on a group of outputs, not one neuron; scenarios/iris.ts shows it.
const names = activationNames.filter((name) => name !== 'softmax');

export const build = () => {
  const net = new Network().addInput('x');
  for (const name of names) net.addOutput(name, { activation: name }).connect('x', name, 1);
  return net;
};

/** Hand-worked values: x, then identity, step, sigmoid, tanh, relu, leakyRelu. */
export const expected = [
  [-2, -2, 0, 0.119203, -0.964028, 0, -0.02],
  [0, 0, 0, 0.5, 0, 0, 0],
  [0.5, 0.5, 0, 0.622459, 0.462117, 0.5, 0.5],
  [1, 1, 1, 0.731059, 0.761594, 1, 1],
];

const SPARKS = '▁▂▃▄▅▆▇█';

export function main(): boolean {
  const net = build();
  const tracer = new Tracer(net);
  net.run([0.5]);
  tracer.detach();
  console.log(tracer.toPretty());

  const xs = Array.from({ length: 25 }, (_, i) => -3 + i * 0.25);
  const curves = new Map<string, number[]>(names.map((name) => [name, []]));
  for (const x of xs) for (const [name, y] of Object.entries(net.run([x]))) curves.get(name)!.push(y);

  console.log(`\nx from ${xs[0]} to ${xs.at(-1)}\n`);
  for (const [name, ys] of curves) {
    const low = Math.min(...ys);
    const high = Math.max(...ys);
    const spark = ys.map((y) => SPARKS[Math.round(((y - low) / (high - low || 1)) * (SPARKS.length - 1))]).join('');
    console.log(`${name.padEnd(10)} ${spark}  ${low.toFixed(2)} … ${high.toFixed(2)}`);
  }

  console.log(`\n${['x', ...names].map((h) => h.padStart(10)).join('')}`);
  let ok = true;
  for (const row of expected) {
    const outputs = Object.values(net.run([row[0]!]));
    const rowOk = outputs.every((y, i) => Math.abs(y - row[i + 1]!) < 1e-6);
    ok &&= rowOk;
    console.log(
      `${[row[0]!, ...outputs].map((v) => v.toFixed(4).padStart(10)).join('')}${rowOk ? '' : `   ✗ expected ${row.slice(1).join(', ')}`}`,
    );
  }
  return ok;
}

if (isMainModule(import.meta.url)) process.exitCode = main() ? 0 : 1;
