/**
 * Compiling
 * =========
 *
 * `Network.compile()`: the form is chosen here, once — the CSR plan step by step when
 * the network has delayed connections or product neurons, generated code when it is
 * small enough (generated-code.ts) and the realm allows it, dense layers when the plan
 * is layered, the CSR plan otherwise — and every later call runs that form.
 */
import { denseModelOf } from '../plan/dense-model.js';
import { isFeedForwardSum, type Plan } from '../plan/plan.js';
import type { CompiledNetwork } from './compiled-network.js';
import { CsrCompiledNetwork } from './csr-compiled.js';
import { CsrOverTimeCompiledNetwork } from './csr-over-time-compiled.js';
import { DenseCompiledNetwork } from './dense-compiled.js';
import { generatedForward } from './generated-code.js';
import { GeneratedCompiledNetwork } from './generated-compiled.js';

export function compileNetwork(plan: Plan): CompiledNetwork {
  if (!isFeedForwardSum(plan)) return new CsrOverTimeCompiledNetwork(plan);
  const forward = generatedForward(plan);
  if (forward !== null) return new GeneratedCompiledNetwork(plan, forward);
  const found = denseModelOf(plan);
  return 'model' in found && found.model.layers.length > 0
    ? new DenseCompiledNetwork(found.model)
    : new CsrCompiledNetwork(plan);
}
