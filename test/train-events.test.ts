import { describe, expect, it, vi } from 'vitest';
import { Network, Tracer, Trainer, type TrainingResult } from '../src/index.js';
import { XOR_SAMPLES as xor, nextTurn, steppingClock } from './support/training.js';
const options = { learningRate: 0.5, epochs: 20, seed: 3 } as const;

async function trainedSilently() {
  const net = Network.layered([2, 3, 1], { seed: 2 });
  await new Trainer(net, options).train(xor);
  return net;
}

describe('training and events', () => {
  it('sends no network events when nobody listens to the network', async () => {
    const net = Network.layered([2, 3, 1], { seed: 2 });
    const emit = vi.spyOn(net, 'emit');
    await new Trainer(net, options).train(xor);
    expect(emit).not.toHaveBeenCalled();
  });

  it('runs every forward pass for real when a tracer listens, and learns exactly the same weights', async () => {
    const net = Network.layered([2, 3, 1], { seed: 2 });
    const tracer = new Tracer(net);
    const result = await new Trainer(net, options).train(xor);
    tracer.detach();
    const runs = tracer.events.filter((e) => e.type === 'runStarted');
    expect(runs.length).toBe(result.epochs * xor.length);
    expect(tracer.events.filter((e) => e.type === 'neuronActivated').length).toBe(runs.length * net.neurons.length);
    expect(net.toJSON()).toStrictEqual((await trainedSilently()).toJSON());
  });

  it('a listener attached in an epochCompleted listener sees every later forward pass', async () => {
    const net = Network.layered([2, 3, 1], { seed: 2 });
    const trainer = new Trainer(net, options);
    let runs = 0;
    trainer.on('epochCompleted', ({ epoch }) => epoch === 3 && net.on('runStarted', () => runs++));
    const result = await trainer.train(xor);
    expect(runs).toBe((result.epochs - 3) * xor.length);
    expect(net.toJSON()).toStrictEqual((await trainedSilently()).toJSON());
  });

  it('a tracer attached while training yields sees every forward pass from then on', async () => {
    const net = Network.layered([2, 3, 1], { seed: 2 });
    const controller = new AbortController();
    const trainer = new Trainer(net, {
      ...options,
      epochs: 100_000_000,
      signal: controller.signal,
      now: steppingClock(),
    });
    let tracer: Tracer | undefined;
    let epochsTraced = 0;
    // Stop ten whole epochs after the tracer arrived.
    trainer.on('epochCompleted', () => tracer !== undefined && ++epochsTraced === 11 && controller.abort());
    const training = trainer.train(xor);
    await nextTurn(); // training has yielded (its clock says 1 s passed at every reading)
    tracer = new Tracer(net);
    const result = await training;
    tracer.detach();
    const runs = tracer.events.filter((e) => e.type === 'runStarted').length;
    expect(result.stoppedBy).toBe('abort');
    // The rest of the epoch it arrived in (0 to 3 samples: training yields between steps), then ten epochs of 4.
    expect(runs).toBeGreaterThanOrEqual(40);
    expect(runs).toBeLessThanOrEqual(43);
    expect(tracer.events.filter((e) => e.type === 'neuronActivated').length).toBe(runs * net.neurons.length);
  });

  it('emits epochCompleted per epoch with the weights already in the graph, then trainingCompleted with the result', async () => {
    const net = Network.layered([2, 3, 1], { seed: 2 });
    const trainer = new Trainer(net, options);
    const epochs: number[] = [];
    const weightsSeen: unknown[] = [];
    let completed: TrainingResult | undefined;
    trainer.on('epochCompleted', ({ epoch, loss }) => {
      epochs.push(epoch);
      expect(Number.isFinite(loss)).toBe(true);
      weightsSeen.push(net.toJSON().edges);
    });
    trainer.on('trainingCompleted', (result) => (completed = result));
    const result = await trainer.train(xor);
    expect(epochs).toStrictEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(completed).toBe(result);
    expect(weightsSeen.at(-1)).toStrictEqual(net.toJSON().edges);
    expect(weightsSeen[0]).not.toStrictEqual(weightsSeen[1]);
  });
});
