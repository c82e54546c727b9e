/**
 * Specs of the indexing ops: gather and scatterAdd (repeated, 2-D and empty indices, any axis),
 * takeAlongAxis and scatterAddAlongAxis (broadcasting, repeats), maskedFill, triu and tril.
 */
import { DTypeError, ShapeError, ValueError } from '@dlkit/core';
import * as ops from '@dlkit/core';
import { reference } from '../reference/index.js';
import { defineOp, type OpSpec, type SampleInput } from '../spec.js';

const f = (shape: readonly number[]): SampleInput => ({ shape, values: Array.from({ length: shape.reduce((n, d) => n * d, 1) }, (_, i) => i + 1), dtype: 'float' });
const intInput = (shape: readonly number[], values: readonly number[]): SampleInput => ({ shape, values, dtype: 'int32' });
const bools = (shape: readonly number[], values: readonly number[]): SampleInput => ({ shape, values, dtype: 'bool' });

/**
 * Runs `fn` with index checks on for every backend: device backends skip them by default
 * (see `setIndexChecks`), and the error cases test what the checks raise.
 */
export function withIndexChecks<T>(fn: () => T): T {
  const previous = ops.setIndexChecks('always');
  try {
    return fn();
  } finally {
    ops.setIndexChecks(previous);
  }
}

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
      call: ([x, i]) => withIndexChecks(() => ops.gather(x!, i!)),
      error: ValueError,
      message: /gather: index 3 is out of range for axis 0 of size 3 \(shape \[3,2\]\)/,
    },
    {
      label: 'negative index',
      inputs: [gen.uniform([3, 2]), intInput([1], [-1])],
      args: {},
      call: ([x, i]) => withIndexChecks(() => ops.gather(x!, i!)),
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
      call: ([x, i, u]) => withIndexChecks(() => ops.scatterAdd(x!, i!, u!)),
      error: ValueError,
      message: /scatterAdd: index 4 is out of range for axis 0 of size 4 \(shape \[4,3\]\)/,
    },
  ],
});

const takeAlongAxisSpec = defineOp<{ axis: number }>({
  name: 'takeAlongAxis',
  op: ([x, i], a) => ops.takeAlongAxis(x!, i!, a.axis),
  reference: ([x, i], a) => reference.takeAlongAxis(x!, i!, a.axis),
  samples: (gen) => [
    { label: '[3,4] one per row (repeats)', inputs: [gen.uniform([3, 4]), intInput([3, 1], [2, 0, 2])], args: { axis: -1 } },
    { label: '[3,4] two per row axis=1', inputs: [gen.uniform([3, 4]), intInput([3, 2], [3, 3, 0, 1, 2, 0])], args: { axis: 1 } },
    { label: '[3,4] axis=0', inputs: [gen.uniform([3, 4]), intInput([2, 4], [0, 1, 2, 2, 2, 2, 1, 0])], args: { axis: 0 } },
    { label: '[2,3,4] axis=1', inputs: [gen.uniform([2, 3, 4]), gen.indices([2, 5, 4], 3)], args: { axis: 1 } },
    { label: 'x [1,4] broadcast over indices [3,2]', inputs: [gen.uniform([1, 4]), intInput([3, 2], [0, 3, 1, 1, 2, 0])], args: { axis: 1 } },
    { label: 'indices [1,2] broadcast over x [3,4]', inputs: [gen.uniform([3, 4]), intInput([1, 2], [3, 0])], args: { axis: 1 } },
    { label: 'empty indices [3,0]', inputs: [gen.uniform([3, 4]), intInput([3, 0], [])], args: { axis: 1 } },
    { label: 'int32 values', inputs: [gen.ints([2, 3]), intInput([2, 2], [2, 0, 1, 1])], args: { axis: 1 } },
  ],
  differentiable: [0],
  errors: (gen) => [
    {
      label: 'index out of range',
      inputs: [gen.uniform([2, 3]), intInput([2, 1], [0, 3])],
      args: { axis: 1 },
      call: ([x, i]) => withIndexChecks(() => ops.takeAlongAxis(x!, i!, 1)),
      error: ValueError,
      message: /takeAlongAxis: index 3 is out of range for axis 1 of size 3 \(shape \[2,3\]\)/,
    },
    {
      label: 'indices of another rank',
      inputs: [gen.uniform([2, 3]), intInput([2], [0, 1])],
      args: { axis: 1 },
      error: ShapeError,
      message: /takeAlongAxis: indices must have the rank of x \(at least 1\), got x \[2,3\] and indices \[2\]/,
    },
    {
      label: 'dims that do not broadcast',
      inputs: [gen.uniform([2, 3]), intInput([3, 1], [0, 1, 2])],
      args: { axis: 1 },
      error: ShapeError,
      message: /takeAlongAxis: .*\[2,1\].*\[3,1\]/,
    },
    { label: 'float indices', inputs: [gen.uniform([2, 3]), f([2, 1])], args: { axis: 1 }, error: DTypeError, message: /takeAlongAxis: indices must be int32, got float32/ },
  ],
});

