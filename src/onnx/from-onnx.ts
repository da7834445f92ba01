/**
 * fromOnnx
 * ========
 *
 * An ONNX model as a network. Two readers:
 *
 * - A model `toOnnx` wrote keeps its network's structure in `metadata_props`
 *   (`neurograph.structure`: the `toJSON` document without weights). The structure is rebuilt,
 *   exported again, and the two graphs must agree node for node (operators, attributes, index
 *   tensors, shapes); the weights are then read from the model's own initializers, so a model
 *   whose weights were changed elsewhere (fine-tuned, quantized back to float) reads with its new
 *   weights, and a model whose graph was changed reads as a plain model instead.
 * - Any other model: a chain of `Gemm`, or `MatMul` + `Add`, layers with `Relu`, `Sigmoid`,
 *   `Tanh`, `LeakyRelu`, `Identity` or a final `Softmax`, after an optional `Flatten` of the
 *   input, as PyTorch, Keras (tf2onnx) and scikit-learn (skl2onnx) export small MLPs. Every
 *   matrix entry becomes a connection and each bias vector the weights of one bias neuron.
 *   Neuron ids: `neurograph.inputs` / `neurograph.outputs` when the metadata has them, else
 *   `<input name>_<i>`, `<layer>_<j>` (the node's name: "/fc1/Gemm" gives fc1_0, fc1_1, …) and
 *   `<output name>_<j>`.
 *
 * Anything else is a SerializationError saying what and where (an operator it does not read,
 * with the node; an opset newer than 26; a shape that disagrees; a weight that is not finite;
 * bytes that are not a ModelProto), never an error from inside protobufjs.
 */
import type { ActivationSpec } from '../activations.js';
import { NeurographError, SerializationError, UsageError } from '../errors.js';
import { isRevokedProxy } from '../format/revoked-proxy.js';
import { Network } from '../graph/network.js';
import { planCacheOf } from '../plan/plan-cache.js';
import { buildOnnxModel, ONNX_NAMES } from './onnx-graph.js';
import {
  DataType,
  int64,
  MAX_OPSET,
  ModelProto,
  type AttributeMessage,
  type GraphMessage,
  type ModelMessage,
  type NodeMessage,
  type TensorMessage,
  type ValueInfoMessage,
} from './proto.js';
import { readTensor } from './tensors.js';
import { encodeModel } from './to-onnx.js';

const WHERE = 'fromOnnx';
/** The newest IR version read (the one opset 26 goes with). */
const MAX_IR_VERSION = 13;
const SUPPORTED = 'Gemm, MatMul + Add, Relu, Sigmoid, Tanh, LeakyRelu, Softmax, Identity and Flatten';

function fail(path: string, problem: string): never {
  throw new SerializationError(`${WHERE}: ${path ? `${path}: ` : ''}${problem}.`, path);
}

/** A network from ONNX bytes (a serialized ModelProto); see the file's comment for what it reads. */
export function fromOnnx(bytes: Uint8Array | ArrayBuffer): Network {
  let data: Uint8Array;
  const readable = !isRevokedProxy(bytes);
  if (readable && bytes instanceof Uint8Array) data = bytes;
  else if (readable && bytes instanceof ArrayBuffer) data = new Uint8Array(bytes);
  else {
    throw new UsageError(
      `${WHERE}: expected the model's bytes as a Uint8Array (e.g. readFileSync('model.onnx')), got ${bytes === null ? 'null' : typeof bytes}.`,
    );
  }
  const model = decode(data);
  checkVersions(model);
  const graph = model.graph;
  if (graph === undefined || graph === null) fail('graph', 'the model has no graph (is this an ONNX model?)');
  checkGraphShape(graph);

  const metadata = new Map<string, string>();
  for (const { key, value } of model.metadata_props ?? []) if (key) metadata.set(key, value ?? '');
  const structure = metadata.get('neurograph.structure');
  if (structure !== undefined) {
    const restored = readOwnModel(model, graph, structure);
    if (restored !== undefined) return restored;
  }
  return readLayers(graph, metadata);
}

