/**
 * Compiling
 * =========
 *
 * `Network.compile()`: the form is chosen here, once — dense layers when the plan is
 * layered, the CSR plan otherwise — and every later call runs that form.
 */
import { denseModelOf } from '../plan/dense-model.js';
import { assertFeedForwardSum, type Plan } from '../plan/plan.js';
import type { CompiledNetwork } from './compiled-network.js';
import { CsrCompiledNetwork } from './csr-compiled.js';
import { DenseCompiledNetwork } from './dense-compiled.js';

export function compileNetwork(plan: Plan): CompiledNetwork {
  assertFeedForwardSum(plan, 'Network.compile', 'run it step by step with run() or runSequence()');
  const found = denseModelOf(plan);
  return 'model' in found && found.model.layers.length > 0
    ? new DenseCompiledNetwork(found.model)
    : new CsrCompiledNetwork(plan);
}
