import type { Conv2dAttrs } from '../backend/kernels.js';
import { describeValue, DTypeError, ShapeError, ValueError } from '../errors.js';
import { isFloat } from '../dtype.js';
import { formatShape, shapesEqual, type Shape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { assertTensor, backendOf, recordPrimitive } from './primitive.js';
import { assertNHWC, outputSize, resolvePadding, toPair, type Pair, type PaddingSpec } from './conv-geometry.js';
import { reshape } from './shape.js';

/** Options of {@link conv2d}. */
export interface Conv2dOptions {
  /** Step of the window, `[sh, sw]` or one number (default 1). */
  strides?: Pair;
  /** `'valid'` (default), `'same'`, a number, or `[[top, bottom], [left, right]]`. */
  padding?: PaddingSpec;
  /** Spacing between filter taps (atrous convolution), default 1. */
  dilations?: Pair;
  /** Split channels into independent groups (default 1; `cIn` groups is depthwise). */
  groups?: number;
}

function checkFloatPair(x: Tensor, filter: Tensor, where: string): void {
  assertTensor(x, where, 'input');
  assertTensor(filter, where, 'filter');
  if (!isFloat(x.dtype) || x.dtype !== filter.dtype) {
    throw new DTypeError(`${where}: input and filter must share a float dtype, got ${x.dtype} and ${filter.dtype}`);
  }
}

function resolveConv(xShape: Shape, filterShape: Shape, options: Conv2dOptions, where: string): { attrs: Conv2dAttrs; outShape: number[] } {
  if (typeof options !== 'object' || options === null) throw new ValueError(`${where}: options must be an object, got ${describeValue(options)}`);
  assertNHWC(xShape, where);
  assertNHWC(filterShape, where, 'filter [kh, kw, cIn/groups, cOut]');
  const [batch, inH, inW, inC] = xShape as [number, number, number, number];
  const [kh, kw, groupInC, outC] = filterShape as [number, number, number, number];
  const groups = options.groups ?? 1;
  if (!Number.isInteger(groups) || groups < 1) throw new ValueError(`${where}: groups must be a positive integer, got ${describeValue(groups)}`);
  const misfit = (why: string): never => {
    throw new ShapeError(`${where}: input ${formatShape(xShape)} and filter ${formatShape(filterShape)} do not fit ${groups} group(s): ${why}`);
  };
  if (inC % groups !== 0) misfit(`the input's ${inC} channels (cIn) must be divisible by groups = ${groups}`);
  if (outC % groups !== 0) misfit(`the filter's ${outC} output channels (cOut) must be divisible by groups = ${groups}`);
  if (groupInC !== inC / groups) misfit(`expected filter [kh, kw, cIn/groups = ${inC / groups}, cOut], got ${groupInC} in its third dim`);
  const strides = toPair(options.strides ?? 1, 'strides', where);
  const dilations = toPair(options.dilations ?? 1, 'dilations', where);
  const window: [number, number] = [(kh - 1) * dilations[0] + 1, (kw - 1) * dilations[1] + 1];
  const pads = resolvePadding(options.padding ?? 'valid', inH, inW, window, strides, where);
  const outH = outputSize(inH, pads.top + pads.bottom, window[0], strides[0]);
  const outW = outputSize(inW, pads.left + pads.right, window[1], strides[1]);
  if (outH < 1 || outW < 1) {
    throw new ShapeError(`${where}: the ${window[0]}x${window[1]} window does not fit input ${formatShape(xShape)} with this padding`);
  }
  return { attrs: { strides, dilations, pads, groups }, outShape: [batch, outH, outW, outC] };
}

/**
 * 2-D convolution (cross-correlation, as in every framework) on NHWC input.
 *
 * Shapes: `x [m, nH, nW, cIn]`, `filter [f, f, cIn/groups, cOut]` → `[m, nH', nW', cOut]` with
 * `nH' = ⌊(nH + 2p - f)/s⌋ + 1` (the course's formula); `'same'` follows TensorFlow for any stride.
 * @example conv2d(randn([8, 32, 32, 3]), randn([3, 3, 3, 16]), { padding: 'same' }) // [8, 32, 32, 16]
 */
export function conv2d(x: Tensor, filter: Tensor, options: Conv2dOptions = {}): Tensor {
  checkFloatPair(x, filter, 'conv2d');
  const { attrs, outShape } = resolveConv(x.shape, filter.shape, options, 'conv2d');
  const backend = backendOf([x, filter], 'conv2d');
  return recordPrimitive('conv2d', [x, filter], attrs, { shape: outShape, dtype: x.dtype, backend }, () =>
    backend.conv2d(x, filter, attrs, outShape),
  );
}

/** @internal conv2d's input gradient as a recorded op (so transposed convolutions are differentiable). */
export function conv2dBackpropInput(dy: Tensor, filter: Tensor, attrs: Conv2dAttrs, inputShape: readonly number[]): Tensor {
  const backend = backendOf([dy, filter], 'conv2dTranspose');
  return recordPrimitive('conv2dBackpropInput', [dy, filter], attrs, { shape: inputShape, dtype: dy.dtype, backend }, () =>
    backend.conv2dBackpropInput(dy, filter, attrs, inputShape),
  );
}

function conv2dBackpropFilter(x: Tensor, dy: Tensor, attrs: Conv2dAttrs, filterShape: readonly number[]): Tensor {
  const backend = backendOf([x, dy], 'conv2d');
  return recordPrimitive('conv2dBackpropFilter', [x, dy], attrs, { shape: filterShape, dtype: x.dtype, backend }, () =>
    backend.conv2dBackpropFilter(x, dy, attrs, filterShape),
  );
}

/** Options of {@link conv2dTranspose}. */
export interface Conv2dTransposeOptions {
  /** Step of the forward convolution's window, `[sh, sw]` or one number (default 1): the up-sampling factor. */
  strides?: Pair;
  /** The forward convolution's padding: `'valid'` (default), `'same'`, a number, or `[[top, bottom], [left, right]]`. */
  padding?: PaddingSpec;
  /** Spacing between filter taps, default 1. */
  dilations?: Pair;
  /** The `[height, width]` of the output; needed only when a strided 'valid' conv is ambiguous. Defaults to `in·s` ('same') or `(in-1)·s + window - pads`. */
  outputSize?: readonly [number, number];
}

/**
 * Transposed convolution ("deconvolution", U-Net's up-sampling): the gradient of {@link conv2d}
 * with respect to its input, so `filter` is `[kh, kw, cOut, cIn]` exactly as TensorFlow's.
 *
 * Shapes: `x [m, h, w, cIn]` → `[m, H, W, cOut]` where conv2d with the same options maps `H×W` back to `h×w`.
 * @example conv2dTranspose(randn([1, 4, 4, 8]), randn([2, 2, 3, 8]), { strides: 2 }) // [1, 8, 8, 3]
 */
export function conv2dTranspose(x: Tensor, filter: Tensor, options: Conv2dTransposeOptions = {}): Tensor {
  const where = 'conv2dTranspose';
  assertNHWC(x.shape, where);
  assertNHWC(filter.shape, where, 'filter [kh, kw, cOut, cIn]');
  checkFloatPair(x, filter, where);
  const [batch, inH, inW, inC] = x.shape as [number, number, number, number];
  const [kh, kw, outC, filterInC] = filter.shape as [number, number, number, number];
  if (filterInC !== inC) {
    throw new ShapeError(`${where}: filter ${formatShape(filter.shape)} expects ${filterInC} input channels, input ${formatShape(x.shape)} has ${inC}`);
  }
  const strides = toPair(options.strides ?? 1, 'strides', where);
  const dilations = toPair(options.dilations ?? 1, 'dilations', where);
  const window: [number, number] = [(kh - 1) * dilations[0] + 1, (kw - 1) * dilations[1] + 1];
  const padding = options.padding ?? 'valid';
  let size: readonly [number, number];
  if (options.outputSize) size = options.outputSize;
  else if (padding === 'same') size = [inH * strides[0], inW * strides[1]];
  else {
    const p = resolvePadding(padding, 0, 0, window, strides, where);
    size = [(inH - 1) * strides[0] + window[0] - p.top - p.bottom, (inW - 1) * strides[1] + window[1] - p.left - p.right];
  }
  const outShape = [batch, size[0], size[1], outC];
  const forward = resolveConv(outShape, filter.shape, { strides, dilations, padding }, where);
  if (!shapesEqual(forward.outShape, x.shape)) {
    throw new ShapeError(`${where}: output size ${formatShape(size)} does not map back to input ${formatShape(x.shape)} under these strides and padding`);
  }
  return conv2dBackpropInput(x, filter, forward.attrs, outShape);
}

/** Options of {@link depthwiseConv2d}. */
export type DepthwiseConv2dOptions = Omit<Conv2dOptions, 'groups'>;

/**
 * Depthwise convolution (MobileNet): each input channel convolved with its own `mult` filters.
 *
 * Shapes: `x [m, h, w, cIn]`, `filter [kh, kw, cIn, mult]` (TensorFlow's layout) → `[m, h', w', cIn·mult]`.
 * @example depthwiseConv2d(randn([1, 8, 8, 4]), randn([3, 3, 4, 1]), { padding: 'same' }) // [1, 8, 8, 4]
 */
export function depthwiseConv2d(x: Tensor, filter: Tensor, options: DepthwiseConv2dOptions = {}): Tensor {
  assertNHWC(x.shape, 'depthwiseConv2d');
  assertNHWC(filter.shape, 'depthwiseConv2d', 'filter [kh, kw, cIn, multiplier]');
  const [kh, kw, inC, mult] = filter.shape as [number, number, number, number];
  if (inC !== x.shape[3]) {
    throw new ShapeError(`depthwiseConv2d: filter ${formatShape(filter.shape)} expects ${inC} channels, input ${formatShape(x.shape)} has ${x.shape[3]}`);
  }
  // Output channel c·mult + k reads input channel c: exactly a grouped conv with cIn groups.
  return conv2d(x, reshape(filter, [kh, kw, 1, inC * mult]), { ...options, groups: inC });
}

/** Options of {@link conv1d}. */
export interface Conv1dOptions {
  /** Step of the window (default 1). */
  strides?: number;
  /** `'valid'` (default), `'same'`, a number, or `[before, after]` (`[k - 1, 0]` is causal). */
  padding?: 'valid' | 'same' | number | readonly [number, number];
  /** Spacing between filter taps (default 1). */
  dilations?: number;
  /** Split channels into independent groups (default 1). */
  groups?: number;
}

/**
 * 1-D convolution over `[m, length, cIn]` with a `[k, cIn/groups, cOut]` filter → `[m, length', cOut]`.
 * @example conv1d(randn([2, 100, 8]), randn([5, 8, 16]), { padding: 'same' }) // [2, 100, 16]
 */
export function conv1d(x: Tensor, filter: Tensor, options: Conv1dOptions = {}): Tensor {
  if (x.rank !== 3 || filter.rank !== 3) {
    throw new ShapeError(`conv1d: expected input [batch, length, channels] and filter [k, cIn, cOut], got ${formatShape(x.shape)} and ${formatShape(filter.shape)}`);
  }
  const padding = options.padding ?? 'valid';
  const padding2d: PaddingSpec =
    typeof padding === 'string' ? padding : typeof padding === 'number' ? [[0, 0], [padding, padding]] : [[0, 0], padding];
  const out = conv2d(reshape(x, [x.shape[0]!, 1, x.shape[1]!, x.shape[2]!]), reshape(filter, [1, ...filter.shape]), {
    strides: [1, options.strides ?? 1],
    dilations: [1, options.dilations ?? 1],
    padding: padding2d,
    groups: options.groups ?? 1,
  });
  return reshape(out, [out.shape[0]!, out.shape[2]!, out.shape[3]!]);
}

// ---- gradients ----

export function conv2dGrad(dy: Tensor, [x, filter]: readonly Tensor[], _y: Tensor, attrs: Conv2dAttrs): (Tensor | null)[] {
  // An input that needs no gradient (the images of a first layer) costs no convolution.
  return [
    x!.requiresGrad ? conv2dBackpropInput(dy, filter!, attrs, x!.shape) : null,
    filter!.requiresGrad ? conv2dBackpropFilter(x!, dy, attrs, filter!.shape) : null,
  ];
}

export function conv2dBackpropInputGrad(g: Tensor, [dy, filter]: readonly Tensor[], _y: Tensor, attrs: Conv2dAttrs): (Tensor | null)[] {
  // The op is linear in both inputs: its adjoint in dy is the forward conv, in the filter the filter gradient.
  const backend = backendOf([g, filter!], 'conv2dTranspose');
  const outShape = dy!.shape;
  const dDy = recordPrimitive('conv2d', [g, filter!], attrs, { shape: outShape, dtype: g.dtype, backend }, () =>
    backend.conv2d(g, filter!, attrs, outShape),
  );
  return [dDy, conv2dBackpropFilter(g, dy!, attrs, filter!.shape)];
}

export function conv2dBackpropFilterGrad(g: Tensor, [x, dy]: readonly Tensor[], _y: Tensor, attrs: Conv2dAttrs): (Tensor | null)[] {
  const backend = backendOf([x!, g], 'conv2d');
  const outShape = dy!.shape;
  const dDy = recordPrimitive('conv2d', [x!, g], attrs, { shape: outShape, dtype: g.dtype, backend }, () =>
    backend.conv2d(x!, g, attrs, outShape),
  );
  return [conv2dBackpropInput(dy!, g, attrs, x!.shape), dDy];
}
