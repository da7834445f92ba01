/**
 * The playground's state, and its URL
 * ===================================
 *
 * Everything that makes an experiment: the data (dataset, noise, train share, batch
 * size, seed), the features, the layers, the training settings and the user's own
 * changes to the graph (connections added, removed or set, neurons' activations).
 * `encodeState` writes it as URL parameters (the page keeps them in `location.hash`,
 * so a link reproduces the experiment on any static host); `decodeState` reads them
 * back from anything a user may paste. Decoding never throws: a value that is not
 * allowed is repaired to the nearest allowed one or the default, an unknown parameter
 * is ignored, and each repair is reported in `problems`. Whether the graph edits fit
 * the network is for model.ts to decide (an edit naming a neuron that does not exist
 * is dropped there). No DOM here: the unit tests run it in Node.
 */
import { FEATURE_IDS, type FeatureId, isFeatureId } from './features.js';

export const DATASETS = {
  classification: ['circle', 'xor', 'gauss', 'spiral'],
  regression: ['plane', 'multiGauss'],
} as const;
export type Problem = keyof typeof DATASETS;
export type DatasetName = (typeof DATASETS)[Problem][number];
export const ACTIVATIONS = ['tanh', 'relu', 'sigmoid', 'linear'] as const;
export type PlaygroundActivation = (typeof ACTIVATIONS)[number];
export const REGULARIZATIONS = ['none', 'L1', 'L2'] as const;
export type RegularizationName = (typeof REGULARIZATIONS)[number];
/** The choices the page offers (as TensorFlow's playground); the URL may hold any number in range. */
export const LEARNING_RATES = [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10] as const;
export const REGULARIZATION_RATES = [0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10] as const;

export const MAX_LAYERS = 6;
export const MAX_NEURONS = 8;
export const MAX_BATCH = 30;
export const MAX_EDITS = 200;
/** The longest imported document the URL may carry, in characters. */
export const MAX_DOCUMENT = 100_000;
/** Neuron ids in edits: what the playground names (features, h1_0, y, bias) and what documents usually do. */
const NEURON_ID = /^[A-Za-z][A-Za-z0-9_.-]{0,39}$/;
/** Neuron ids that graphology cannot hold (built-in object properties) are refused like malformed ones. */
const RESERVED = new Set(Object.getOwnPropertyNames(Object.prototype));
const MAX_WEIGHT = 1e6;

/** A connection the user changed: added (with a weight, or a small default), removed, or given a weight. */
export interface Edge {
  readonly from: string;
  readonly to: string;
}
export interface WeightedEdge extends Edge {
  readonly weight: number;
}
/** A connection the user added, with its first weight. */
export type AddedEdge = WeightedEdge;

export interface PlaygroundState {
  readonly problem: Problem;
  readonly dataset: DatasetName;
  /** Percent, 0 to 50 (the playground's slider). */
  readonly noise: number;
  /** Percent of the points trained on, 10 to 90; the rest test. */
  readonly trainShare: number;
  readonly batchSize: number;
  /** Seed of the points, the split, the first weights and the shuffles. */
  readonly seed: number;
  readonly features: readonly FeatureId[];
  /** Neurons per hidden layer. */
  readonly layers: readonly number[];
  readonly activation: PlaygroundActivation;
  readonly learningRate: number;
  readonly regularization: RegularizationName;
  readonly regularizationRate: number;
  /** The user's changes to the layered network, in the order made. */
  readonly added: readonly AddedEdge[];
  readonly removed: readonly Edge[];
  readonly weights: readonly WeightedEdge[];
  /** Per neuron id: an activation other than the layer's. */
  readonly activations: Readonly<Record<string, PlaygroundActivation>>;
  /**
   * An imported network document (its JSON text), used instead of the features and layers; the
   * edits apply on top of it. Whether it is a network the playground can train is model.ts's call.
   */
  readonly network?: string;
}

