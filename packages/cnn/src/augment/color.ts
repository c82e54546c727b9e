import { ShapeError, ValueError } from '@dlkit/core';
import { readImages, writeImages } from './images.js';
import { range, uniform, type ImageTransform } from './transform.js';

/** Options of {@link colorJitter}: each a maximal change `d` (factor drawn from `[max(0, 1 − d), 1 + d]`) or an explicit factor range. */
export interface ColorJitterOptions {
  /** Brightness factor: pixels are multiplied by it (default 0: unchanged). */
  brightness?: number | readonly [number, number];
  /** Contrast factor: pixels move away from (> 1) or towards (< 1) the image's mean grey level (default 0). */
  contrast?: number | readonly [number, number];
  /** Saturation factor: pixels move away from or towards their own grey level; needs 3 channels (default 0). */
  saturation?: number | readonly [number, number];
  /** Range results are clamped to, or null for none (default `[0, 1]`, torchvision's for float images). */
  clamp?: readonly [number, number] | null;
}

/** ITU-R 601 luma weights, torchvision's `rgb_to_grayscale`. */
const LUMA = [0.299, 0.587, 0.114] as const;

/**
 * Random brightness, contrast and saturation changes per image (torchvision's `ColorJitter`
 * without hue), applied in that order as blends `f·x + (1 − f)·reference`: brightness with black,
 * contrast with the image's mean grey level (the channel mean when `c ≠ 3`), saturation with each pixel's grey level (luma
 * 0.299 R + 0.587 G + 0.114 B). A factor of 1 leaves the images exactly as they were.
 * Shapes: `[m, h, w, c]` → the same (`c = 3` for saturation).
 * @example colorJitter({ brightness: 0.3, contrast: 0.3, saturation: 0.3 })(photos, new Generator(0))
 */
export function colorJitter(options: ColorJitterOptions = {}): ImageTransform {
  const brightness = range(options.brightness ?? 0, 1, 0, 'brightness', 'colorJitter');
  const contrast = range(options.contrast ?? 0, 1, 0, 'contrast', 'colorJitter');
  const saturation = range(options.saturation ?? 0, 1, 0, 'saturation', 'colorJitter');
  const clamp = options.clamp === undefined ? ([0, 1] as const) : options.clamp;
  if (clamp !== null && !(Array.isArray(clamp) && clamp.length === 2 && clamp[0] <= clamp[1])) {
    throw new ValueError(`colorJitter: clamp must be [low, high] with low <= high, or null, got ${JSON.stringify(clamp)}`);
  }
  const saturating = saturation[0] !== 1 || saturation[1] !== 1;
  return (images, random) => {
    const { data, m, h, w, c } = readImages(images, 'colorJitter');
    if (saturating && c !== 3) throw new ShapeError(`colorJitter: saturation needs RGB images (3 channels), got ${c}`);
    const pixels = h * w;
    const grey = (i: number): number => (c === 3 ? LUMA[0] * data[i]! + LUMA[1] * data[i + 1]! + LUMA[2] * data[i + 2]! : averageChannels(data, i, c));
    const limit = (v: number): number => (clamp === null ? v : Math.min(Math.max(v, clamp[0]), clamp[1]));
    for (let n = 0; n < m; n++) {
      const fb = uniform(random, brightness);
      const fc = uniform(random, contrast);
      const fs = uniform(random, saturation);
      const start = n * pixels * c;
      const end = start + pixels * c;
      if (fb !== 1) for (let i = start; i < end; i++) data[i] = limit(fb * data[i]!);
      if (fc !== 1) {
        let mean = 0;
        for (let i = start; i < end; i += c) mean += grey(i);
        mean /= pixels;
        for (let i = start; i < end; i++) data[i] = limit(fc * data[i]! + (1 - fc) * mean);
      }
      if (fs !== 1) {
        for (let i = start; i < end; i += 3) {
          const g = grey(i);
          for (let k = 0; k < 3; k++) data[i + k] = limit(fs * data[i + k]! + (1 - fs) * g);
        }
      }
    }
    return writeImages(data, [m, h, w, c], images);
  };
}

function averageChannels(data: Float64Array, at: number, c: number): number {
  let s = 0;
  for (let k = 0; k < c; k++) s += data[at + k]!;
  return s / c;
}
