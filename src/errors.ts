/**
 * neurograph errors
 * =================
 *
 * Every error the library throws on purpose is one of these classes, so callers
 * (and tests) can tell them apart by class instead of by message text. Messages
 * start with the method that threw, name the neurons involved and say what to do
 * instead.
 */

/** Base class of every error neurograph throws on purpose. */
export class NeurographError extends Error {
  constructor(message: string) {
    super(message);
    // NOTE: `new.target.name` names the concrete subclass without repeating it in each one.
    this.name = new.target.name;
  }
}

/** An unknown neuron or connection. */
export class NotFoundError extends NeurographError {}

/** A call that is not allowed in the network's current state or with these arguments. */
export class UsageError extends NeurographError {}

/** A connection that would close a cycle (self-loops included). */
export class CycleError extends UsageError {
  /** The neuron the refused connection starts from. */
  readonly from: string;
  /** The neuron the refused connection goes to. */
  readonly to: string;
  /** The cycle the connection would close: `from`, `to`, …, `from`. */
  readonly path: readonly string[];

  constructor(message: string, from: string, to: string, path: readonly string[]) {
    super(message);
    this.from = from;
    this.to = to;
    this.path = path;
  }
}

/** One thing wrong with the inputs given to a run. */
export interface InputProblem {
  /** The input neuron's id, or the offending key or array index. */
  readonly input: string;
  readonly problem: 'missing' | 'unknown' | 'not a finite number';
}

/** Missing, unknown or non-finite inputs, or an input array of the wrong length. */
export class InputError extends UsageError {
  /** Every offending input, in input order (unknown keys last). */
  readonly problems: readonly InputProblem[];

  constructor(message: string, problems: readonly InputProblem[] = []) {
    super(message);
    this.problems = problems;
  }
}

/** A document `Network.fromJSON` cannot accept. */
export class SerializationError extends NeurographError {
  /** Where in the document, e.g. `edges[3].attributes.weight`; empty for the whole document. */
  readonly path: string;

  constructor(message: string, path: string) {
    super(message);
    this.path = path;
  }
}

/**
 * Training that cannot go on: a loss, a gradient or a forward pass became non-finite. The
 * network keeps the last weights whose forward pass ran finite (a step that broke it is taken back).
 */
export class TrainingError extends NeurographError {
  /** The epoch (from 1) in which training stopped; 0 when no epoch ran (`loss()`, `gradients()`, `epochs: 0`). */
  readonly epoch: number;

  constructor(message: string, epoch: number) {
    super(message);
    this.epoch = epoch;
  }
}

/**
 * A run whose arithmetic left the finite numbers: some neuron's weighted sum overflowed
 * to ±Infinity or became NaN. The run is abandoned, so its values never escape.
 */
export class NumericError extends NeurographError {
  /** The first neuron (in topological order) whose weighted input was not finite. */
  readonly neuron: string;

  constructor(message: string, neuron: string) {
    super(message);
    this.neuron = neuron;
  }
}
