import type { DType, TypedArray } from '../dtype.js';
import type { Shape } from '../shape.js';

/**
 * What a kernel sees of a tensor: the backend's own storage handle plus shape and dtype.
 * Storage is always dense and row-major; views (reshape) are the backend's to share or copy.
 */
export interface TensorInfo<H = unknown> {
  /** The backend's storage (a typed array for `ts`, a `DataId` for tfjs, ...). */
  readonly handle: H;
  /** Logical shape; the storage holds `product(shape)` elements, row-major. */
  readonly shape: Shape;
  /** Element dtype of the storage. */
  readonly dtype: DType;
}

/** Elementwise one-input kernels. All keep the input dtype (the front end casts ints to float first where needed). */
export type UnaryOp =
  | 'neg' | 'abs' | 'exp' | 'log' | 'log1p' | 'sqrt' | 'rsqrt' | 'square' | 'reciprocal'
  | 'sin' | 'cos' | 'tanh' | 'sigmoid' | 'relu' | 'relu6' | 'leakyRelu' | 'elu' | 'selu'
  | 'erf' | 'gelu' | 'geluTanh' | 'softplus' | 'sign' | 'floor' | 'ceil' | 'round' | 'logicalNot';

/**
 * Arithmetic two-input kernels: inputs share one dtype, output has it too. `div` only ever gets
 * float inputs: core's `div` is true division and casts integers to float32 first (as PyTorch).
 */
export type ArithmeticOp = 'add' | 'sub' | 'mul' | 'div' | 'pow' | 'maximum' | 'minimum';
/** Comparison and logic kernels: output is `bool`. */
export type ComparisonOp =
  | 'equal' | 'notEqual' | 'greater' | 'greaterEqual' | 'less' | 'lessEqual' | 'logicalAnd' | 'logicalOr';
/** Every elementwise two-input kernel. */
export type BinaryOp = ArithmeticOp | ComparisonOp;

/** Reductions over a set of axes. `argMax`/`argMin` take exactly one axis and give int32. */
export type ReduceOp = 'sum' | 'prod' | 'max' | 'min' | 'argMax' | 'argMin';

/** Cumulative kernels. */
export type ScanOp = 'sum' | 'prod';

/** Explicit zero-padding of the two spatial dims of an NHWC tensor. */
export interface Padding2d {
  /** Zero rows added above the input (along H). */
  readonly top: number;
  /** Zero rows added below the input (along H). */
  readonly bottom: number;
  /** Zero columns added left of the input (along W). */
  readonly left: number;
  /** Zero columns added right of the input (along W). */
  readonly right: number;
}

/**
 * Attributes of an NHWC 2-D convolution, already resolved by the front end.
 * Filters are `[kh, kw, cIn / groups, cOut]`; group `g` maps input channels
 * `[g·cIn/groups, (g+1)·cIn/groups)` to output channels `[g·cOut/groups, (g+1)·cOut/groups)`.
 */
export interface Conv2dAttrs {
  /** Step between output positions, `[strideH, strideW]`. */
  readonly strides: readonly [number, number];
  /** Spacing between kernel taps, `[dilationH, dilationW]` (1 = dense). */
  readonly dilations: readonly [number, number];
  /** Explicit zero padding of the input's spatial dims. */
  readonly pads: Padding2d;
  /** Number of channel groups; divides both `cIn` and `cOut` (`cIn` groups = depthwise). */
  readonly groups: number;
}

/** Attributes of NHWC 2-D pooling, already resolved by the front end. */
export interface Pool2dAttrs {
  /** Window size, `[kH, kW]`. */
  readonly size: readonly [number, number];
  /** Step between windows, `[strideH, strideW]`. */
  readonly strides: readonly [number, number];
  /** Explicit padding of the input's spatial dims; padded cells never take part in a window. */
  readonly pads: Padding2d;
}

/**
 * How nearest-neighbour resizing picks the source pixel of output pixel `o` (PyTorch's
 * `interpolate` modes): `'nearest'` takes `floor(o · in / out)`, `'nearest-exact'` takes
 * `floor((o + 0.5) · in / out)` (pixel centres), both clamped to `in - 1`.
 */
