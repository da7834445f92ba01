/**
 * evaluate() and classify(): accuracy and confusion matrices against a hand count over `run`, on seeded
 * random networks; sequences; losses that match the trainer's; and nothing changed, nothing emitted.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Network,
  Trainer,
  UsageError,
  InputError,
  createRandom,
  type ActivationSpec,
  type Sample,
  type TrainingSample,
} from '../src/index.js';
import { classify } from '../src/train/classify.js';
import { evaluate } from '../src/train/evaluate.js';
import { randomNetwork } from './support/random-network.js';

const smooth: readonly ActivationSpec[] = ['identity', 'sigmoid', 'tanh', 'relu', 'leakyRelu'];

/** The hand count: the argmax of `run` (first on a tie), or output > 0.5 for one output. */
function handCount(net: Network, samples: readonly Sample[]) {
  const ids = net.outputs;
  const classes = ids.length === 1 ? 2 : ids.length;
  const counts = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  let right = 0;
  let squares = 0;
  for (const { input, output } of samples) {
    const values = net.run(input);
    const targets = output as readonly number[];
    ids.forEach((id, i) => (squares += (values[id]! - targets[i]!) ** 2));
    let predicted = 0;
    if (ids.length === 1) predicted = values[ids[0]!]! > 0.5 ? 1 : 0;
    else ids.forEach((id, i) => values[id]! > values[ids[predicted]!]! && (predicted = i));
    const truth = ids.length === 1 ? targets[0]! : targets.indexOf(1);
    counts[truth]![predicted]!++;
    if (truth === predicted) right++;
  }
  return { accuracy: right / samples.length, counts, loss: squares / (samples.length * ids.length) };
}

function classified(seed: number, net: Network, count: number): Sample[] {
  const random = createRandom(seed);
  const width = net.outputs.length;
  return Array.from({ length: count }, () => {
    const truth = Math.floor(random() * (width === 1 ? 2 : width));
    return {
      input: net.inputs.map(() => random() * 4 - 2),
      output: width === 1 ? [truth] : net.outputs.map((_, i) => (i === truth ? 1 : 0)),
    };
  });
}

