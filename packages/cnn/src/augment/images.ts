import { DTypeError, ShapeError, isFloat, tensor, toBackend, type Tensor, type TypedArray } from '@dlkit/core';

/** An NHWC batch read into host memory: what the transforms work on. */
export interface HostImages {
  /** Row-major `[m, h, w, c]` values (a copy: transforms may write into it). */
  readonly data: Float64Array;
  readonly m: number;
  readonly h: number;
  readonly w: number;
  readonly c: number;
}

/**
 * Reads an NHWC float batch into host memory, checking rank and dtype. Augmentation runs on the
 * host, as torchvision's transforms run on the CPU: it is data preparation, outside the graph.
 */
export function readImages(images: Tensor, where: string): HostImages {
  if (images.rank !== 4) throw new ShapeError(`${where}: expected an NHWC batch [m, h, w, c], got shape [${images.shape.join(', ')}]`);
  if (!isFloat(images.dtype)) throw new DTypeError(`${where}: expected float images, got ${images.dtype}`);
  const [m, h, w, c] = images.shape as [number, number, number, number];
  return { data: Float64Array.from(images.dataSync() as TypedArray), m, h, w, c };
}

/** `values` `[m, h, w, c]` as a tensor of `like`'s dtype on `like`'s backend. */
export function writeImages(values: ArrayLike<number>, shape: readonly [number, number, number, number], like: Tensor): Tensor {
  const out = tensor(like.dtype === 'float64' ? Float64Array.from(values) : Float32Array.from(values), { shape: [...shape], dtype: like.dtype });
  return toBackend(out, like.backend.name);
}

/**
 * Bilinear sample of image `n` at the continuous position `(y, x)` in pixel coordinates (pixel
 * centres at integers), writing its `c` channels to `out[at …]`; positions outside the image read
 * `fill`. A weight of exactly 0 never touches its neighbour, so integer positions copy exactly.
 */
export function sampleBilinear(src: HostImages, n: number, y: number, x: number, fill: number, out: Float64Array, at: number): void {
  const { h, w, c, data } = src;
  const y0 = Math.floor(y);
  const x0 = Math.floor(x);
  const fy = y - y0;
  const fx = x - x0;
  const base = n * h * w * c;
  for (let k = 0; k < c; k++) {
    const read = (yy: number, xx: number): number => (yy >= 0 && yy < h && xx >= 0 && xx < w ? data[base + (yy * w + xx) * c + k]! : fill);
    let v = read(y0, x0) * (1 - fx) * (1 - fy);
    if (fx !== 0) v += read(y0, x0 + 1) * fx * (1 - fy);
    if (fy !== 0) v += read(y0 + 1, x0) * (1 - fx) * fy;
    if (fx !== 0 && fy !== 0) v += read(y0 + 1, x0 + 1) * fx * fy;
    out[at + k] = v;
  }
}
