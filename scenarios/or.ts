// OR from the seed: the AND network with weights 1, so either input alone lifts the step neuron past 0.5.
import { Network, Tracer, checkTable, formatTable, isMainModule } from '../src/index.js';

export const build = () =>
  new Network()
    .addInput('a').addInput('b')
    .addOutput('or', { activation: 'step' })
    .connect('a', 'or', 1).connect('b', 'or', 1);

/** a, b → or */
export const expected = [
  [0, 0, 0],
  [0, 1, 1],
  [1, 0, 1],
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