function decode(data: Uint8Array): ModelMessage {
  if (data.length === 0) fail('', 'the bytes are empty; read the .onnx file first');
  try {
    return ModelProto.decode(data) as unknown as ModelMessage;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return fail(
      '',
      `the bytes are not an ONNX model (a ModelProto): the protobuf reader says "${reason}" (${data.length} bytes; truncated or corrupt?)`,
    );
  }
}

function checkVersions(model: ModelMessage): void {
  const ir = int64(model.ir_version);
  if (!(ir >= 3))
    fail('ir_version', `IR version ${String(ir)} is not one ONNX has written since 2017; is this an ONNX model?`);
  if (ir > MAX_IR_VERSION)
    fail('ir_version', `IR version ${ir} is newer than the newest read here (${MAX_IR_VERSION})`);
  const imports = model.opset_import ?? [];
  let found = false;
  imports.forEach(({ domain, version }, k) => {
    if (domain !== undefined && domain !== '' && domain !== 'ai.onnx') return;
    found = true;
    const opset = int64(version);
    if (opset > MAX_OPSET) {
      fail(
        `opset_import[${k}]`,
        `opset ${opset} is newer than the newest read here (${MAX_OPSET}); export with opset ${MAX_OPSET} or older`,
      );
    }
    if (!(opset >= 1)) fail(`opset_import[${k}]`, `opset ${String(opset)} is not an ONNX opset`);
  });
  if (!found) fail('opset_import', 'the model imports no version of the default ONNX operator set');
}

function checkGraphShape(graph: GraphMessage): void {
  const nodes = graph.node ?? [];
  const known = new Set<string>((graph.input ?? []).map((info) => info.name ?? ''));
  for (const tensor of graph.initializer ?? []) known.add(tensor.name ?? '');
  nodes.forEach((node, k) => {
    for (const input of node.input ?? []) {
      if (input !== '' && !known.has(input)) {
        fail(
          nodePath(node, k),
          `reads "${input}" before any node makes it: the graph has a loop or is out of order (ONNX graphs are in topological order)`,
        );
      }
    }
    for (const output of node.output ?? []) known.add(output);
  });
  for (const output of graph.output ?? []) {
    if (!known.has(output.name ?? '')) fail('graph.output', `no node makes the output "${output.name}"`);
  }
}

function nodePath(node: NodeMessage, k: number): string {
  return `graph.node[${k}]${node.name ? ` ("${node.name}")` : ''}`;
}

// --- the plain reader ------------------------------------------------------------------------

/** A layer being read: its weighted sums are known, its activation not yet. */
interface Layer {
  readonly base: string;
  /** -1: the model's input; else the index of the layer it reads. */
  readonly from: number;
  readonly fromWidth: number;
  readonly width: number;
  /** width × fromWidth, row-major: weights[j * fromWidth + i] is from i → to j. */
  readonly weights: Float64Array;
  bias: Float64Array | null;
  activation?: ActivationSpec;
  /** Ids from the documentation of the layer's output (`neurons: [...]`, as toOnnx writes it). */
  ids?: string[];
}

type Value =
  | { readonly kind: 'neurons'; readonly layer: number; readonly width: number; readonly rank: number }
  | { readonly kind: 'sums'; readonly layer: number };

