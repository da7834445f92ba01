/**
 * Network.run's silent pass
 * =========================
 *
 * With nobody listening and no delayed connections, a run needs every neuron's output and
 * the output record, nothing more. A plan that keeps being run gets generated code
 * (generated-code.ts's `generatedRun`): the same arithmetic in the same order, so the same
 * bits, and the record built by a constructor of its own (output-record.ts). Until then,
 * and for a plan it cannot run (too big, softmax, product neurons, no `new Function`),
 * propagation's loops.
 */
import type { Inputs } from '../graph/read-values.js';
import type { Plan } from '../plan/plan.js';
import { generatedRun, type GeneratedRun } from './generated-code.js';
import { outputsByLoop } from './output-record.js';
import { nonFiniteSumError, propagate } from './propagation.js';

/**
 * Runs of one plan before its code is generated.
 * NOTE: generating costs a source text and a `new Function` (tens of µs, more for larger plans), and the code runs
 * interpreted until V8 optimizes it: worth it for a plan that is run again and again, not for one run once.
 */
export const RUNS_BEFORE_GENERATING = 32;

let made = 0;

/** How many plans' runs have been generated in this realm (for tests: that the generated path is the one taken). */
export function generatedRunsMade(): number {
  return made;
}

export class SilentPass {
  #plan: Plan | null = null;
  #runs = 0;
  #generated: GeneratedRun | null = null;
  /** The inputs in input order, for the generated run of inputs given another way. */
  #row = new Float64Array(0);

  /**
   * The usual call on a hot plan, whole: a Float64Array of the right length, finite, and finite sums give the output
   * record (every neuron's output in `values`); anything else gives null and writes nothing, not even into `values`
   * (then `readNeuronValues` and `run` take it the checked way).
   */
  tryRun(plan: Plan, inputs: Inputs, values: Float64Array): Record<string, number> | null {
    const generated = this.#generated;
    // NOTE: one generated call reads, checks and computes; no copy or check loop before it.
    return generated !== null &&
      plan === this.#plan &&
      // A Proxy of a Float64Array passes instanceof, and its getters would run inside the generated code unchecked;
      // ArrayBuffer.isView is false for it.
      inputs instanceof Float64Array &&
      ArrayBuffer.isView(inputs) &&
      inputs.length === plan.inputPositions.length
      ? generated(plan.weights, inputs, values)
      : null;
  }

  /**
   * Fills in every neuron's output (the inputs already read) and returns the output record; throws a NumericError
   * naming the first neuron whose weighted sum is not finite.
   */
  run(plan: Plan, values: Float64Array, where: string): Record<string, number> {
    if (plan !== this.#plan) {
      this.#plan = plan;
      this.#runs = 0;
      this.#generated = null;
    }
    const generated = this.#generated;
    if (generated !== null) {
      const positions = plan.inputPositions;
      if (this.#row.length !== positions.length) this.#row = new Float64Array(positions.length);
      const row = this.#row;
      for (let k = 0; k < positions.length; k++) row[k] = values[positions[k]!]!;
      const outputs = generated(plan.weights, row, values);
      if (outputs !== null) return outputs;
    } else if (++this.#runs === RUNS_BEFORE_GENERATING) {
      this.#generated = generatedRun(plan);
      if (this.#generated !== null) made++;
    }
    // The loops, or the error path: they name the first neuron whose sum is not finite.
    const failed = propagate(plan, values);
    if (failed >= 0) throw nonFiniteSumError(plan.ids[failed]!, where);
    return outputsByLoop(plan.outputIds, plan.outputPositions, values);
  }
}
