/**
 * Numeric failures
 * ================
 *
 * Where a silent pass (dense or on the plan) left the finite numbers, and the one
 * NumericError that reports it, so every executor words it the same way as `run()`.
 */
import { NumericError } from '../errors.js';
import { quoteId } from '../format/describe.js';
import { nonFiniteSumError } from './propagation.js';

/** The first neuron (in order) whose weighted sum or activation output was not finite. */
export interface NumericFailure {
  readonly neuron: string;
  readonly value: 'sum' | 'output';
}

/** The NumericError for a failed pass; `detail` may say which row or sample, e.g. ` in row 3`. */
export function numericFailureError({ neuron, value }: NumericFailure, where: string, detail: string): NumericError {
  if (value === 'sum') return nonFiniteSumError(neuron, where, detail);
  return new NumericError(
    `${where}: the output of ${quoteId(neuron)}${detail} is not a finite number (its activation overflowed); ` +
      'the run was abandoned. Scale the weights or the inputs down.',
    neuron,
  );
}
