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
  neg: (x: NdArray) => unary('neg', x),
  abs: (x: NdArray) => unary('abs', x),
  exp: (x: NdArray) => unary('exp', x),
  log: (x: NdArray) => unary('log', x),
  log1p: (x: NdArray) => unary('log1p', x),
  sqrt: (x: NdArray) => unary('sqrt', x),
  rsqrt: (x: NdArray) => unary('rsqrt', x),
  square: (x: NdArray) => unary('square', x),
  reciprocal: (x: NdArray) => unary('reciprocal', x),
  sin: (x: NdArray) => unary('sin', x),
  cos: (x: NdArray) => unary('cos', x),
  tanh: (x: NdArray) => unary('tanh', x),
  sigmoid: (x: NdArray) => unary('sigmoid', x),
  relu: (x: NdArray) => unary('relu', x),
  relu6: (x: NdArray) => unary('relu6', x),
  leakyRelu: (x: NdArray, alpha = 0.01) => unary('leakyRelu', x, alpha),
  elu: (x: NdArray, alpha = 1) => unary('elu', x, alpha),
  selu: (x: NdArray) => unary('selu', x),
  erf: (x: NdArray) => unary('erf', x),
  gelu: (x: NdArray, options: { approximate?: 'none' | 'tanh' } = {}) => unary(options.approximate === 'tanh' ? 'geluTanh' : 'gelu', x),
  softplus: (x: NdArray) => unary('softplus', x),
  sign: (x: NdArray) => unary('sign', x),
  floor: (x: NdArray) => unary('floor', x),
  ceil: (x: NdArray) => unary('ceil', x),
  round: (x: NdArray) => unary('round', x),
  clip,
  cast,
  logicalNot,
  where,

  add: (a: RefOperand, b: RefOperand) => arithmetic('add', a, b),
  sub: (a: RefOperand, b: RefOperand) => arithmetic('sub', a, b),
  mul: (a: RefOperand, b: RefOperand) => arithmetic('mul', a, b),
  div: (a: RefOperand, b: RefOperand) => arithmetic('div', a, b),
  pow: (a: RefOperand, b: RefOperand) => arithmetic('pow', a, b),
  maximum: (a: RefOperand, b: RefOperand) => arithmetic('maximum', a, b),
  minimum: (a: RefOperand, b: RefOperand) => arithmetic('minimum', a, b),
  equal: (a: RefOperand, b: RefOperand) => comparison('equal', a, b),
  notEqual: (a: RefOperand, b: RefOperand) => comparison('notEqual', a, b),
  greater: (a: RefOperand, b: RefOperand) => comparison('greater', a, b),
  greaterEqual: (a: RefOperand, b: RefOperand) => comparison('greaterEqual', a, b),
  less: (a: RefOperand, b: RefOperand) => comparison('less', a, b),
  lessEqual: (a: RefOperand, b: RefOperand) => comparison('lessEqual', a, b),
  logicalAnd: (a: RefOperand, b: RefOperand) => comparison('logicalAnd', a, b),
  logicalOr: (a: RefOperand, b: RefOperand) => comparison('logicalOr', a, b),

  sum,
  prod,
  max,
  min,
  mean,
  argMax,
  argMin,
  logSumExp,
  variance,
  moments,
  std,
  norm,
  softmax,
  logSoftmax,
  batchNorm,

  matmul,
  einsum,

  reshape,
  flatten,
  squeeze,
  expandDims,
  transpose,
  permute: (x: NdArray, perm: readonly number[]) => transpose(x, perm),
  concat,
  stack,
  split,
  slice,
  stridedSlice,
  flip,
  pad,
  tile,
  broadcastTo,
  gather,
  scatterAdd,
  takeAlongAxis,
  scatterAddAlongAxis,
  maskedFill,
  triu,
  tril,

  topk,
  sort,
  argsort,

  cumsum,
  cumprod,

  conv2d,
  conv2dTranspose,
  depthwiseConv2d,
  conv1d,
  maxPool2d,
  avgPool2d,
  adaptiveAvgPool2d,
  resizeBilinear,
  resizeNearest,

  tensor,
  scalar,
  full,
  zeros,
  ones,
  zerosLike,
  onesLike,
  arange,
  linspace,
  eye,
  oneHot,

  rand,
  randn,
  randint,
  bernoulli,
  dropout,

  clone,
  toBackend,
} as const;
