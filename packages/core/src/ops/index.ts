// The public ops. Gradient functions and internal helpers in these files stay unexported here.
export {
  add, sub, mul, div, pow, maximum, minimum, equal, notEqual, greater, greaterEqual, less, lessEqual, logicalAnd, logicalOr, where,
  type Operand,
} from './binary.js';
export { batchNorm, type BatchNormFunctionOptions } from './batch-norm.js';
export {
  conv2d, conv2dTranspose, depthwiseConv2d, conv1d,
  type Conv2dOptions, type Conv2dTransposeOptions, type DepthwiseConv2dOptions, type Conv1dOptions,
} from './conv.js';
export {
  tensor, scalar, full, zeros, ones, zerosLike, onesLike, arange, linspace, eye, oneHot,
  type NestedArray, type TensorData, type CreationOptions,
} from './creation.js';
export { einsum } from './einsum.js';
export { layerNorm, type LayerNormFunctionOptions } from './layer-norm.js';
export { gather, scatterAdd, takeAlongAxis, scatterAddAlongAxis, maskedFill, triu, tril } from './indexing.js';
export { matmul, type MatmulOptions } from './matmul.js';
export { maxPool2d, avgPool2d, adaptiveAvgPool2d, type Pool2dOptions } from './pool.js';
export { rand, randn, randint, bernoulli, dropout, type RandomOptions } from './random.js';
export { resizeBilinear, resizeNearest, type ResizeBilinearOptions, type ResizeNearestOptions } from './resize.js';
export {
  sum, prod, max, min, mean, argMax, argMin, logSumExp, variance, std, norm, moments, type Axes, type VarianceOptions, type MomentsOptions,
} from './reduce.js';
export {
  reshape, flatten, squeeze, expandDims, transpose, permute, concat, stack, split, slice, stridedSlice, flip, pad, broadcastTo, tile,
} from './shape.js';
export { cumsum, cumprod, type ScanOptions } from './scan.js';
export { topk, sort, argsort, type TopkOptions, type SortOptions, type ValuesAndIndices } from './sort.js';
export { softmax, logSoftmax } from './softmax.js';
export { clone, toBackend } from './transfer.js';
export {
  neg, abs, exp, log, log1p, sqrt, rsqrt, square, reciprocal, sin, cos, tanh, sigmoid, relu, relu6, leakyRelu, elu, selu, erf, gelu,
  softplus, sign, floor, ceil, round, logicalNot, clip, cast,
} from './unary.js';
