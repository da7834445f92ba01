// The seed's bias neuron: NOT needs an output of 1 for an input of 0, which no weight gives without a bias.
import { Network } from '../src/index.js';
import { isMainModule, showTruthTable } from './support.js';

/** NOT: a step neuron fed by `a` with weight -1 and by the bias (always 1) with weight 1. */
export const build = () =>
  new Network()
    .addInput('a')
    .addOutput('not', { activation: 'step' })
    .addBias('bias')
    .connect('a', 'not', -1)
    .setWeight('bias', 'not', 1);

/** a → not */
export const expected = [
  [0, 1],
  [1, 0],
];

export function main(): boolean {
  const withoutBias = build().removeNeuron('bias');
  const zeroIn = withoutBias.run([0]).not;
  console.log(`without the bias neuron, input 0 gives ${zeroIn}: zero in, zero out, whatever the weight\n`);

  return showTruthTable(build(), expected) && zeroIn === 0;
}

if (isMainModule(import.meta.url)) process.exitCode = main() ? 0 : 1;
