// OR from the seed: the AND network with weights 1, so either input alone lifts the step neuron past 0.5.
import { Network } from '../src/index.js';
import { isMainModule, showTruthTable } from './support.js';

export const build = () =>
  new Network()
    .addInput('a')
    .addInput('b')
    .addOutput('or', { activation: 'step' })
    .connect('a', 'or', 1)
    .connect('b', 'or', 1);

/** a, b → or */
export const expected = [
  [0, 0, 0],
  [0, 1, 1],
  [1, 0, 1],
  [1, 1, 1],
];

export const main = (): boolean => showTruthTable(build(), expected);

if (isMainModule(import.meta.url)) process.exitCode = main() ? 0 : 1;