export const DEFAULT_STATE: PlaygroundState = {
  problem: 'classification',
  dataset: 'circle',
  noise: 0,
  trainShare: 50,
  batchSize: 10,
  seed: 1,
  features: ['x1', 'x2'],
  layers: [4, 2],
  activation: 'tanh',
  learningRate: 0.03,
  regularization: 'none',
  regularizationRate: 0,
  added: [],
  removed: [],
  weights: [],
  activations: {},
};

export interface Decoded {
  readonly state: PlaygroundState;
  /** One line per value that was repaired or ignored, for the page to show. */
  readonly problems: readonly string[];
}

export function problemOf(dataset: DatasetName): Problem {
  return (DATASETS.regression as readonly string[]).includes(dataset) ? 'regression' : 'classification';
}

const ALL_DATASETS: readonly DatasetName[] = [...DATASETS.classification, ...DATASETS.regression];

/** The state as URL parameters (without `#` or `?`), in a fixed order; only what differs from the default. */
export function encodeState(state: PlaygroundState): string {
  const params = new URLSearchParams();
  const set = (name: string, value: string, fallback: string) => {
    if (value !== fallback) params.set(name, value);
  };
  const d = DEFAULT_STATE;
  params.set('dataset', state.dataset);
  set('noise', String(state.noise), String(d.noise));
  set('train', String(state.trainShare), String(d.trainShare));
  set('batch', String(state.batchSize), String(d.batchSize));
  set('seed', String(state.seed), String(d.seed));
  params.set('features', state.features.join(','));
  params.set('layers', state.layers.join(','));
  set('activation', state.activation, d.activation);
  set('rate', String(state.learningRate), String(d.learningRate));
  set('reg', state.regularization, d.regularization);
  set('regRate', String(state.regularizationRate), String(d.regularizationRate));
  const edge = ({ from, to }: Edge) => `${from}>${to}`;
  const list = (items: readonly string[]) => items.join(';');
  set('add', list(state.added.map((e) => `${edge(e)}:${e.weight}`)), '');
  set('remove', list(state.removed.map(edge)), '');
  set('set', list(state.weights.map((e) => `${edge(e)}:${e.weight}`)), '');
  set('act', list(Object.entries(state.activations).map(([id, a]) => `${id}:${a}`)), '');
  if (state.network !== undefined) params.set('net', state.network);
  return params.toString();
}

