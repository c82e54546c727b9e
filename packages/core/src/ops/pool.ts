import type { Pool2dAttrs } from '../backend/kernels.js';
import { describeValue, DTypeError, ShapeError, ValueError } from '../errors.js';
import { formatShape, type Shape } from '../shape.js';
import { isFloat } from '../dtype.js';
import type { Tensor } from '../tensor.js';
import { assertTensor, backendOf, recordPrimitive, wrap } from './primitive.js';
import { add, equal, greater, logicalAnd, logicalOr, notEqual, where } from './binary.js';
import { onesLike, zerosLike } from './creation.js';
import { pad, reshape, slice } from './shape.js';
import { logicalNot } from './unary.js';
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

/**
 * Adaptive average pooling of NHWC `[m, h, w, c]` to `[m, size[0], size[1], c]` (PyTorch's
 * `adaptive_avg_pool2d`): output row `i` averages input rows `floor(i·h/out) .. ceil((i+1)·h/out)`,
 * columns likewise, so any input size maps onto a fixed output size (windows may overlap).
 * @example adaptiveAvgPool2d(randn([2, 7, 9, 16]), [1, 1]) // global average pool → [2, 1, 1, 16]
 */
export function adaptiveAvgPool2d(x: Tensor, size: Pair): Tensor {
  const where = 'adaptiveAvgPool2d';
  assertNHWC(x.shape, where);
  if (!isFloat(x.dtype)) throw new DTypeError(`${where}: expected a float tensor, got ${x.dtype}`);
  const [batch, inH, inW, channels] = x.shape as [number, number, number, number];
  if (inH === 0 || inW === 0) throw new ShapeError(`${where}: input ${formatShape(x.shape)} has no pixels to pool`);
  const [h, w] = toPair(size, 'size', where);
  return adaptivePool(x, [batch, h, w, channels]);
}

function adaptivePool(x: Tensor, outShape: Shape): Tensor {
  const backend = backendOf([x], 'adaptiveAvgPool2d');
  return recordPrimitive('adaptiveAvgPool2d', [x], {}, { shape: outShape, dtype: x.dtype, backend }, () =>
    backend.adaptiveAvgPool2d(x, outShape),
  );
}

function adaptivePoolBackprop(dy: Tensor, inputShape: Shape): Tensor {
  const backend = backendOf([dy], 'adaptiveAvgPool2d');
  return recordPrimitive('adaptiveAvgPool2dBackprop', [dy], {}, { shape: inputShape, dtype: dy.dtype, backend }, () =>
    backend.adaptiveAvgPool2dBackprop(dy, inputShape),
  );
}

// ---- gradients ----

/** maxPool2d's input gradient as a recorded op, so that it can be differentiated again. */
function maxPool2dBackprop(dy: Tensor, x: Tensor, attrs: Pool2dAttrs): Tensor {
  const backend = backendOf([dy, x], 'maxPool2d');
  return recordPrimitive('maxPool2dBackprop', [dy, x], attrs, { shape: x.shape, dtype: x.dtype, backend }, () =>
    backend.maxPool2dBackprop(dy, x, attrs),
  );
}

/** avgPool2d's input gradient as a recorded op, so that it can be differentiated again. */
function avgPool2dBackprop(dy: Tensor, attrs: Pool2dAttrs, inputShape: readonly number[]): Tensor {
  const backend = backendOf([dy], 'avgPool2d');
  return recordPrimitive('avgPool2dBackprop', [dy], attrs, { shape: inputShape, dtype: dy.dtype, backend }, () =>
    backend.avgPool2dBackprop(dy, attrs, inputShape),
  );
}

export function maxPool2dGrad(dy: Tensor, [x]: readonly Tensor[], _y: Tensor, attrs: Pool2dAttrs): (Tensor | null)[] {
  return [maxPool2dBackprop(dy, x!, attrs)];
}

export function avgPool2dGrad(dy: Tensor, [x]: readonly Tensor[], _y: Tensor, attrs: Pool2dAttrs): (Tensor | null)[] {
  return [avgPool2dBackprop(dy, attrs, x!.shape)];
}

