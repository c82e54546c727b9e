/**
 * Specs of softmax and log-softmax: default and negative axes, large logits, scalar and empty inputs.
 */
import { DTypeError, ShapeError } from '@dlkit/core';
import * as ops from '@dlkit/core';
import { reference } from '../reference/index.js';
import { defineOp, type OpSpec, type SampleInput } from '../spec.js';

const floatInput = (shape: readonly number[], values: readonly number[]): SampleInput => ({ shape, values, dtype: 'float' });
const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);

function softmaxSpec(name: 'softmax' | 'logSoftmax'): OpSpec {
  const call = name === 'softmax' ? ops.softmax : ops.logSoftmax;
  const ref = name === 'softmax' ? reference.softmax : reference.logSoftmax;
  return defineOp<{ axis?: number }>({
    name,
    op: ([x], a) => call(x!, a.axis),
    reference: ([x], a) => ref(x!, a.axis),
    samples: (gen) => [
      { label: '[2,5] default axis', inputs: [gen.uniform([2, 5], -3, 3)], args: {} },
      { label: '[2,3,4] axis=1', inputs: [gen.uniform([2, 3, 4], -3, 3)], args: { axis: 1 } },
      { label: '[3,4] axis=0', inputs: [gen.uniform([3, 4], -3, 3)], args: { axis: 0 } },
      { label: '[2,2,3] axis=-3', inputs: [gen.uniform([2, 2, 3], -3, 3)], args: { axis: -3 } },
      { label: 'large logits [2,3]', inputs: [gen.values([2, 3], [1000, 999, -1000, -1000, -1001, -1002])], args: {} },
      { label: 'scalar []', inputs: [gen.uniform([])], args: {} },
      { label: 'empty [0,4]', inputs: [gen.uniform([0, 4])], args: {} },
      // PyTorch: a NaN makes its whole row NaN; +Infinity too (∞ - ∞); other rows are unaffected.
      { label: 'NaN or +Infinity poisons its row [3,3]', inputs: [gen.values([3, 3], [0.5, NaN, -1, Infinity, 0, 1, 2, -1, 0.5])], args: {}, grad: false },
    ],
    differentiable: [0],
    errors: () => [
      { label: 'axis out of range', inputs: [floatInput([2, 3], range(6))], args: { axis: 2 }, error: ShapeError, message: new RegExp(`${name}: axis 2 is out of range for a tensor of rank 2`) },
      { label: 'non-integer axis', inputs: [floatInput([2, 3], range(6))], args: { axis: 0.5 }, error: ShapeError, message: new RegExp(`${name}: axis must be an integer, got number 0.5`) },
      {
        label: 'int32 input',
        inputs: [{ shape: [3], values: [1, 2, 3], dtype: 'int32' }],
        args: {},
        error: DTypeError,
        message: new RegExp(`${name}: expected a float tensor, got int32`),
      },
    ],
  });
}

/** Specs of softmax and logSoftmax. */
export const softmaxSpecs: readonly OpSpec[] = [softmaxSpec('softmax'), softmaxSpec('logSoftmax')];
