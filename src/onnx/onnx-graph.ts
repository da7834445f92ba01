/**
 * The network as an ONNX graph
 * ============================
 *
 * Builds the ModelProto of one time step of a plan, and the *layout* that says where each
 * connection's weight lives in it (initializer and index), which `fromOnnx` uses to read the
 * weights of a model this wrote back into the same connections.
 *
 * - A layered plan (dense-model.ts, at most one bias neuron) becomes one `Gemm` per layer
 *   (weights `[to, from]` with transB = 1, the bias vector as C) and one activation.
 * - Any other plan becomes one block per generation: the outputs of earlier generations that it
 *   reads (and the remembered outputs) are concatenated into one tensor, and each group of the
 *   generation's neurons that share an activation and an aggregate reads it: a sum group through
 *   a `MatMul` with a masked weight matrix (zero where there is no connection) plus one bias
 *   vector per bias neuron, a product group by gathering each neuron's factors, multiplying by
 *   their weights and `ReduceProd` (rows with fewer factors are padded with factors of exactly 1).
 * - Activations: Sigmoid, Tanh, Relu, LeakyRelu(alpha), Identity, step as Greater(threshold) +
 *   Cast, and the softmax group as one Softmax(axis = -1) over its neurons.
 * - Memory: a delayed connection of delay d from neuron s reads column (s, d) of the `state`
 *   input; `next_state` gives (s, 1) = s's output now and (s, d) = state's (s, d - 1), so feeding
 *   `next_state` back as `state` steps the network through time (all zeros after a reset).
 */
import { activationNames, type ActivationName } from '../activations.js';
import { UsageError } from '../errors.js';
import { isRevokedProxy } from '../format/revoked-proxy.js';
import { BIAS, INPUT, type NeuronGraph } from '../graph/neuron.js';
import { writeNetworkDocument } from '../graph/serialize.js';
import { denseModelOf, type DenseModel } from '../plan/dense-model.js';
import type { Plan } from '../plan/plan.js';
import {
  AttributeType,
  DataType,
  DEFAULT_OPSET,
  irVersionOf,
  MAX_OPSET,
  MIN_OPSET,
  type AttributeMessage,
  type ModelMessage,
  type NodeMessage,
  type TensorMessage,
  type ValueInfoMessage,
} from './proto.js';
import { int64Tensor, realTensor } from './tensors.js';

export interface OnnxOptions {
  /** The element type of every tensor: 'float32' (the default) or 'float64'. */
  readonly dtype?: 'float32' | 'float64';
  /** The ONNX opset, from 17 to 26 (the default, the newest onnxruntime 1.30 loads). */
  readonly opset?: number;
}

/** The names of the graph's tensors that a caller feeds and reads. */
export const ONNX_NAMES = { input: 'input', output: 'output', state: 'state', nextState: 'next_state' } as const;

/** Where each connection's weight is, by plan slot: an initializer and an index in it. */
export interface WeightLayout {
  readonly initializer: readonly string[];
  readonly index: Int32Array;
}

export interface BuiltModel {
  readonly model: ModelMessage;
  readonly layout: WeightLayout;
  /** Names of the initializers that hold weights (their values come from the network). */
  readonly weightInitializers: ReadonlySet<string>;
}

/** Checked options. */
export function resolveOnnxOptions(options: unknown, where: string): { dtype: 'float32' | 'float64'; opset: number } {
  if (
    options !== undefined &&
    (typeof options !== 'object' || options === null || isRevokedProxy(options) || Array.isArray(options))
  ) {
    throw new UsageError(`${where}: options must be an object such as { dtype: 'float64' }.`);
  }
  const given = (options ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(given)) {
    if (key !== 'dtype' && key !== 'opset') {
      throw new UsageError(`${where}: unknown option "${key}"; the options are dtype and opset.`);
    }
  }
  const dtype = given.dtype ?? 'float32';
  if (dtype !== 'float32' && dtype !== 'float64') {
    throw new UsageError(
      `${where}: dtype must be 'float32' or 'float64', got ${JSON.stringify(dtype) ?? String(dtype)}.`,
    );
  }
  const opset = given.opset ?? DEFAULT_OPSET;
  if (typeof opset !== 'number' || !Number.isInteger(opset) || opset < MIN_OPSET || opset > MAX_OPSET) {
    throw new UsageError(
      `${where}: opset must be a whole number from ${MIN_OPSET} to ${MAX_OPSET}, got ${String(opset)}.`,
    );
  }
  return { dtype, opset };
}

