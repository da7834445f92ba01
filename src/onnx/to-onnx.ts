/**
 * toOnnx
 * ======
 *
 * A network as an ONNX model (a serialized ModelProto) that onnxruntime and every other ONNX
 * runtime runs: one input `input` [batch, inputs] in `net.inputs` order, one output `output`
 * [batch, outputs] in `net.outputs` order, and for a network with delayed connections the
 * state pair `state` / `next_state` (see onnx-graph.ts). The neuron ids and the structure are
 * kept in `metadata_props`, so `fromOnnx` gives the same network back.
 *
 * [Reference]: https://onnx.ai/onnx/intro/concepts.html
 */
import { UsageError } from '../errors.js';
import { Network } from '../graph/network.js';
import { planCacheOf } from '../plan/plan-cache.js';
import { buildOnnxModel, resolveOnnxOptions, type OnnxOptions } from './onnx-graph.js';
import { ModelProto, type ModelMessage } from './proto.js';

/** The network as ONNX bytes: float32 by default (`{ dtype: 'float64' }` for double), opset 26 by default. */
export function toOnnx(net: Network, options?: OnnxOptions): Uint8Array {
  const where = 'toOnnx';
  if (!(net instanceof Network)) {
    throw new UsageError(`${where}: expected a Network, got ${net === null ? 'null' : typeof net}.`);
  }
  const resolved = resolveOnnxOptions(options, where);
  const { model } = buildOnnxModel(planCacheOf(net.graph).current(), net.graph, resolved, where);
  return encodeModel(model);
}

export function encodeModel(model: ModelMessage): Uint8Array {
  return ModelProto.encode(ModelProto.fromObject(model)).finish();
}