export type NearestMode = 'nearest' | 'nearest-exact';

/**
 * The closed set of primitive kernels every backend implements: the only way core touches
 * storage. Output shapes and dtypes are computed (and validated) by the front end and passed
 * in as `outShape`, so kernels do no shape checking of their own.
 *
 * `H` is the backend's storage handle type (a typed array for `ts`, a tf.Tensor for tfjs).
 */
export interface RequiredKernels<H> {
  /**
   * Takes ownership of `values` (the caller never touches it again) as a tensor of `dtype`.
   * Core always passes the tensor's `shape` (backends whose storage is shaped use it).
   */
  upload(values: TypedArray, dtype: DType, shape?: Shape): H;
  /** A fresh copy of the tensor's values, in the dtype's typed array. */
  download(x: TensorInfo<H>): TypedArray;
  /**
   * A new tensor of `shape` holding `value` everywhere, made on the backend (no host array is
   * uploaded). Core passes a value `dtype` can hold: 0 or 1 for bool, an in-range integer for int32.
   */
  fill(shape: Shape, value: number, dtype: DType): H;

  /** Elementwise `op` (neg, exp, relu, …) in `x`'s dtype; `alpha` is leakyRelu's slope and elu's scale, ignored by the others. */
  unary(x: TensorInfo<H>, op: UnaryOp, alpha: number): H;
  /** Clamps every value to `[min, max]` (`min ≤ max`), keeping NaN. */
  clip(x: TensorInfo<H>, min: number, max: number): H;
  /** `a` and `b` share a dtype and broadcast to `outShape`. */
  binary(a: TensorInfo<H>, b: TensorInfo<H>, op: BinaryOp, outShape: Shape): H;
  /** `cond` is bool; `a` and `b` share a dtype; all three broadcast to `outShape`. */
  where(cond: TensorInfo<H>, a: TensorInfo<H>, b: TensorInfo<H>, outShape: Shape): H;
  /** Converts to `dtype`: float → int32 truncates toward zero and saturates (NaN → 0); nonzero and NaN → bool true. */
  cast(x: TensorInfo<H>, dtype: DType): H;

  /** Reduces `axes` (sorted, unique, non-empty) away; `outShape` omits them. sum/prod of bool give int32. */
  reduce(x: TensorInfo<H>, op: ReduceOp, axes: readonly number[], outShape: Shape): H;

  /** `a: [...batchA, m, k]` (or `[..., k, m]` transposed), `b: [...batchB, k, n]`; batch dims broadcast into `outShape`. */
  matmul(a: TensorInfo<H>, b: TensorInfo<H>, transposeA: boolean, transposeB: boolean, outShape: Shape): H;

