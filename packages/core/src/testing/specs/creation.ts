/**
 * Specs of the creation ops: tensor/scalar from host values, constant fills (full, zeros, ones and
 * their `Like` forms), arange, linspace, eye, and oneHot. All but the `Like` forms and oneHot take
 * no tensor input: their samples are argument lists, created on the backend under test.
 */
import type { DType, Tensor } from '@dlkit/core';
import { DTypeError, ShapeError, ValueError } from '@dlkit/core';
import * as ops from '@dlkit/core';
import { reference, type RefNested } from '../reference/index.js';
import { defineOp, type ErrorCase, type OpSpec, type SampleInput } from '../spec.js';
import { withIndexChecks } from './indexing.js';

/** Creation options of a sample: only a set dtype is passed on. */
const opts = (dtype: DType | undefined): { dtype?: DType } => (dtype === undefined ? {} : { dtype });

const INT32_RANGE = '\\[-2147483648, 2147483647\\]';

/** The size-limit error of `where` for a `[1e5, 1e5]` request. */
function tooLarge<A>(where: string, args: A, call?: () => unknown): ErrorCase<A> {
  return {
    label: 'more elements than the per-tensor limit',
    inputs: [],
    args,
    ...(call ? { call } : {}),
    error: ValueError,
    message: new RegExp(`${where}: shape \\[100000,100000\\] has 10000000000 elements, more than the limit of 2147483647`),
  };
}

const tensorSpec = defineOp<{ data: RefNested; dtype?: DType; shape?: number[] }>({
  name: 'tensor',
  op: (_, a) => ops.tensor(a.data as ops.TensorData, { ...opts(a.dtype), ...(a.shape ? { shape: a.shape } : {}) }),
  reference: (_, a) => reference.tensor(a.data, { ...opts(a.dtype), ...(a.shape ? { shape: a.shape } : {}) }),
  samples: () => [
    { label: 'nested [2,3]', inputs: [], args: { data: [[1, 2.5, 3], [4, 5, -6]] } },
    { label: 'booleans give bool', inputs: [], args: { data: [true, false, true] } },
    { label: 'int32 truncates', inputs: [], args: { data: [1.7, -2.2, 3], dtype: 'int32' } },
    { label: 'int32 at the ends of its range', inputs: [], args: { data: [2147483647, -2147483648, 2147483647.9], dtype: 'int32' } },
    { label: 'float64', inputs: [], args: { data: [0.1, 0.2], dtype: 'float64' }, requires: ['float64'] },
    { label: 'flat values with a shape', inputs: [], args: { data: [1, 2, 3, 4, 5, 6], shape: [3, 2] } },
    { label: 'a number is a scalar', inputs: [], args: { data: 4 } },
    { label: 'empty [0]', inputs: [], args: { data: [] } },
  ],
  differentiable: [],
  errors: () => [
    { label: 'values that do not fill the shape', inputs: [], args: { data: [1, 2, 3, 4, 5], shape: [2, 3] }, error: ShapeError, message: /tensor: 5 values cannot have shape \[2,3\]/ },
    { label: 'ragged rows', inputs: [], args: { data: [[1, 2], [3]] }, error: ShapeError, message: /tensor: ragged nested array: expected length 2 at depth 1 for shape \[2,2\]/ },
    { label: 'unknown dtype', inputs: [], args: { data: [1], dtype: 'float16' as DType }, error: DTypeError, message: /tensor: unknown dtype "float16"/ },
    ...[3e9, -3e9, NaN, Infinity].map((v) => ({
      label: `${v} into int32`,
      inputs: [],
      args: { data: [1, v], dtype: 'int32' as const },
      error: ValueError,
      message: new RegExp(`tensor: value ${v} at index 1 is outside the int32 range ${INT32_RANGE}`),
    })),
    {
      label: 'a Float64Array value beyond int32',
      inputs: [],
      args: { data: [] },
      call: () => ops.tensor(new Float64Array([5e9]), { dtype: 'int32' }),
      error: ValueError,
      message: new RegExp(`tensor: value 5000000000 at index 0 is outside the int32 range ${INT32_RANGE}`),
    },
    { label: 'a string element', inputs: [], args: { data: [1, '2' as unknown as number] }, error: DTypeError, message: /tensor: expected numbers or booleans, got string "2" at index 1/ },
  ],
});

const scalarSpec = defineOp<{ value: number | boolean; dtype?: DType }>({
  name: 'scalar',
  op: (_, a) => ops.scalar(a.value, opts(a.dtype)),
  reference: (_, a) => reference.scalar(a.value, opts(a.dtype)),
  samples: () => [
    { label: 'float', inputs: [], args: { value: 3.5 } },
    { label: 'bool', inputs: [], args: { value: true } },
    { label: 'int32', inputs: [], args: { value: -7, dtype: 'int32' } },
  ],
  differentiable: [],
});

