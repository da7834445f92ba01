// A leaky integrator: one neuron keeps 3/4 of its last output (a delayed self-connection) and adds 1/4 of its input.
import { Network, Tracer } from '../src/index.js';
import { isMainModule } from './support.js';

/** How much of its last output the neuron keeps each step. */
export const leak = 0.75;

/** y(t) = (1 − leak) · x(t) + leak · y(t − 1): the self-connection reads y one step late. */
export const build = () =>
  new Network()
    .addInput('x')
    .addOutput('y', { activation: 'identity' })
    .connect('x', 'y', 1 - leak)
    .connect('y', 'y', leak, { delay: 1 });

/** The input: on for six steps, then off for six. */
export const inputs = [1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0];

/** The closed form, y(t) = Σₖ (1 − leak) · leakᵗ⁻ᵏ · x(k): an exponential moving average of the input. */
export function closedForm(xs: readonly number[]): number[] {
  return xs.map((_, t) => xs.slice(0, t + 1).reduce((sum, x, k) => sum + (1 - leak) * leak ** (t - k) * x, 0));
}

export function main(): boolean {
  const net = build();
  const tracer = new Tracer(net);
  const outputs = net.runSequence(inputs.map((x) => [x])).map(({ y }) => y!);
  tracer.detach();
  console.log(`${tracer.toPretty()}\n`);

  const expected = closedForm(inputs);
  console.log('time  x  y       closed form');
  let ok = true;
  outputs.forEach((y, t) => {
    const close = Math.abs(y - expected[t]!) <= 1e-12;
    ok &&= close;
    const row = `${String(t).padStart(4)}  ${inputs[t]}  ${y.toFixed(4)}  ${expected[t]!.toFixed(4)}`;
    console.log(`${row}${close ? ' ' : '✗'}  ${'█'.repeat(Math.round(y * 40))}`);
  });
  console.log(`\nafter ${net.time} steps: the output rises towards the input and decays back, by ${leak} a step`);
  return ok;
}

if (isMainModule(import.meta.url)) process.exitCode = main() ? 0 : 1;