describe('evaluate', () => {
  it('counts accuracy and the confusion matrix as a hand count over run() on 60 random networks', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const net = randomNetwork(seed, { inputs: 3, hidden: 5, outputs: 1 + (seed % 4), activations: smooth });
      const samples = classified(seed, net, 25);
      const expected = handCount(net, samples);
      const result = evaluate(net, samples);
      expect(result.accuracy, `seed ${seed}`).toBe(expected.accuracy);
      expect(result.confusion).toStrictEqual({
        classes: net.outputs.length === 1 ? ['0', '1'] : net.outputs,
        counts: expected.counts,
      });
      expect(result.loss).toBeCloseTo(expected.loss, 12);
      expect(result.steps).toBe(25);
    }
  });

  it('reports the loss the trainer reports (mse and cross-entropy)', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const net = randomNetwork(seed, { inputs: 2, hidden: 4, outputs: 2, activations: ['sigmoid'] });
      const samples = classified(seed, net, 10);
      expect(evaluate(net, samples).loss).toBeCloseTo(new Trainer(net).loss(samples), 12);
      expect(evaluate(net, samples, { loss: 'crossEntropy' }).loss).toBeCloseTo(
        new Trainer(net, { loss: 'crossEntropy' }).loss(samples),
        12,
      );
    }
  });

  it('scores every step with an output of sequences, from a reset memory, as runSequence gives them', () => {
    const net = Network.elman([2, 4, 3], { seed: 6 });
    const random = createRandom(6);
    const samples: TrainingSample[] = Array.from({ length: 12 }, () => ({
      steps: Array.from({ length: 1 + Math.floor(random() * 5) }, (_, t) => ({
        input: [random(), random()],
        ...(t === 0 || random() < 0.5 ? { output: [0, 1, 2].map((i) => (i === t % 3 ? 1 : 0)) } : {}),
      })),
    }));
    const steps: Sample[] = [];
    let right = 0;
    for (const sample of samples) {
      if (!('steps' in sample)) continue;
      const outputs = net.runSequence(sample.steps.map((step) => step.input));
      sample.steps.forEach((step, t) => {
        if (step.output === undefined) return;
        steps.push({ input: step.input, output: step.output });
        const values = net.outputs.map((id) => outputs[t]![id]!);
        const predicted = values.indexOf(Math.max(...values));
        if ((step.output as number[])[predicted] === 1) right++;
      });
    }
    const result = evaluate(net, samples);
    expect(result.steps).toBe(steps.length);
    expect(result.accuracy).toBe(right / steps.length);
    expect(result.confusion?.counts.flat().reduce((a, b) => a + b)).toBe(steps.length);
    expect(result.loss).toBeCloseTo(new Trainer(net).loss(samples), 12);
  });

  it('gives null accuracy and confusion when the targets are not a classification', () => {
    const net = Network.layered([2, 3, 2], { seed: 1 });
    const notOneHot = [{ input: [0, 1], output: [1, 1] }];
    const notZeroOne = [{ input: [0, 1], output: [0.3, 0] }];
    for (const samples of [notOneHot, notZeroOne]) {
      expect(evaluate(net, samples)).toMatchObject({ accuracy: null, confusion: null });
    }
  });

  it('changes nothing and emits nothing', () => {
    const net = Network.elman([2, 3, 2], { seed: 2 });
    net.run([1, 0]);
    const before = { json: net.toJSON(), time: net.time, values: net.neurons.map((id) => net.value(id)) };
    let events = 0;
    net.on('neuronActivated', () => events++);
    evaluate(net, [{ input: [1, 1], output: [1, 0] }]);
    expect({ json: net.toJSON(), time: net.time, values: net.neurons.map((id) => net.value(id)) }).toStrictEqual(
      before,
    );
    expect(events).toBe(0);
  });

  it('refuses bad arguments by name', () => {
    const net = Network.layered([2, 3, 1], { seed: 1 });
    const samples = [{ input: [0, 1], output: [1] }];
    expect(() => evaluate(net, samples, { los: 'mse' } as never)).toThrow(UsageError);
    expect(() => evaluate(net, samples, { loss: 'hinge' as never })).toThrow(UsageError);
    expect(() => evaluate({} as never, samples)).toThrow(UsageError);
    expect(() => evaluate(net, [{ input: { nope: 1 }, output: [1] }])).toThrow(InputError);
    expect(() => evaluate(net, [])).toThrow(InputError);
  });
});

describe('classify', () => {
  it('gives the id of the largest output, the first on a tie', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 2, maxLength: 6 }), (values) => {
        const record = Object.fromEntries(values.map((value, i) => [`o${i}`, value / 2]));
        expect(classify(record)).toBe(`o${values.indexOf(Math.max(...values))}`);
      }),
      { seed: 3 },
    );
  });

  it('reads a single output as class 1 above 0.5, else 0', () => {
    expect(classify({ y: 0.51 })).toBe('1');
    expect(classify({ y: 0.5 })).toBe('0');
    expect(classify({ y: -3 })).toBe('0');
  });

  it('agrees with run(): the winner of a layered network’s run', () => {
    const net = Network.layered([2, 4, 3], { seed: 9 });
    const outputs = net.run([0.3, -0.2]);
    const best = net.outputs.reduce((a, b) => (outputs[b]! > outputs[a]! ? b : a));
    expect(classify(outputs)).toBe(best);
  });

  it('refuses what is not a record of numbers', () => {
    for (const bad of [null, [0.1, 0.9], {}, { a: Number.NaN }, { a: '1' }, new Float64Array(2)]) {
      expect(() => classify(bad as never)).toThrow(UsageError);
    }
  });
});
