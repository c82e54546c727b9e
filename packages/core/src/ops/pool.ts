import type { Pool2dAttrs } from '../backend/kernels.js';
import { describeValue, DTypeError, ShapeError, ValueError } from '../errors.js';
import { formatShape } from '../shape.js';
import { isFloat } from '../dtype.js';
import type { Tensor } from '../tensor.js';
import { assertTensor, backendOf, recordPrimitive, wrap } from './primitive.js';
import { assertNHWC, outputSize, resolvePadding, toPair, type Pair, type PaddingSpec } from './conv-geometry.js';

/** Options of {@link maxPool2d} and {@link avgPool2d}. */
export interface Pool2dOptions {
  /** Window `[fh, fw]` or one number. */
  size: Pair;
  /** Step; defaults to the window size (non-overlapping windows). */
  strides?: Pair;
  /** `'valid'` (default), `'same'`, a number, or `[[top, bottom], [left, right]]`. */
  padding?: PaddingSpec;
}

function resolvePool(x: Tensor, options: Pool2dOptions | undefined, where: string): { attrs: Pool2dAttrs; outShape: number[] } {
  assertTensor(x, where);
  assertNHWC(x.shape, where);
  if (!isFloat(x.dtype)) throw new DTypeError(`${where}: expected a float tensor, got ${x.dtype}`);
  if (typeof options !== 'object' || options === null) {
    throw new ValueError(`${where}: options with the window size are required, e.g. ${where}(x, { size: 2 }); got ${describeValue(options)}`);
  }
  const size = toPair(options.size, 'size', where);
  const strides = toPair(options.strides ?? size, 'strides', where);
  const [batch, inH, inW, channels] = x.shape as [number, number, number, number];
  const pads = resolvePadding(options.padding ?? 'valid', inH, inW, size, strides, where);
  if (Math.max(pads.top, pads.bottom) >= size[0] || Math.max(pads.left, pads.right) >= size[1]) {
    throw new ValueError(`${where}: padding ${JSON.stringify(pads)} must be smaller than the ${size[0]}x${size[1]} window`);
  }
  const outH = outputSize(inH, pads.top + pads.bottom, size[0], strides[0]);
  const outW = outputSize(inW, pads.left + pads.right, size[1], strides[1]);
  if (outH < 1 || outW < 1) {
    throw new ShapeError(`${where}: the ${size[0]}x${size[1]} window does not fit input ${formatShape(x.shape)} with this padding`);
  }
  return { attrs: { size, strides, pads }, outShape: [batch, outH, outW, channels] };
}

/**
 * Max pooling over NHWC windows: `[m, nH, nW, c]` → `[m, ⌊(nH + 2p - f)/s⌋ + 1, …, c]`.
 * Padding never wins the max (TensorFlow's rule).
 * @example maxPool2d(randn([1, 4, 4, 3]), { size: 2 }) // [1, 2, 2, 3]
 */
export function maxPool2d(x: Tensor, options: Pool2dOptions): Tensor {
  const { attrs, outShape } = resolvePool(x, options, 'maxPool2d');
  const backend = backendOf([x], 'maxPool2d');
  return recordPrimitive('maxPool2d', [x], attrs, { shape: outShape, dtype: x.dtype, backend }, () =>
    backend.maxPool2d(x, attrs, outShape),
  );
}

/**
 * Average pooling over NHWC windows; each window averages only its in-bounds values
 * (TensorFlow's rule, PyTorch's `count_include_pad=False`).
 * @example avgPool2d(randn([1, 4, 4, 3]), { size: 2 }) // [1, 2, 2, 3]
 */
export function avgPool2d(x: Tensor, options: Pool2dOptions): Tensor {
  const { attrs, outShape } = resolvePool(x, options, 'avgPool2d');
  const backend = backendOf([x], 'avgPool2d');
  return recordPrimitive('avgPool2d', [x], attrs, { shape: outShape, dtype: x.dtype, backend }, () =>
    backend.avgPool2d(x, attrs, outShape),
  );
}

// ---- gradients ----

export function maxPool2dGrad(dy: Tensor, [x]: readonly Tensor[], _y: Tensor, attrs: Pool2dAttrs): (Tensor | null)[] {
  const input = x!;
  const backend = backendOf([dy, input], 'maxPool2d');
  // Routing dy to the argmax is piecewise constant in x: a first-order gradient only.
  return [wrap(backend.maxPool2dBackprop(dy, input, attrs), input.shape, input.dtype, backend)];
}

export function avgPool2dGrad(dy: Tensor, [x]: readonly Tensor[], _y: Tensor, attrs: Pool2dAttrs): (Tensor | null)[] {
  const input = x!;
  const backend = backendOf([dy], 'avgPool2d');
  return [wrap(backend.avgPool2dBackprop(dy, attrs, input.shape), input.shape, input.dtype, backend)];
}
