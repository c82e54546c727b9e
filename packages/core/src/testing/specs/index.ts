/**
 * The op-spec table: one entry per public op of `@dlkit/core`.
 */
import type { OpSpec } from '../spec.js';
import { binarySpecs, castSpec, comparisonSpecs, unarySpecs } from './elementwise.js';
import { reduceSpecs, statisticSpecs } from './reduce.js';
import { matmulSpec } from './linalg.js';
import { shapeSpecs } from './shape.js';
import { convSpecs } from './conv.js';
import { resizeSpecs } from './resize.js';
import { dropoutSpec, oneHotSpec } from './misc.js';

/**
 * Every op spec of the conformance suite, in a stable order: unary ops and activations, binary
 * arithmetic, comparisons and logic, reductions, statistics and softmax, matmul, shape and
 * indexing ops, convolution and pooling, cast, oneHot, dropout. New ops are added here.
 */
export const opSpecs: readonly OpSpec[] = [
  ...unarySpecs,
  ...binarySpecs,
  ...comparisonSpecs,
  ...reduceSpecs,
  ...statisticSpecs,
  matmulSpec,
  ...shapeSpecs,
  ...convSpecs,
  ...resizeSpecs,
  castSpec,
  oneHotSpec,
  dropoutSpec,
];