function fillSpec(name: 'full' | 'zeros' | 'ones'): OpSpec {
  type Args = { shape: number[]; value?: number | boolean; dtype?: DType };
  const call = (a: Args) => (name === 'full' ? ops.full(a.shape, a.value!, opts(a.dtype)) : ops[name](a.shape, opts(a.dtype)));
  const ref = (a: Args) => (name === 'full' ? reference.full(a.shape, a.value!, opts(a.dtype)) : reference[name](a.shape, opts(a.dtype)));
  const value = name === 'full' ? { value: 7.25 } : {};
  return defineOp<Args>({
    name,
    op: (_, a) => call(a),
    reference: (_, a) => ref(a),
    samples: () => [
      { label: '[2,3]', inputs: [], args: { shape: [2, 3], ...value } },
      { label: 'int32 [4]', inputs: [], args: { shape: [4], dtype: 'int32', ...value } },
      { label: 'float64 [2]', inputs: [], args: { shape: [2], dtype: 'float64', ...value }, requires: ['float64'] },
      { label: 'scalar []', inputs: [], args: { shape: [], ...value } },
      { label: 'empty [0,2]', inputs: [], args: { shape: [0, 2], ...value } },
      ...(name === 'full'
        ? [
            { label: 'true gives bool [3]', inputs: [], args: { shape: [3], value: true } },
            { label: 'bool dtype: nonzero is true', inputs: [], args: { shape: [3], value: 5, dtype: 'bool' as const } },
            { label: 'int32 truncates 2.7', inputs: [], args: { shape: [2], value: 2.7, dtype: 'int32' as const } },
            { label: 'NaN fills float32', inputs: [], args: { shape: [2], value: NaN } },
          ]
        : []),
    ],
    differentiable: [],
    errors: () => [
      { label: 'negative dim', inputs: [], args: { shape: [2, -1], ...value }, error: ValueError, message: new RegExp(`${name}: invalid shape \\[2,-1\\]`) },
      { label: 'fractional dim', inputs: [], args: { shape: [2.5], ...value }, error: ValueError, message: new RegExp(`${name}: invalid shape \\[2.5\\]; dimensions must be non-negative integers`) },
      { label: 'NaN dim', inputs: [], args: { shape: [NaN], ...value }, error: ValueError, message: new RegExp(`${name}: invalid shape \\[NaN\\]`) },
      { label: 'a number as the shape', inputs: [], args: { shape: 3 as unknown as number[], ...value }, error: ValueError, message: new RegExp(`${name}: shape must be an array of non-negative integers, got number 3`) },
      { label: 'unknown dtype', inputs: [], args: { shape: [2], dtype: 'uint8' as DType, ...value }, error: DTypeError, message: new RegExp(`${name}: unknown dtype "uint8"`) },
      tooLarge(name, { shape: [1e5, 1e5], ...value }),
      ...(name === 'full'
        ? [
            { label: '3e9 into int32', inputs: [], args: { shape: [2], value: 3e9, dtype: 'int32' as const }, error: ValueError, message: new RegExp(`full: value 3000000000 is outside the int32 range ${INT32_RANGE}`) },
            { label: 'NaN into int32', inputs: [], args: { shape: [2], value: NaN, dtype: 'int32' as const }, error: ValueError, message: new RegExp(`full: value NaN is outside the int32 range ${INT32_RANGE}`) },
            { label: 'a string value', inputs: [], args: { shape: [2], value: '1' as unknown as number }, error: DTypeError, message: /full: value must be a number or a boolean, got string "1"/ },
          ]
        : []),
    ],
  });
}

function fillLikeSpec(name: 'zerosLike' | 'onesLike'): OpSpec {
  return defineOp<{ dtype?: DType }>({
    name,
    op: ([x], a) => ops[name](x!, opts(a.dtype)),
    reference: ([x], a) => reference[name](x!, opts(a.dtype)),
    samples: (gen) => [
      { label: 'float [2,3]', inputs: [gen.uniform([2, 3])], args: {} },
      { label: 'int32 [3]', inputs: [gen.ints([3])], args: {} },
      { label: 'bool [2]', inputs: [gen.bools([2])], args: {} },
      { label: 'float → int32 via dtype', inputs: [gen.uniform([2])], args: { dtype: 'int32' } },
      { label: 'empty [0,3]', inputs: [gen.uniform([0, 3])], args: {} },
    ],
    differentiable: [],
    errors: () => [
      {
        label: 'a shape array instead of a tensor',
        inputs: [],
        args: {},
        call: () => ops[name]([2, 3] as unknown as Tensor),
        error: DTypeError,
        message: new RegExp(`${name}: input must be a Tensor, got array \\[2,3\\]`),
      },
    ],
  });
}