function readLayers(graph: GraphMessage, metadata: ReadonlyMap<string, string>): Network {
  const initializers = new Map<string, { tensor: TensorMessage; index: number }>();
  (graph.initializer ?? []).forEach((tensor, index) => initializers.set(tensor.name ?? '', { tensor, index }));
  const inputs = (graph.input ?? []).filter((info) => !initializers.has(info.name ?? ''));
  if (inputs.length !== 1) {
    fail(
      'graph.input',
      `the model has ${inputs.length} inputs (${inputs.map((i) => `"${i.name}"`).join(', ')}); fromOnnx reads models with one input tensor`,
    );
  }
  if ((graph.output ?? []).length !== 1) {
    fail(
      'graph.output',
      `the model has ${(graph.output ?? []).length} outputs; fromOnnx reads models with one output tensor`,
    );
  }
  const input = inputs[0]!;
  const inputShape = shapeOf(input, 'graph.input[0]');
  const inputWidth = inputShape.slice(1).reduce((a, b) => a * b, 1);

  const layers: Layer[] = [];
  const values = new Map<string, Value>();
  values.set(input.name ?? '', { kind: 'neurons', layer: -1, width: inputWidth, rank: inputShape.length });

  const weightsOf = (name: string, at: string): { dims: number[]; values: Float64Array } => {
    const found = initializers.get(name);
    if (found === undefined)
      fail(at, `reads "${name}" as weights, but it is not an initializer (a constant weight tensor)`);
    const read = readTensor(found.tensor);
    const path = `graph.initializer[${found.index}] ("${name}")`;
    if ('problem' in read) fail(path, read.problem);
    if (read.dataType !== DataType.FLOAT && read.dataType !== DataType.DOUBLE)
      fail(path, 'holds integers, not weights');
    const bad = read.values.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) fail(path, `value ${bad} is ${read.values[bad]}; every weight must be a finite number`);
    return read;
  };
  const neuronsIn = (name: string, at: string): Extract<Value, { kind: 'neurons' }> => {
    const value = values.get(name);
    if (value === undefined) fail(at, `reads "${name}", which is not the output of a layer or the model's input`);
    if (value.kind === 'sums') return finish(value.layer, 'identity', name);
    if (value.rank !== 2) fail(at, `reads "${name}" of rank ${value.rank}; Flatten it (axis 1) first`);
    return value;
  };
  const documented = new Map<string, string>();
  for (const info of [...(graph.value_info ?? []), ...(graph.output ?? [])]) {
    const doc = info.doc_string ?? '';
    if (info.name && doc.startsWith('neurons: ')) documented.set(info.name, doc.slice('neurons: '.length));
  }
  const finish = (layer: number, activation: ActivationSpec, name: string) => {
    const target = layers[layer]!;
    target.activation = activation;
    const ids = idsFromMetadata(documented.get(name), target.width);
    if (ids !== undefined) target.ids = ids;
    const value = { kind: 'neurons', layer, width: target.width, rank: 2 } as const;
    values.set(name, value);
    return value;
  };

  (graph.node ?? []).forEach((node, k) => {
    const at = nodePath(node, k);
    const op = node.op_type ?? '';
    if (node.domain !== undefined && node.domain !== '' && node.domain !== 'ai.onnx') {
      fail(at, `operator "${op}" of domain "${node.domain}" is not supported; fromOnnx reads ${SUPPORTED}`);
    }
    const ins = node.input ?? [];
    const out = (node.output ?? [])[0] ?? '';
    const attributes = new Map((node.attribute ?? []).map((a) => [a.name ?? '', a] as const));
    const base = layerBase(node, out);
    switch (op) {
      case 'Gemm': {
        const a = neuronsIn(ins[0] ?? '', at);
        if (intAttribute(attributes, 'transA', 0) !== 0)
          fail(at, 'Gemm with transA = 1 is not read; the input must be [batch, features]');
        const transB = intAttribute(attributes, 'transB', 0);
        const alpha = floatAttribute(attributes, 'alpha', 1);
        const beta = floatAttribute(attributes, 'beta', 1);
        const b = weightsOf(ins[1] ?? '', at);
        const [rows, columns] = matrixDims(b.dims, at, ins[1] ?? '');
        const k_ = transB === 1 ? columns : rows;
        const n = transB === 1 ? rows : columns;
        if (k_ !== a.width)
          fail(at, `"${ins[1]}" has shape [${b.dims.join(', ')}] but its input has ${a.width} columns`);
        const weights = new Float64Array(n * k_);
        for (let j = 0; j < n; j++) {
          for (let i = 0; i < k_; i++)
            weights[j * k_ + i] = alpha * (transB === 1 ? b.values[j * k_ + i]! : b.values[i * n + j]!);
        }
        let bias: Float64Array | null = null;
        if (ins[2]) bias = biasVector(weightsOf(ins[2], at), n, at, ins[2], beta);
        layers.push({ base, from: a.layer, fromWidth: k_, width: n, weights, bias });
        values.set(out, { kind: 'sums', layer: layers.length - 1 });
        return;
      }
      case 'MatMul': {
        const a = neuronsIn(ins[0] ?? '', at);
        const b = weightsOf(ins[1] ?? '', at);
        const [k_, n] = matrixDims(b.dims, at, ins[1] ?? '');
        if (k_ !== a.width)
          fail(at, `"${ins[1]}" has shape [${b.dims.join(', ')}] but its input has ${a.width} columns`);
        const weights = new Float64Array(n * k_);
        for (let j = 0; j < n; j++) for (let i = 0; i < k_; i++) weights[j * k_ + i] = b.values[i * n + j]!;
        layers.push({ base, from: a.layer, fromWidth: k_, width: n, weights, bias: null });
        values.set(out, { kind: 'sums', layer: layers.length - 1 });
        return;
      }
      case 'Add': {
        const [first = '', second = ''] = ins;
        const sumsName = values.get(first)?.kind === 'sums' ? first : second;
        const biasName = sumsName === first ? second : first;
        const sums = values.get(sumsName);
        if (sums?.kind !== 'sums' || !initializers.has(biasName)) {
          fail(at, 'Add is read only as the bias of a MatMul or Gemm (its sums plus a constant vector)');
        }
        const layer = layers[sums.layer]!;
        const bias = biasVector(weightsOf(biasName, at), layer.width, at, biasName, 1);
        if (layer.bias === null) layer.bias = bias;
        else for (let j = 0; j < bias.length; j++) layer.bias[j]! += bias[j]!;
        values.delete(sumsName);
        values.set(out, sums);
        return;
      }
      case 'Flatten': {
        const value = values.get(ins[0] ?? '');
        if (value?.kind !== 'neurons' || value.layer !== -1) fail(at, "Flatten is read only on the model's input");
        const axis = intAttribute(attributes, 'axis', 1);
        if (axis !== 1) fail(at, `Flatten with axis ${axis} is not read; only axis 1 (keep the batch) is`);
        values.set(out, { ...value, rank: 2 });
        return;
      }
      case 'Identity': {
        const value = values.get(ins[0] ?? '');
        if (value === undefined) fail(at, `reads "${ins[0]}", which is not the output of a layer or the model's input`);
        if (value.kind === 'sums') finish(value.layer, 'identity', out);
        else values.set(out, value);
        return;
      }
      case 'Relu':
      case 'Sigmoid':
      case 'Tanh':
      case 'LeakyRelu':
      case 'Softmax': {
        const value = values.get(ins[0] ?? '');
        if (value?.kind !== 'sums') {
          fail(at, `${op} must follow a Gemm or MatMul (+ Add): fromOnnx reads one activation per layer`);
        }
        let activation: ActivationSpec;
        if (op === 'LeakyRelu') {
          const alpha = floatAttribute(attributes, 'alpha', 0.01);
          if (!(alpha >= 0 && alpha <= 1))
            fail(at, `LeakyRelu's alpha ${alpha} is outside 0 to 1, which neurograph's leakyRelu takes`);
          activation = alpha === 0.01 ? 'leakyRelu' : { name: 'leakyRelu', alpha };
        } else if (op === 'Softmax') {
          const axis = intAttribute(attributes, 'axis', -1);
          if (axis !== -1 && axis !== 1)
            fail(at, `Softmax over axis ${axis} is not read; only over the features (axis -1 or 1)`);
          activation = 'softmax';
        } else activation = op === 'Relu' ? 'relu' : op === 'Sigmoid' ? 'sigmoid' : 'tanh';
        finish(value.layer, activation, out);
        return;
      }
      default:
        fail(at, `operator "${op}" is not supported; fromOnnx reads ${SUPPORTED}`);
    }
  });

  const outputName = graph.output![0]!.name ?? '';
  let output = values.get(outputName);
  if (output?.kind === 'sums') output = finish(output.layer, 'identity', outputName);
  if (output === undefined || output.layer < 0) {
    fail(
      'graph.output[0]',
      `"${outputName}" is not the output of a layer; fromOnnx reads models whose output is a layer's`,
    );
  }
  const outputLayer = output.layer;
  layers.forEach((layer, k) => {
    if (layer.activation === undefined) layer.activation = 'identity';
    if (layer.activation === 'softmax' && k !== outputLayer) {
      fail(
        'graph.node',
        `layer "${layer.base}" ends in Softmax but is not the model's output; softmax is for output neurons only`,
      );
    }
  });
  return buildNetwork(layers, outputLayer, input.name ?? 'input', inputWidth, outputName, metadata);
}

