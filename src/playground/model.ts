/**
 * The experiment, built with the library
 * ======================================
 *
 * From a `PlaygroundState`: the network (features as inputs, the hidden layers, one
 * output `y`, a bias neuron, weights from the seed, then the user's edits in order),
 * the points (the library's `datasets`, split into training and test parts) and the
 * samples `Trainer` takes. Both the page and its training worker build from here, so
 * they agree. An edit that no longer fits (a neuron removed since, a connection that
 * would close a cycle) is dropped and reported, never thrown. No DOM here.
 */
import { CycleError, NeurographError } from '../errors.js';
import { Network } from '../graph/network.js';
import type { ActivationName } from '../activations.js';
import { circle } from '../data/circle.js';
import { gauss } from '../data/gauss.js';
import { multiGauss } from '../data/multi-gauss.js';
import { plane } from '../data/plane.js';
import type { Point } from '../data/points.js';
import { spiral } from '../data/spiral.js';
import { split } from '../data/split.js';
import { xor } from '../data/xor.js';
import type { Sample } from '../train/samples.js';
import { featureRecord } from './features.js';
import type { AddedEdge, DatasetName, Edge, PlaygroundActivation, PlaygroundState, WeightedEdge } from './state.js';

export const OUTPUT = 'y';
export const BIAS = 'bias';
/** The points of every dataset, as in TensorFlow's playground. */
export const POINTS = 500;
/** Half the side of the square the points lie in: the plane runs from -DOMAIN to DOMAIN on both axes. */
export const DOMAIN = 6;

const generators: Readonly<Record<DatasetName, (options: { count: number; noise: number; seed: number }) => Point[]>> =
  { circle, xor, gauss, spiral, plane, multiGauss };

/** `h1_0` is layer 1's first neuron. */
export function hiddenId(layer: number, index: number): string {
  return `h${layer}_${index}`;
}

export function libraryActivation(name: PlaygroundActivation): ActivationName {
  return name === 'linear' ? 'identity' : name;
}

export interface Built {
  readonly net: Network;
  /** The state with only the edits that held. */
  readonly state: PlaygroundState;
  readonly problems: readonly string[];
}

/** The network a state describes, with its first weights; never throws. */
export function buildNetwork(state: PlaygroundState): Built {
  const problems: string[] = [];
  let net: Network | undefined;
  if (state.network !== undefined) {
    try {
      const imported = Network.fromJSON(JSON.parse(state.network));
      const why = unsupported(imported);
      if (why === undefined) net = imported;
      else problems.push(`The imported network cannot be used: ${why}`);
    } catch (error) {
      problems.push(`The imported network cannot be read: ${messageOf(error)}`);
    }
  }
  const imported = net !== undefined;
  const built = net ?? layered(state);
  const held = <T extends Edge>(edits: readonly T[], what: string, apply: (edit: T) => void): T[] =>
    edits.filter((edit) => {
      try {
        apply(edit);
        return true;
      } catch (error) {
        problems.push(`${what} ${edit.from} \u2192 ${edit.to}: ${messageOf(error)}`);
        return false;
      }
    });
  const removed = held(state.removed, 'removing', ({ from, to }) => built.disconnect(from, to));
  const added = held<AddedEdge>(state.added, 'adding', ({ from, to, weight }) => built.connect(from, to, weight));
  const weights = held<WeightedEdge>(state.weights, 'setting', ({ from, to, weight }) =>
    built.setWeight(from, to, weight),
  );
  const activations: Record<string, PlaygroundActivation> = {};
  for (const [id, activation] of Object.entries(state.activations)) {
    const known = built.graph.hasNode(id) ? built.graph.getNodeAttribute(id, 'role') : undefined;
    if (known === 'hidden' || known === 'output') activations[id] = activation;
    else problems.push(`activation of ${id}: no such hidden or output neuron.`);
  }
  const { network: _unused, ...layers } = state;
  return {
    net: withActivations(built, activations),
    state: { ...(imported ? state : layers), removed, added, weights, activations },
    problems,
  };
}

/**
 * A copy of `net` whose neurons named in `activations` (hidden or output ones) have those activations, the
 * weights kept. The network has no method for it, so it goes through its document, as a saved file would.
 */
export function withActivations(net: Network, activations: Readonly<Record<string, PlaygroundActivation>>): Network {
  if (Object.keys(activations).length === 0) return net;
  const document = net.toJSON();
  const nodes = document.nodes.map((node) =>
    Object.hasOwn(activations, node.key)
      ? { ...node, attributes: { ...node.attributes, activation: libraryActivation(activations[node.key]!) } }
      : node,
  );
  return Network.fromJSON({ ...document, nodes });
}

/** Features as inputs, the hidden layers and the output fully connected, a bias neuron; weights from the seed. */
function layered(state: PlaygroundState): Network {
  const net = new Network();
  for (const feature of state.features) net.addInput(feature);
  let previous: readonly string[] = state.features;
  state.layers.forEach((size, l) => {
    const ids = Array.from({ length: size }, (_, i) => hiddenId(l + 1, i));
    for (const id of ids) {
      net.addNeuron(id, { activation: libraryActivation(state.activation) });
      for (const from of previous) net.connect(from, id, 0);
    }
    previous = ids;
  });
  net.addOutput(OUTPUT, { activation: state.problem === 'regression' ? 'identity' : 'sigmoid' });
  for (const from of previous) net.connect(from, OUTPUT, 0);
  net.addBias(BIAS);
  return net.randomizeWeights({ seed: state.seed });
}

/** The text of an error for the page: the library's own message, or a plain description. */
export function messageOf(error: unknown): string {
  if (error instanceof CycleError) return `it would close the cycle ${error.path.join(' \u2192 ')}.`;
  if (error instanceof NeurographError || error instanceof Error) return error.message;
  return String(error);
}

export interface Data {
  readonly train: readonly Point[];
  readonly test: readonly Point[];
}

/** The state's points: drawn from its dataset, noise and seed, split into its training share and the test rest. */
export function makeData(state: PlaygroundState): Data {
  const points = generators[state.dataset]({ count: POINTS, noise: state.noise / 100, seed: state.seed });
  const { train, test } = split(points, { test: 1 - state.trainShare / 100, seed: state.seed });
  return { train, test };
}

/** Points as samples for `net`: its inputs from the point's features, its (first) output's target the label. */
export function toSamples(net: Network, points: readonly Point[]): Sample[] {
  const output = net.outputs[0] ?? OUTPUT;
  return points.map((point) => ({
    input: featureRecord(net.inputs, point.x, point.y),
    output: { [output]: point.label },
  }));
}

/** What the playground can train: one to seven inputs, one output, no time. The problem in words, or undefined. */
export function unsupported(net: Network): string | undefined {
  if (net.inputs.length === 0 || net.inputs.length > 7) {
    return `it has ${net.inputs.length} inputs; the playground feeds 1 to 7 (x\u2081, x\u2082, x\u2081\u00b2, \u2026 in order).`;
  }
  if (net.outputs.length !== 1) return `it has ${net.outputs.length} outputs; the playground trains exactly one.`;
  let delayed = false;
  net.graph.forEachEdge((_edge, attributes) => {
    if ((attributes.delay ?? 0) > 0) delayed = true;
  });
  if (delayed) return 'it has delayed connections; the playground trains networks without time.';
  return undefined;
}