interface Column {
  readonly tensor: string;
  readonly column: number;
}

class GraphBuilder {
  readonly nodes: NodeMessage[] = [];
  readonly initializers: TensorMessage[] = [];
  readonly valueInfo: ValueInfoMessage[] = [];
  readonly weightInitializers = new Set<string>();
  readonly widths = new Map<string, number>();
  readonly #produced = new Set<string>();

  constructor(
    readonly dataType: number,
    readonly opset: number,
  ) {}

  node(opType: string, inputs: string[], output: string, attributes: AttributeMessage[] = []): string {
    this.nodes.push({ name: output, op_type: opType, input: inputs, output: [output], attribute: attributes });
    this.#produced.add(output);
    return output;
  }

  produced(name: string): boolean {
    return this.#produced.has(name);
  }

  real(name: string, dims: number[], values: ArrayLike<number>, weights = false): string {
    this.initializers.push(realTensor(name, dims, this.dataType, values));
    if (weights) this.weightInitializers.add(name);
    return name;
  }

  ints(name: string, dims: number[], values: number[]): string {
    this.initializers.push(int64Tensor(name, dims, values));
    return name;
  }

  /** Records a 2-D tensor's width and the neurons its columns hold (in its documentation). */
  columns(name: string, ids: readonly string[]): void {
    this.widths.set(name, ids.length);
    this.valueInfo.push(valueInfo(name, this.dataType, ids.length, `neurons: ${JSON.stringify(ids)}`));
  }

  /** Applies an activation to `input`, producing `output`. */
  activation(name: ActivationName, parameter: number, input: string, output: string): string {
    switch (name) {
      case 'sigmoid':
        return this.node('Sigmoid', [input], output);
      case 'tanh':
        return this.node('Tanh', [input], output);
      case 'relu':
        return this.node('Relu', [input], output);
      case 'identity':
        return this.node('Identity', [input], output);
      case 'leakyRelu': {
        if (this.dataType === DataType.FLOAT) {
          return this.node('LeakyRelu', [input], output, [{ name: 'alpha', type: AttributeType.FLOAT, f: parameter }]);
        }
        // onnxruntime has no double LeakyRelu; max(x, alpha·x) is the same function for alpha in [0, 1], bit for bit.
        const scaled = this.node('Mul', [input, this.real(`${output}_alpha`, [], [parameter])], `${output}_scaled`);
        return this.node('Max', [input, scaled], output);
      }
      case 'softmax':
        return this.node('Softmax', [input], output, [{ name: 'axis', type: AttributeType.INT, i: -1 }]);
      case 'step': {
        const threshold = this.real(`${output}_threshold`, [], [parameter]);
        const fired = this.node('Greater', [input, threshold], `${output}_fired`);
        return this.node('Cast', [fired], output, [{ name: 'to', type: AttributeType.INT, i: this.dataType }]);
      }
    }
  }

  /**
   * A tensor whose columns are `refs`, in order: one existing tensor when they are exactly its
   * columns, else Concat of the tensors involved and one Gather.
   */
  select(name: string, refs: readonly Column[]): string {
    const first = refs[0]?.tensor;
    if (first !== undefined && refs.every((ref, k) => ref.tensor === first && ref.column === k)) {
      if (this.widths.get(first) === refs.length) return first;
    }
    const tensors = [...new Set(refs.map((ref) => ref.tensor))];
    const offsets = new Map<string, number>();
    let width = 0;
    for (const tensor of tensors) {
      offsets.set(tensor, width);
      width += this.widths.get(tensor)!;
    }
    const all = tensors.length === 1 ? tensors[0]! : this.concat(`${name}_parts`, tensors);
    const indices = this.ints(
      `${name}_index`,
      [refs.length],
      refs.map((ref) => offsets.get(ref.tensor)! + ref.column),
    );
    return this.node('Gather', [all, indices], name, [{ name: 'axis', type: AttributeType.INT, i: 1 }]);
  }