function buildNetwork(
  layers: readonly Layer[],
  outputLayer: number,
  inputName: string,
  inputWidth: number,
  outputName: string,
  metadata: ReadonlyMap<string, string>,
): Network {
  const used = new Set<string>();
  const unique = (id: string) => {
    let candidate = id;
    for (let k = 2; used.has(candidate); k++) candidate = `${id}~${k}`;
    used.add(candidate);
    return candidate;
  };
  const named = (key: string, width: number, fallback: string): string[] => {
    const ids = idsFromMetadata(metadata.get(key), width);
    return (ids ?? Array.from({ length: width }, (_, j) => `${fallback}_${j}`)).map(unique);
  };
  const inputIds = named('neurograph.inputs', inputWidth, inputName);
  const layerIds: string[][] = layers.map((layer, k) =>
    k === outputLayer
      ? []
      : (layer.ids ?? Array.from({ length: layer.width }, (_, j) => `${layer.base}_${j}`)).map(unique),
  );
  const outputs = layers[outputLayer]!;
  layerIds[outputLayer] = outputs.ids?.map(unique) ?? named('neurograph.outputs', outputs.width, outputName);
  const biasId = layers.some((layer) => layer.bias !== null) ? unique('bias') : undefined;

  try {
    const net = new Network();
    for (const id of inputIds) net.addInput(id);
    layers.forEach((layer, k) => {
      for (const id of layerIds[k]!) {
        if (k === outputLayer) net.addOutput(id, { activation: layer.activation! });
        else net.addNeuron(id, { activation: layer.activation! });
      }
    });
    if (biasId !== undefined) net.addBias(biasId, {});
    layers.forEach((layer, k) => {
      const from = layer.from < 0 ? inputIds : layerIds[layer.from]!;
      const to = layerIds[k]!;
      to.forEach((target, j) => {
        from.forEach((source, i) => net.connect(source, target, layer.weights[j * layer.fromWidth + i]!));
        if (biasId !== undefined) {
          if (layer.bias !== null) net.setWeight(biasId, target, layer.bias[j]!);
          else net.disconnect(biasId, target);
        }
      });
    });
    return net;
  } catch (error) {
    if (error instanceof NeurographError) fail('graph', `the layers do not make a network: ${error.message}`);
    throw error;
  }
}

