/**
 * Weight initialisation
 * =====================
 *
 * Seeded draws for every connection weight. For a connection s → t the fans are
 * t's incoming and s's outgoing connection counts, which in a layered network are
 * exactly the layer sizes Glorot & Bengio and He et al. use.
 *
 * [Reference]: Glorot & Bengio 2010, "Understanding the difficulty of training deep
 * feedforward neural networks"; He et al. 2015, "Delving Deep into Rectifiers".
 */
import { UsageError } from '../errors.js';
import { describe } from '../format/describe.js';
import { checkOptionNames } from '../format/options.js';
import type { NeuronGraph } from './neuron.js';
import { createRandom, uniform } from '../random.js';

export type WeightScheme = 'xavier' | 'he' | 'uniform';

export interface RandomizeOptions {
  /** Any integer; the same seed gives the same weights, bit for bit. */
  readonly seed: number;
  /** `xavier` (default): U(±√(6 / (fanIn + fanOut))); `he`: U(±√(6 / fanIn)); `uniform`: U(±1). */
  readonly scheme?: WeightScheme;
}

const limits: Readonly<Record<WeightScheme, (fanIn: number, fanOut: number) => number>> = {
  xavier: (fanIn, fanOut) => Math.sqrt(6 / (fanIn + fanOut)),
  he: (fanIn) => Math.sqrt(6 / fanIn),
  uniform: () => 1,
};

/** Checks the options, then redraws every weight in edge insertion order. */
export function randomizeGraphWeights(graph: NeuronGraph, options: RandomizeOptions, where: string): void {
  if (options === undefined) {
    throw new UsageError(
      `${where}: needs options with an integer seed, e.g. { seed: 1 }; the same seed gives the same weights.`,
    );
  }
  checkOptionNames(options, ['seed', 'scheme'], where);
  const { seed, scheme = 'xavier' } = options;
  if (!Number.isSafeInteger(seed)) {
    throw new UsageError(
      `${where}: needs an integer seed, got ${describe(seed)}; the same seed gives the same weights.`,
    );
  }
  const limit = typeof scheme === 'string' && Object.hasOwn(limits, scheme) ? limits[scheme] : undefined;
  if (limit === undefined) {
    throw new UsageError(`${where}: unknown scheme ${describe(scheme)}; use 'xavier', 'he' or 'uniform'.`);
  }
  const random = createRandom(seed);
  // NOTE: one bulk update: a single graph event, after which the plan re-reads all weights at once.
  graph.updateEachEdgeAttributes(
    (_edge, attributes, source, target) => {
      const bound = limit(graph.inDegree(target), graph.outDegree(source));
      return { ...attributes, weight: uniform(random, -bound, bound) };
    },
    { attributes: ['weight'] },
  );
}
