/**
 * The training worker
 * ===================
 *
 * Runs in a Web Worker, so the page stays smooth while the library's `Trainer` trains
 * as fast as it can: it holds its own copy of the network (from the page's document),
 * trains it epoch after epoch while playing, and after every epoch scores the training
 * and test points with `evaluate`. It posts the weights and the new losses at most
 * every ~30 ms (the page draws at screen rate; more would only queue), and at once
 * when it pauses or steps. A failure (a loss that left the finite numbers) pauses and
 * is reported, never thrown.
 */
import { Network } from '../graph/network.js';
import type { Point } from '../data/points.js';
import { evaluate } from '../train/evaluate.js';
import type { Sample } from '../train/samples.js';
import { Trainer, type TrainerOptions } from '../train/trainer.js';
import { toSamples } from './model.js';
import type { EpochLoss, FromWorker, ToWorker, TrainingSettings } from './protocol.js';

const POST_EVERY_MS = 30;

interface Loaded {
  readonly net: Network;
  readonly edges: readonly (readonly [string, string])[];
  readonly train: Sample[];
  readonly test: Sample[];
}

export function startWorker(scope: {
  postMessage(message: FromWorker): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ToWorker>) => void): void;
}): void {
  let loaded: Loaded | undefined;
  let generation = 0;
  let settings: TrainingSettings | undefined;
  let epoch = 0;
  let playing = false;
  let losses: EpochLoss[] = [];
  let lastPost = 0;
  /** Counts stops: a play loop goes on only while the count is the one it started with. */
  let session = 0;
  /** Stops the running `train` call; set while one runs. */
  let running: { controller: AbortController; done: Promise<void> } | undefined;

  const post = () => {
    if (loaded === undefined) return;
    const weights = loaded.edges.map(([from, to]) => loaded!.net.weight(from, to));
    scope.postMessage({ type: 'progress', generation, epoch, weights, losses, playing });
    losses = [];
    lastPost = performance.now();
  };

  const score = (): EpochLoss => ({
    epoch,
    train: evaluate(loaded!.net, loaded!.train).loss,
    test: loaded!.test.length === 0 ? Number.NaN : evaluate(loaded!.net, loaded!.test).loss,
  });

  const trainerOptions = (epochs: number, signal?: AbortSignal): TrainerOptions => {
    const s = settings!;
    const rate = s.regularizationRate;
    return {
      learningRate: s.learningRate,
      batchSize: s.batchSize,
      epochs,
      loss: 'mse',
      seed: s.seed * 100_003 + epoch,
      ...(s.regularization === 'L1' && rate > 0 && { regularization: { l1: rate } }),
      ...(s.regularization === 'L2' && rate > 0 && { regularization: { l2: rate } }),
      ...(signal !== undefined && { signal }),
    };
  };

  /** Trains `epochs` epochs (or until stopped), posting as it goes. */
  const train = (epochs: number) => {
    const controller = new AbortController();
    const trainer = new Trainer(loaded!.net, trainerOptions(epochs, controller.signal));
    trainer.on('epochCompleted', () => {
      epoch++;
      losses.push(score());
      if (performance.now() - lastPost >= POST_EVERY_MS) post();
    });
    const done = trainer
      .train(loaded!.train)
      .then(
        () => undefined,
        (error: unknown) => {
          playing = false;
          scope.postMessage({
            type: 'failed',
            generation,
            message: error instanceof Error ? error.message : String(error),
          });
        },
      )
      .finally(() => {
        if (running?.controller === controller) running = undefined;
        post();
      });
    running = { controller, done };
    return done;
  };

  const stop = async () => {
    session++;
    const current = running;
    if (current === undefined) return;
    current.controller.abort();
    await current.done;
  };

  // Messages are handled one after another: each waits for the one before.
  let queue = Promise.resolve();
  scope.addEventListener('message', (event) => {
    const message = event.data;
    queue = queue.then(() => handle(message)).catch(() => undefined);
  });

  const handle = async (message: ToWorker) => {
    if (message.type === 'load') {
      await stop();
      generation++;
      const net = Network.fromJSON(message.document);
      const points = (flat: readonly number[]) => {
        const out: Point[] = [];
        for (let i = 0; i + 2 < flat.length; i += 3) out.push({ x: flat[i]!, y: flat[i + 1]!, label: flat[i + 2]! });
        return out;
      };
      loaded = {
        net,
        edges: message.document.edges.map((edge) => [edge.source, edge.target] as const),
        train: toSamples(net, points(message.train)),
        test: toSamples(net, points(message.test)),
      };
      settings = message.settings;
      epoch = message.epoch;
      losses = [score()];
      post();
      if (playing) void play();
    } else if (message.type === 'settings') {
      settings = message.settings;
      if (running !== undefined) {
        await stop();
        if (playing) void play();
      }
    } else if (message.type === 'play') {
      playing = true;
      if (running === undefined) void play();
      else post();
    } else if (message.type === 'pause') {
      playing = false;
      await stop();
    } else if (message.type === 'step') {
      playing = false;
      await stop();
      if (loaded !== undefined && settings !== undefined) await train(1);
    }
  };

  /** Trains while playing, in calls of many epochs (a new call after a settings change, seeded by its epoch). */
  const play = async () => {
    const mine = session;
    while (playing && session === mine && loaded !== undefined && settings !== undefined) await train(1_000_000);
  };
}
