/**
 * The float64 reference implementation: one function per public op of `@dlkit/core`, with the
 * op's own name and argument order, on {@link NdArray}s instead of tensors. It is the oracle the
 * conformance suite compares every backend against. Written for obviousness, not speed.
 */
import { cast, clip, logicalNot, unary } from './unary.js';
import { arithmetic, comparison, where, type RefOperand } from './binary.js';
import { argMax, argMin, logSumExp, max, mean, min, moments, norm, prod, std, sum, variance } from './reduce.js';
import { logSoftmax, softmax } from './softmax.js';
import { matmul } from './matmul.js';
import {
  broadcastTo, concat, expandDims, flatten, flip, pad, reshape, slice, split, squeeze, stack, stridedSlice, tile, transpose,
} from './shape.js';
import { gather, maskedFill, scatterAdd, scatterAddAlongAxis, takeAlongAxis, tril, triu } from './indexing.js';
import { argsort, sort, topk } from './sort.js';
import { cumprod, cumsum } from './scan.js';
import { conv1d, conv2d, conv2dTranspose, depthwiseConv2d } from './conv.js';
import { adaptiveAvgPool2d, avgPool2d, maxPool2d } from './pool.js';
import { resizeBilinear, resizeNearest } from './resize.js';
import { arange, eye, full, linspace, oneHot, ones, onesLike, scalar, tensor, zeros, zerosLike } from './creation.js';
import { bernoulli, dropout, rand, randint, randn } from './random.js';
import { einsum } from './einsum.js';
import { batchNorm } from './batch-norm.js';
import { layerNorm } from './layer-norm.js';
import { clone, toBackend } from './transfer.js';
import type { NdArray } from './array.js';

export { nd, type NdArray } from './array.js';
export { refErf, type RefUnaryName } from './unary.js';
export type { RefOperand, RefArithmeticName, RefComparisonName } from './binary.js';
export type { RefAxes } from './reduce.js';
export type { RefConv1dOptions, RefConv2dOptions, RefConv2dTransposeOptions } from './conv.js';
export type { RefPadding, RefPair } from './conv-geometry.js';
export type { RefPoolOptions } from './pool.js';
export type { RefScanOptions } from './scan.js';
export type { RefSize } from './resize.js';
export type { RefNested } from './creation.js';

/**
 * Naive float64 implementations of dlkit's ops, named and called like the ops themselves.
 * Results carry the dtype dlkit gives them (promotion, bool → int32 sums, int32 argMax, ...).
 *
 * @example
 * ```ts
 * const a = nd([2, 2], [1, 2, 3, 4], 'float32');
 * reference.matmul(a, a).data; // Float64Array [7, 10, 15, 22]
 * ```
 */