/** Reads a state from URL parameters (with or without a leading `#` or `?`); never throws. */
export function decodeState(text: unknown): Decoded {
  const problems: string[] = [];
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(typeof text === 'string' ? text.replace(/^[#?]/, '') : '');
  } catch {
    params = new URLSearchParams();
  }
  const read = (name: string): string | undefined => {
    const values = params.getAll(name);
    return values.length === 0 ? undefined : values[values.length - 1];
  };
  const d = DEFAULT_STATE;
  const repair = <T>(name: string, value: string | undefined, parse: (v: string) => T | undefined, fallback: T): T => {
    if (value === undefined) return fallback;
    const parsed = parse(value);
    if (parsed === undefined) {
      problems.push(`${name}: ${JSON.stringify(value.slice(0, 40))} is not allowed; using ${String(fallback)}.`);
      return fallback;
    }
    return parsed;
  };
  const oneOf =
    <T extends string>(choices: readonly T[]) =>
    (v: string): T | undefined =>
      choices.find((choice) => choice === v);
  const number = (min: number, max: number, whole: boolean) => (v: string) => {
    if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(v)) return undefined;
    const n = Number(v);
    if (!Number.isFinite(n) || (whole && !Number.isInteger(n))) return undefined;
    if (n < min || n > max) return undefined;
    return n;
  };

  const dataset = repair('dataset', read('dataset'), oneOf(ALL_DATASETS), d.dataset);
  const problem = problemOf(dataset);
  const noise = repair('noise', read('noise'), number(0, 50, false), d.noise);
  const trainShare = repair('train', read('train'), number(10, 90, false), d.trainShare);
  const batchSize = repair('batch', read('batch'), number(1, MAX_BATCH, true), d.batchSize);
  const seed = repair('seed', read('seed'), number(0, 2 ** 31 - 1, true), d.seed);
  const features = repair(
    'features',
    read('features'),
    (v) => {
      const ids = v === '' ? [] : v.split(',');
      if (ids.length === 0 || !ids.every(isFeatureId)) return undefined;
      // The features' own order, once each.
      return FEATURE_IDS.filter((id) => ids.includes(id));
    },
    d.features,
  );
  const layers = repair(
    'layers',
    read('layers'),
    (v) => {
      const sizes = v === '' ? [] : v.split(',').map(number(1, MAX_NEURONS, true));
      if (sizes.length > MAX_LAYERS || sizes.some((n) => n === undefined)) return undefined;
      return sizes as number[];
    },
    d.layers,
  );
  const activation = repair('activation', read('activation'), oneOf(ACTIVATIONS), d.activation);
  const learningRate = repair('rate', read('rate'), number(1e-6, 10, false), d.learningRate);
  const regularization = repair('reg', read('reg'), oneOf(REGULARIZATIONS), d.regularization);
  const regularizationRate = repair('regRate', read('regRate'), number(0, 10, false), d.regularizationRate);

  const weight = (v: string | undefined) => {
    const w = v === undefined ? undefined : number(-MAX_WEIGHT, MAX_WEIGHT, false)(v);
    return w === undefined ? undefined : w === 0 ? 0 : w; // no -0
  };
  const edgeOf = (v: string): Edge | undefined => {
    const [from, to, ...rest] = v.split('>');
    if (from === undefined || to === undefined || rest.length > 0 || !isNeuronId(from) || !isNeuronId(to)) {
      return undefined;
    }
    return { from, to };
  };
  const items = <T>(name: string, parse: (item: string) => T | undefined): T[] => {
    const value = read(name);
    if (value === undefined || value === '') return [];
    const all = value.split(';');
    const out: T[] = [];
    for (const item of all.slice(0, MAX_EDITS)) {
      const parsed = parse(item);
      if (parsed === undefined) problems.push(`${name}: ${JSON.stringify(item.slice(0, 40))} is not allowed; ignored.`);
      else out.push(parsed);
    }
    if (all.length > MAX_EDITS) problems.push(`${name}: more than ${MAX_EDITS} items; the rest are ignored.`);
    return out;
  };
  const weighted = (item: string): WeightedEdge | undefined => {
    const [pair = '', w, ...rest] = item.split(':');
    const edge = edgeOf(pair);
    const parsedWeight = weight(w);
    if (edge === undefined || parsedWeight === undefined || rest.length > 0) return undefined;
    return { ...edge, weight: parsedWeight };
  };
  const added = items('add', weighted);
  const removed = items('remove', edgeOf);
  const weights = items('set', weighted);
  // isNeuronId refuses `__proto__` and the other built-in names, so a plain record is safe.
  const activations: Record<string, PlaygroundActivation> = {};
  const named = items('act', (item) => {
    const [id = '', a = '', ...rest] = item.split(':');
    const activationName = oneOf(ACTIVATIONS)(a);
    if (!isNeuronId(id) || activationName === undefined || rest.length > 0) return undefined;
    return [id, activationName] as const;
  });
  for (const [id, a] of named) activations[id] = a;

  const network = repair(
    'net',
    read('net'),
    (v) => (v.length <= MAX_DOCUMENT && v.startsWith('{') ? v : undefined),
    undefined as string | undefined,
  );

  return {
    state: {
      problem,
      dataset,
      noise,
      trainShare,
      batchSize,
      seed,
      features,
      layers,
      activation,
      learningRate,
      regularization,
      regularizationRate,
      added,
      removed,
      weights,
      activations,
      ...(network !== undefined && { network }),
    },
    problems,
  };
}

/** An id the playground accepts in its URL: letters, digits, `_`, `.`, `-`, starting with a letter; no built-in name. */
export function isNeuronId(id: string): boolean {
  return NEURON_ID.test(id) && !RESERVED.has(id);
}