  concat(name: string, tensors: readonly string[]): string {
    if (tensors.length === 1) return tensors[0]!;
    this.widths.set(
      name,
      tensors.reduce((sum, tensor) => sum + this.widths.get(tensor)!, 0),
    );
    return this.node('Concat', [...tensors], name, [{ name: 'axis', type: AttributeType.INT, i: 1 }]);
  }

  /** The product over the last axis: ReduceProd takes its axes as an attribute before opset 18, as an input since. */
  reduceProduct(input: string, output: string): string {
    const keep = { name: 'keepdims', type: AttributeType.INT, i: 0 };
    if (this.opset < 18) {
      return this.node('ReduceProd', [input], output, [{ name: 'axes', type: AttributeType.INTS, ints: [2] }, keep]);
    }
    return this.node('ReduceProd', [input, this.ints(`${output}_axes`, [1], [2])], output, [keep]);
  }
}

function valueInfo(name: string, dataType: number, width: number, doc?: string): ValueInfoMessage {
  const info: ValueInfoMessage = {
    name,
    type: { tensor_type: { elem_type: dataType, shape: { dim: [{ dim_param: 'batch' }, { dim_value: width }] } } },
  };
  if (doc !== undefined) info.doc_string = doc;
  return info;
}

/** The model of one step of `plan`; `graph` supplies the structure kept in the metadata. */
export function buildOnnxModel(
  plan: Plan,
  graph: NeuronGraph,
  options: { dtype: 'float32' | 'float64'; opset: number },
  where: string,
): BuiltModel {
  if (plan.inputIds.length === 0 || plan.outputIds.length === 0) {
    throw new UsageError(
      `${where}: the network needs at least one input and one output neuron to become a model (it has ` +
        `${plan.inputIds.length} inputs and ${plan.outputIds.length} outputs); add them first.`,
    );
  }
  const dataType = options.dtype === 'float64' ? DataType.DOUBLE : DataType.FLOAT;
  const builder = new GraphBuilder(dataType, options.opset);
  const slots = plan.weights.length;
  const layout = { initializer: new Array<string>(slots).fill(''), index: new Int32Array(slots) };
  const where_ = new Map<number, Column>();
  builder.columns(ONNX_NAMES.input, plan.inputIds);
  plan.inputPositions.forEach((position, column) => where_.set(position, { tensor: ONNX_NAMES.input, column }));

  const dense = denseModelOf(plan);
  const layered =
    'model' in dense &&
    dense.model.layers.length > 0 &&
    plan.biasPositions.length <= 1 &&
    sameIds(dense.model.layers[0]!.from, plan.inputIds);
  const stateColumns = layered ? [] : buildBlocks(plan, builder, layout, where_);
  if (layered) buildLayers(plan, (dense as { model: DenseModel }).model, builder, layout, where_);

  // The outputs, and the next state, as selections of columns; renaming keeps the graph free of copies.
  const renames = new Map<string, string>();
  const finish = (name: string, refs: Column[]) => {
    const selected = builder.select(name, refs);
    if (selected === name) return;
    if (builder.produced(selected) && !renames.has(selected)) renames.set(selected, name);
    else builder.node('Identity', [selected], name);
  };
  finish(
    ONNX_NAMES.output,
    plan.outputIds.map((_id, k) => where_.get(plan.outputPositions[k]!)!),
  );
  if (stateColumns.length > 0) {
    finish(
      ONNX_NAMES.nextState,
      stateColumns.map(([position, lag]) =>
        lag === 1
          ? where_.get(position)!
          : { tensor: ONNX_NAMES.state, column: stateColumnIndex(stateColumns, position, lag - 1) },
      ),
    );
  }
  const rename = (name: string) => renames.get(name) ?? name;
  for (const node of builder.nodes) {
    node.input = node.input!.map(rename);
    node.output = node.output!.map(rename);
    node.name = node.output[0]!;
  }
  const renamed = new Set(renames.keys());
  const valueInfos = builder.valueInfo.filter((info) => !renamed.has(info.name!) && info.name !== ONNX_NAMES.input);

  const stateIds = stateColumns.map(([position, lag]) => [plan.ids[position]!, lag] as const);
  const inputs = [
    valueInfo(ONNX_NAMES.input, dataType, plan.inputIds.length, `neurons: ${JSON.stringify(plan.inputIds)}`),
  ];
  const outputs = [
    valueInfo(ONNX_NAMES.output, dataType, plan.outputIds.length, `neurons: ${JSON.stringify(plan.outputIds)}`),
  ];
  if (stateIds.length > 0) {
    const doc = `remembered outputs [neuron, steps ago]: ${JSON.stringify(stateIds)}`;
    inputs.push(valueInfo(ONNX_NAMES.state, dataType, stateIds.length, `${doc}; zeros after a reset`));
    outputs.push(valueInfo(ONNX_NAMES.nextState, dataType, stateIds.length, `${doc}, for the next step`));
  }

  const document = writeNetworkDocument(graph);
  const structure = {
    ...document,
    edges: document.edges.map(({ source, target, attributes: { weight: _weight, ...rest } }) => ({
      source,
      target,
      attributes: rest,
    })),
  };
  const metadata: [string, string][] = [
    ['neurograph.inputs', JSON.stringify(plan.inputIds)],
    ['neurograph.outputs', JSON.stringify(plan.outputIds)],
    ['neurograph.structure', JSON.stringify(structure)],
  ];
  if (stateIds.length > 0) metadata.push(['neurograph.state', JSON.stringify(stateIds)]);

  const model: ModelMessage = {
    ir_version: irVersionOf(options.opset),
    opset_import: [{ domain: '', version: options.opset }],
    producer_name: 'neurograph',
    doc_string:
      stateIds.length > 0
        ? 'One time step of a neurograph network. Feed `state` (zeros after a reset) and read `next_state` to step it.'
        : 'A neurograph network.',
    graph: {
      name: 'neurograph',
      node: builder.nodes,
      initializer: builder.initializers,
      input: inputs,
      output: outputs,
      value_info: valueInfos,
    },
    metadata_props: metadata.map(([key, value]) => ({ key, value })),
  };
  return { model, layout, weightInitializers: builder.weightInitializers };
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, k) => id === b[k]);
}

