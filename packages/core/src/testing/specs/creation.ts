/**
 * Spec of the creation op that takes a tensor: oneHot (the other creation functions build
 * tensors from host values and are exercised by every sample).
 */
import type { DType } from '@dlkit/core';
import { DTypeError, ValueError } from '@dlkit/core';
import * as ops from '@dlkit/core';
import { reference } from '../reference/index.js';
import { defineOp, type OpSpec, type SampleInput } from '../spec.js';

const labels = (shape: readonly number[], values: readonly number[]): SampleInput => ({ shape, values, dtype: 'int32' });

/** The oneHot spec. */
export const oneHotSpec: OpSpec = defineOp<{ depth: number; dtype?: DType }>({
  name: 'oneHot',
  op: ([i], a) => ops.oneHot(i!, a.depth, a.dtype === undefined ? {} : { dtype: a.dtype }),
  reference: ([i], a) => reference.oneHot(i!, a.depth, a.dtype === undefined ? {} : { dtype: a.dtype }),
  samples: () => [
    { label: '[4] depth 3', inputs: [labels([4], [0, 2, 1, 2])], args: { depth: 3 } },
    { label: '[2,3] depth 4', inputs: [labels([2, 3], [3, 0, 0, 1, 2, 3])], args: { depth: 4 } },
    { label: 'dtype int32', inputs: [labels([3], [1, 0, 1])], args: { depth: 2, dtype: 'int32' } },
    { label: 'dtype float64', inputs: [labels([3], [1, 0, 1])], args: { depth: 2, dtype: 'float64' }, requires: ['float64'] },
    { label: 'empty [0]', inputs: [labels([0], [])], args: { depth: 3 } },
  ],
  differentiable: [],
  errors: () => [
    { label: 'float labels', inputs: [{ shape: [2], values: [0, 1], dtype: 'float' }], args: { depth: 3 }, error: DTypeError, message: /oneHot: indices must be int32, got float32/ },
    { label: 'label out of range', inputs: [labels([2], [0, 3])], args: { depth: 3 }, error: ValueError, message: /oneHot: label 3 at position 1 is outside \[0, 3\)/ },
    { label: 'negative label', inputs: [labels([2], [-1, 0])], args: { depth: 3 }, error: ValueError, message: /oneHot: label -1 at position 0 is outside \[0, 3\)/ },
    { label: 'depth 0', inputs: [labels([2], [0, 0])], args: { depth: 0 }, error: ValueError, message: /oneHot: depth must be a positive integer, got 0/ },
  ],
});