export function avgPool2dBackpropGrad(g: Tensor, [dy]: readonly Tensor[], _dx: Tensor, attrs: Pool2dAttrs): (Tensor | null)[] {
  // The backprop is linear in dy (the pooling's adjoint), so its own adjoint is the pooling.
  const outShape = dy!.shape;
  const backend = backendOf([g], 'avgPool2d');
  return [recordPrimitive('avgPool2d', [g], attrs, { shape: outShape, dtype: g.dtype, backend }, () => backend.avgPool2d(g, attrs, outShape))];
}

export function maxPool2dBackpropGrad(g: Tensor, [dy, x]: readonly Tensor[], _dx: Tensor, attrs: Pool2dAttrs): (Tensor | null)[] {
  // dx routes each window's dy to the window's maximum: linear in dy (its adjoint reads g at each
  // window's maximum) and piecewise constant in x (zero gradient).
  return [atWindowMaxima(g, x!, dy!.shape, attrs), zerosLike(x!)];
}

/**
 * For each pooling window of `x`, the value of `g` where the window's maximum is: the first
 * maximum in row-major order, NaN taking precedence, padding never — the selection of the
 * `maxPool2dBackprop` kernel. Walks the window taps, each a strided view of the padded tensors
 * cut with pad, slice and reshape, claiming the windows whose maximum it holds first.
 */
function atWindowMaxima(g: Tensor, x: Tensor, outShape: readonly number[], attrs: Pool2dAttrs): Tensor {
  const [batch, inH, inW, channels] = x.shape as [number, number, number, number];
  const [, outH, outW] = outShape as [number, number, number, number];
  const [kh, kw] = attrs.size;
  const [sh, sw] = attrs.strides;
  const { top, left } = attrs.pads;
  // Tall and wide enough that every tap's grid of sh·outH × sw·outW fits.
  const height = Math.max(top + inH + attrs.pads.bottom, kh - 1 + sh * outH);
  const width = Math.max(left + inW + attrs.pads.right, kw - 1 + sw * outW);
  const padded = (t: Tensor): Tensor => pad(t, [[0, 0], [top, height - top - inH], [left, width - left - inW], [0, 0]]);
  const tap = (t: Tensor, i: number, j: number): Tensor => {
    const grid = reshape(slice(t, [0, i, j, 0], [batch, sh * outH, sw * outW, channels]), [batch, outH, sh, outW, sw, channels]);
    return reshape(slice(grid, [0, 0, 0, 0, 0, 0], [batch, outH, 1, outW, 1, channels]), outShape);
  };
  const backend = backendOf([x], 'maxPool2d');
  const maxima = wrap(backend.maxPool2d(x, attrs, outShape), outShape, x.dtype, backend);
  const maximaNaN = notEqual(maxima, maxima);
  const xs = padded(x);
  const inside = padded(onesLike(x));
  const gs = padded(g);
  let taken: Tensor | undefined;
  let result: Tensor | undefined;
  for (let i = 0; i < kh; i++) {
    for (let j = 0; j < kw; j++) {
      const values = tap(xs, i, j);
      const holds = logicalOr(equal(values, maxima), logicalAnd(notEqual(values, values), maximaNaN));
      let hit = logicalAnd(greater(tap(inside, i, j), 0), holds);
      if (taken !== undefined) hit = logicalAnd(hit, logicalNot(taken));
      taken = taken === undefined ? hit : logicalOr(taken, hit);
      const picked = where(hit, tap(gs, i, j), 0);
      result = result === undefined ? picked : add(result, picked);
    }
  }
  return result!;
}

// Adaptive pooling is linear: its backprop is its adjoint and the other way round (double backward works).
export function adaptiveAvgPool2dGrad(dy: Tensor, [x]: readonly Tensor[]): (Tensor | null)[] {
  return [adaptivePoolBackprop(dy, x!.shape)];
}

export function adaptiveAvgPool2dBackpropGrad(g: Tensor, [dy]: readonly Tensor[]): (Tensor | null)[] {
  return [adaptivePool(g, dy!.shape)];
}
