// XOR from the seed: a hidden AND neuron subtracts 2 from the output when both inputs fire.
import { Network, Tracer, checkTable, formatTable, isMainModule } from '../src/index.js';

export const build = () =>
  new Network()
    .addInput('a').addInput('b')
    .addNeuron('and', { activation: 'step' })
    .addOutput('xor', { activation: 'step' })
    .connect('a', 'xor', 1).connect('b', 'xor', 1)
    .connect('a', 'and', 0.5).connect('b', 'and', 0.5).connect('and', 'xor', -2);

/** a, b → xor */
export const expected = [
  [0, 0, 0],
  [0, 1, 1],
  [1, 0, 1],
  [1, 1, 0],
];

export function main(): boolean {
  const net = build();
  const tracer = new Tracer(net);
  const result = checkTable(net, expected);
  console.log(`${tracer.toPretty()}\n\n${formatTable(net, result)}`);
  return result.ok;
}

if (isMainModule(import.meta.url)) process.exitCode = main() ? 0 : 1;
