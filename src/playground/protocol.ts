/**
 * Messages between the page and its training worker
 * =================================================
 *
 * The page sends the network as its document and the points as flat arrays; the
 * worker trains its own copy with the library's `Trainer` and sends the weights back
 * in the document's edge order, with the losses of every epoch since its last message.
 */
import type { NetworkDocument } from '../graph/serialize.js';
import type { RegularizationName } from './state.js';

export interface TrainingSettings {
  readonly learningRate: number;
  readonly batchSize: number;
  readonly regularization: RegularizationName;
  readonly regularizationRate: number;
  /** Seeds the shuffles (with the epoch, so each epoch's order differs). */
  readonly seed: number;
}

export type ToWorker =
  | {
      readonly type: 'load';
      readonly document: NetworkDocument;
      /** x, y, label of each point, one after another. */
      readonly train: readonly number[];
      readonly test: readonly number[];
      readonly settings: TrainingSettings;
      /** The epoch the network is at (its weights are that epoch's). */
      readonly epoch: number;
    }
  | { readonly type: 'settings'; readonly settings: TrainingSettings }
  | { readonly type: 'play' }
  | { readonly type: 'pause' }
  | { readonly type: 'step' };

/** Training and test loss (mean squared error, no penalty) after an epoch. */
export interface EpochLoss {
  readonly epoch: number;
  readonly train: number;
  readonly test: number;
}

export type FromWorker =
  | {
      readonly type: 'progress';
      /** Which `load` this is about (they are counted from 1), so a late message about an old network is ignored. */
      readonly generation: number;
      readonly epoch: number;
      /** In the order of the loaded document's edges. */
      readonly weights: readonly number[];
      readonly losses: readonly EpochLoss[];
      readonly playing: boolean;
    }
  | { readonly type: 'failed'; readonly generation: number; readonly message: string };
