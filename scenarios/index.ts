// The seed's networks one after another, each with its trace: what `npm start` runs.
import * as and from './and.js';
import * as or from './or.js';
import * as xor from './xor.js';
import * as bias from './bias.js';
import * as activations from './activations.js';

const scenarios = { and, or, xor, bias, activations };

let failed = 0;
for (const [name, scenario] of Object.entries(scenarios)) {
  console.log(`\n━━ ${name} ━━`);
  if (!scenario.main()) {
    failed++;
    console.log(`✗ ${name} gave a wrong answer`);
  }
}
console.log(`\n${Object.keys(scenarios).length - failed} of ${Object.keys(scenarios).length} scenarios gave the right answers.`);
process.exitCode = failed === 0 ? 0 : 1;
