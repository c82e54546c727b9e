import type { NearestMode } from '../backend/kernels.js';
import { DTypeError, ShapeError, ValueError } from '../errors.js';
import { isFloat } from '../dtype.js';
import { formatShape, type Shape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { backendOf, recordPrimitive } from './primitive.js';
import { assertNHWC, toPair, type Pair } from './conv-geometry.js';

/** Options of {@link resizeBilinear}. */
export interface ResizeBilinearOptions {
  /**
   * Map the corner pixels of input and output onto each other (`src = o·(in-1)/(out-1)`) instead of
   * using half-pixel centres (`src = (o + 0.5)·in/out - 0.5`, clamped at 0). Default false, as PyTorch.
   */
  alignCorners?: boolean;
}

/** Options of {@link resizeNearest}. */
export interface ResizeNearestOptions {
  /** `'nearest'` (default, PyTorch's and Keras' legacy rule) or `'nearest-exact'` (pixel centres). */
  mode?: NearestMode;
}

const NEAREST_MODES: readonly NearestMode[] = ['nearest', 'nearest-exact'];

/** The output shape `[n, h, w, c]` of resizing NHWC `x`, after checking input and size. */
function resizedShape(x: Tensor, size: Pair, where: string): Shape {
  assertNHWC(x.shape, where);
  if (!isFloat(x.dtype)) throw new DTypeError(`${where}: expected a float tensor, got ${x.dtype}`);
  const [batch, inH, inW, channels] = x.shape as [number, number, number, number];
  if (inH === 0 || inW === 0) throw new ShapeError(`${where}: input ${formatShape(x.shape)} has no pixels to resize from`);
  const [h, w] = toPair(size, 'size', where);
  return [batch, h, w, channels];
}

/**
 * Bilinear resize of NHWC images `[n, h, w, c]` → `[n, size[0], size[1], c]`, with PyTorch's
 * `F.interpolate(mode='bilinear')` semantics: half-pixel centres (source coordinate
 * `(o + 0.5)·in/out - 0.5`, clamped at 0) unless `alignCorners`. Upsamples and downsamples at any
 * (non-integer) ratio; differentiable in `x`.
 * @example resizeBilinear(randn([1, 4, 4, 3]), [8, 6]) // [1, 8, 6, 3]
 */
export function resizeBilinear(x: Tensor, size: Pair, options: ResizeBilinearOptions = {}): Tensor {
  const outShape = resizedShape(x, size, 'resizeBilinear');
  return bilinear(x, options.alignCorners ?? false, outShape);
}

/**
 * Nearest-neighbour resize of NHWC images `[n, h, w, c]` → `[n, size[0], size[1], c]`, with
 * PyTorch's `F.interpolate` rules: `'nearest'` copies source pixel `floor(o · in / out)`,
 * `'nearest-exact'` copies `floor((o + 0.5) · in / out)`. Differentiable in `x` (each output's
 * gradient goes to the pixel it copies).
 * @example resizeNearest(randn([1, 2, 2, 3]), [4, 4]) // each pixel repeated 2×2
 */
export function resizeNearest(x: Tensor, size: Pair, options: ResizeNearestOptions = {}): Tensor {
  const mode = options.mode ?? 'nearest';
  if (!NEAREST_MODES.includes(mode)) {
    throw new ValueError(`resizeNearest: mode must be 'nearest' or 'nearest-exact', got ${JSON.stringify(mode)}`);
  }
  const outShape = resizedShape(x, size, 'resizeNearest');
  return nearest(x, mode, outShape);
}

function bilinear(x: Tensor, alignCorners: boolean, outShape: Shape): Tensor {
  const backend = backendOf([x], 'resizeBilinear');
  return recordPrimitive('resizeBilinear', [x], { alignCorners }, { shape: outShape, dtype: x.dtype, backend }, () =>
    backend.resizeBilinear(x, alignCorners, outShape),
  );
}

function bilinearBackprop(dy: Tensor, alignCorners: boolean, inputShape: Shape): Tensor {
  const backend = backendOf([dy], 'resizeBilinear');
  return recordPrimitive('resizeBilinearBackprop', [dy], { alignCorners }, { shape: inputShape, dtype: dy.dtype, backend }, () =>
    backend.resizeBilinearBackprop(dy, alignCorners, inputShape),
  );
}

function nearest(x: Tensor, mode: NearestMode, outShape: Shape): Tensor {
  const backend = backendOf([x], 'resizeNearest');
  return recordPrimitive('resizeNearest', [x], { mode }, { shape: outShape, dtype: x.dtype, backend }, () =>
    backend.resizeNearest(x, mode, outShape),
  );
}

function nearestBackprop(dy: Tensor, mode: NearestMode, inputShape: Shape): Tensor {
  const backend = backendOf([dy], 'resizeNearest');
  return recordPrimitive('resizeNearestBackprop', [dy], { mode }, { shape: inputShape, dtype: dy.dtype, backend }, () =>
    backend.resizeNearestBackprop(dy, mode, inputShape),
  );
}

// ---- gradients ----
// Resizing is linear: each backprop kernel is the adjoint of its forward kernel and the other way
// round, so both are differentiable primitives and double backward works.

export function resizeBilinearGrad(dy: Tensor, [x]: readonly Tensor[], _y: Tensor, attrs: { alignCorners: boolean }): (Tensor | null)[] {
  return [bilinearBackprop(dy, attrs.alignCorners, x!.shape)];
}

export function resizeBilinearBackpropGrad(g: Tensor, [dy]: readonly Tensor[], _y: Tensor, attrs: { alignCorners: boolean }): (Tensor | null)[] {
  return [bilinear(g, attrs.alignCorners, dy!.shape)];
}

export function resizeNearestGrad(dy: Tensor, [x]: readonly Tensor[], _y: Tensor, attrs: { mode: NearestMode }): (Tensor | null)[] {
  return [nearestBackprop(dy, attrs.mode, x!.shape)];
}

export function resizeNearestBackpropGrad(g: Tensor, [dy]: readonly Tensor[], _y: Tensor, attrs: { mode: NearestMode }): (Tensor | null)[] {
  return [nearest(g, attrs.mode, dy!.shape)];
}