function idsFromMetadata(text: string | undefined, width: number): string[] | undefined {
  if (text === undefined) return undefined;
  try {
    const ids: unknown = JSON.parse(text);
    if (Array.isArray(ids) && ids.length === width && ids.every((id) => typeof id === 'string' && id !== '')) {
      return ids as string[];
    }
  } catch {
    // Not JSON: fall back to names made from the tensor's.
  }
  return undefined;
}

/** "/fc1/Gemm" → "fc1"; a node without a name is called after its output. */
function layerBase(node: NodeMessage, output: string): string {
  const name = (node.name ?? '').replace(/^\/+/, '').replace(/\/(Gemm|MatMul|Add)(_\d+)?$/, '');
  return name || output || 'layer';
}

function shapeOf(info: ValueInfoMessage, path: string): number[] {
  const dims = info.type?.tensor_type?.shape?.dim ?? [];
  if (dims.length < 2) {
    fail(
      path,
      `"${info.name}" has rank ${dims.length}; fromOnnx reads inputs of shape [batch, features] (or [batch, …] with Flatten)`,
    );
  }
  const elem = info.type?.tensor_type?.elem_type;
  if (elem !== DataType.FLOAT && elem !== DataType.DOUBLE)
    fail(path, `"${info.name}" has element type ${elem}; only float and double are read`);
  return dims.map((dim, k) => {
    if (k === 0) return 1;
    const value = int64(dim.dim_value);
    if (!(value > 0)) fail(path, `dimension ${k} of "${info.name}" is not a fixed size (${dim.dim_param ?? value})`);
    return value;
  });
}