  /** Same values, new shape of the same size. May share storage: storage is never mutated. */
  reshape(x: TensorInfo<H>, shape: Shape): H;
  /** Permutes the dims: output dim `i` is input dim `perm[i]`. */
  transpose(x: TensorInfo<H>, perm: readonly number[]): H;
  /**
   * Strided block: element `i` of dim `d` is `x`'s element `begin[d] + i·steps[d]` (steps are
   * non-zero, negative ones walk backwards; every touched index is in range). Steps of 1 are a
   * contiguous block.
   */
  slice(x: TensorInfo<H>, begin: readonly number[], size: readonly number[], steps: readonly number[]): H;
  /** Pads each dim with `paddings[d] = [before, after]` copies of `value`. */
  pad(x: TensorInfo<H>, paddings: readonly (readonly [number, number])[], value: number): H;
  /** Joins tensors of one dtype along `axis` (the other dims equal) into `outShape`. */
  concat(xs: readonly TensorInfo<H>[], axis: number, outShape: Shape): H;
  /** Repeats `x` along its size-1 and missing leading dims to `shape` (NumPy broadcasting). */
  broadcastTo(x: TensorInfo<H>, shape: Shape): H;
  /** `out[..., i..., ...] = x[..., indices[i...], ...]` along `axis` (np.take); indices are int32 and in range. */
  gather(x: TensorInfo<H>, indices: TensorInfo<H>, axis: number, outShape: Shape): H;
  /** A copy of `x` with `updates` added at `indices` along `axis` (the adjoint of gather). */
  scatterAdd(x: TensorInfo<H>, indices: TensorInfo<H>, updates: TensorInfo<H>, axis: number): H;
  /**
   * `out[..., j, ...] = x[..., indices[..., j, ...], ...]` along `axis` (np.take_along_axis): `indices`
   * (int32, in range) has `x`'s shape except along `axis`, and the output has `indices`' shape.
   */
  takeAlongAxis(x: TensorInfo<H>, indices: TensorInfo<H>, axis: number): H;
  /** A copy of `x` with `updates[..., j, ...]` added at `x[..., indices[..., j, ...], ...]` (the adjoint of takeAlongAxis). */
  scatterAddAlongAxis(x: TensorInfo<H>, indices: TensorInfo<H>, updates: TensorInfo<H>, axis: number): H;
  /**
   * int32 positions of the `k` largest (or smallest) values along the last axis, in order, ties
   * going to the lower index and NaN ranking above every number (PyTorch's order). Float or int32 input.
   */
  topk(x: TensorInfo<H>, k: number, largest: boolean): H;
  /** Cumulative sum or product along `axis`; `exclusive` starts from the identity, `reverse` runs from the end. */
  scan(x: TensorInfo<H>, op: ScanOp, axis: number, exclusive: boolean, reverse: boolean): H;

  /** 2-D convolution (cross-correlation) of NHWC `x` with filter `[kh, kw, cIn/groups, cOut]` into `outShape`. */
  conv2d(x: TensorInfo<H>, filter: TensorInfo<H>, attrs: Conv2dAttrs, outShape: Shape): H;
  /** Gradient of conv2d with respect to its input (also the transposed convolution). */
  conv2dBackpropInput(dy: TensorInfo<H>, filter: TensorInfo<H>, attrs: Conv2dAttrs, inputShape: Shape): H;
  /** Gradient of conv2d with respect to its filter. */
  conv2dBackpropFilter(x: TensorInfo<H>, dy: TensorInfo<H>, attrs: Conv2dAttrs, filterShape: Shape): H;
  /** The maximum of each window of NHWC `x`; a window holding NaN gives NaN. */
  maxPool2d(x: TensorInfo<H>, attrs: Pool2dAttrs, outShape: Shape): H;
  /** Routes each `dy` value to the (first) maximum of its window in `x`. */
  maxPool2dBackprop(dy: TensorInfo<H>, x: TensorInfo<H>, attrs: Pool2dAttrs): H;
  /** Averages over the in-bounds part of each window (padding is not counted, as in TensorFlow). */
  avgPool2d(x: TensorInfo<H>, attrs: Pool2dAttrs, outShape: Shape): H;
  /** Gradient of avgPool2d: each window's `dy` spread evenly over its in-bounds inputs. */
  avgPool2dBackprop(dy: TensorInfo<H>, attrs: Pool2dAttrs, inputShape: Shape): H;
  /**
   * Averages NHWC `x` over PyTorch's adaptive windows: output row `i` of `out` covers input rows
   * `floor(i·in/out) .. ceil((i+1)·in/out)` (columns likewise).
   */
  adaptiveAvgPool2d(x: TensorInfo<H>, outShape: Shape): H;
  /** Gradient of adaptiveAvgPool2d: each `dy` value spread evenly over its window. */
  adaptiveAvgPool2dBackprop(dy: TensorInfo<H>, inputShape: Shape): H;

