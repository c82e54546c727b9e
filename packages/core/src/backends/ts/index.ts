import type { Backend } from '../../backend/backend.js';
import type { TensorInfo } from '../../backend/kernels.js';
import { DTYPES, type TypedArray } from '../../dtype.js';
import { binary, where } from './binary.js';
import { conv2d, conv2dBackpropFilter, conv2dBackpropInput } from './conv.js';
import { fill } from './creation.js';
import { gather, scatterAdd, scatterAddAlongAxis, takeAlongAxis } from './indexing.js';
import { layerNorm, layerNormBackprop } from './layer-norm.js';
import { matmul } from './matmul.js';
import { adaptiveAvgPool2d, adaptiveAvgPool2dBackprop, avgPool2d, avgPool2dBackprop, maxPool2d, maxPool2dBackprop } from './pool.js';
import { reduce } from './reduce.js';
import { resizeBilinear, resizeBilinearBackprop, resizeNearest, resizeNearestBackprop } from './resize.js';
import { broadcastTo, concat, pad, reshape, slice, transpose } from './shape.js';
import { scan } from './scan.js';
import { topk } from './sort.js';
import { logSoftmax, logSoftmaxBackprop, softmax, softmaxBackprop } from './softmax.js';
import { cast, clip, unary } from './unary.js';

/**
 * The built-in pure-TypeScript backend (`'ts'`, the default): typed-array storage that the
 * garbage collector frees, and kernels written for speed (cache-blocked gemm, im2col
 * convolution, fused softmax and layer normalization). Runs in Node and in browsers with no dependency.
 */
export const tsBackend: Backend<TypedArray> = {
  name: 'ts',
  dtypes: DTYPES,
  hostStorage: true,
  upload: (values: TypedArray) => values,
  download: (x: TensorInfo<TypedArray>) => x.handle.slice(),
  // Storage is garbage collected: a second reference is the same array.
  shareStorage: (x: TensorInfo<TypedArray>) => x.handle,
  fill,
  unary,
  clip,
  binary,
  where,
  cast,
  reduce,
  matmul,
  reshape,
  transpose,
  slice,
  pad,
  concat,
  broadcastTo,
  gather,
  scatterAdd,
  takeAlongAxis,
  scatterAddAlongAxis,
  topk,
  scan,
  conv2d,
  conv2dBackpropInput,
  conv2dBackpropFilter,
  maxPool2d,
  maxPool2dBackprop,
  avgPool2d,
  avgPool2dBackprop,
  adaptiveAvgPool2d,
  adaptiveAvgPool2dBackprop,
  resizeBilinear,
  resizeBilinearBackprop,
  resizeNearest,
  resizeNearestBackprop,
  softmax,
  logSoftmax,
  softmaxBackprop,
  logSoftmaxBackprop,
  layerNorm,
  layerNormBackprop,
};