function stateColumnIndex(columns: readonly (readonly [number, number])[], position: number, lag: number): number {
  return columns.findIndex(([p, l]) => p === position && l === lag);
}

/** One Gemm and one activation per layer. */
function buildLayers(
  plan: Plan,
  model: DenseModel,
  builder: GraphBuilder,
  layout: { initializer: string[]; index: Int32Array },
  where: Map<number, Column>,
): void {
  const hasBias = new Set<number>();
  for (let slot = 0; slot < plan.weights.length; slot++) {
    const k = model.slotLayer[slot]!;
    const name = `layer${k + 1}`;
    if (model.slotIsBias[slot] === 1) hasBias.add(k);
    layout.initializer[slot] = model.slotIsBias[slot] === 1 ? `${name}_bias` : `${name}_weight`;
    layout.index[slot] = model.slotIndex[slot]!;
  }
  let previous: string = ONNX_NAMES.input;
  model.layers.forEach((layer, k) => {
    const name = `layer${k + 1}`;
    const inputs = [
      previous,
      builder.real(`${name}_weight`, [layer.to.length, layer.from.length], layer.weights, true),
    ];
    if (hasBias.has(k)) inputs.push(builder.real(`${name}_bias`, [layer.to.length], layer.bias, true));
    const sum = builder.node('Gemm', inputs, `${name}_sum`, [{ name: 'transB', type: AttributeType.INT, i: 1 }]);
    builder.columns(sum, layer.to);
    builder.activation(activationNames[layer.code]!, layer.parameter, sum, name);
    builder.columns(name, layer.to);
    layer.to.forEach((id, column) => where.set(plan.positionOf.get(id)!, { tensor: name, column }));
    previous = name;
  });
}

