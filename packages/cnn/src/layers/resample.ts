import { nn, pad, resizeBilinear, resizeNearest, ShapeError, ValueError, type Pair, type Tensor } from '@dlkit/core';
import { describeValue, formatShape, pair } from './arguments.js';

/**
 * Zero padding of NHWC images, PyTorch's `nn.ZeroPad2d`: one number for every side or
 * `[left, right, top, bottom]` (PyTorch's order). `[m, h, w, c]` → `[m, h + top + bottom, w + left + right, c]`.
 * @example new ZeroPad2d([1, 1, 2, 0]).forward(zeros([1, 4, 4, 3])) // [1, 6, 6, 3]
 */
export class ZeroPad2d extends nn.Module {
  /** `[left, right, top, bottom]`. */
  readonly padding: readonly [number, number, number, number];

  /**
   * Checks the padding (non-negative integers).
   * @param padding One number for every side, or `[left, right, top, bottom]`.
   */
  constructor(padding: number | readonly [number, number, number, number]) {
    super();
    const sides = typeof padding === 'number' ? [padding, padding, padding, padding] : padding;
    if (!Array.isArray(sides) || sides.length !== 4 || !sides.every((p) => Number.isInteger(p) && p >= 0)) {
      throw new ValueError(`ZeroPad2d: padding must be a non-negative integer or [left, right, top, bottom], got ${describeValue(padding)}`);
    }
    this.padding = sides as [number, number, number, number];
  }

  forward(x: Tensor): Tensor {
    if (x.rank !== 4) throw new ShapeError(`ZeroPad2d.forward: expected NHWC input [m, h, w, c], got ${formatShape(x.shape)}`);
    const [left, right, top, bottom] = this.padding;
    return pad(x, [[0, 0], [top, bottom], [left, right], [0, 0]]);
  }
}

/** Options of {@link Upsample2d}: exactly one of `size` and `scaleFactor`. */
export interface Upsample2dOptions {
  /** Output `[h, w]`. */
  size?: Pair;
  /** Output = `⌊input · scaleFactor⌋` per axis (positive). */
  scaleFactor?: number | readonly [number, number];
  /** `'nearest'` (default) or `'bilinear'`. */
  mode?: 'nearest' | 'bilinear';
  /** Bilinear only: map corner pixels onto each other (default false, as PyTorch). */
  alignCorners?: boolean;
}

/**
 * Up-sampling of NHWC images, PyTorch's `nn.Upsample(size | scale_factor, mode, align_corners)`:
 * nearest-neighbour (copies pixel `⌊o·in/out⌋`) or bilinear (half-pixel centres unless `alignCorners`).
 * @example new Upsample2d({ scaleFactor: 2, mode: 'bilinear' }).forward(randn([1, 4, 4, 3])) // [1, 8, 8, 3]
 */
export class Upsample2d extends nn.Module {
  /** Fixed output `[h, w]`, or `null` when `scaleFactor` is used. */
  readonly size: [number, number] | null;
  /** `[fh, fw]` factors, or `null` when `size` is used. */
  readonly scaleFactor: readonly [number, number] | null;
  /** Interpolation: `'nearest'` or `'bilinear'`. */
  readonly mode: 'nearest' | 'bilinear';
  /** Bilinear only: corner pixels map onto each other. */
  readonly alignCorners: boolean;

  /**
   * Checks the options (exactly one of `size` and `scaleFactor`).
   * @param options Output size or scale factor, mode and `alignCorners`.
   */
  constructor(options: Upsample2dOptions) {
    super();
    if ((options.size === undefined) === (options.scaleFactor === undefined)) {
      throw new ValueError(`Upsample2d: give exactly one of size and scaleFactor, got ${describeValue(Object.keys(options ?? {}))}`);
    }
    this.size = options.size === undefined ? null : pair(options.size, 'size', 'Upsample2d');
    const factor = options.scaleFactor;
    const factors = factor === undefined ? null : typeof factor === 'number' ? ([factor, factor] as const) : factor;
    if (factors && !factors.every((f) => Number.isFinite(f) && f > 0)) throw new ValueError(`Upsample2d: scaleFactor must be positive, got ${describeValue(factor)}`);
    this.scaleFactor = factors;
    this.mode = options.mode ?? 'nearest';
    if (this.mode !== 'nearest' && this.mode !== 'bilinear') throw new ValueError(`Upsample2d: mode must be 'nearest' or 'bilinear', got ${describeValue(this.mode)}`);
    this.alignCorners = options.alignCorners ?? false;
    if (this.alignCorners && this.mode !== 'bilinear') throw new ValueError(`Upsample2d: alignCorners applies to mode 'bilinear' only`);
  }

  forward(x: Tensor): Tensor {
    if (x.rank !== 4) throw new ShapeError(`Upsample2d.forward: expected NHWC input [m, h, w, c], got ${formatShape(x.shape)}`);
    const size: [number, number] = this.size ?? [Math.floor(x.shape[1]! * this.scaleFactor![0]), Math.floor(x.shape[2]! * this.scaleFactor![1])];
    return this.mode === 'bilinear' ? resizeBilinear(x, size, { alignCorners: this.alignCorners }) : resizeNearest(x, size);
  }
}
