// AND from the seed: two inputs with weight 0.5 into a step neuron that fires above 0.5.
import { Network, Tracer, checkTable, formatTable, isMainModule } from '../src/index.js';

export const build = () =>
  new Network()
    .addInput('a').addInput('b')
    .addOutput('and', { activation: 'step' })
    .connect('a', 'and', 0.5).connect('b', 'and', 0.5);

/** a, b → and */
export const expected = [
  [0, 0, 0],
  [0, 1, 0],
  [1, 0, 0],
  [1, 1, 1],
];

export function main(): boolean {
  const net = build();
  const tracer = new Tracer(net);
  const result = checkTable(net, expected);
  console.log(`${tracer.toPretty()}\n\n${formatTable(net, result)}`);
  return result.ok;
}

if (isMainModule(import.meta.url)) process.exitCode = main() ? 0 : 1;