/** One block per generation; returns the state's columns ([position, lag]). */
function buildBlocks(
  plan: Plan,
  builder: GraphBuilder,
  layout: { initializer: string[]; index: Int32Array },
  where: Map<number, Column>,
): [number, number][] {
  const { size, roles, generations, starts, delayedStarts, sources, weights, delays, products, ids } = plan;

  // Remembered outputs: every (source, lag) up to the longest delay read from that source.
  const longest = new Int32Array(size);
  for (let slot = starts[size]!; slot < weights.length; slot++) {
    const source = sources[slot]!;
    if (delays[slot]! > longest[source]!) longest[source] = delays[slot]!;
  }
  const stateColumns: [number, number][] = [];
  for (let position = 0; position < size; position++) {
    for (let lag = 1; lag <= longest[position]!; lag++) stateColumns.push([position, lag]);
  }
  const stateColumn = new Map(stateColumns.map(([position, lag], column) => [`${position}:${lag}`, column]));
  if (stateColumns.length > 0) {
    builder.widths.set(ONNX_NAMES.state, stateColumns.length);
  }

  // Bias neurons as columns of ones, when something reads them as a column (a factor, or the state).
  const biasPositions = [...plan.biasPositions];
  const biasAsColumn = biasPositions.some((bias) => {
    if (longest[bias]! > 0) return true;
    for (let target = 0; target < size; target++) {
      if (products[target] !== 1) continue;
      for (let slot = starts[target]!; slot < starts[target + 1]!; slot++) if (sources[slot] === bias) return true;
    }
    return false;
  });
  if (biasAsColumn) {
    const batch = builder.node(
      'Slice',
      [
        builder.node('Shape', [ONNX_NAMES.input], 'bias_batch_shape'),
        builder.ints('bias_slice_start', [1], [0]),
        builder.ints('bias_slice_end', [1], [1]),
      ],
      'bias_batch',
    );
    const shape = builder.node(
      'Concat',
      [batch, builder.ints('bias_width', [1], [biasPositions.length])],
      'bias_shape',
      [{ name: 'axis', type: AttributeType.INT, i: 0 }],
    );
    builder.node('ConstantOfShape', [shape], 'bias_ones', [
      { name: 'value', type: AttributeType.TENSOR, t: realTensor('', [1], builder.dataType, [1]) },
    ]);
    builder.columns(
      'bias_ones',
      biasPositions.map((p) => ids[p]!),
    );
    biasPositions.forEach((position, column) => where.set(position, { tensor: 'bias_ones', column }));
  }

  // The computing neurons, by generation, then in groups (kind, activation, parameter) in plan order.
  const byGeneration = new Map<number, Map<string, number[]>>();
  for (let position = 0; position < size; position++) {
    if (roles[position] === INPUT || roles[position] === BIAS) continue;
    const generation = generations[position]!;
    let groups = byGeneration.get(generation);
    if (groups === undefined) byGeneration.set(generation, (groups = new Map()));
    const key = `${products[position]}:${plan.activationCodes[position]}:${plan.activationParameters[position]}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [position]);
    else group.push(position);
  }

  const columnOfSlot = (slot: number): Column => {
    if (slot < starts[size]!) return where.get(sources[slot]!)!;
    return { tensor: ONNX_NAMES.state, column: stateColumn.get(`${sources[slot]!}:${delays[slot]!}`)! };
  };
  const isSumBias = (slot: number, target: number) =>
    slot < starts[size]! && roles[sources[slot]!] === BIAS && products[target] !== 1;
  const slotsOf = (position: number): number[] => {
    const list: number[] = [];
    for (let slot = starts[position]!; slot < starts[position + 1]!; slot++) list.push(slot);
    for (let slot = delayedStarts[position]!; slot < delayedStarts[position + 1]!; slot++) list.push(slot);
    return list;
  };

  for (const generation of [...byGeneration.keys()].sort((a, b) => a - b)) {
    const groups = [...byGeneration.get(generation)!.values()];
    // The tensors this generation reads, in the order they were made; with none, the input (times zeros).
    const read = new Set<string>();
    for (const group of groups) {
      for (const position of group) {
        for (const slot of slotsOf(position)) if (!isSumBias(slot, position)) read.add(columnOfSlot(slot).tensor);
      }
    }
    const order = [ONNX_NAMES.input, ONNX_NAMES.state, 'bias_ones', ...builder.widths.keys()];
    const tensors = [...new Set(order)].filter((tensor) => read.has(tensor));
    if (tensors.length === 0) tensors.push(ONNX_NAMES.input);
    const offsets = new Map<string, number>();
    let width = 0;
    for (const tensor of tensors) {
      offsets.set(tensor, width);
      width += builder.widths.get(tensor)!;
    }
    const block = `gen${generation}`;
    const blockInput = builder.concat(`${block}_in`, tensors);
    const columnIn = (slot: number) => {
      const { tensor, column } = columnOfSlot(slot);
      return offsets.get(tensor)! + column;
    };

    groups.forEach((group, g) => {
      const name = `${block}_${g}`;
      const n = group.length;
      const first = group[0]!;
      let pre: string;
      if (products[first] === 1) {
        const factors = group.map(slotsOf);
        const m = Math.max(1, ...factors.map((list) => list.length));
        const index = new Array<number>(n * m).fill(0);
        const factorWeights = new Float64Array(n * m);
        const pad = new Float64Array(n * m);
        factors.forEach((list, row) => {
          for (let k = 0; k < m; k++) {
            const slot = list[k];
            if (slot === undefined) {
              pad[row * m + k] = 1;
              continue;
            }
            index[row * m + k] = columnIn(slot);
            factorWeights[row * m + k] = weights[slot]!;
            layout.initializer[slot] = `${name}_factor_weight`;
            layout.index[slot] = row * m + k;
          }
        });
        const gathered = builder.node(
          'Gather',
          [blockInput, builder.ints(`${name}_factor_index`, [n, m], index)],
          `${name}_factors_in`,
          [{ name: 'axis', type: AttributeType.INT, i: 1 }],
        );
        let factorsOut = builder.node(
          'Mul',
          [gathered, builder.real(`${name}_factor_weight`, [n, m], factorWeights, true)],
          `${name}_factors`,
        );
        if (pad.some((value) => value === 1)) {
          factorsOut = builder.node(
            'Add',
            [factorsOut, builder.real(`${name}_factor_pad`, [n, m], pad)],
            `${name}_padded`,
          );
        }
        pre = builder.reduceProduct(factorsOut, `${name}_product`);
      } else {
        const matrix = new Float64Array(width * n);
        const biases = new Map<number, Float64Array>();
        group.forEach((position, row) => {
          for (const slot of slotsOf(position)) {
            if (isSumBias(slot, position)) {
              const bias = sources[slot]!;
              let vector = biases.get(bias);
              if (vector === undefined) biases.set(bias, (vector = new Float64Array(n)));
              vector[row] = weights[slot]!;
              layout.initializer[slot] = `${name}_bias_${plan.biasPositions.indexOf(bias)}`;
              layout.index[slot] = row;
              continue;
            }
            const column = columnIn(slot);
            matrix[column * n + row] = weights[slot]!;
            layout.initializer[slot] = `${name}_weight`;
            layout.index[slot] = column * n + row;
          }
        });
        pre = builder.node(
          'MatMul',
          [blockInput, builder.real(`${name}_weight`, [width, n], matrix, true)],
          `${name}_matmul`,
        );
        for (const bias of [...biases.keys()].sort((a, b) => a - b)) {
          const biasName = `${name}_bias_${plan.biasPositions.indexOf(bias)}`;
          pre = builder.node('Add', [pre, builder.real(biasName, [n], biases.get(bias)!, true)], `${biasName}_added`);
        }
      }
      const groupIds = group.map((position) => ids[position]!);
      builder.columns(pre, groupIds);
      builder.activation(activationNames[plan.activationCodes[first]!]!, plan.activationParameters[first]!, pre, name);
      builder.columns(name, groupIds);
      group.forEach((position, column) => where.set(position, { tensor: name, column }));
    });
  }
  // Inputs and bias neurons that the state remembers but nothing else reads as a column.
  for (const [position] of stateColumns) {
    if (!where.has(position)) throw new Error(`buildBlocks: no column for "${ids[position]}"`);
  }
  return stateColumns;
}
