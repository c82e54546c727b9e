import { ValueError, type Generator, type Tensor } from '@dlkit/core';

/**
 * A random augmentation of an NHWC image batch `[m, h, w, c]`: draws its random choices (per
 * image) from `random` and returns a new batch (the input is never changed). The same generator
 * state gives the same result, so a seeded `Generator` makes augmentation reproducible.
 * @example const flipped = randomHorizontalFlip()(images, new Generator(0));
 */
export type ImageTransform = (images: Tensor, random: Generator) => Tensor;

/**
 * A random augmentation of a batch of images and their targets together, such as
 * {@link mixup}: `[images, targets]` → `[images, targets]`.
 * @example const [x2, y2] = mixup({ alpha: 0.2 })([x, yOneHot], new Generator(0));
 */
export type PairTransform = (batch: readonly [Tensor, Tensor], random: Generator) => readonly [Tensor, Tensor];

/**
 * Chains image transforms, applied left to right with one generator (torchvision's `Compose`).
 * @example
 * ```ts
 * const augment = compose([randomCrop(28, { padding: 2 }), randomRotation(10)]);
 * augment(images, new Generator(1));
 * ```
 */
export function compose(transforms: readonly ImageTransform[]): ImageTransform {
  if (!Array.isArray(transforms) || !transforms.every((t) => typeof t === 'function')) {
    throw new ValueError(`compose: expected an array of image transforms, got ${String(transforms)}`);
  }
  return (images, random) => transforms.reduce((x, t) => t(x, random), images);
}

/** Throws a ValueError naming `where` unless `p` is a probability. */
export function assertProbability(p: number, where: string): void {
  if (!(typeof p === 'number' && p >= 0 && p <= 1)) throw new ValueError(`${where}: p must be a probability in [0, 1], got ${String(p)}`);
}

/** `[low, high]` from a half-width `d` (→ `[center − d, center + d]`, floored at `floor`) or an explicit range, checked. */
export function range(value: number | readonly [number, number], center: number, floor: number, name: string, where: string): [number, number] {
  const [low, high] = typeof value === 'number' ? [Math.max(floor, center - value), center + value] : Array.isArray(value) && value.length === 2 ? value : [NaN, NaN];
  if (!(Number.isFinite(low) && Number.isFinite(high) && low <= high && low >= floor) || (typeof value === 'number' && value < 0)) {
    throw new ValueError(`${where}: ${name} must be a non-negative number or a range [low, high] with ${floor} <= low <= high, got ${JSON.stringify(value)}`);
  }
  return [low, high];
}

/** A uniform draw in `[low, high]` (exactly `low` when the range is a point). */
export function uniform(random: Generator, [low, high]: readonly [number, number]): number {
  return low === high ? low : low + (high - low) * random.nextFloat();
}
