import { adaptiveAvgPool2d, avgPool2d, maxPool2d, mean, nn, ShapeError, ValueError, type Pair, type PaddingSpec, type Tensor } from '@dlkit/core';
import { formatShape, pair } from './arguments.js';

/** Options of {@link MaxPool2d} and {@link AvgPool2d}. */
export interface Pool2dOptions {
  /** Step of the window; defaults to the kernel size (PyTorch's default). */
  stride?: Pair;
  /** `'valid'` (default), `'same'`, a number for every side, or `[[top, bottom], [left, right]]`; smaller than the window. */
  padding?: PaddingSpec;
  /**
   * Round the output size up (PyTorch's `ceil_mode=True`, default false): a last, partial window
   * is kept when it starts inside the input or its left padding. Max pooling only; needs a
   * numeric padding.
   */
  ceilMode?: boolean;
}

/** The `[[top, bottom], [left, right]]` padding that makes floor-mode pooling give PyTorch's ceil-mode size. */
function ceilModePadding(x: Tensor, kernel: readonly [number, number], stride: readonly [number, number], padding: number): [[number, number], [number, number]] {
  const extra = (size: number, k: number, s: number): number => {
    let out = Math.ceil((size + 2 * padding - k) / s) + 1;
    if ((out - 1) * s >= size + padding) out -= 1;
    return Math.max(0, (out - 1) * s + k - (size + 2 * padding));
  };
  const [, h = 0, w = 0] = x.shape;
  return [[padding, padding + extra(h, kernel[0], stride[0])], [padding, padding + extra(w, kernel[1], stride[1])]];
}

/**
 * Max pooling, PyTorch's `nn.MaxPool2d(kernelSize, stride, padding)` on NHWC input: padding never
 * wins the max. Input `[m, h, w, c]` → `[m, ⌊(h + 2p - f)/s⌋ + 1, …, c]` (⌈…⌉ with `ceilMode`).
 * @example new MaxPool2d(2).forward(randn([1, 28, 28, 6])) // [1, 14, 14, 6]
 */
export class MaxPool2d extends nn.Module {
  /** `[kh, kw]`, the window. */
  readonly kernelSize: [number, number];
  /** `[sh, sw]`, the window's step (default the kernel size). */
  readonly stride: [number, number];
  /** The padding rule as given (default `'valid'`). */
  readonly padding: PaddingSpec;
  /** Whether the output size is rounded up (max pooling only). */
  readonly ceilMode: boolean;

  /**
   * Checks the window and padding; pooling has no parameters.
   * @param kernelSize Window, `k` or `[kh, kw]`.
   * @param options Stride (default `kernelSize`), padding and `ceilMode`.
   */
  constructor(kernelSize: Pair, options: Pool2dOptions = {}) {
    super();
    this.kernelSize = pair(kernelSize, 'kernelSize', new.target.name);
    this.stride = pair(options.stride ?? kernelSize, 'stride', new.target.name);
    this.padding = options.padding ?? 'valid';
    this.ceilMode = options.ceilMode ?? false;
    if (this.ceilMode && (new.target !== MaxPool2d || !(typeof this.padding === 'number' || this.padding === 'valid'))) {
      throw new ValueError(`${new.target.name}: ceilMode needs max pooling with a numeric padding, got padding ${JSON.stringify(this.padding)}`);
    }
  }

  forward(x: Tensor): Tensor {
    const padding = this.ceilMode ? ceilModePadding(x, this.kernelSize, this.stride, this.padding === 'valid' ? 0 : (this.padding as number)) : this.padding;
    return maxPool2d(x, { size: this.kernelSize, strides: this.stride, padding });
  }
}

/**
 * Average pooling, PyTorch's `nn.AvgPool2d(kernelSize, stride, padding, count_include_pad=False)`
 * on NHWC input: each window averages its in-bounds values only.
 * @example new AvgPool2d(2).forward(randn([1, 28, 28, 6])) // [1, 14, 14, 6]
 */
export class AvgPool2d extends MaxPool2d {
  override forward(x: Tensor): Tensor {
    return avgPool2d(x, { size: this.kernelSize, strides: this.stride, padding: this.padding });
  }
}

/**
 * Global average pooling (Keras' `GlobalAveragePooling2D`): the mean over height and width,
 * `[m, h, w, c]` → `[m, c]`, or `[m, 1, 1, c]` with `keepDims`.
 * @example new GlobalAvgPool2d().forward(randn([2, 7, 7, 512])) // [2, 512]
 */
export class GlobalAvgPool2d extends nn.Module {
  /**
   * A parameterless pooling.
   * @param keepDims Keep the pooled axes as size 1, `[m, 1, 1, c]` (default false, `[m, c]`).
   */
  constructor(readonly keepDims = false) {
    super();
  }

  forward(x: Tensor): Tensor {
    if (x.rank !== 4) throw new ShapeError(`GlobalAvgPool2d.forward: expected NHWC input [m, h, w, c], got ${formatShape(x.shape)}`);
    return mean(x, [1, 2], this.keepDims);
  }
}

/**
 * Adaptive average pooling to a fixed output size whatever the input size, PyTorch's
 * `nn.AdaptiveAvgPool2d(outputSize)`: `[m, h, w, c]` → `[m, outH, outW, c]`.
 * @example new AdaptiveAvgPool2d([7, 7]).forward(randn([1, 13, 13, 256])) // [1, 7, 7, 256]
 */
export class AdaptiveAvgPool2d extends nn.Module {
  /** `[outH, outW]`. */
  readonly outputSize: [number, number];

  /**
   * A parameterless pooling.
   * @param outputSize Output `[outH, outW]`, or one number for both.
   */
  constructor(outputSize: Pair) {
    super();
    this.outputSize = pair(outputSize, 'outputSize', 'AdaptiveAvgPool2d');
  }

  forward(x: Tensor): Tensor {
    return adaptiveAvgPool2d(x, this.outputSize);
  }
}
