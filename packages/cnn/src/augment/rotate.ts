import { ValueError } from '@dlkit/core';
import { readImages, sampleBilinear, writeImages } from './images.js';
import { range, uniform, type ImageTransform } from './transform.js';

/** Options of {@link randomRotation}. */
export interface RandomRotationOptions {
  /** Value of the pixels that the rotation brings in from outside the image (default 0). */
  fill?: number;
}

/**
 * Rotates each image about its centre by an angle drawn uniformly from `[-degrees, degrees]`
 * (or from an explicit `[min, max]`), positive = counter-clockwise as the image is shown
 * (torchvision's `RandomRotation`), with bilinear interpolation; corners brought in from outside
 * read `fill`. An angle of 0 returns the images exactly.
 * Shapes: `[m, h, w, c]` → the same.
 * @example randomRotation(10)(digits, new Generator(0)) // tilts of up to ±10°
 */
export function randomRotation(degrees: number | readonly [number, number], options: RandomRotationOptions = {}): ImageTransform {
  const angles = range(degrees, 0, -360, 'degrees', 'randomRotation');
  const fill = options.fill ?? 0;
  if (!Number.isFinite(fill)) throw new ValueError(`randomRotation: fill must be a finite number, got ${String(fill)}`);
  return (images, random) => {
    const src = readImages(images, 'randomRotation');
    const { m, h, w, c } = src;
    const out = new Float64Array(src.data.length);
    const cy = (h - 1) / 2;
    const cx = (w - 1) / 2;
    for (let n = 0; n < m; n++) {
      const theta = (uniform(random, angles) * Math.PI) / 180;
      const cos = Math.cos(theta);
      const sin = Math.sin(theta);
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          // Inverse map: the source pixel that lands on (y, x); y grows downwards.
          const dx = x - cx;
          const dy = y - cy;
          sampleBilinear(src, n, sin * dx + cos * dy + cy, cos * dx - sin * dy + cx, fill, out, ((n * h + y) * w + x) * c);
        }
      }
    }
    return writeImages(out, [m, h, w, c], images);
  };
}
