/**
 * Network
 * =======
 *
 * A network of neurons on a graphology directed graph: building and validating it,
 * propagating signals through it, and telling listeners about every activation.
 *
 * Every method checks all of its arguments before it changes anything, so a call
 * that throws leaves the graph, the weights and the last run's values as they were.
 */
import { DirectedGraph } from 'graphology';
import { EventEmitter } from 'eventemitter3';
import { resolveActivation, type ActivationSpec } from '../activations.js';
import { describe, withArticle } from '../format/describe.js';
import { checkOptionNames } from '../format/options.js';
import { isRevokedProxy } from '../format/revoked-proxy.js';
import { neuronIdProblem } from './neuron-id.js';
import { cycleClosedBy } from './cycle.js';
import { checkEdges, readEdgeInput, type EdgeColumns, type EdgeSpec } from './connect-many.js';
import { addFewEdges, fewEdgesAccepted, FULL_CHECKS_WHILE_PENDING, isFew } from './connect-few.js';
import { preferDictionaryAdjacency } from './dictionary-adjacency.js';
import { addPendingEdges, type PendingEdges } from './pending-edges.js';
import { softmaxNeuronProblem, softmaxSourceProblem } from './softmax-group.js';
import { CycleError, NotFoundError, UsageError } from '../errors.js';
import { hasListeners, type NetworkEvents } from './events.js';
import { readNeuronValues, type Inputs } from './read-values.js';
import {
  connectionAttributes,
  DEFAULT_ACTIVATION,
  isComputed,
  roleNames,
  type Aggregate,
  type NeuronAttributes,
  type NeuronGraph,
} from './neuron.js';
import { MAX_DELAY, type Plan } from '../plan/plan.js';
import { Memory } from '../executors/memory.js';
import { planCacheOf, type PlanCache } from '../plan/plan-cache.js';
import { nonFiniteSumError, propagate, type ActivationObserver } from '../executors/propagation.js';
import { SilentPass } from '../executors/silent-pass.js';
import { outputsByLoop } from '../executors/output-record.js';
import { readNetworkDocument, writeNetworkDocument, type NetworkDocument } from './serialize.js';
import { randomizeGraphWeights, type RandomizeOptions } from './weight-init.js';
import { buildLayered, type LayeredOptions } from './layered-network.js';
import { buildElman, type ElmanOptions } from './elman-network.js';
import { buildLstm, type LstmOptions } from './lstm-network.js';
import type { CompiledNetwork, CompileOptions } from '../executors/compiled-network.js';
import { compileNetwork } from '../executors/compile.js';
import { extractLayers, type DenseLayer } from '../plan/dense-model.js';

export interface InputOptions {
  readonly label?: string;
}

export interface NeuronOptions {
  /** Defaults to sigmoid. */
  readonly activation?: ActivationSpec;
  /** Defaults to 'hidden'. */
  readonly role?: 'hidden' | 'output';
  /** 'sum' (default) adds the weighted inputs; 'product' multiplies them (a gate). */
  readonly aggregate?: Aggregate;
  readonly label?: string;
}

export interface ConnectOptions {
  /**
   * 0 (default): the source's output of this step. d ≥ 1: its output of d steps earlier (0 before
   * there is one); such a connection may close a loop, a self-loop included.
   */
  readonly delay?: number;
  /** false: training never changes this connection's weight. Defaults to true. */
  readonly trainable?: boolean;
}

/** One connection as `Network.connection` describes it. */
export interface Connection {
  readonly from: string;
  readonly to: string;
  readonly weight: number;
  readonly delay: number;
  readonly trainable: boolean;
}

export interface SequenceOptions {
  /** Reset the network's memory before the first step; defaults to true. */
  readonly reset?: boolean;
}

export interface BiasOptions {
  /** The weight of each connection `addBias` makes; defaults to 0. */
  readonly weight?: number;
  readonly label?: string;
}

/** What the last completed run left: its plan (for positions) and its values. */
interface CommittedRun {
  readonly plan: Plan;
  values: Float64Array;
}

