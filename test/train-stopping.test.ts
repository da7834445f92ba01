import { describe, expect, it } from 'vitest';
import { Network, Trainer } from '../src/index.js';
import { XOR_SAMPLES as xor, steppingClock } from './support/training.js';
const network = () => Network.layered([2, 3, 1], { seed: 1 });

describe('when training stops', () => {
  it('at errorThreshold: the first epoch whose loss is at or below it', async () => {
    const trainer = new Trainer(network(), { learningRate: 0.5, epochs: 10_000, errorThreshold: 0.05 });
    const losses: number[] = [];
    trainer.on('epochCompleted', ({ loss }) => losses.push(loss));
    const result = await trainer.train(xor);
    expect(result).toStrictEqual({
      epochs: losses.length,
      loss: losses.at(-1),
      converged: true,
      stoppedBy: 'threshold',
    });
    expect(losses.slice(0, -1).every((loss) => loss > 0.05)).toBe(true);
  });

  it('after `epochs` when the threshold is not reached', async () => {
    const result = await new Trainer(network(), { epochs: 7, errorThreshold: 1e-9 }).train(xor);
    expect(result).toMatchObject({ epochs: 7, converged: false, stoppedBy: 'epochs' });
  });

  it('at once, changing nothing, with an already aborted signal', async () => {
    const net = network();
    const before = net.toJSON();
    const trainer = new Trainer(net, { signal: AbortSignal.abort() });
    const result = await trainer.train(xor);
    expect(result).toStrictEqual({ epochs: 0, loss: trainer.loss(xor), converged: false, stoppedBy: 'abort' });
    expect(net.toJSON()).toStrictEqual(before);
  });

  it('after the current step when the signal is aborted from a listener', async () => {
    const controller = new AbortController();
    const trainer = new Trainer(network(), { epochs: 100, signal: controller.signal });
    trainer.on('epochCompleted', ({ epoch }) => epoch === 5 && controller.abort());
    expect(await trainer.train(xor)).toMatchObject({ epochs: 5, stoppedBy: 'abort' });
  });

  it('while it runs: training yields to the event loop, so a callback queued there can abort it', async () => {
    // The clock moves 1 s per reading, so training yields at its first clock check, on any machine.
    const abortedAtFirstYield = async () => {
      const controller = new AbortController();
      const trainer = new Trainer(network(), { epochs: 100_000_000, signal: controller.signal, now: steppingClock() });
      setImmediate(() => controller.abort());
      return trainer.train(xor);
    };
    const result = await abortedAtFirstYield();
    expect(result.stoppedBy).toBe('abort');
    expect(result.epochs).toBeGreaterThan(0);
    expect(result.epochs).toBeLessThan(100_000);
    expect(await abortedAtFirstYield()).toStrictEqual(result);
  });

  it('refuses a clock that is not a function', () => {
    expect(() => new Trainer(network(), { now: 5 as never })).toThrow(/now must be a function/);
  });
});
