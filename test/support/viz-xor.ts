/**
 * The seed's XOR network for the picture tests, and a recording of its truth table
 * as trace events (subscribed here directly, so these tests do not depend on Tracer).
 */
import { Network, type TraceEvent } from '../../src/index.js';

export { build as xor } from '../../scenarios/xor.js';

export const TRUTH_TABLE = [
  [0, 0],
  [0, 1],
  [1, 0],
  [1, 1],
] as const;

/** Runs every row with the three events recorded, in emission order. */
export function record(net: Network, rows: readonly (readonly number[])[]): TraceEvent[] {
  const events: TraceEvent[] = [];
  net.on('runStarted', (e) => events.push({ type: 'runStarted', ...e }));
  net.on('neuronActivated', (e) => events.push({ type: 'neuronActivated', ...e }));
  net.on('runCompleted', (e) => events.push({ type: 'runCompleted', ...e }));
  for (const row of rows) net.run(row);
  net.removeAllListeners();
  return events;
}

/** Every neuron's output after running `row`. */
export function valuesAfter(net: Network, row: readonly number[]): Record<string, number> {
  net.run(row);
  return Object.fromEntries(net.neurons.map((id) => [id, net.value(id)!]));
}

/** Ids that each format must escape: markup, quotes, backslashes, Mermaid's words, control characters. */
export const NASTY_IDS = [
  '<in & "out">',
  "it's",
  'back\\',
  'end',
  'x"y',
  'o1',
  '#35;',
  'a b',
  'tab\there',
  'bell\u0007',
  '</script><script>alert(1)</script>',
  '%41',
];

/** A network whose ids need escaping in every format. */
export function nastyNetwork(): Network {
  const [i0, i1, ...rest] = NASTY_IDS;
  const net = new Network().addInput(i0!).addInput(i1!);
  let previous = [i0!, i1!];
  rest.forEach((id, k) => {
    if (k === rest.length - 1) net.addOutput(id, { activation: 'tanh' });
    else net.addNeuron(id, { activation: k % 2 === 0 ? 'relu' : { name: 'step', threshold: 0.3 } });
    for (const from of previous) net.connect(from, id, k % 3 === 0 ? -0.75 : 0.5);
    previous = [id];
  });
  return net.addBias('bias', { weight: 0.1 });
}