export class Network extends EventEmitter<NetworkEvents> {
  readonly #graph: NeuronGraph = new DirectedGraph({ allowSelfLoops: true });
  /**
   * Connections `connectMany` accepted that graphology does not hold yet (pending-edges.ts): only while nobody
   * has read `graph`. Every method that needs graphology's view of the connections asks `#fullGraph()`.
   */
  #pending: PendingEdges | null = null;
  /** Lists few enough for connect-few.ts that the full check took, because connections were pending. */
  #fewListsWhilePending = 0;
  /** Whether `graph` was ever handed out: from then on, connections go to graphology at once. */
  #graphHandedOut = false;
  /** Neurons added whose graphology adjacency is not in dictionary mode yet (dictionary-adjacency.ts). */
  #plainAdjacency: string[] = [];

  /** NOTE: the graph's plan cache, held directly so that a run costs no WeakMap look-up. */
  readonly #plans: PlanCache = planCacheOf(this.#graph);
  #runs = 0;
  /** Steps since the last reset, and the outputs of earlier steps that delayed connections read. */
  #time = 0;
  #memory: Memory | null = null;
  #running = false;
  #scratch: Float64Array = new Float64Array(0);
  #committed: CommittedRun | null = null;
  readonly #silentPass = new SilentPass();
  /**
   * Neurons added since the last completed run with the id of a neuron of that run: they have no value yet. (Any
   * other new id is not in the last run's plan, so it has no value anyway.)
   */
  #addedSinceRun = new Set<string>();

