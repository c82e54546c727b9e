import { ValueError, type Pair } from '@dlkit/core';
import { pair } from '../layers/arguments.js';
import { readImages, sampleBilinear, writeImages, type HostImages } from './images.js';
import { range, uniform, type ImageTransform } from './transform.js';

/** Options of {@link randomCrop}. */
export interface RandomCropOptions {
  /** Pixels of `fill` added on every side before cropping (default 0). */
  padding?: number;
  /** Value of the padding (default 0). */
  fill?: number;
}

/**
 * Cuts a random `size` window out of each image after padding it by `padding` pixels on every
 * side (torchvision's `RandomCrop(size, padding)`; the CIFAR recipe is `randomCrop(32, { padding: 4 })`):
 * small translations. The window's top-left corner is uniform over every position that fits.
 * Shapes: `[m, h, w, c]` → `[m, size_h, size_w, c]`.
 * @example randomCrop(28, { padding: 2 })(digits, new Generator(0)) // shifts of up to 2 pixels
 */
export function randomCrop(size: Pair, options: RandomCropOptions = {}): ImageTransform {
  const [ch, cw] = pair(size, 'size', 'randomCrop');
  const padding = options.padding ?? 0;
  const fill = options.fill ?? 0;
  if (!(Number.isInteger(padding) && padding >= 0)) throw new ValueError(`randomCrop: padding must be a non-negative integer, got ${String(padding)}`);
  return (images, random) => {
    const { data, m, h, w, c } = readImages(images, 'randomCrop');
    const ph = h + 2 * padding;
    const pw = w + 2 * padding;
    if (ch > ph || cw > pw) throw new ValueError(`randomCrop: size [${ch}, ${cw}] does not fit images of [${h}, ${w}] padded by ${padding}`);
    const out = new Float64Array(m * ch * cw * c);
    for (let n = 0; n < m; n++) {
      const top = random.nextInt(0, ph - ch + 1) - padding;
      const left = random.nextInt(0, pw - cw + 1) - padding;
      for (let y = 0; y < ch; y++) {
        for (let x = 0; x < cw; x++) {
          const sy = top + y;
          const sx = left + x;
          const inside = sy >= 0 && sy < h && sx >= 0 && sx < w;
          const to = ((n * ch + y) * cw + x) * c;
          const from = ((n * h + sy) * w + sx) * c;
          for (let k = 0; k < c; k++) out[to + k] = inside ? data[from + k]! : fill;
        }
      }
    }
    return writeImages(out, [m, ch, cw, c], images);
  };
}

/** Options of {@link randomResizedCrop}. */
export interface RandomResizedCropOptions {
  /** Range of the crop's area as a fraction of the image's (default `[0.08, 1]`, Inception's). */
  scale?: readonly [number, number];
  /** Range of the crop's aspect ratio width/height, drawn log-uniformly (default `[3/4, 4/3]`). */
  ratio?: readonly [number, number];
}

/** torchvision's `RandomResizedCrop.get_params`: a box `[top, left, height, width]` inside an `h × w` image. */
function cropBox(random: Parameters<ImageTransform>[1], h: number, w: number, scale: readonly [number, number], ratio: readonly [number, number]): [number, number, number, number] {
  const area = h * w;
  const logRatio: [number, number] = [Math.log(ratio[0]), Math.log(ratio[1])];
  for (let attempt = 0; attempt < 10; attempt++) {
    const target = area * uniform(random, scale);
    const aspect = Math.exp(uniform(random, logRatio));
    const cw = Math.round(Math.sqrt(target * aspect));
    const ch = Math.round(Math.sqrt(target / aspect));
    if (cw > 0 && cw <= w && ch > 0 && ch <= h) return [random.nextInt(0, h - ch + 1), random.nextInt(0, w - cw + 1), ch, cw];
  }
  // Fallback: the whole image's centre at the nearest allowed aspect ratio.
  const aspect = w / h;
  const [ch, cw] = aspect < ratio[0] ? [Math.round(w / ratio[0]), w] : aspect > ratio[1] ? [h, Math.round(h * ratio[1])] : [h, w];
  return [Math.floor((h - ch) / 2), Math.floor((w - cw) / 2), ch, cw];
}

/** Bilinear resize of the box `[top, left, bh, bw]` of image `n` to `oh × ow` (half-pixel centres, PyTorch's `align_corners=False`). */
function resizeBox(src: HostImages, n: number, [top, left, bh, bw]: readonly number[], oh: number, ow: number, out: Float64Array): void {
  const { c } = src;
  for (let y = 0; y < oh; y++) {
    const sy = Math.min(Math.max(top! + ((y + 0.5) * bh!) / oh - 0.5, top!), top! + bh! - 1);
    for (let x = 0; x < ow; x++) {
      const sx = Math.min(Math.max(left! + ((x + 0.5) * bw!) / ow - 0.5, left!), left! + bw! - 1);
      sampleBilinear(src, n, sy, sx, 0, out, ((n * oh + y) * ow + x) * c);
    }
  }
}

/**
 * Crops a random box of random area (`scale`) and aspect ratio (`ratio`) from each image and
 * resizes it bilinearly to `size` (torchvision's `RandomResizedCrop`, the Inception / ResNet
 * ImageNet recipe): scale and translation changes together.
 * Shapes: `[m, h, w, c]` → `[m, size_h, size_w, c]`.
 * @example randomResizedCrop(64, { scale: [0.5, 1] })(photos, new Generator(0))
 */
export function randomResizedCrop(size: Pair, options: RandomResizedCropOptions = {}): ImageTransform {
  const [oh, ow] = pair(size, 'size', 'randomResizedCrop');
  const scale = range(options.scale ?? [0.08, 1], 0, 0, 'scale', 'randomResizedCrop');
  const ratio = range(options.ratio ?? [3 / 4, 4 / 3], 0, 0, 'ratio', 'randomResizedCrop');
  if (scale[1] > 1 || scale[1] <= 0 || ratio[0] <= 0) throw new ValueError(`randomResizedCrop: scale must lie in (0, 1] and ratio be positive, got scale ${JSON.stringify(scale)}, ratio ${JSON.stringify(ratio)}`);
  return (images, random) => {
    const src = readImages(images, 'randomResizedCrop');
    const out = new Float64Array(src.m * oh * ow * src.c);
    for (let n = 0; n < src.m; n++) resizeBox(src, n, cropBox(random, src.h, src.w, scale, ratio), oh, ow, out);
    return writeImages(out, [src.m, oh, ow, src.c], images);
  };
}
