/**
 * The new training options refuse misspelled names and bad values with named errors, and a refused
 * call changes nothing: the network's weights are those from before it.
 */
import { describe, expect, it } from 'vitest';
import { InputError, Network, Trainer, UsageError, type TrainerOptions } from '../src/index.js';
import type { TrainOptions } from '../src/train/trainer.js';
import { XOR_SAMPLES as xor } from './support/training.js';

const network = () => Network.layered([2, 3, 1], { seed: 1 });

describe('refused trainer options', () => {
  const bad: [string, TrainerOptions][] = [
    ['regularization misspelled', { regularization: { L2: 0.1 } as never }],
    ['regularization not an object', { regularization: 0.1 as never }],
    ['negative l2', { regularization: { l2: -0.1 } }],
    ['NaN l1', { regularization: { l1: Number.NaN } }],
    ['infinite l2', { regularization: { l2: Number.POSITIVE_INFINITY } }],
    ['string l1', { regularization: { l1: '0.1' as never } }],
    ['earlyStopping misspelled', { earlyStopping: { patiense: 3 } as never }],
    ['patience 0', { earlyStopping: { patience: 0 } }],
    ['fractional patience', { earlyStopping: { patience: 2.5 } }],
    ['NaN patience', { earlyStopping: { patience: Number.NaN } }],
    ['restoreBest not boolean', { earlyStopping: { patience: 2, restoreBest: 'yes' as never } }],
    ['negative minDelta', { earlyStopping: { patience: 2, minDelta: -1 } }],
    ['learningRate not a number or function', { learningRate: 'fast' as never }],
    ['option misspelled', { regularisation: { l2: 0.1 } } as never],
  ];
  for (const [name, options] of bad) {
    it(`${name}: UsageError`, () => {
      const net = network();
      const before = net.toJSON();
      expect(() => new Trainer(net, options)).toThrow(UsageError);
      expect(net.toJSON()).toStrictEqual(before);
    });
  }
});

describe('refused train() calls change nothing', () => {
  const cases: [string, TrainerOptions, TrainOptions | undefined, typeof UsageError][] = [
    ['misspelled option', {}, { validaton: xor } as never, UsageError],
    ['validation and validationSplit', {}, { validation: xor, validationSplit: 0.5 }, UsageError],
    ['validationSplit 0', {}, { validationSplit: 0 }, UsageError],
    ['validationSplit 1', {}, { validationSplit: 1 }, UsageError],
    ['validationSplit NaN', {}, { validationSplit: Number.NaN }, UsageError],
    ['validationSplit 1.5', {}, { validationSplit: 1.5 }, UsageError],
    ['validationSplit as a string', {}, { validationSplit: '0.5' as never }, UsageError],
    ['validationSplit leaving no validation sample', {}, { validationSplit: 0.1 }, UsageError],
    ['validationSplit leaving no training sample', {}, { validationSplit: 0.9 }, UsageError],
    ['validation samples with unknown ids', {}, { validation: [{ input: { a: 0, b: 1 }, output: [1] }] }, InputError],
    ['validation samples with too many targets', {}, { validation: [{ input: [0, 1], output: [1, 0] }] }, InputError],
    ['empty validation', {}, { validation: [] }, InputError],
    ['earlyStopping without validation', { earlyStopping: { patience: 2 } }, undefined, UsageError],
    ['options not an object', {}, 5 as never, UsageError],
  ];
  for (const [name, trainerOptions, trainOptions, errorClass] of cases) {
    it(`${name}: ${errorClass.name}`, async () => {
      const net = network();
      const before = net.toJSON();
      const trainer = new Trainer(net, { epochs: 5, ...trainerOptions });
      await expect(trainer.train(xor, trainOptions)).rejects.toThrow(errorClass);
      expect(net.toJSON()).toStrictEqual(before);
      // The trainer is still usable afterwards.
      await expect(trainer.train(xor, { validation: xor })).resolves.toMatchObject({ epochs: 5 });
    });
  }
});