  constructor() {
    super();
    this.#graph.on('nodeAdded', ({ key }) => {
      if (this.#committed?.plan.positionOf.has(key)) this.#addedSinceRun.add(key);
    });
  }

  /** The graph itself: read it, and use graphology's tools on it; change it through Network's methods. */
  get graph(): NeuronGraph {
    this.#graphHandedOut = true;
    return this.#fullGraph();
  }

  /**
   * The graph with every accepted connection in it: pending ones go to graphology now, in the order accepted.
   * Every connection reaches graphology through here, so new neurons' adjacency turns to dictionary mode here too.
   */
  #fullGraph(): NeuronGraph {
    if (this.#plainAdjacency.length > 0) {
      // NOTE: in one batch, and not at all for a network whose connections never reach graphology.
      for (const id of this.#plainAdjacency) preferDictionaryAdjacency(this.#graph, id);
      this.#plainAdjacency = [];
    }
    const pending = this.#pending;
    if (pending !== null) {
      this.#pending = null;
      this.#fewListsWhilePending = 0;
      this.#plans.keepWhileAdding(() => addPendingEdges(this.#graph, pending));
    }
    return this.#graph;
  }

  /**
   * A fully connected layered network, e.g. `[2, 3, 1]`: inputs `x0…`, hidden layers
   * `h1_0…`, outputs `y0…`, and a `bias` neuron, with seeded Xavier-uniform weights.
   */
  static layered(sizes: readonly number[], options: LayeredOptions = {}): Network {
    const network = new Network();
    buildLayered(network, sizes, options);
    return network;
  }

  /**
   * An Elman network `[inputs, hidden, outputs]`: as `layered`, and every hidden neuron's output
   * comes back to every hidden neuron one step later (delay 1). Ids and options as `layered`'s.
   */
  static elman(sizes: readonly number[], options: ElmanOptions = {}): Network {
    const network = new Network();
    buildElman(network, sizes, options);
    return network;
  }

  /**
   * LSTM cells wired from neurons, `[inputs, cells, outputs]`: gates, candidate, product neurons
   * and a delayed cell state per cell (ids `cj_in`, `cj_forget`, … in lstm-network.ts), `bias`.
   */
  static lstm(sizes: readonly number[], options: LstmOptions = {}): Network {
    const network = new Network();
    buildLstm(network, sizes, options);
    return network;
  }

  /** A network from a `toJSON` document; a document it cannot accept is a SerializationError. */
  static fromJSON(document: unknown): Network {
    const network = new Network();
    readNetworkDocument(document, network.#graph, 'Network.fromJSON');
    return network;
  }

  // --- building ---------------------------------------------------------------------

  addInput(id: string, options: InputOptions = {}): this {
    this.#assertIdle('Network.addInput');
    this.#assertNewId(id, 'Network.addInput');
    checkOptionNames(options, ['label'], `Network.addInput: "${id}"`);
    const label = checkLabel(readOption(options, 'label'), `Network.addInput: "${id}"`);
    // Neurons are added without handing pending connections to graphology: they come last in its node order.
    this.#graph.addNode(id, label === undefined ? { role: 'input' } : { role: 'input', label });
    this.#plainAdjacency.push(id);
    return this;
  }

  addNeuron(id: string, options: NeuronOptions = {}): this {
    const known = ['activation', 'role', 'aggregate', 'label'];
    return this.#addComputed(id, readOption(options, 'role') ?? 'hidden', options, 'Network.addNeuron', known);
  }

  addOutput(id: string, options: Omit<NeuronOptions, 'role'> = {}): this {
    return this.#addComputed(id, 'output', options, 'Network.addOutput', ['activation', 'aggregate', 'label']);
  }

  /**
   * Adds a neuron that always outputs 1 and connects it to every hidden and output
   * neuron present now; those connections' weights are the biases.
   */
  addBias(id = 'bias', options: BiasOptions = {}): this {
    const where = 'Network.addBias';
    this.#assertIdle(where);
    this.#assertNewId(id, where);
    checkOptionNames(options, ['weight', 'label'], `${where}: "${id}"`);
    const weight = readOption(options, 'weight') ?? 0;
    checkWeight(weight, `${where}: "${id}"`);
    const label = checkLabel(readOption(options, 'label'), `${where}: "${id}"`);
    // Product neurons are gates: a constant factor of 1 × weight is not a bias there.
    const graph = this.#fullGraph();
    const targets = graph.filterNodes(
      (_node, attributes) => isComputed(attributes.role) && attributes.aggregate !== 'product',
    );
    this.#assertNeurons(where, targets);
    graph.addNode(id, label === undefined ? { role: 'bias' } : { role: 'bias', label });
    preferDictionaryAdjacency(graph, id);
    for (const target of targets) graph.addDirectedEdge(id, target, { weight });
    return this;
  }

  connect(from: string, to: string, weight: number, options?: ConnectOptions): this {
    const where = 'Network.connect';
    this.#assertIdle(where);
    // The options' getters run before the network is looked at: one that removes a neuron is then seen by the checks.
    const delay = readOption(options, 'delay') ?? 0;
    const trainable = readOption(options, 'trainable') ?? true;
    this.#assertNeurons(where, [from, to]);
    checkOptionNames(options, ['delay', 'trainable'], `${where}: "${from}" -> "${to}"`);
    if (typeof delay !== 'number' || !Number.isSafeInteger(delay) || delay < 0 || delay > MAX_DELAY) {
      throw new UsageError(
        `${where}: "${from}" -> "${to}": delay must be a whole number of steps from 0 to ${MAX_DELAY}, got ` +
          `${describe(delay)}.`,
      );
    }
    if (typeof trainable !== 'boolean') {
      throw new UsageError(
        `${where}: "${from}" -> "${to}": trainable must be true or false, got ${describe(trainable)}.`,
      );
    }
    const graph = this.#fullGraph();
    const softmaxProblem = softmaxSourceProblem(graph, from);
    if (softmaxProblem !== undefined) throw new UsageError(`${where}: "${from}" -> "${to}": ${softmaxProblem}.`);
    const targetRole = graph.getNodeAttribute(to, 'role');
    if (!isComputed(targetRole)) {
      throw new UsageError(
        `${where}: "${from}" -> "${to}": "${to}" is ${withArticle(targetRole)} neuron and takes no ` +
          'incoming connections; connect to a hidden or output neuron.',
      );
    }
    if (graph.hasDirectedEdge(from, to)) {
      throw new UsageError(
        `${where}: "${from}" -> "${to}" already exists; use Network.setWeight to change its weight.`,
      );
    }
    checkWeight(weight, `${where}: "${from}" -> "${to}"`);
    const cycle = delay === 0 ? cycleClosedBy(graph, from, to) : null;
    if (cycle !== null) {
      const shown = cycle.map((id) => `"${id}"`).join(' -> ');
      throw new CycleError(
        `${where}: "${from}" -> "${to}" would close the cycle ${shown} within one step; connect these neurons ` +
          'the other way, remove a connection of the cycle first, or make this connection delayed ({ delay: 1 }).',
        from,
        to,
        cycle,
      );
    }
    graph.addDirectedEdge(from, to, connectionAttributes(weight, delay, trainable));
    return this;
  }

  /**
   * Adds every connection of `edges` (`[from, to, weight]` or `{ from, to, weight, delay?, trainable? }`, or
   * columns `{ from: [...], to: [...], weight: [...] }`), all checked first as `connect` checks one, acyclicity
   * with one topological sort (or, for a few connections into a big network, one search per connection:
   * connect-few.ts): all of them, or none and an error.
   */
  connectMany(edges: Iterable<EdgeSpec> | EdgeColumns): this {
    const where = 'Network.connectMany';
    this.#assertIdle(where);
    // Every getter of `edges` runs first: one that changes the network must not leave the check comparing against
    // the pending connections of before (a nested connectMany, a neuron removed: node indices shift).
    const read = readEdgeInput(edges, where);
    if (read.stop === undefined && read.from.length === 0) return this;
    // NOTE: a few connections into a big network are checked as connect checks each (connect-few.ts), not by a
    // sort of the whole network: call after call, that sort made building one neuron at a time quadratic.
    const pendingCount = this.#pending?.count ?? 0;
    if (
      read.stop === undefined &&
      isFew(read.from.length, this.#graph.order + this.#graph.size + pendingCount) &&
      (pendingCount === 0 || ++this.#fewListsWhilePending > FULL_CHECKS_WHILE_PENDING)
    ) {
      const graph = this.#fullGraph();
      const few = fewEdgesAccepted(graph, read);
      if (few !== null) {
        addFewEdges(graph, few);
        return this;
      }
    }
    const { edges: accepted, joined, plan } = checkEdges(this.#graph, this.#pending, () => this.#fullGraph(), read);
    if (accepted.count === 0) return this;
    if (this.#graphHandedOut) {
      // Someone may hold the graph (and listen to it): it must show every connection now.
      addPendingEdges(this.#fullGraph(), accepted);
    } else {
      // NOTE: nobody can see graphology's edges yet; they are added when somebody can (pending-edges.ts). The
      // check's plan is the plan of the network now.
      this.#pending = joined;
      this.#plans.replace(plan);
    }
    return this;
  }

  setWeight(from: string, to: string, weight: number): this {
    const where = 'Network.setWeight';
    this.#assertIdle(where);
    this.#assertConnection(where, from, to);
    checkWeight(weight, `${where}: "${from}" -> "${to}"`);
    this.#fullGraph().setDirectedEdgeAttribute(from, to, 'weight', weight);
    return this;
  }

  disconnect(from: string, to: string): this {
    const where = 'Network.disconnect';
    this.#assertIdle(where);
    this.#assertConnection(where, from, to);
    this.#fullGraph().dropDirectedEdge(from, to);
    return this;
  }

  /** Removes a neuron and all of its connections. */
  removeNeuron(id: string): this {
    const where = 'Network.removeNeuron';
    this.#assertIdle(where);
    this.#assertNeurons(where, [id]);
    this.#fullGraph().dropNode(id);
    return this;
  }

  /** Redraws every weight from a seeded distribution (see `RandomizeOptions`). */
  randomizeWeights(options: RandomizeOptions): this {
    this.#assertIdle('Network.randomizeWeights');
    randomizeGraphWeights(this.#fullGraph(), options, 'Network.randomizeWeights');
    return this;
  }

  // --- reading ----------------------------------------------------------------------

  weight(from: string, to: string): number {
    this.#assertConnection('Network.weight', from, to);
    return this.#fullGraph().getDirectedEdgeAttribute(from, to, 'weight');
  }

  /** The connection from → to: its weight, delay (0 for immediate) and whether training may change it. */
  connection(from: string, to: string): Connection {
    this.#assertConnection('Network.connection', from, to);
    const { weight, delay = 0, trainable = true } = this.#fullGraph().getDirectedEdgeAttributes(from, to);
    return { from, to, weight, delay, trainable };
  }

  /** Time steps (runs) since the last `reset()`. */
  get time(): number {
    return this.#time;
  }

  /** Forgets every remembered output (delayed connections read 0 again) and starts time at 0. */
  reset(): this {
    this.#assertIdle('Network.reset');
    this.#time = 0;
    this.#memory = null;
    return this;
  }

  /** The neuron's output in the last completed run; undefined if it was not part of it. */
  value(id: string): number | undefined {
    if (typeof id !== 'string') throw new UsageError(`Network.value: a neuron id is a string, got ${describe(id)}.`);
    const committed = this.#committed;
    // Neurons are never pending: no need to hand connections to graphology.
    if (committed === null || !this.#graph.hasNode(id) || this.#addedSinceRun.has(id)) return undefined;
    const position = committed.plan.positionOf.get(id);
    return position === undefined ? undefined : committed.values[position];
  }

  /** Input ids, in insertion order (the order of `run`'s array form). */
  get inputs(): readonly string[] {
    // NOTE: a plain copy, as `outputs` (below) says why.
    return [...this.#currentPlan().inputIds];
  }

  /** Output ids, in insertion order (the order of `run`'s result). */
  get outputs(): readonly string[] {
    // NOTE: a plain copy, not the plan's frozen array: V8 loads an element of a frozen (or sealed, or non-extensible)
    // array it holds as a constant through a generic KeyedLoadIC call, so a caller's `record[ids[k]]` with
    // `const ids = net.outputs` cost ~30 ns more on XOR. A copy per call, so nothing a caller does to it reaches the
    // plan (test/network-id-lists.test.ts).
    return [...this.#currentPlan().outputIds];
  }

  /** Every neuron id, in insertion order. */
  get neurons(): readonly string[] {
    return this.#currentPlan().neuronIds;
  }

  /** The compiled plan propagation runs; rebuilt only after a structural change. */
  #currentPlan(): Plan {
    return this.#plans.current(this.#pending);
  }

  // --- running ----------------------------------------------------------------------

  /** Propagates one input vector (one time step); returns the output neurons' outputs keyed by id. */
  run(inputs: Inputs): Record<string, number> {
    this.#assertIdle('Network.run');
    // NOTE: the usual call on a hot plan is taken here whole (a small method, for V8 to inline): nobody listening,
    // no delayed connections, a Float64Array of finite inputs and finite sums: one generated call (silent-pass.ts).
    // It writes nothing unless everything is finite, so it writes straight into the last run's values: no buffer
    // swap. The same plan as the last run's means no neuron was added since (that makes a new plan).
    const plan = this.#currentPlan();
    const committed = this.#committed;
    if (committed !== null && committed.plan === plan && plan.maxDelay === 0 && !hasListeners(this)) {
      const outputs = this.#silentPass.tryRun(plan, inputs, committed.values);
      if (outputs !== null) {
        this.#runs++;
        this.#time++;
        return outputs;
      }
    }
    return this.#step(inputs, 'Network.run');
  }

  /**
   * Runs a list of inputs as consecutive time steps (after a reset, unless `{ reset: false }`)
   * and returns each step's outputs. A step that throws undoes the whole sequence: time, memory
   * and the last run's values are as they were before the call.
   */
  runSequence(steps: readonly Inputs[], options?: SequenceOptions): Record<string, number>[] {
    const where = 'Network.runSequence';
    this.#assertIdle(where);
    checkOptionNames(options, ['reset'], where);
    const reset = readOption(options, 'reset') ?? true;
    if (typeof reset !== 'boolean')
      throw new UsageError(`${where}: reset must be true or false, got ${describe(reset)}.`);
    if (isRevokedProxy(steps) || !Array.isArray(steps)) {
      throw new UsageError(`${where}: steps must be an array of inputs (records or arrays), got ${describe(steps)}.`);
    }
    const saved = {
      time: this.#time,
      memory: this.#memory?.copy() ?? null,
      committed: this.#committed === null ? null : { ...this.#committed, values: this.#committed.values.slice() },
      added: new Set(this.#addedSinceRun),
    };
    try {
      if (reset) this.reset();
      return steps.map((inputs, k) => this.#step(inputs, `${where}: steps[${k}]`));
    } catch (error) {
      this.#time = saved.time;
      this.#memory = saved.memory;
      this.#committed = saved.committed;
      this.#addedSinceRun = saved.added;
      throw error;
    }
  }

  #step(inputs: Inputs, where: string): Record<string, number> {
    const plan = this.#currentPlan();
    if (this.#scratch.length !== plan.size) this.#scratch = new Float64Array(plan.size);
    const values = this.#scratch;
    // Running from here: a record's getters run while it is read, and may no more run or change the network than
    // a listener may (a nested run would commit this step's buffer under it).
    this.#running = true;
    try {
      readNeuronValues(inputs, plan.inputIds, plan.inputPositions, values, where);
      // NOTE: with nobody listening to anything (one load) and no delayed connections: the silent pass (the loops,
      // or generated code once the plan is hot), no listener counts, no observer.
      if (plan.maxDelay === 0 && !hasListeners(this)) {
        this.#runs++;
        const outputs = this.#silentPass.run(plan, values, where);
        this.#commit(plan, values, undefined, this.#time);
        return outputs;
      }
      const memory = this.#memoryFor(plan);
      const run = ++this.#runs;
      const time = this.#time;
      if (this.listenerCount('runStarted') > 0) {
        const given: Record<string, number> = {};
        plan.inputIds.forEach((id, i) => (given[id] = values[plan.inputPositions[i]!]!));
        this.emit('runStarted', { run, time, inputs: given });
      }
      // NOTE: an observer (and a payload per neuron) exists only when someone listens.
      const observer: ActivationObserver | undefined =
        this.listenerCount('neuronActivated') > 0
          ? (position, input, output) =>
              this.emit('neuronActivated', {
                run,
                time,
                neuron: plan.ids[position]!,
                role: roleNames[plan.roles[position]!]!,
                generation: plan.generations[position]!,
                step: position,
                input,
                output,
              })
          : undefined;
      const failed = propagate(plan, values, observer, memory);
      if (failed >= 0) throw nonFiniteSumError(plan.ids[failed]!, where);
      const outputs = outputsByLoop(plan.outputIds, plan.outputPositions, values);
      this.#commit(plan, values, memory, time);
      if (this.listenerCount('runCompleted') > 0) this.emit('runCompleted', { run, time, outputs });
      return outputs;
    } finally {
      this.#running = false;
    }
  }

  /** A finished step becomes the last run: its buffer the values `value()` reads (the old one is the next scratch). */
  #commit(plan: Plan, values: Float64Array, memory: Memory | undefined, time: number): void {
    const previous = this.#committed;
    if (previous !== null && previous.plan === plan) {
      // NOTE: the same plan keeps its record and swaps buffers: nothing is allocated.
      this.#scratch = previous.values;
      previous.values = values;
    } else {
      this.#committed = { plan, values };
      this.#scratch =
        previous !== null && previous.values.length === plan.size ? previous.values : new Float64Array(plan.size);
    }
    if (this.#addedSinceRun.size > 0) this.#addedSinceRun.clear();
    if (memory !== undefined) {
      memory.remember(values);
      this.#memory = memory;
    }
    this.#time = time + 1;
  }

  /**
   * The memory a step of `plan` reads: the network's own, or (after a structural change) a
   * new one that carries each remaining neuron's earlier outputs. Kept only when the step commits.
   */
  #memoryFor(plan: Plan): Memory | undefined {
    if (plan.maxDelay === 0) return undefined;
    const memory = this.#memory;
    if (memory === null) return new Memory(plan);
    return memory.plan === plan ? memory : memory.carriedTo(plan);
  }

  // --- compiling --------------------------------------------------------------------

  /**
   * A silent, fast snapshot of the network as it is now (dense layers when layered); `{ precision: 'float32' }`
   * runs layered sigmoid/identity networks in float32 with WebAssembly SIMD (see `CompiledNetwork.precision`).
   */
  compile(options?: CompileOptions): CompiledNetwork {
    return compileNetwork(this.#currentPlan(), options);
  }

  /** Each generation as a weight matrix, bias vector and activation; a UsageError if the network is not layered. */
  toMatrices(): DenseLayer[] {
    const found = extractLayers(this.#currentPlan());
    if ('reason' in found) {
      throw new UsageError(
        `Network.toMatrices: the network is not layered: ${found.reason}. ` +
          'Use compile() for any network, or connect layer to layer.',
      );
    }
    return found.layers;
  }

  // --- serialization ----------------------------------------------------------------

  /** The graphology serialization of this network; `Network.fromJSON` reads it back exactly. */
  toJSON(): NetworkDocument {
    return writeNetworkDocument(this.#fullGraph());
  }

  // --- checks -----------------------------------------------------------------------

  #addComputed(id: string, role: unknown, options: NeuronOptions, where: string, known: readonly string[]): this {
    this.#assertIdle(where);
    this.#assertNewId(id, where);
    checkOptionNames(options, known, `${where}: "${id}"`);
    if (role !== 'hidden' && role !== 'output') {
      throw new UsageError(
        `${where}: "${id}" cannot have role ${describe(role)}; use addInput, addBias, or role 'hidden' or 'output'.`,
      );
    }
    const activation = resolveActivation(readOption(options, 'activation') ?? DEFAULT_ACTIVATION, `${where}: "${id}"`);
    const aggregate = readOption(options, 'aggregate') ?? 'sum';
    if (aggregate !== 'sum' && aggregate !== 'product') {
      throw new UsageError(`${where}: "${id}": aggregate must be 'sum' or 'product', got ${describe(aggregate)}.`);
    }
    const label = checkLabel(readOption(options, 'label'), `${where}: "${id}"`);
    const attributes: NeuronAttributes = { role, activation: activation.spec };
    if (aggregate === 'product') attributes.aggregate = 'product';
    if (label !== undefined) attributes.label = label;
    const softmaxProblem = softmaxNeuronProblem(id, attributes);
    if (softmaxProblem !== undefined) throw new UsageError(`${where}: ${softmaxProblem}.`);
    this.#graph.addNode(id, attributes);
    this.#plainAdjacency.push(id);
    return this;
  }

  #assertIdle(where: string): void {
    if (this.#running) {
      throw new UsageError(
        `${where}: called while a run is under way (from a listener, or from a getter of the run's inputs); ` +
          'listeners may read the network, but change it or run it again only after run() returns.',
      );
    }
  }

  #assertNewId(id: string, where: string): void {
    const problem = neuronIdProblem(id);
    if (problem !== undefined) throw new UsageError(`${where}: ${problem}.`);
    if (this.#graph.hasNode(id)) {
      const role = this.#graph.getNodeAttribute(id, 'role');
      throw new UsageError(
        `${where}: "${id}" already exists (${withArticle(role)} neuron); choose another id or remove it first.`,
      );
    }
  }

  #assertNeurons(where: string, ids: readonly string[]): void {
    const missing = ids.filter((id) => typeof id !== 'string' || !this.#graph.hasNode(id));
    if (missing.length > 0) {
      const names = missing.map((id) => describe(id)).join(' and ');
      throw new NotFoundError(
        `${where}: no neuron ${names}; add ${missing.length > 1 ? 'them' : 'it'} first (neurons: ${this.#someIds()}).`,
      );
    }
    for (const id of ids) {
      const problem = neuronIdProblem(id);
      // Only a neuron added to the graph directly can have such an id.
      if (problem !== undefined) throw new UsageError(`${where}: ${problem}; it was added to the graph directly.`);
    }
  }

  #assertConnection(where: string, from: string, to: string): void {
    this.#assertNeurons(where, [from, to]);
    if (!this.#fullGraph().hasDirectedEdge(from, to)) {
      throw new NotFoundError(`${where}: there is no connection "${from}" -> "${to}"; create it with Network.connect.`);
    }
  }

  #someIds(): string {
    const ids = this.#graph.nodes();
    const shown = ids
      .slice(0, 8)
      .map((id) => `"${id}"`)
      .join(', ');
    return ids.length > 8 ? `${shown}, … ${ids.length} in all` : shown || 'none yet';
  }
}

function checkWeight(weight: unknown, where: string): asserts weight is number {
  if (typeof weight !== 'number' || !Number.isFinite(weight)) {
    throw new UsageError(`${where}: a weight must be a finite number, got ${describe(weight)}.`);
  }
}

function checkLabel(label: unknown, where: string): string | undefined {
  if (label !== undefined && typeof label !== 'string') {
    throw new UsageError(`${where}: a label must be a string, got ${describe(label)}.`);
  }
  return label;
}

/**
 * One option, read once (a getter could answer differently the second time); options
 * that are not an object (null included) give nothing.
 */
function readOption<T extends object, K extends keyof T>(options: T | null | undefined, key: K): T[K] | undefined {
  // A revoked Proxy gives nothing here; checkOptionNames refuses it with a UsageError.
  return typeof options === 'object' && options !== null && !isRevokedProxy(options) ? options[key] : undefined;
}
