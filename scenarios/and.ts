// AND from the seed: two inputs with weight 0.5 into a step neuron that fires above 0.5.
import { Network } from '../src/index.js';
import { isMainModule, showTruthTable } from './support.js';

export const build = () =>
  new Network()
    .addInput('a')
    .addInput('b')
    .addOutput('and', { activation: 'step' })
    .connect('a', 'and', 0.5)
    .connect('b', 'and', 0.5);

/** a, b → and */
export const expected = [
  [0, 0, 0],
  [0, 1, 0],
  [1, 0, 0],
  [1, 1, 1],
];

export const main = (): boolean => showTruthTable(build(), expected);

if (isMainModule(import.meta.url)) process.exitCode = main() ? 0 : 1;
