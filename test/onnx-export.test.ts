/**
 * toOnnx: the graph it writes (operators, names, shapes, metadata), its options, and ONNX's own
 * checker (Debian's python3-onnx, when it is installed) on exported models.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Network, UsageError } from '../src/index.js';
import { type ModelMessage, ModelProto } from '../src/onnx/proto.js';
import { toOnnx } from '../src/onnx/to-onnx.js';
import { gatedLoop } from './support/recurrent-network.js';
import { randomNetwork } from './support/random-network.js';

function decode(bytes: Uint8Array): ModelMessage {
  return ModelProto.toObject(ModelProto.decode(bytes), { longs: Number, defaults: false }) as ModelMessage;
}

const metadata = (model: ModelMessage) =>
  Object.fromEntries((model.metadata_props ?? []).map(({ key, value }) => [key, value]));

const xor = () =>
  new Network()
    .addInput('a')
    .addInput('b')
    .addNeuron('and', { activation: 'step' })
    .addOutput('xor', { activation: 'step' })
    .connect('a', 'xor', 1)
    .connect('b', 'xor', 1)
    .connect('a', 'and', 0.5)
    .connect('b', 'and', 0.5)
    .connect('and', 'xor', -2);

describe('toOnnx', () => {
  it('writes a layered network as one Gemm and one activation per layer, ids in the metadata and the docs', () => {
    const net = Network.layered([4, 6, 3], { activation: 'tanh', outputActivation: 'softmax', seed: 1 });
    const model = decode(toOnnx(net));
    const graph = model.graph!;
    expect(graph.node!.map((node) => node.op_type)).toEqual(['Gemm', 'Tanh', 'Gemm', 'Softmax']);
    expect(model.opset_import).toEqual([{ version: 26 }]);
    expect(model.ir_version).toBe(13);
    expect(graph.input!.map((info) => [info.name, info.type!.tensor_type!.shape!.dim])).toEqual([
      ['input', [{ dim_param: 'batch' }, { dim_value: 4 }]],
    ]);
    expect(graph.output!.map((info) => [info.name, info.type!.tensor_type!.elem_type])).toEqual([['output', 1]]);
    expect(metadata(model)['neurograph.inputs']).toBe(JSON.stringify(net.inputs));
    expect(metadata(model)['neurograph.outputs']).toBe(JSON.stringify(net.outputs));
    expect(graph.value_info!.find((info) => info.name === 'layer1')!.doc_string).toBe(
      'neurons: ["h1_0","h1_1","h1_2","h1_3","h1_4","h1_5"]',
    );
    expect(graph.initializer!.map((t) => [t.name, t.dims])).toEqual([
      ['layer1_weight', [6, 4]],
      ['layer1_bias', [6]],
      ['layer2_weight', [3, 6]],
      ['layer2_bias', [3]],
    ]);
  });

  it('writes other DAGs as blocks per generation: MatMul with a masked matrix, step as Greater + Cast', () => {
    const model = decode(toOnnx(xor(), { dtype: 'float64' }));
    const ops = model.graph!.node!.map((node) => node.op_type);
    expect(ops).toEqual(['MatMul', 'Greater', 'Cast', 'Concat', 'MatMul', 'Greater', 'Cast']);
    expect(model.graph!.input![0]!.type!.tensor_type!.elem_type).toBe(11);
    const threshold = model.graph!.initializer!.find((t) => t.name === 'gen1_0_threshold')!;
    expect(new DataView(threshold.raw_data!.buffer, threshold.raw_data!.byteOffset).getFloat64(0, true)).toBe(0.5);
    expect(model.graph!.output!.map((o) => o.name)).toEqual(['output']);
  });

  it('writes product neurons with ReduceProd and delayed connections as a documented state pair', () => {
    const model = decode(toOnnx(gatedLoop()));
    const graph = model.graph!;
    expect(graph.node!.some((node) => node.op_type === 'ReduceProd')).toBe(true);
    expect(graph.input!.map((info) => info.name)).toEqual(['input', 'state']);
    expect(graph.output!.map((info) => info.name)).toEqual(['output', 'next_state']);
    expect(metadata(model)['neurograph.state']).toBe('[["y",1],["y",2]]');
    expect(graph.input![1]!.doc_string).toContain('remembered outputs [neuron, steps ago]: [["y",1],["y",2]]');
    expect(model.doc_string).toContain('Feed `state`');
  });

  it('is deterministic and refuses bad options and arguments with UsageError', () => {
    const net = randomNetwork(3);
    expect(toOnnx(net)).toEqual(toOnnx(net));
    expect(decode(toOnnx(net, { opset: 17 })).ir_version).toBe(8);
    expect(() => toOnnx(net, { dtype: 'float16' as 'float32' })).toThrow(UsageError);
    expect(() => toOnnx(net, { opset: 27 })).toThrow(UsageError);
    expect(() => toOnnx(net, { shape: 1 } as object)).toThrow(UsageError);
    expect(() => toOnnx({} as Network)).toThrow(UsageError);
    expect(() => toOnnx(new Network().addInput('x'))).toThrow(UsageError);
  });
});

/** Debian's python3-onnx (1.12: opsets up to 17), at the system Python. */
const python = '/usr/bin/python3';
const hasOnnx = (() => {
  try {
    execFileSync(python, ['-c', 'import onnx'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!hasOnnx)("ONNX's checker (apt-get install python3-onnx)", () => {
  it('accepts every exported model at opset 17 with full_check (shape inference)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'neurograph-onnx-'));
    try {
      const nets = [
        Network.layered([3, 5, 2], { outputActivation: 'softmax', seed: 1 }),
        xor(),
        gatedLoop(),
        Network.lstm([2, 3, 1], { seed: 1 }),
        ...Array.from({ length: 8 }, (_, k) => randomNetwork(k, { softmax: k % 2 === 0 })),
      ];
      const files = nets.flatMap((net, k) =>
        (['float32', 'float64'] as const).map((dtype) => {
          const file = join(dir, `${k}-${dtype}.onnx`);
          writeFileSync(file, toOnnx(net, { dtype, opset: 17 }));
          return file;
        }),
      );
      const script =
        'import onnx, sys\nfor f in sys.argv[1:]:\n    onnx.checker.check_model(onnx.load(f), full_check=True)\nprint(len(sys.argv) - 1)';
      expect(execFileSync(python, ['-c', script, ...files], { encoding: 'utf8' }).trim()).toBe(String(files.length));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
