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
import { readNeuronValues, type Inputs } from '../graph/read-values.js';
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

export class SilentPass {
  #plan: Plan | null = null;
  #runs = 0;
  #generated: GeneratedRun | null = null;

  /** Reads `inputs` into `values` at the input positions, as `readNeuronValues` does (its InputError included). */
  readInputs(plan: Plan, inputs: Inputs, values: Float64Array, where: string): void {
    const positions = plan.inputPositions;
    // NOTE: a Float64Array of the right length is copied in without readNeuronValues' dispatch and checked in the
    // same pass (x * 0 is 0 for a finite x, NaN otherwise); anything else, or a failed check, is read again the
    // checked way, for its error.
    if (inputs instanceof Float64Array && inputs.length === positions.length) {
      let check = 0;
      for (let k = 0; k < positions.length; k++) {
        const value = inputs[k]!;
        check += value * 0;
        values[positions[k]!] = value;
      }
      if (check === 0) return;
    }
    readNeuronValues(inputs, plan.inputIds, positions, values, where);
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
      const outputs = generated(plan.weights, values);
      if (outputs !== null) return outputs;
    } else if (++this.#runs === RUNS_BEFORE_GENERATING) {
      this.#generated = generatedRun(plan);
    }
    // The loops, or the error path: they name the first neuron whose sum is not finite.
    const failed = propagate(plan, values);
    if (failed >= 0) throw nonFiniteSumError(plan.ids[failed]!, where);
    return outputsByLoop(plan.outputIds, plan.outputPositions, values);
  }
}