function matrixDims(dims: readonly number[], at: string, name: string): [number, number] {
  if (dims.length !== 2) fail(at, `"${name}" has shape [${dims.join(', ')}]; a weight matrix has two dimensions`);
  return [dims[0]!, dims[1]!];
}

function biasVector(
  read: { dims: number[]; values: Float64Array },
  width: number,
  at: string,
  name: string,
  scale: number,
): Float64Array {
  const { dims, values } = read;
  const count = values.length;
  const fits = (count === width && dims.filter((d) => d !== 1).length <= 1 && dims.length <= 2) || count === 1;
  if (!fits)
    fail(at, `the bias "${name}" has shape [${dims.join(', ')}], which does not match the layer's ${width} neurons`);
  return Float64Array.from({ length: width }, (_, j) => scale * values[count === 1 ? 0 : j]!);
}

function intAttribute(attributes: ReadonlyMap<string, AttributeMessage>, name: string, fallback: number): number {
  const attribute = attributes.get(name);
  return attribute === undefined ? fallback : int64(attribute.i);
}

function floatAttribute(attributes: ReadonlyMap<string, AttributeMessage>, name: string, fallback: number): number {
  const attribute = attributes.get(name);
  return attribute === undefined ? fallback : (attribute.f ?? 0);
}

// --- the reader of toOnnx's own models ---------------------------------------------------------

