import { ValueError, type Tensor } from '@dlkit/core';
import { TensorDataset } from './dataset.js';
import { permutation } from './shuffle.js';

/** Options of {@link trainDevTestSplit}. */
export interface TrainDevTestSplitOptions {
  /**
   * Fractions `[train, dev, test]`, summing to 1 (default `[0.6, 0.2, 0.2]`, the course's
   * small-data split; with millions of examples the course uses `[0.98, 0.01, 0.01]`).
   */
  ratios?: readonly [number, number, number];
  /** Shuffle before splitting (default true). */
  shuffle?: boolean;
  /** Seed of the shuffle. */
  seed?: number;
}

/** The three parts returned by {@link trainDevTestSplit}. */
export interface TrainDevTestSplit<T extends readonly Tensor[]> {
  /** The examples to fit on (the `ratios[0]` share). */
  train: TensorDataset<T>;
  /** The examples to tune hyperparameters and pick models on (the `ratios[1]` share). */
  dev: TensorDataset<T>;
  /** The examples held back for the final, unbiased estimate (the `ratios[2]` share). */
  test: TensorDataset<T>;
}

/** Split sizes from fractions: floors, with the leftover examples going to the first parts. */
function splitSizes(where: string, m: number, ratios: readonly number[]): number[] {
  if (ratios.some((r) => !(Number.isFinite(r) && r >= 0))) throw new ValueError(`${where}: ratios must be numbers >= 0, got [${ratios.join(', ')}]`);
  const total = ratios.reduce((a, b) => a + b, 0);
  if (Math.abs(total - 1) > 1e-9) throw new ValueError(`${where}: ratios must sum to 1, got [${ratios.join(', ')}] (sum ${total})`);
  const sizes = ratios.map((r) => Math.floor(r * m + 1e-9));
  let left = m - sizes.reduce((a, b) => a + b, 0);
  for (let i = 0; left > 0; i = (i + 1) % sizes.length) {
    if (ratios[i]! > 0) {
      sizes[i]!++;
      left--;
    }
  }
  return sizes;
}

function parts<T extends readonly Tensor[]>(dataset: TensorDataset<T>, sizes: readonly number[], shuffle: boolean, seed: number | undefined, where: string): TensorDataset<T>[] {
  const order = shuffle ? permutation(dataset.length, seed) : Array.from({ length: dataset.length }, (_, i) => i);
  let start = 0;
  return sizes.map((size, i) => {
    if (size === 0) throw new ValueError(`${where}: part ${i} would be empty (${dataset.length} examples); give it a larger ratio or use more data`);
    const indices = order.slice(start, start + size);
    start += size;
    return dataset.subset(indices);
  });
}

/**
 * Splits examples into train, dev (hold-out / cross-validation) and test sets. Dev and test must
 * come from the distribution you care about; shuffling first keeps all three alike.
 * @example
 * ```ts
 * const { train, dev, test } = trainDevTestSplit([x, y], { ratios: [0.98, 0.01, 0.01], seed: 1 });
 * const [xTrain, yTrain] = train.tensors; // a pair: train is a TensorDataset<readonly [Tensor, Tensor]>
 * ```
 */
export function trainDevTestSplit<const T extends readonly Tensor[]>(data: TensorDataset<T> | T, options: TrainDevTestSplitOptions = {}): TrainDevTestSplit<T> {
  const where = 'trainDevTestSplit';
  const dataset = data instanceof TensorDataset ? data : new TensorDataset<T>(...(data as T));
  const sizes = splitSizes(where, dataset.length, options.ratios ?? [0.6, 0.2, 0.2]);
  const [train, dev, test] = parts(dataset, sizes, options.shuffle ?? true, options.seed, where);
  return { train: train!, dev: dev!, test: test! };
}

/** Options of {@link trainDevSplit}. */
export interface TrainDevSplitOptions {
  /** Fraction of the training set held out as train-dev (default 0.1). */
  trainDevRatio?: number;
  /** Shuffle before splitting (default true). */
  shuffle?: boolean;
  /** Seed of the shuffle. */
  seed?: number;
}

/**
 * Carves a "train-dev" set out of the training data (Course 3's data-mismatch analysis): it has
 * the training distribution but is not trained on, so `trainDevError − trainError` measures
 * variance and `devError − trainDevError` measures data mismatch (see `diagnose`).
 * @example const { train, trainDev } = trainDevSplit(webImages, { trainDevRatio: 0.05, seed: 0 });
 */
export function trainDevSplit<const T extends readonly Tensor[]>(data: TensorDataset<T> | T, options: TrainDevSplitOptions = {}): {
  /** The examples to train on (`1 − trainDevRatio` of them). */
  train: TensorDataset<T>;
  /** The held-out examples of the training distribution (`trainDevRatio` of them). */
  trainDev: TensorDataset<T>;
} {
  const where = 'trainDevSplit';
  const ratio = options.trainDevRatio ?? 0.1;
  if (!(ratio > 0 && ratio < 1)) throw new ValueError(`${where}: trainDevRatio must be in (0, 1), got ${String(ratio)}`);
  const dataset = data instanceof TensorDataset ? data : new TensorDataset<T>(...(data as T));
  const sizes = splitSizes(where, dataset.length, [1 - ratio, ratio]);
  const [train, trainDev] = parts(dataset, sizes, options.shuffle ?? true, options.seed, where);
  return { train: train!, trainDev: trainDev! };
}
