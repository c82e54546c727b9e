import { Generator, ShapeError, ValueError, gather, tensor, toBackend, type Tensor } from '@dlkit/core';
import type { ImageTransform, PairTransform } from './transform.js';

/** Examples that come in `[images, targets]` batches: an optim `TensorDataset`, or any `{ length, batch(indices) }`. */
export interface PairSource {
  /** Number of examples; `batch` accepts indices `0 … length − 1`. */
  readonly length: number;
  /** The examples at `indices` as one `[images, targets]` batch. */
  batch(indices: readonly number[]): readonly [Tensor, Tensor];
}

/** Options of {@link augmentBatches}. */
export interface AugmentBatchesOptions {
  /** Applied to each batch's images (e.g. a {@link compose} of flips and crops). */
  images?: ImageTransform;
  /** Applied to each batch's images and targets together, after `images` (e.g. {@link mixup}). */
  pairs?: PairTransform;
  /** Seed of the one generator all batches draw from (default 0): the same seed and batch order give the same run. */
  seed?: number;
}

/**
 * Training data whose every batch is freshly augmented: a batch source for `@dlkit/optim`'s `fit`
 * (and anything else that asks for `batch(indices)`), so each epoch sees new random versions of
 * the same examples. Give it to `fit` with a step, e.g.
 * `fit(model, { data: augmentBatches([x, y], { images }), step: (m, [xb, yb]) => crossEntropy(m.forward(xb), yb), … })`.
 * Evaluate on the plain data. Shapes: `x [m, h, w, c]`, targets `[m, …]`; batches keep them.
 * @example const train = augmentBatches([x, y], { images: compose([randomCrop(28, { padding: 2 })]), seed: 1 });
 */
export function augmentBatches(data: PairSource | readonly [Tensor, Tensor], options: AugmentBatchesOptions = {}): PairSource {
  const source = Array.isArray(data) ? tupleSource(data as readonly [Tensor, Tensor]) : (data as PairSource);
  if (typeof source.batch !== 'function' || !Number.isInteger(source.length)) {
    throw new ValueError('augmentBatches: data must be a pair [images, targets] or a { length, batch(indices) } source such as a TensorDataset');
  }
  const random = new Generator(options.seed ?? 0);
  return {
    length: source.length,
    batch(indices) {
      let [images, targets] = source.batch(indices);
      if (options.images) images = options.images(images, random);
      if (options.pairs) [images, targets] = options.pairs([images, targets], random);
      return [images, targets] as const;
    },
  };
}

function tupleSource([images, targets]: readonly [Tensor, Tensor]): PairSource {
  if (images.rank === 0 || targets.rank === 0 || images.shape[0] !== targets.shape[0]) {
    throw new ShapeError(`augmentBatches: images [${images.shape.join(', ')}] and targets [${targets.shape.join(', ')}] need the same number of examples first`);
  }
  const length = images.shape[0]!;
  return {
    length,
    batch(indices) {
      const bad = indices.find((i) => !(Number.isInteger(i) && i >= 0 && i < length));
      if (bad !== undefined) throw new ValueError(`augmentBatches: index ${bad} is outside [0, ${length})`);
      const index = tensor(Int32Array.from(indices));
      return [gather(images, toBackend(index, images.backend.name), 0), gather(targets, toBackend(index, targets.backend.name), 0)] as const;
    },
  };
}