  /**
   * Bilinear resize of NHWC `x` to `outShape` with PyTorch's `interpolate` rule: source coordinate
   * `(o + 0.5)·in/out - 0.5` clamped at 0 (or `o·(in-1)/(out-1)` when `alignCorners`), blending the
   * two nearest source pixels per axis (the upper one clamped to `in - 1`).
   */
  resizeBilinear(x: TensorInfo<H>, alignCorners: boolean, outShape: Shape): H;
  /** Gradient of resizeBilinear: each `dy` value spread over its four source pixels with the same weights. */
  resizeBilinearBackprop(dy: TensorInfo<H>, alignCorners: boolean, inputShape: Shape): H;
  /** Nearest-neighbour resize of NHWC `x` to `outShape` (see {@link NearestMode}). */
  resizeNearest(x: TensorInfo<H>, mode: NearestMode, outShape: Shape): H;
  /** Gradient of resizeNearest: each `dy` value added to the pixel it was copied from. */
  resizeNearestBackprop(dy: TensorInfo<H>, mode: NearestMode, inputShape: Shape): H;
}

/** Fused kernels a backend may add for speed; core composes them from required kernels otherwise. */
export interface OptionalKernels<H> {
  /** Async download (a GPU backend reads back without blocking). */
  downloadAsync?(x: TensorInfo<H>): Promise<TypedArray>;
  /**
   * Releases storage now (backends whose storage is not garbage collected). Core calls it exactly
   * once per handle: from `Tensor.dispose()`, the end of a `tidy` scope, `assign` (the replaced
   * storage) or a FinalizationRegistry. A backend with `dispose` must return a new, independently
   * disposable handle from every kernel (never an input's handle), and must implement
   * {@link OptionalKernels.shareStorage}.
   */
  dispose?(handle: H): void;
  /**
   * A second handle to `x`'s data that is disposed independently of `x.handle` (a reference
   * count, never a copy): how `Tensor.detach` and `assign` share values on a backend with
   * `dispose`. Backends whose storage is garbage collected may leave it out (core then shares the
   * handle itself); it is required with `dispose`, which `registerBackend` checks.
   */
  shareStorage?(x: TensorInfo<H>): H;
  /** Softmax over the last axis of a float tensor. */
  softmax?(x: TensorInfo<H>): H;
  /** Log-softmax over the last axis of a float tensor. */
  logSoftmax?(x: TensorInfo<H>): H;
  /** Gradient of {@link OptionalKernels.softmax} given its output `y`: `y · (dy - Σ dy · y)` per last-axis row. */
  softmaxBackprop?(dy: TensorInfo<H>, y: TensorInfo<H>): H;
  /** Gradient of {@link OptionalKernels.logSoftmax} given its output `y`: `dy - exp(y) · Σ dy` per last-axis row. */
  logSoftmaxBackprop?(dy: TensorInfo<H>, y: TensorInfo<H>): H;
  /**
   * Each last-axis row of a float tensor normalized to mean 0 and variance 1:
   * `(x - μ) / √(σ² + eps)`, `σ²` the biased variance (layer normalization without its affine part).
   */
  layerNorm?(x: TensorInfo<H>, eps: number): H;
  /**
   * Gradient of {@link OptionalKernels.layerNorm} with respect to `x`, given `dy`:
   * `(dy - mean(dy) - y · mean(dy · y)) / √(σ² + eps)` per last-axis row, with `y` the normalized `x`.
   */
  layerNormBackprop?(dy: TensorInfo<H>, x: TensorInfo<H>, eps: number): H;
}

/** Every kernel name, required or optional. */
export type KernelName = keyof RequiredKernels<unknown> | keyof OptionalKernels<unknown>;

const OPTIONAL: Record<keyof OptionalKernels<unknown>, true> = {
  downloadAsync: true, dispose: true, shareStorage: true, softmax: true, logSoftmax: true,
  softmaxBackprop: true, logSoftmaxBackprop: true, layerNorm: true, layerNormBackprop: true,
};

/**
 * The name of every optional kernel (a missing or unknown name here is a compile error). What core
 * does without each is in `backend/compose.ts`.
 * @example const requiredOnly = Object.fromEntries(Object.entries(tsBackend).filter(([k]) => !OPTIONAL_KERNELS.includes(k as never)));
 */
export const OPTIONAL_KERNELS = Object.keys(OPTIONAL) as readonly (keyof OptionalKernels<unknown>)[];