export const reference = {
  /** `-x`. */
  neg: (x: NdArray) => unary('neg', x),
  /** `|x|`. */
  abs: (x: NdArray) => unary('abs', x),
  /** `eˣ`. */
  exp: (x: NdArray) => unary('exp', x),
  /** Natural log `ln x`. */
  log: (x: NdArray) => unary('log', x),
  /** `ln(1 + x)`. */
  log1p: (x: NdArray) => unary('log1p', x),
  /** `√x`. */
  sqrt: (x: NdArray) => unary('sqrt', x),
  /** `1/√x`. */
  rsqrt: (x: NdArray) => unary('rsqrt', x),
  /** `x²`. */
  square: (x: NdArray) => unary('square', x),
  /** `1/x`. */
  reciprocal: (x: NdArray) => unary('reciprocal', x),
  /** `sin x`. */
  sin: (x: NdArray) => unary('sin', x),
  /** `cos x`. */
  cos: (x: NdArray) => unary('cos', x),
  /** `tanh x`. */
  tanh: (x: NdArray) => unary('tanh', x),
  /** `σ(x) = 1/(1 + e⁻ˣ)`. */
  sigmoid: (x: NdArray) => unary('sigmoid', x),
  /** `max(x, 0)`. */
  relu: (x: NdArray) => unary('relu', x),
  /** `min(max(x, 0), 6)`. */
  relu6: (x: NdArray) => unary('relu6', x),
  /** `x` for x > 0, else `alpha·x` (default 0.01). */
  leakyRelu: (x: NdArray, alpha = 0.01) => unary('leakyRelu', x, alpha),
  /** `x` for x > 0, else `alpha·(eˣ - 1)` (default alpha 1). */
  elu: (x: NdArray, alpha = 1) => unary('elu', x, alpha),
  /** Scaled ELU with the self-normalizing constants. */
  selu: (x: NdArray) => unary('selu', x),
  /** The error function (see {@link refErf}). */
  erf: (x: NdArray) => unary('erf', x),
  /** `x·Φ(x)`, or its tanh approximation with `approximate: 'tanh'`. */
  gelu: (x: NdArray, options: { approximate?: 'none' | 'tanh' } = {}) => unary(options.approximate === 'tanh' ? 'geluTanh' : 'gelu', x),
  /** `ln(1 + eˣ)`. */
  softplus: (x: NdArray) => unary('softplus', x),
  /** -1, 0 or 1 by the sign of `x`. */
  sign: (x: NdArray) => unary('sign', x),
  /** Rounds down. */
  floor: (x: NdArray) => unary('floor', x),
  /** Rounds up. */
  ceil: (x: NdArray) => unary('ceil', x),
  /** Rounds half to even, as dlkit and NumPy do. */
  round: (x: NdArray) => unary('round', x),
  /** `min(max(x, min), max)`. */
  clip,
  /** `x` converted to `dtype` (truncating to int32, nonzero to true for bool). */
  cast,
  /** `!x` as bool. */
  logicalNot,
  /** `cond ? a : b` elementwise, all three broadcast together. */
  where,

  /** `a + b` with broadcasting and dtype promotion. */
  add: (a: RefOperand, b: RefOperand) => arithmetic('add', a, b),
  /** `a - b` with broadcasting and dtype promotion. */
  sub: (a: RefOperand, b: RefOperand) => arithmetic('sub', a, b),
  /** `a · b` with broadcasting and dtype promotion. */
  mul: (a: RefOperand, b: RefOperand) => arithmetic('mul', a, b),
  /** `a / b` with broadcasting (true division, float result). */
  div: (a: RefOperand, b: RefOperand) => arithmetic('div', a, b),
  /** `aᵇ` with broadcasting and dtype promotion. */
  pow: (a: RefOperand, b: RefOperand) => arithmetic('pow', a, b),
  /** Elementwise `max(a, b)` with broadcasting. */
  maximum: (a: RefOperand, b: RefOperand) => arithmetic('maximum', a, b),
  /** Elementwise `min(a, b)` with broadcasting. */
  minimum: (a: RefOperand, b: RefOperand) => arithmetic('minimum', a, b),
  /** `a == b` as bool, with broadcasting. */
  equal: (a: RefOperand, b: RefOperand) => comparison('equal', a, b),
  /** `a != b` as bool, with broadcasting. */
  notEqual: (a: RefOperand, b: RefOperand) => comparison('notEqual', a, b),
  /** `a > b` as bool, with broadcasting. */
  greater: (a: RefOperand, b: RefOperand) => comparison('greater', a, b),
  /** `a >= b` as bool, with broadcasting. */
  greaterEqual: (a: RefOperand, b: RefOperand) => comparison('greaterEqual', a, b),
  /** `a < b` as bool, with broadcasting. */
  less: (a: RefOperand, b: RefOperand) => comparison('less', a, b),
  /** `a <= b` as bool, with broadcasting. */
  lessEqual: (a: RefOperand, b: RefOperand) => comparison('lessEqual', a, b),
  /** `a && b` as bool, with broadcasting. */
  logicalAnd: (a: RefOperand, b: RefOperand) => comparison('logicalAnd', a, b),
  /** `a || b` as bool, with broadcasting. */
  logicalOr: (a: RefOperand, b: RefOperand) => comparison('logicalOr', a, b),

  /** Sum over `axes` (all by default); bool and int32 sum to int32. */
  sum,
  /** Product over `axes` (all by default). */
  prod,
  /** Maximum over `axes` (all by default). */
  max,
  /** Minimum over `axes` (all by default). */
  min,
  /** Mean over `axes` (all by default). */
  mean,
  /** int32 position of the first maximum along `axis` (default last; a NaN wins). */
  argMax,
  /** int32 position of the first minimum along `axis` (default last; a NaN wins). */
  argMin,
  /** `ln Σ eˣ` over `axes`, computed stably. */
  logSumExp,
  /** `Σ(x - μ)² / (m - correction)` over `axes`. */
  variance,
  /** `[mean, variance]` over `axes`, as {@link variance} computes them. */
  moments,
  /** `√variance` over `axes`. */
  std,
  /** The `p`-norm over `axes` (default 2, all axes). */
  norm,
  /** `eˣ / Σ eˣ` along `axis` (default last). */
  softmax,
  /** `x - logSumExp(x)` along `axis` (default last). */
  logSoftmax,
  /** `(x - μ[c]) / √(σ²[c] + ε) · γ[c] + β[c]`, `c` the last coordinate. */
  batchNorm,
  /** `(x - μ) / √(σ² + ε) · γ + β` with μ, σ² over the trailing `normalizedShape` dims of each example. */
  layerNorm,

  /** Batched matrix product `[..., m, k] @ [..., k, n] → [..., m, n]` (broadcast batch dims; 1-D operands as in NumPy). */
  matmul,
  /** Einstein summation, e.g. `einsum('ij,jk->ik', a, b)`. */
  einsum,

  /** The same values in `shape` (one `-1` is inferred). */
  reshape,
  /** Dims `startAxis..endAxis` (default all) merged into one. */
  flatten,
  /** Size-1 dims removed (all of them, or `axes`). */
  squeeze,
  /** A size-1 dim inserted at `axis`. */
  expandDims,
  /** Dims permuted by `perm` (default reversed). */
  transpose,
  /** Dims permuted by `perm` (transpose with a required `perm`). */
  permute: (x: NdArray, perm: readonly number[]) => transpose(x, perm),
  /** Arrays joined along an existing `axis` (default 0). */
  concat,
  /** Arrays of one shape joined along a new `axis` (default 0). */
  stack,
  /** `x` cut along `axis` into `sections` equal parts or parts of the given sizes. */
  split,
  /** The block starting at `begin` of `size` (-1 or absent: to the end). */
  slice,
  /** `x[begin:end:step]` per dim (null: that side's default). */
  stridedSlice,
  /** `x` reversed along `axes`. */
  flip,
  /** `x` padded with `value` (default 0) by `[before, after]` per dim. */
  pad,
  /** `x` repeated `reps[i]` times along dim `i`. */
  tile,
  /** `x` broadcast to `shape` by NumPy rules. */
  broadcastTo,
  /** Slices of `x` at `indices` along `axis` (default 0): `x.shape` with `axis` replaced by `indices.shape`. */
  gather,
  /** `x` with `updates` added at `indices` along `axis` (repeated indices accumulate). */
  scatterAdd,
  /** `x[..., indices[...], ...]` along `axis`, indices of `x`'s rank (NumPy's `take_along_axis`). */
  takeAlongAxis,
  /** `x` with `updates` added at the per-element `indices` along `axis` (the adjoint of `takeAlongAxis`). */
  scatterAddAlongAxis,
  /** `x` with `value` wherever the broadcast `mask` is true. */
  maskedFill,
  /** The upper triangle (`j - i >= k`) of the last two dims, zeros elsewhere. */
  triu,
  /** The lower triangle (`j - i <= k`) of the last two dims, zeros elsewhere. */
  tril,

  /** `[values, indices]` of the `k` largest (or smallest) along `axis` (default last). */
  topk,
  /** `[values, indices]` of a stable sort along `axis` (default last). */
  sort,
  /** int32 positions of a stable sort along `axis` (default last). */
  argsort,

  /** Running sum along `axis` (optionally exclusive or reversed). */
  cumsum,
  /** Running product along `axis` (optionally exclusive or reversed). */
  cumprod,

  /** NHWC 2-D convolution (cross-correlation) of `x [n, h, w, cIn]` with filters `[kH, kW, cIn/groups, cOut]`. */
  conv2d,
  /** NHWC transposed convolution (the gradient of conv2d with respect to its input), filters `[kH, kW, cOut, cIn]`. */
  conv2dTranspose,
  /** NHWC depthwise convolution, filters `[kH, kW, cIn, multiplier]`. */
  depthwiseConv2d,
  /** NWC 1-D convolution of `x [n, w, cIn]` with filters `[k, cIn/groups, cOut]`. */
  conv1d,
  /** NHWC max pooling (padding never wins). */
  maxPool2d,
  /** NHWC average pooling over the in-bounds part of each window. */
  avgPool2d,
  /** NHWC average pooling to an output of `size`: output `i` averages inputs `floor(i·in/out) .. ceil((i+1)·in/out) - 1` (PyTorch's windows). */
  adaptiveAvgPool2d,
  /** NHWC bilinear resize to `size` (half-pixel centres, or `alignCorners`). */
  resizeBilinear,
  /** NHWC nearest-neighbour resize to `size` (`nearest` or `nearest-exact`). */
  resizeNearest,

  /** An array from nested lists (shape inferred, or reshaped to `shape`; bool for booleans, else float32 unless `dtype`). */
  tensor,
  /** A rank-0 array. */
  scalar,
  /** `shape` filled with `value`. */
  full,
  /** `shape` of zeros. */
  zeros,
  /** `shape` of ones. */
  ones,
  /** Zeros of `x`'s shape (and dtype unless given). */
  zerosLike,
  /** Ones of `x`'s shape (and dtype unless given). */
  onesLike,
  /** `start, start + step, …` below `stop` (one argument: `0..start-1`). */
  arange,
  /** `num` evenly spaced values from `start` to `stop` inclusive. */
  linspace,
  /** `[n, m]` identity (ones on the diagonal). */
  eye,
  /** `indices` as one-hot vectors: shape `[...indices.shape, depth]`. */
  oneHot,

  /** Uniform samples; deterministic, so defined, only for an empty shape. */
  rand,
  /** Normal samples; defined only for `std: 0` (every value `mean`) or an empty shape. */
  randn,
  /** Integers in `[low, high)`; defined only for `high = low + 1` or an empty shape. */
  randint,
  /** 0/1 samples; defined only for `p` 0 or 1 or an empty shape. */
  bernoulli,
  /** Dropout; defined only at rate 0 (the identity). */
  dropout,

  /** A copy of `x`. */
  clone,
  /** `x` on another backend: the same values (a copy). */
  toBackend,
} as const;
