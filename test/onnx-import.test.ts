/**
 * fromOnnx: toOnnx's models read back as the same network (ids, weights, activations, delays,
 * outputs), plain MLPs read as neuron graphs, and a real model PyTorch made (the iris fixture,
 * scripts/onnx-iris-model.py) giving PyTorch's answers.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Network, SerializationError, classify } from '../src/index.js';
import { fromOnnx } from '../src/onnx/from-onnx.js';
import { type ModelMessage, ModelProto } from '../src/onnx/proto.js';
import { realTensor } from '../src/onnx/tensors.js';
import { encodeModel, toOnnx } from '../src/onnx/to-onnx.js';
import { runRows, session } from './fixtures/onnx/ort.js';
import { randomInputs, randomNetwork } from './support/random-network.js';
import { randomRecurrentNetwork } from './support/recurrent-network.js';

const fixture = (name: string) => new URL(`./fixtures/onnx/${name}`, import.meta.url);
const edit = (bytes: Uint8Array, change: (model: ModelMessage) => void) => {
  const model = ModelProto.decode(bytes) as unknown as ModelMessage;
  change(model);
  return ModelProto.encode(model as never).finish();
};

describe('fromOnnx(toOnnx(net))', () => {
  const networks = [
    ...Array.from({ length: 20 }, (_, k) => randomNetwork(k, { softmax: k % 3 === 0 })),
    ...Array.from({ length: 20 }, (_, k) => randomRecurrentNetwork(k, { delayed: 1 + (k % 4) })),
    Network.layered([3, 5, 4, 2], { activation: { name: 'leakyRelu', alpha: 0.3 }, seed: 4 }),
    Network.lstm([2, 3, 2], { seed: 5 }),
  ];

  it('gives the same network in float64: the same document (ids, weights, activations, delays, labels)', () => {
    for (const net of networks) expect(fromOnnx(toOnnx(net, { dtype: 'float64' })).toJSON()).toEqual(net.toJSON());
  });

  it('gives the same structure in float32, each weight rounded to float32, and the same outputs within float32', () => {
    for (const [k, net] of networks.entries()) {
      const back = fromOnnx(toOnnx(net));
      const doc = net.toJSON();
      const rounded = {
        ...doc,
        edges: doc.edges.map((e) => ({
          ...e,
          attributes: { ...e.attributes, weight: Math.fround(e.attributes.weight) },
        })),
      };
      expect(back.toJSON()).toEqual(rounded);
      const inputs = randomInputs(() => (k * 0.37) % 1, net);
      const expected = Object.values(net.run(inputs));
      Object.values(back.run(inputs)).forEach((value, j) => expect(value).toBeCloseTo(expected[j]!, 4));
    }
  });

  it('reads weights changed elsewhere from the initializers, and a changed graph as a plain model', () => {
    const net = Network.layered([2, 3, 1], { seed: 1 });
    const bytes = edit(toOnnx(net, { dtype: 'float64' }), (model) => {
      const weights = model.graph!.initializer!.find((t) => t.name === 'layer1_weight')!;
      weights.raw_data = realTensor('', [3, 2], 11, [1, 2, 3, 4, 5, 6]).raw_data!;
    });
    expect(fromOnnx(bytes).weight('x1', 'h1_2')).toBe(6);
    // Without its structure the same model reads as layers: ids from neurograph.inputs, .outputs and the docs.
    const plain = edit(toOnnx(net), (model) => {
      model.metadata_props = model.metadata_props!.filter(({ key }) => key !== 'neurograph.structure');
    });
    const read = fromOnnx(plain);
    expect(read.inputs).toEqual(['x0', 'x1']);
    expect(read.outputs).toEqual(['y0']);
    expect(read.neurons).toEqual(['x0', 'x1', 'h1_0', 'h1_1', 'h1_2', 'y0', 'bias']);
    expect(read.run([0.3, -0.2]).y0).toBeCloseTo(net.run([0.3, -0.2]).y0!, 6);
  });

  it('reads MatMul + Add layers (as Keras and scikit-learn export them)', () => {
    const model: ModelMessage = {
      ir_version: 8,
      opset_import: [{ domain: '', version: 17 }],
      graph: {
        name: 'mlp',
        node: [
          { name: 'dense/MatMul', op_type: 'MatMul', input: ['x', 'W1'], output: ['m1'] },
          { name: 'dense/Add', op_type: 'Add', input: ['m1', 'b1'], output: ['a1'] },
          {
            name: 'act',
            op_type: 'LeakyRelu',
            input: ['a1'],
            output: ['h'],
            attribute: [{ name: 'alpha', type: 1, f: 0.25 }],
          },
          { name: 'out/MatMul', op_type: 'MatMul', input: ['h', 'W2'], output: ['m2'] },
          { name: 'out/Add', op_type: 'Add', input: ['b2', 'm2'], output: ['y'] },
        ],
        initializer: [
          realTensor('W1', [2, 2], 1, [1, -1, 2, 0.5]),
          realTensor('b1', [2], 1, [0.25, -0.5]),
          realTensor('W2', [2, 1], 1, [1, -2]),
          realTensor('b2', [1, 1], 1, [0.5]),
        ],
        input: [
          {
            name: 'x',
            type: { tensor_type: { elem_type: 1, shape: { dim: [{ dim_param: 'N' }, { dim_value: 2 }] } } },
          },
        ],
        output: [
          {
            name: 'y',
            type: { tensor_type: { elem_type: 1, shape: { dim: [{ dim_param: 'N' }, { dim_value: 1 }] } } },
          },
        ],
      },
    };
    const net = fromOnnx(encodeModel(model));
    expect(net.inputs).toEqual(['x_0', 'x_1']);
    expect(net.outputs).toEqual(['y_0']);
    expect(net.weight('x_1', 'dense_0')).toBe(2);
    expect(net.weight('bias', 'y_0')).toBe(0.5);
    // h = leakyRelu([1·1 + 2·2 + 0.25, −1·1 + 0.5·2 − 0.5]) = [5.25, −0.125] → y = 5.25 + 0.25 + 0.5
    expect(net.run([1, 2]).y_0).toBeCloseTo(6, 12);
  });
});

describe('a model PyTorch made (test/fixtures/onnx/iris-mlp.onnx)', () => {
  const bytes = readFileSync(fixture('iris-mlp.onnx'));
  const expected = JSON.parse(readFileSync(fixture('iris-mlp.expected.json'), 'utf8')) as {
    inputs: number[][];
    labels: number[];
    probabilities: number[][];
  };

  it('opens as a neuron graph: Flatten, fc1 (relu), fc2 (softmax), one bias neuron', () => {
    const net = fromOnnx(bytes);
    expect(net.inputs).toEqual(['measurements_0', 'measurements_1', 'measurements_2', 'measurements_3']);
    expect(net.outputs).toEqual(['probabilities_0', 'probabilities_1', 'probabilities_2']);
    expect(net.neurons.filter((id) => id.startsWith('fc1_'))).toHaveLength(8);
    expect(net.graph.getNodeAttribute('fc1_0', 'activation')).toBe('relu');
    expect(net.graph.getNodeAttribute('probabilities_0', 'activation')).toBe('softmax');
    expect(net.graph.size).toBe(4 * 8 + 8 + 8 * 3 + 3);
  });

  it("gives PyTorch's answers for all 150 flowers (float32 weights, float64 arithmetic) and the same classes", () => {
    const net = fromOnnx(bytes);
    let worst = 0;
    expected.inputs.forEach((row, k) => {
      const outputs = net.run(row);
      Object.values(outputs).forEach((p, j) => (worst = Math.max(worst, Math.abs(p - expected.probabilities[k]![j]!))));
      const torchClass = expected.probabilities[k]!.indexOf(Math.max(...expected.probabilities[k]!));
      expect(classify(outputs)).toBe(`probabilities_${torchClass}`);
    });
    expect(worst).toBeLessThan(1e-5);
  });

  it('round-trips: the graph it opened exports to a model onnxruntime runs with the same answers', async () => {
    const net = fromOnnx(bytes);
    const actual = await runRows(await session(toOnnx(net)), 'float32', expected.inputs);
    actual.forEach((row, k) => row.forEach((p, j) => expect(p).toBeCloseTo(expected.probabilities[k]![j]!, 5)));
  });

  it('names an operator it does not read, and its node', () => {
    const bad = edit(bytes, (model) => {
      model.graph!.node![2]!.op_type = 'Gelu';
    });
    expect(() => fromOnnx(bad)).toThrow(SerializationError);
    expect(() => fromOnnx(bad)).toThrow(/graph\.node\[2\] \("\/Relu"\): operator "Gelu" is not supported/);
  });
});
