/**
 * Specs of the indexing ops: gather and scatterAdd (repeated, 2-D and empty indices, any axis).
 */
import { DTypeError, ShapeError, ValueError } from '@dlkit/core';
import * as ops from '@dlkit/core';
import { reference } from '../reference/index.js';
import { defineOp, type OpSpec, type SampleInput } from '../spec.js';

const f = (shape: readonly number[]): SampleInput => ({ shape, values: Array.from({ length: shape.reduce((n, d) => n * d, 1) }, (_, i) => i + 1), dtype: 'float' });
const intInput = (shape: readonly number[], values: readonly number[]): SampleInput => ({ shape, values, dtype: 'int32' });

const gatherSpec = defineOp<{ axis?: number }>({
  name: 'gather',
  op: ([x, i], a) => ops.gather(x!, i!, a.axis),
  reference: ([x, i], a) => reference.gather(x!, i!, a.axis),
  samples: (gen) => [
    { label: '[4,3] rows [2,0,2,3,2] (repeats)', inputs: [gen.uniform([4, 3]), intInput([5], [2, 0, 2, 3, 2])], args: {} },
    { label: '[3,4] columns axis=1', inputs: [gen.uniform([3, 4]), intInput([2], [3, 1])], args: { axis: 1 } },
    { label: '[4,3] with 2-D indices [2,2]', inputs: [gen.uniform([4, 3]), intInput([2, 2], [0, 3, 3, 1])], args: {} },
    { label: '[2,3,4] axis=-1', inputs: [gen.uniform([2, 3, 4]), intInput([3], [1, 1, 0])], args: { axis: -1 } },
    { label: 'empty indices [0]', inputs: [gen.uniform([4, 3]), intInput([0], [])], args: {} },
    { label: 'int32 values', inputs: [gen.ints([4, 2]), intInput([3], [3, 0, 3])], args: {} },
  ],
  differentiable: [0],
  errors: (gen) => [
    {
      label: 'index out of range',
      inputs: [gen.uniform([3, 2]), intInput([2], [0, 3])],
      args: {},
      error: ValueError,
      message: /gather: index 3 is out of range for axis 0 of size 3 \(shape \[3,2\]\)/,
    },
    {
      label: 'negative index',
      inputs: [gen.uniform([3, 2]), intInput([1], [-1])],
      args: {},
      error: ValueError,
      message: /gather: index -1 is out of range for axis 0 of size 3 \(shape \[3,2\]\)/,
    },
    { label: 'float indices', inputs: [gen.uniform([3, 2]), f([2])], args: {}, error: DTypeError, message: /gather: indices must be int32, got float32/ },
  ],
});

const scatterAddSpec = defineOp<{ axis?: number }>({
  name: 'scatterAdd',
  op: ([x, i, u], a) => ops.scatterAdd(x!, i!, u!, a.axis),
  reference: ([x, i, u], a) => reference.scatterAdd(x!, i!, u!, a.axis),
  samples: (gen) => [
    { label: '[4,3] rows [2,0,2,3,2] (repeats add up)', inputs: [gen.uniform([4, 3]), intInput([5], [2, 0, 2, 3, 2]), gen.uniform([5, 3])], args: {} },
    { label: '[3,4] columns axis=1', inputs: [gen.uniform([3, 4]), intInput([2], [3, 1]), gen.uniform([3, 2])], args: { axis: 1 } },
    { label: '[4,3] with 2-D indices', inputs: [gen.uniform([4, 3]), intInput([2, 2], [0, 3, 3, 1]), gen.uniform([2, 2, 3])], args: {} },
    { label: 'empty indices', inputs: [gen.uniform([4, 3]), intInput([0], []), gen.uniform([0, 3])], args: {} },
  ],
  differentiable: [0, 2],
  errors: (gen) => [
    {
      label: 'updates of the wrong shape',
      inputs: [gen.uniform([4, 3]), intInput([2], [0, 1]), gen.uniform([3, 3])],
      args: {},
      error: ShapeError,
      message: /scatterAdd: updates must be float32 \[2,3\], got float32 \[3,3\]/,
    },
    {
      label: 'index out of range',
      inputs: [gen.uniform([4, 3]), intInput([2], [0, 4]), gen.uniform([2, 3])],
      args: {},
      error: ValueError,
      message: /scatterAdd: index 4 is out of range for axis 0 of size 4 \(shape \[4,3\]\)/,
    },
  ],
});

/** Specs of the indexing ops. */
export const indexingSpecs: readonly OpSpec[] = [gatherSpec, scatterAddSpec];
