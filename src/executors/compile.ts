/**
 * Compiling
 * =========
 *
 * `Network.compile()`: the form is chosen here, once — for a network with delayed connections
 * or product neurons, a generated step when it is small enough (generated-over-time.ts) and
 * the realm allows it, else the CSR plan step by step; for the others, generated code when it is
 * small enough (generated-code.ts) and the realm allows it, dense layers when the plan
 * is layered, the CSR plan otherwise — and every later call runs that form.
 */
import { denseModelOf } from '../plan/dense-model.js';
import { isFeedForwardSum, type Plan } from '../plan/plan.js';
import { UsageError } from '../errors.js';
import { describe } from '../format/describe.js';
import { checkOptionNames } from '../format/options.js';
import type { CompiledNetwork, CompileOptions, Precision } from './compiled-network.js';
import { CsrCompiledNetwork } from './csr-compiled.js';
import { CsrOverTimeCompiledNetwork } from './csr-over-time-compiled.js';
import { DenseCompiledNetwork } from './dense-compiled.js';
import { generatedForward } from './generated-code.js';
import { GeneratedCompiledNetwork } from './generated-compiled.js';
import { generatedOverTime } from './generated-over-time.js';
import { GeneratedOverTimeCompiledNetwork } from './generated-over-time-compiled.js';
import { Float32DenseForward } from './wasm-float32.js';

export function compileNetwork(plan: Plan, options?: CompileOptions): CompiledNetwork {
  const precision = readPrecision(options);
  if (!isFeedForwardSum(plan)) {
    const step = generatedOverTime(plan);
    return step !== null ? new GeneratedOverTimeCompiledNetwork(plan, step) : new CsrOverTimeCompiledNetwork(plan);
  }
  const found = denseModelOf(plan);
  const model = 'model' in found && found.model.layers.length > 0 ? found.model : null;
  if (precision === 'float32' && model !== null) {
    const float32 = Float32DenseForward.forModel(model);
    if (float32 !== null) return new DenseCompiledNetwork(model, float32);
  }
  const forward = generatedForward(plan);
  if (forward !== null) return new GeneratedCompiledNetwork(plan, forward);
  return model !== null ? new DenseCompiledNetwork(model) : new CsrCompiledNetwork(plan);
}

function readPrecision(options: CompileOptions | undefined): Precision {
  const where = 'Network.compile';
  checkOptionNames(options, ['precision'], where);
  const precision: unknown = options?.precision ?? 'float64';
  if (precision !== 'float64' && precision !== 'float32') {
    throw new UsageError(`${where}: precision must be 'float64' or 'float32', got ${describe(precision)}.`);
  }
  return precision;
}
