import { Generator as RandomGenerator, ValueError, type Tensor } from '@dlkit/core';
import { asDataset, type SupervisedData } from './dataset.js';
import { permutation } from './shuffle.js';

/** Options of {@link batchIndices} and {@link miniBatches}. */
export interface BatchOptions {
  /** Examples per batch (default 64, the course's example; use m for batch gradient descent). */
  batchSize?: number;
  /** Visit the examples in a random order (default true). */
  shuffle?: boolean;
  /** Seed of the shuffle or sampling, for a reproducible order (default: unseeded). */
  seed?: number;
  /** Drop the last batch when it is smaller than `batchSize` (default false: keep it). */
  dropLast?: boolean;
  /**
   * `'partition'` (default): every example once per epoch, in `⌈m/batchSize⌉` batches.
   * `'replacement'`: `⌈m/batchSize⌉` batches of examples drawn with replacement.
   */
  sampling?: 'partition' | 'replacement';
}

/**
 * The example indices of each mini-batch of one epoch over `m` examples: a partition of a
 * (seeded) permutation, or draws with replacement. The last batch holds the `m mod batchSize`
 * leftovers unless `dropLast`.
 * @example batchIndices(5, { batchSize: 2, shuffle: false }) // [[0, 1], [2, 3], [4]]
 */
export function batchIndices(m: number, options: BatchOptions = {}): number[][] {
  const { batchSize = 64, shuffle = true, seed, dropLast = false, sampling = 'partition' } = options;
  if (!(Number.isInteger(m) && m >= 0)) throw new ValueError(`batchIndices: m must be an integer >= 0, got ${String(m)}`);
  if (!(Number.isInteger(batchSize) && batchSize > 0)) throw new ValueError(`batchIndices: batchSize must be a positive integer, got ${String(batchSize)}`);
  if (sampling !== 'partition' && sampling !== 'replacement') throw new ValueError(`batchIndices: sampling must be 'partition' or 'replacement', got ${String(sampling)}`);
  let order: number[];
  if (sampling === 'replacement') {
    const generator = new RandomGenerator(seed ?? Math.floor(Math.random() * 2 ** 31));
    order = Array.from({ length: m }, () => generator.nextInt(0, m));
  } else {
    order = shuffle ? permutation(m, seed) : Array.from({ length: m }, (_, i) => i);
  }
  const batches: number[][] = [];
  for (let start = 0; start < m; start += batchSize) {
    const batch = order.slice(start, start + batchSize);
    if (batch.length < batchSize && dropLast) break;
    batches.push(batch);
  }
  return batches;
}

/**
 * The course's `random_mini_batches`: `[x_batch, y_batch]` pairs covering one epoch.
 * @example for (const [xb, yb] of miniBatches([x, y], { batchSize: 64, seed: epoch })) { … }
 */
export function* miniBatches(data: SupervisedData, options: BatchOptions = {}): Generator<readonly [Tensor, Tensor]> {
  const dataset = asDataset(data, 'miniBatches');
  for (const indices of batchIndices(dataset.length, options)) yield dataset.batch(indices);
}
