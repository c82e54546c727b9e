import { readImages, writeImages } from './images.js';
import { assertProbability, type ImageTransform } from './transform.js';

/** Options of {@link randomHorizontalFlip} and {@link randomVerticalFlip}. */
export interface RandomFlipOptions {
  /** Probability that an image is flipped (default 0.5). */
  p?: number;
}

function randomFlip(axis: 'horizontal' | 'vertical', where: string, options: RandomFlipOptions): ImageTransform {
  const p = options.p ?? 0.5;
  assertProbability(p, where);
  return (images, random) => {
    const src = readImages(images, where);
    const { data, m, h, w, c } = src;
    const out = new Float64Array(data.length);
    for (let n = 0; n < m; n++) {
      const flip = random.nextFloat() < p;
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          const sy = flip && axis === 'vertical' ? h - 1 - y : y;
          const sx = flip && axis === 'horizontal' ? w - 1 - x : x;
          const to = ((n * h + y) * w + x) * c;
          const from = ((n * h + sy) * w + sx) * c;
          for (let k = 0; k < c; k++) out[to + k] = data[from + k]!;
        }
      }
    }
    return writeImages(out, [m, h, w, c], images);
  };
}

/**
 * Mirrors each image left–right with probability `p` (torchvision's `RandomHorizontalFlip`): the
 * course's cheapest augmentation, right for most photos (not for digits or text).
 * Shapes: `[m, h, w, c]` → the same.
 * @example randomHorizontalFlip({ p: 0.5 })(images, new Generator(0))
 */
export function randomHorizontalFlip(options: RandomFlipOptions = {}): ImageTransform {
  return randomFlip('horizontal', 'randomHorizontalFlip', options);
}

/**
 * Mirrors each image top–bottom with probability `p` (torchvision's `RandomVerticalFlip`): for
 * images without an up (aerial photos, microscopy).
 * Shapes: `[m, h, w, c]` → the same.
 * @example randomVerticalFlip({ p: 0.5 })(images, new Generator(0))
 */
export function randomVerticalFlip(options: RandomFlipOptions = {}): ImageTransform {
  return randomFlip('vertical', 'randomVerticalFlip', options);
}
