// XOR from the seed: a hidden AND neuron subtracts 2 from the output when both inputs fire.
import { Network, checkTable, formatTable } from '../src/index.js';
import { isMainModule } from './support.js';

export const build = () =>
  new Network()
    .addInput('a')
    .addInput('b')
    .addNeuron('and', { activation: 'step' })
    .addOutput('xor', { activation: 'step' })
    .connect('a', 'xor', 1)
    .connect('b', 'xor', 1)
    .connect('a', 'and', 0.5)
    .connect('b', 'and', 0.5)
    .connect('and', 'xor', -2);

/** a, b → xor */
export const expected = [
  [0, 0, 0],
  [0, 1, 1],
  [1, 0, 1],
  [1, 1, 0],
];

export function main(): boolean {
  const net = build();
  net.on('runStarted', ({ run, inputs }) => console.log(`run ${run}: a = ${inputs.a}, b = ${inputs.b}`));
  // The neuron indented by its generation, padded to one width so the input and output columns line up.
  net.on('neuronActivated', ({ neuron, generation, input, output }) => {
    const name = `${'  '.repeat(generation)}${neuron}`.padEnd(8);
    console.log(`  ${name} input ${String(input).padStart(3)}  output ${output}`);
  });
  const result = checkTable(net, expected);
  console.log(`\n${formatTable(net, result)}`);
  return result.ok;
}

if (isMainModule(import.meta.url)) process.exitCode = main() ? 0 : 1;

// Output:
// run 1: a = 0, b = 0
//   a        input   0  output 0
//   b        input   0  output 0
//     and    input   0  output 0
//       xor  input   0  output 0
// run 2: a = 0, b = 1
//   a        input   0  output 0
//   b        input   1  output 1
//     and    input 0.5  output 0
//       xor  input   1  output 1
// run 3: a = 1, b = 0
//   a        input   1  output 1
//   b        input   0  output 0
//     and    input 0.5  output 0
//       xor  input   1  output 1
// run 4: a = 1, b = 1
//   a        input   1  output 1
//   b        input   1  output 1
//     and    input   1  output 1
//       xor  input   0  output 0
//
// a  b  xor
// 0  0    0
// 0  1    1
// 1  0    1
// 1  1    0
