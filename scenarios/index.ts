// The seed's networks one after another, each with its trace, then the XOR animation: what `npm start` runs.
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Tracer, toHtml, toSvg } from '../src/index.js';
import * as and from './and.js';
import * as or from './or.js';
import * as xor from './xor.js';
import * as bias from './bias.js';
import * as activations from './activations.js';
import * as leakyIntegrator from './leaky-integrator.js';

const scenarios = { and, or, xor, bias, activations, 'leaky integrator': leakyIntegrator };

let failed = 0;
for (const [name, scenario] of Object.entries(scenarios)) {
  console.log(`\n━━ ${name} ━━\n`);
  if (!scenario.main()) {
    failed++;
    console.log(`✗ ${name} gave a wrong answer`);
  }
}
const total = Object.keys(scenarios).length;
console.log(`\n${total - failed} of ${total} scenarios gave the right answers.`);

// The seed ends with an animation of the XOR network firing: record its truth table and write it out.
const net = xor.build();
const tracer = new Tracer(net);
for (const row of xor.expected) net.run(row.slice(0, 2));
const directory = resolve(process.env.NEUROGRAPH_OUT ?? 'out');
mkdirSync(directory, { recursive: true });
writeFileSync(resolve(directory, 'xor.html'), toHtml(net, tracer.events, { title: 'XOR, step by step' }));
net.run([1, 1]);
writeFileSync(
  resolve(directory, 'xor.svg'),
  toSvg(net, { values: Object.fromEntries(net.neurons.map((id) => [id, net.value(id)!])) }),
);
console.log(`\nThe XOR animation: ${resolve(directory, 'xor.html')} (open it in a browser; space plays, arrows step)`);
console.log(`The XOR network drawn for a = 1, b = 1: ${resolve(directory, 'xor.svg')}`);

process.exitCode = failed === 0 ? 0 : 1;
