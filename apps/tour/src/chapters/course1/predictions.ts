import type { LabelledImage } from '../../report/charts.js';
import { MNIST_PIXELS, type DigitSet } from '../../data/mnist.js';

/** The pixels of image `i` of a digit set. */
export function digitPixels(set: DigitSet, i: number): Float32Array {
  return set.images.subarray(i * MNIST_PIXELS, (i + 1) * MNIST_PIXELS);
}

/**
 * Test digits with a caption saying what the model predicted, for the report's image grids.
 * @param indices which images of `set` to show.
 * @param caption the caption text and whether the prediction is right, for image `i`.
 */
export function labelledDigits(
  set: DigitSet,
  indices: readonly number[],
  caption: (i: number) => { text: string; correct: boolean },
): LabelledImage[] {
  return indices.map((i) => {
    const { text, correct } = caption(i);
    return { pixels: digitPixels(set, i), caption: text, correct };
  });
}
