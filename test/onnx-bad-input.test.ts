/**
 * fromOnnx on bytes it cannot accept: truncated or corrupt bytes (fast-check), an opset newer than
 * 26, a loop or an unsupported operator, initializers whose shapes disagree, non-finite weights.
 * Each is a SerializationError saying what and where; nothing from inside protobufjs escapes.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Network, SerializationError, UsageError } from '../src/index.js';
import { fromOnnx } from '../src/onnx/from-onnx.js';
import { type ModelMessage, ModelProto } from '../src/onnx/proto.js';
import { realTensor } from '../src/onnx/tensors.js';
import { toOnnx } from '../src/onnx/to-onnx.js';
import { gatedLoop } from './support/recurrent-network.js';

const iris = readFileSync(new URL('./fixtures/onnx/iris-mlp.onnx', import.meta.url));
const own = toOnnx(Network.layered([3, 4, 2], { seed: 1 }));
const recurrent = toOnnx(gatedLoop(), { dtype: 'float64' });

const edit = (bytes: Uint8Array, change: (model: ModelMessage) => void) => {
  const model = ModelProto.decode(bytes) as unknown as ModelMessage;
  change(model);
  return ModelProto.encode(model as never).finish();
};

/** fromOnnx either reads a network or throws a SerializationError; anything else fails the property. */
function readsOrRefuses(bytes: Uint8Array): boolean {
  try {
    return fromOnnx(bytes) instanceof Network;
  } catch (error) {
    if (error instanceof SerializationError) return true;
    throw error;
  }
}

const refusal = (bytes: Uint8Array): SerializationError => {
  try {
    fromOnnx(bytes);
  } catch (error) {
    if (error instanceof SerializationError) return error;
    throw error;
  }
  throw new Error('fromOnnx accepted the model');
};

describe('fromOnnx refuses what it cannot read', () => {
  it('truncated bytes: every cut of three models reads or is a SerializationError', () => {
    for (const bytes of [iris, own, recurrent]) {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: bytes.length - 1 }), (cut) => readsOrRefuses(bytes.subarray(0, cut))),
        { numRuns: 150, seed: 12 },
      );
    }
    expect(refusal(own.subarray(0, 10)).message).toMatch(/^fromOnnx: .*not an ONNX model.*truncated or corrupt/);
  });

  it('corrupt bytes: flipped, overwritten and random bytes read or are a SerializationError', () => {
    const corrupt = fc.tuple(
      fc.constantFrom(iris, own, recurrent),
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
    );
    fc.assert(
      fc.property(corrupt, ([bytes, changes]) => {
        const copy = Uint8Array.from(bytes);
        for (const [at, value] of changes) copy[at % copy.length] = value;
        return readsOrRefuses(copy);
      }),
      { numRuns: 400, seed: 7 },
    );
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), readsOrRefuses), { numRuns: 300, seed: 3 });
    expect(() => fromOnnx(new Uint8Array())).toThrow(SerializationError);
    expect(() => fromOnnx('model.onnx' as never)).toThrow(UsageError);
  });

  it('an opset newer than 26, and an IR version newer than 13', () => {
    const newer = edit(iris, (model) => {
      model.opset_import![0]!.version = 27;
    });
    expect(refusal(newer).path).toBe('opset_import[0]');
    expect(refusal(newer).message).toContain('opset 27 is newer than the newest read here (26)');
    const ir = edit(iris, (model) => {
      model.ir_version = 14;
    });
    expect(refusal(ir).path).toBe('ir_version');
  });

  it('a Loop, an operator of another domain, and a graph that reads a tensor before it is made', () => {
    const loop = edit(iris, (model) => {
      model.graph!.node![1]!.op_type = 'Loop';
    });
    expect(refusal(loop).message).toContain('graph.node[1] ("/fc1/Gemm"): operator "Loop" is not supported');
    const domain = edit(iris, (model) => {
      model.graph!.node![2]!.domain = 'com.microsoft';
    });
    expect(refusal(domain).message).toContain('of domain "com.microsoft" is not supported');
    const cycle = edit(iris, (model) => {
      model.graph!.node!.reverse();
    });
    expect(refusal(cycle).message).toContain('reads "/fc2/Gemm_output_0" before any node makes it');
  });

  it('initializers whose shapes disagree with their data or with their layer', () => {
    const data = edit(iris, (model) => {
      model.graph!.initializer![0]!.dims = [8, 5];
    });
    expect(refusal(data).message).toMatch(
      /graph\.initializer\[0\] \("fc1\.weight"\): has 128 bytes of data for shape \[8, 5\]/,
    );
    const layer = edit(iris, (model) => {
      const [weights] = model.graph!.initializer!;
      model.graph!.initializer![0] = realTensor(weights!.name!, [8, 5], 1, new Array(40).fill(0.5));
    });
    expect(refusal(layer).message).toContain('"fc1.weight" has shape [8, 5] but its input has 4 columns');
    const bias = edit(iris, (model) => {
      model.graph!.initializer![1] = realTensor('fc1.bias', [7], 1, new Array(7).fill(0));
    });
    expect(refusal(bias).message).toContain('the bias "fc1.bias" has shape [7]');
  });

  it('non-finite weights, in a plain model and in one of toOnnx', () => {
    const plain = edit(iris, (model) => {
      model.graph!.initializer![2] = realTensor('fc2.weight', [3, 8], 1, [...new Array(23).fill(0), Number.NaN]);
    });
    expect(refusal(plain).message).toContain('graph.initializer[2] ("fc2.weight"): value 23 is NaN');
    const mine = edit(recurrent, (model) => {
      const weights = model.graph!.initializer!.find((t) => t.name === 'gen1_0_factor_weight')!;
      const values = new Array<number>(weights.raw_data!.length / 8).fill(0.5);
      values[0] = Number.POSITIVE_INFINITY;
      weights.raw_data = realTensor('', [values.length], 11, values).raw_data!;
    });
    expect(refusal(mine).message).toMatch(
      /graph\.initializer\[\d+\] \("gen1_0_factor_weight"\): value 0 \(the weight of "x" -> "h"\) is Infinity; every weight must be a finite number/,
    );
  });
});