/** The network a neurograph model describes, or undefined when its graph is not the one toOnnx writes for it. */
function readOwnModel(model: ModelMessage, graph: GraphMessage, structureText: string): Network | undefined {
  let document: unknown;
  try {
    document = JSON.parse(structureText);
  } catch {
    return undefined;
  }
  if (typeof document !== 'object' || document === null || !Array.isArray((document as { edges?: unknown }).edges)) {
    return undefined;
  }
  const edges = (document as { edges: unknown[] }).edges.map((edge) =>
    typeof edge === 'object' && edge !== null && typeof (edge as { attributes?: unknown }).attributes === 'object'
      ? { ...edge, attributes: { ...(edge as { attributes: object }).attributes, weight: 0 } }
      : edge,
  );
  let net: Network;
  try {
    net = Network.fromJSON({ ...document, edges });
  } catch (error) {
    if (error instanceof NeurographError) return undefined;
    throw error;
  }
  const dataType = graph.input?.find((info) => info.name === ONNX_NAMES.input)?.type?.tensor_type?.elem_type;
  const dtype = dataType === DataType.DOUBLE ? 'float64' : dataType === DataType.FLOAT ? 'float32' : undefined;
  const opset = int64(model.opset_import?.find((entry) => !entry.domain || entry.domain === 'ai.onnx')?.version);
  if (dtype === undefined || opset < 17 || opset > MAX_OPSET) return undefined;

  let expected: ReturnType<typeof buildOnnxModel>;
  const plan = planCacheOf(net.graph).current();
  try {
    expected = buildOnnxModel(plan, net.graph, { dtype, opset }, WHERE);
  } catch (error) {
    if (error instanceof NeurographError) return undefined;
    throw error;
  }
  const rebuilt = ModelProto.decode(encodeModel(expected.model)) as unknown as ModelMessage;
  if (
    canonicalGraph(rebuilt.graph!, expected.weightInitializers) !== canonicalGraph(graph, expected.weightInitializers)
  ) {
    return undefined;
  }

  // The graph is the one this network exports to: read each connection's weight where it lives.
  const tensors = new Map<string, { values: Float64Array; index: number }>();
  (graph.initializer ?? []).forEach((tensor, index) => {
    if (!expected.weightInitializers.has(tensor.name ?? '')) return;
    const read = readTensor(tensor);
    if ('problem' in read) fail(`graph.initializer[${index}] ("${tensor.name}")`, read.problem);
    tensors.set(tensor.name ?? '', { values: read.values, index });
  });
  const { starts, delayedStarts, sources, ids, size } = plan;
  const targetOf = new Int32Array(plan.weights.length);
  for (let position = 0; position < size; position++) {
    for (let slot = starts[position]!; slot < starts[position + 1]!; slot++) targetOf[slot] = position;
    for (let slot = delayedStarts[position]!; slot < delayedStarts[position + 1]!; slot++) targetOf[slot] = position;
  }
  for (let slot = 0; slot < plan.weights.length; slot++) {
    const name = expected.layout.initializer[slot]!;
    const { values, index } = tensors.get(name)!;
    const weight = values[expected.layout.index[slot]!]!;
    const from = ids[sources[slot]!]!;
    const to = ids[targetOf[slot]!]!;
    if (!Number.isFinite(weight)) {
      fail(
        `graph.initializer[${index}] ("${name}")`,
        `value ${expected.layout.index[slot]} (the weight of "${from}" -> "${to}") is ${weight}; every weight must be a finite number`,
      );
    }
    net.setWeight(from, to, weight);
  }
  return net;
}

/** The graph as text, without the values of weight initializers (their names, types and shapes stay). */
function canonicalGraph(graph: GraphMessage, weights: ReadonlySet<string>): string {
  const tensor = (t: TensorMessage | undefined, withValues: boolean) => {
    if (t === undefined || t === null) return null;
    const read = readTensor(t);
    return {
      name: t.name ?? '',
      type: t.data_type ?? 0,
      dims: (t.dims ?? []).map(int64),
      values: withValues ? ('problem' in read ? read.problem : Array.from(read.values)) : null,
    };
  };
  const info = (v: ValueInfoMessage) => ({
    name: v.name ?? '',
    type: v.type?.tensor_type?.elem_type ?? 0,
    dims: (v.type?.tensor_type?.shape?.dim ?? []).map((d) => (d.dim_param ? d.dim_param : int64(d.dim_value))),
  });
  return JSON.stringify({
    input: (graph.input ?? []).map(info),
    output: (graph.output ?? []).map(info),
    node: (graph.node ?? []).map((node) => ({
      op: node.op_type ?? '',
      domain: node.domain ?? '',
      input: node.input ?? [],
      output: node.output ?? [],
      attribute: (node.attribute ?? []).map((a) => ({
        name: a.name ?? '',
        type: a.type ?? 0,
        f: a.f ?? 0,
        i: int64(a.i),
        ints: (a.ints ?? []).map(int64),
        t: tensor(a.t ?? undefined, true),
        other: (a.floats?.length ?? 0) + (a.graphs?.length ?? 0) + (a.g ? 1 : 0) + (a.s?.length ?? 0),
      })),
    })),
    initializer: (graph.initializer ?? []).map((t) => tensor(t, !weights.has(t.name ?? ''))),
  });
}