const scatterAddAlongAxisSpec = defineOp<{ axis: number }>({
  name: 'scatterAddAlongAxis',
  op: ([x, i, u], a) => ops.scatterAddAlongAxis(x!, i!, u!, a.axis),
  reference: ([x, i, u], a) => reference.scatterAddAlongAxis(x!, i!, u!, a.axis),
  samples: (gen) => [
    { label: '[3,4] repeats add up', inputs: [gen.uniform([3, 4]), intInput([3, 2], [1, 1, 0, 3, 2, 2]), gen.uniform([3, 2])], args: { axis: 1 } },
    { label: '[3,4] axis=0', inputs: [gen.uniform([3, 4]), intInput([1, 4], [2, 0, 0, 1]), gen.uniform([1, 4])], args: { axis: 0 } },
    { label: '[2,3,2] axis=-2', inputs: [gen.uniform([2, 3, 2]), gen.indices([2, 4, 2], 3), gen.uniform([2, 4, 2])], args: { axis: -2 } },
    { label: 'int32', inputs: [gen.ints([2, 3]), intInput([2, 2], [0, 0, 2, 1]), gen.ints([2, 2])], args: { axis: 1 } },
  ],
  differentiable: [0, 2],
  errors: (gen) => [
    {
      label: 'updates of another shape',
      inputs: [gen.uniform([2, 3]), intInput([2, 1], [0, 1]), gen.uniform([2, 2])],
      args: { axis: 1 },
      error: ShapeError,
      message: /scatterAddAlongAxis: indices and updates must match x \[2,3\] except along axis 1.*got indices \[2,1\], updates float32 \[2,2\]/,
    },
    {
      label: 'index out of range',
      inputs: [gen.uniform([2, 3]), intInput([2, 1], [-1, 0]), gen.uniform([2, 1])],
      args: { axis: 1 },
      call: ([x, i, u]) => withIndexChecks(() => ops.scatterAddAlongAxis(x!, i!, u!, 1)),
      error: ValueError,
      message: /scatterAddAlongAxis: index -1 is out of range for axis 1 of size 3 \(shape \[2,3\]\)/,
    },
    {
      label: 'bool x',
      inputs: [bools([2, 1], [1, 0]), intInput([2, 1], [0, 0]), bools([2, 1], [1, 1])],
      args: { axis: 1 },
      error: DTypeError,
      message: /scatterAddAlongAxis: x must be a float or int32 tensor \(values are added\), got bool/,
    },
  ],
});

const maskedFillSpec = defineOp<{ value: number }>({
  name: 'maskedFill',
  op: ([x, m], a) => ops.maskedFill(x!, m!, a.value),
  reference: ([x, m], a) => reference.maskedFill(x!, m!, a.value),
  samples: (gen) => [
    { label: '[2,3] same-shape mask', inputs: [gen.uniform([2, 3]), gen.bools([2, 3])], args: { value: 0.5 } },
    { label: '[2,3] mask [3] broadcast, -Infinity', inputs: [gen.uniform([2, 3]), bools([3], [1, 0, 1])], args: { value: -Infinity }, grad: false },
    { label: '[2,2,3] mask [2,1,3]', inputs: [gen.uniform([2, 2, 3]), gen.bools([2, 1, 3])], args: { value: 2 } },
    { label: 'int32', inputs: [gen.ints([2, 3]), gen.bools([2, 3])], args: { value: 7 } },
  ],
  differentiable: [0],
  errors: (gen) => [
    { label: 'float mask', inputs: [gen.uniform([2, 3]), f([2, 3])], args: { value: 0 }, error: DTypeError, message: /maskedFill: mask must be bool, got float32/ },
    {
      label: 'mask larger than x',
      inputs: [gen.uniform([3]), bools([2, 3], [1, 0, 1, 0, 1, 0])],
      args: { value: 0 },
      error: ShapeError,
      message: /maskedFill: mask \[2,3\] must broadcast to x \[3\]/,
    },
    {
      label: 'fractional value for int32',
      inputs: [gen.ints([2]), bools([2], [1, 0])],
      args: { value: 0.5 },
      error: DTypeError,
      message: /maskedFill: cannot fill int32 x with the non-integer value 0.5/,
    },
  ],
});

function triangleSpec(name: 'triu' | 'tril'): OpSpec {
  return defineOp<{ k?: number }>({
    name,
    op: ([x], a) => ops[name](x!, a.k),
    reference: ([x], a) => reference[name](x!, a.k),
    samples: (gen) => [
      { label: '[4,4]', inputs: [gen.uniform([4, 4])], args: {} },
      { label: '[3,5] k=1', inputs: [gen.uniform([3, 5])], args: { k: 1 } },
      { label: '[5,3] k=-2', inputs: [gen.uniform([5, 3])], args: { k: -2 } },
      { label: '[2,3,3] batched', inputs: [gen.uniform([2, 3, 3])], args: {} },
      { label: 'int32 [3,3] k=-1', inputs: [gen.ints([3, 3])], args: { k: -1 } },
    ],
    differentiable: [0],
    errors: (gen) => [
      { label: 'a vector', inputs: [gen.uniform([3])], args: {}, error: ShapeError, message: new RegExp(`${name}: expected a tensor with at least 2 dims, got \\[3\\]`) },
      { label: 'fractional k', inputs: [gen.uniform([3, 3])], args: { k: 0.5 }, error: ValueError, message: new RegExp(`${name}: diagonal k must be an integer, got 0.5`) },
    ],
  });
}

/** Specs of the indexing ops. */
export const indexingSpecs: readonly OpSpec[] = [
  gatherSpec,
  scatterAddSpec,
  takeAlongAxisSpec,
  scatterAddAlongAxisSpec,
  maskedFillSpec,
  triangleSpec('triu'),
  triangleSpec('tril'),
];
