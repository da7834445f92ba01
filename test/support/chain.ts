/**
 * A long chain: one input, `hidden` sigmoid neurons in a line, one output. Deep
 * networks like this break code that spreads one argument per neuron into a call,
 * or whose output grows with the depth.
 */
import { Network } from '../../src/index.js';

export function chain(hidden: number): Network {
  const net = new Network().addInput('in');
  let previous = 'in';
  for (let i = 1; i <= hidden; i++) {
    const id = `h${i}`;
    net.addNeuron(id).connect(previous, id, 1);
    previous = id;
  }
  return net.addOutput('out').connect(previous, 'out', 1);
}
