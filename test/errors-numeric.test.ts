import { describe, expect, it } from 'vitest';
import { Network, NumericError, Trainer, TrainingError, UsageError } from '../src/index.js';

/** x → h → y with weights that overflow: h's sum is 1e308 · 10 = Infinity. */
function overflowing(activation: 'relu' | 'sigmoid' | 'identity' = 'identity') {
  return new Network()
    .addInput('x')
    .addNeuron('h', { activation })
    .addOutput('y', { activation: 'identity' })
    .connect('x', 'h', 1e308)
    .connect('h', 'y', 1);
}

describe('non-finite arithmetic never escapes a run', () => {
  it('an overflowing sum is a NumericError naming the neuron; the previous values stay', () => {
    const net = overflowing();
    expect(net.run([1e-300])).toEqual({ y: 1e8 });
    let error: unknown;
    try {
      net.run([10]);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(NumericError);
    expect((error as NumericError).neuron).toBe('h');
    expect((error as Error).message).toMatch(/^Network\.run: the weighted input of "h"/);
    expect(net.value('y')).toBe(1e8);
  });

  it('is caught even where an activation would hide it (relu(NaN) is 0, sigmoid(∞) is 1)', () => {
    // Infinity − Infinity = NaN inside h's sum.
    const hidden = new Network()
      .addInput('x')
      .addNeuron('h', { activation: 'relu' })
      .addOutput('y', { activation: 'identity' });
    hidden.addNeuron('p', { activation: 'identity' }).addNeuron('q', { activation: 'identity' });
    hidden
      .connect('x', 'p', 1e308)
      .connect('x', 'q', -1e308)
      .connect('p', 'h', 10)
      .connect('q', 'h', 10)
      .connect('h', 'y', 1);
    expect(() => hidden.run([10])).toThrow(NumericError);
    expect(() => overflowing('sigmoid').run([10])).toThrow(/"h"/);
  });

  it('listeners see no event for the failing neuron or after it, and no runCompleted', () => {
    const net = overflowing();
    const seen: string[] = [];
    net.on('neuronActivated', (e) => seen.push(e.neuron));
    net.on('runCompleted', () => seen.push('completed'));
    expect(() => net.run([10])).toThrow(NumericError);
    expect(seen).toEqual(['x']);
  });

  it('the compiled forms throw it too: CSR, dense, and dense batches (naming the row)', () => {
    const csr = overflowing().connect('x', 'y', 1).compile();
    expect(csr.kind).toBe('csr');
    expect(() => csr.run([10])).toThrow(NumericError);
    const dense = overflowing().compile();
    expect(dense.kind).toBe('dense');
    expect(() => dense.run([10])).toThrow(NumericError);
    expect(() => dense.runBatch(Float64Array.of(1e-300, 10), 2)).toThrow(/"h" in row 1/);
    expect(dense.runBatch(Float64Array.of(1e-300, 1e-300), 2)).toStrictEqual(Float64Array.of(1e8, 1e8));
  });

  it('a non-finite weight written to the graph directly is refused at the next run', () => {
    const net = new Network().addInput('x').addOutput('y', { activation: 'identity' }).connect('x', 'y', 2);
    expect(net.run([1])).toEqual({ y: 2 });
    net.graph.setDirectedEdgeAttribute('x', 'y', 'weight', Number.NaN);
    expect(() => net.run([1])).toThrow(UsageError);
    net.graph.updateEachEdgeAttributes((_e, attributes) => ({ ...attributes, weight: 3 }));
    expect(net.run([1])).toEqual({ y: 3 });
    net.graph.updateEachEdgeAttributes((_e, attributes) => ({ ...attributes, weight: Infinity }));
    expect(() => net.run([1])).toThrow(UsageError);
    expect(net.value('y')).toBe(3);
  });

  it('training that runs no epoch reports a non-finite loss as a TrainingError, not as a result', async () => {
    const net = new Network().addInput('x').addOutput('y', { activation: 'identity' }).connect('x', 'y', 1e308);
    const trainer = new Trainer(net, { epochs: 0 });
    await expect(trainer.train([{ input: [10], output: [0] }])).rejects.toThrow(TrainingError);
  });
});