const arangeSpec = defineOp<{ start: number; stop?: number; step?: number; dtype?: DType }>({
  name: 'arange',
  op: (_, a) => ops.arange(a.start, a.stop, a.step, opts(a.dtype)),
  reference: (_, a) => reference.arange(a.start, a.stop, a.step, opts(a.dtype)),
  samples: () => [
    { label: 'arange(5)', inputs: [], args: { start: 5 } },
    { label: 'fractional step', inputs: [], args: { start: 0, stop: 1, step: 0.25 } },
    { label: 'negative step', inputs: [], args: { start: 3, stop: -2, step: -1.5 } },
    { label: 'int32', inputs: [], args: { start: 1, stop: 10, step: 3, dtype: 'int32' } },
    { label: 'empty range', inputs: [], args: { start: 2, stop: 2 } },
    { label: 'int32 up to 2e9', inputs: [], args: { start: 0, stop: 3e9, step: 1e9, dtype: 'int32' } },
  ],
  differentiable: [],
  errors: () => [
    { label: 'step 0', inputs: [], args: { start: 0, stop: 3, step: 0 }, error: ValueError, message: /arange: step must be a finite non-zero number, got 0/ },
    { label: 'a NaN stop', inputs: [], args: { start: 0, stop: NaN }, error: ValueError, message: /arange: start and stop must be finite numbers, got start=number 0, stop=number NaN/ },
    {
      label: 'int32 values beyond the range',
      inputs: [],
      args: { start: 2e9, stop: 3e9, step: 5e8, dtype: 'int32' },
      error: ValueError,
      message: new RegExp(`arange: value 2500000000 is outside the int32 range ${INT32_RANGE}`),
    },
    {
      label: 'more elements than the per-tensor limit',
      inputs: [],
      args: { start: 0, stop: 1e10 },
      error: ValueError,
      message: /arange: \[0, 10000000000\) with step 1 has 10000000000 elements, more than the limit of 2147483647/,
    },
  ],
});

const linspaceSpec = defineOp<{ start: number; stop: number; num: number; dtype?: DType }>({
  name: 'linspace',
  op: (_, a) => ops.linspace(a.start, a.stop, a.num, opts(a.dtype)),
  reference: (_, a) => reference.linspace(a.start, a.stop, a.num, opts(a.dtype)),
  samples: () => [
    { label: '0 to 1 in 5', inputs: [], args: { start: 0, stop: 1, num: 5 } },
    { label: 'descending', inputs: [], args: { start: 2, stop: -1, num: 7 } },
    { label: 'num 1 is the start', inputs: [], args: { start: 3, stop: 9, num: 1 } },
    { label: 'num 0 is empty', inputs: [], args: { start: 0, stop: 1, num: 0 } },
  ],
  differentiable: [],
  errors: () => [
    { label: 'fractional num', inputs: [], args: { start: 0, stop: 1, num: 2.5 }, error: ValueError, message: /linspace: num must be a non-negative integer, got 2.5/ },
    { label: 'num beyond the limit', inputs: [], args: { start: 0, stop: 1, num: 1e10 }, error: ValueError, message: /linspace: num = 10000000000 has 10000000000 elements, more than the limit of 2147483647/ },
  ],
});

const eyeSpec = defineOp<{ n: number; m?: number; dtype?: DType }>({
  name: 'eye',
  op: (_, a) => ops.eye(a.n, a.m, opts(a.dtype)),
  reference: (_, a) => reference.eye(a.n, a.m, opts(a.dtype)),
  samples: () => [
    { label: 'eye(3)', inputs: [], args: { n: 3 } },
    { label: 'wide [2,4]', inputs: [], args: { n: 2, m: 4 } },
    { label: 'tall int32 [3,2]', inputs: [], args: { n: 3, m: 2, dtype: 'int32' } },
    { label: 'empty [0,0]', inputs: [], args: { n: 0 } },
  ],
  differentiable: [],
  errors: () => [
    { label: 'negative size', inputs: [], args: { n: -1 }, error: ValueError, message: /eye: invalid shape \[-1,-1\]/ },
    tooLarge('eye', { n: 1e5 }),
  ],
});

const labels = (shape: readonly number[], values: readonly number[]): SampleInput => ({ shape, values, dtype: 'int32' });

const oneHotSpec: OpSpec = defineOp<{ depth: number; dtype?: DType }>({
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
    { label: 'label out of range', inputs: [labels([2], [0, 3])], args: { depth: 3 }, call: ([i]) => withIndexChecks(() => ops.oneHot(i!, 3)), error: ValueError, message: /oneHot: label 3 at position 1 is outside \[0, 3\)/ },
    { label: 'negative label', inputs: [labels([2], [-1, 0])], args: { depth: 3 }, call: ([i]) => withIndexChecks(() => ops.oneHot(i!, 3)), error: ValueError, message: /oneHot: label -1 at position 0 is outside \[0, 3\)/ },
    { label: 'depth 0', inputs: [labels([2], [0, 0])], args: { depth: 0 }, error: ValueError, message: /oneHot: depth must be a positive integer, got 0/ },
  ],
});

/** Specs of the creation ops. */
export const creationSpecs: readonly OpSpec[] = [
  tensorSpec,
  scalarSpec,
  fillSpec('full'),
  fillSpec('zeros'),
  fillSpec('ones'),
  fillLikeSpec('zerosLike'),
  fillLikeSpec('onesLike'),
  arangeSpec,
  linspaceSpec,
  eyeSpec,
  oneHotSpec,
];
