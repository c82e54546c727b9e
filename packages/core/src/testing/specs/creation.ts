/**
 * Specs of the creation ops: tensor, full, zeros, ones, zerosLike, onesLike, arange, linspace,
 * eye and oneHot. Most take no tensor input; their error rows hold the bad sizes, dtypes and
 * values (int32 overflow, the per-tensor size limit, non-numeric data).
 */
import type { CreationOptions, DType, Tensor, TensorData } from '@dlkit/core';
import { DTypeError, ShapeError, ValueError } from '@dlkit/core';
import * as ops from '@dlkit/core';
import { nd } from '../reference/array.js';
import { reference } from '../reference/index.js';
import { defineOp, type ErrorCase, type OpSpec, type SampleInput } from '../spec.js';

const INT32_RANGE = '\\[-2147483648, 2147483647\\]';
const dtypeOption = (dtype: DType | undefined): CreationOptions => (dtype === undefined ? {} : { dtype });
/** The size-limit error of `where` for a `[1e5, 1e5]` request. */
const tooLarge = (where: string, call: () => unknown): ErrorCase<never> => ({
  label: 'more elements than the per-tensor limit',
  inputs: [],
  args: undefined as never,
  call,
  error: ValueError,
  message: new RegExp(`${where}: shape \\[100000,100000\\] has 10000000000 elements, more than the limit of 2147483647`),
});

/** The tensor spec: nested arrays and typed arrays, dtype inference, int32 truncation and overflow. */
const tensorSpec: OpSpec = defineOp<{ data: TensorData; dtype?: DType; shape?: number[] }>({
  name: 'tensor',
  op: (_, a) => ops.tensor(a.data, { ...dtypeOption(a.dtype), ...(a.shape ? { shape: a.shape } : {}) }),
  reference: (_, a) => {
    const flat = ArrayBuffer.isView(a.data) ? Array.from(a.data) : [a.data].flat(8).map(Number);
    const dtype = a.dtype ?? (ArrayBuffer.isView(a.data) ? 'float64' : typeof [a.data].flat(8)[0] === 'boolean' ? 'bool' : 'float32');
    const shape = a.shape ?? (ArrayBuffer.isView(a.data) ? [a.data.length] : nestedShape(a.data));
    return nd(shape, flat, dtype);
  },
  samples: () => [
    { label: 'nested [2,3] float32', inputs: [], args: { data: [[1, 2, 3], [4, 5.5, -6]] } },
    { label: 'booleans', inputs: [], args: { data: [true, false, true] } },
    { label: 'scalar', inputs: [], args: { data: 2.5 } },
    { label: 'int32 truncates fractions toward zero', inputs: [], args: { data: [2.7, -2.7, 0.5, 2147483647, -2147483648], dtype: 'int32' } },
    { label: 'Float64Array with a shape', inputs: [], args: { data: new Float64Array([1, 2, 3, 4]), shape: [2, 2] }, requires: ['float64'] },
    { label: 'Float64Array into int32', inputs: [], args: { data: new Float64Array([1.9, -3]), dtype: 'int32' } },
    { label: 'empty [0]', inputs: [], args: { data: [] } },
  ],
  differentiable: [],
  errors: () => [
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
      args: { data: new Float64Array([5e9]), dtype: 'int32' },
      error: ValueError,
      message: new RegExp(`tensor: value 5000000000 at index 0 is outside the int32 range ${INT32_RANGE}`),
    },
    { label: 'a string element', inputs: [], args: { data: [1, '2' as unknown as number] }, error: DTypeError, message: /tensor: expected numbers or booleans, got string "2" at index 1/ },
    { label: 'ragged nesting', inputs: [], args: { data: [[1, 2], [3]] }, error: ShapeError, message: /tensor: ragged nested array: expected length 2 at depth 1 for shape \[2,2\]/ },
    { label: 'a shape of the wrong size', inputs: [], args: { data: [1, 2, 3], shape: [2, 2] }, error: ShapeError, message: /tensor: 3 values cannot have shape \[2,2\]/ },
    { label: 'an unknown dtype', inputs: [], args: { data: [1], dtype: 'int64' as DType }, error: DTypeError, message: /tensor: unknown dtype "int64"/ },
  ],
});

function nestedShape(data: TensorData): number[] {
  const shape: number[] = [];
  for (let level: unknown = data; Array.isArray(level); level = level[0]) shape.push(level.length);
  return shape;
}

/** Arguments of the full spec. */
interface FullArgs {
  readonly shape: number[];
  readonly value: number | boolean;
  readonly dtype?: DType;
}

const fullSpec: OpSpec = defineOp<FullArgs>({
  name: 'full',
  op: (_, a) => ops.full(a.shape, a.value, dtypeOption(a.dtype)),
  reference: (_, a) => reference.full(a.shape, a.value, a.dtype ?? (typeof a.value === 'boolean' ? 'bool' : 'float32')),
  samples: () => [
    { label: '[2,3] 7', inputs: [], args: { shape: [2, 3], value: 7 } },
    { label: 'scalar [] -1.5', inputs: [], args: { shape: [], value: -1.5 } },
    { label: 'empty [0,3]', inputs: [], args: { shape: [0, 3], value: 2 } },
    { label: 'bool true', inputs: [], args: { shape: [2, 2], value: true } },
    { label: 'bool dtype: nonzero is true', inputs: [], args: { shape: [3], value: 5, dtype: 'bool' } },
    { label: 'int32 truncates 2.7', inputs: [], args: { shape: [3], value: 2.7, dtype: 'int32' } },
    { label: 'int32 at the range ends', inputs: [], args: { shape: [2], value: -2147483648, dtype: 'int32' } },
    { label: 'float32 NaN', inputs: [], args: { shape: [2], value: NaN } },
    { label: 'float64 0.1', inputs: [], args: { shape: [2], value: 0.1, dtype: 'float64' }, requires: ['float64'] },
  ],
  differentiable: [],
  errors: () => [
    { label: '3e9 into int32', inputs: [], args: { shape: [2], value: 3e9, dtype: 'int32' }, error: ValueError, message: new RegExp(`full: value 3000000000 is outside the int32 range ${INT32_RANGE}`) },
    { label: 'NaN into int32', inputs: [], args: { shape: [2], value: NaN, dtype: 'int32' }, error: ValueError, message: new RegExp(`full: value NaN is outside the int32 range ${INT32_RANGE}`) },
    { label: 'a negative dim', inputs: [], args: { shape: [2, -1], value: 0 }, error: ValueError, message: /full: invalid shape \[2,-1\]; dimensions must be non-negative integers/ },
    { label: 'a fractional dim', inputs: [], args: { shape: [2.5], value: 0 }, error: ValueError, message: /full: invalid shape \[2.5\]; dimensions must be non-negative integers/ },
    { label: 'a NaN dim', inputs: [], args: { shape: [NaN], value: 0 }, error: ValueError, message: /full: invalid shape \[NaN\]; dimensions must be non-negative integers/ },
    { label: 'a number as the shape', inputs: [], args: { shape: 3 as unknown as number[], value: 0 }, error: ValueError, message: /full: shape must be an array of non-negative integers, got number 3/ },
    { label: 'a string value', inputs: [], args: { shape: [2], value: '1' as unknown as number }, error: DTypeError, message: /full: value must be a number or a boolean, got string "1"/ },
    { label: 'an unknown dtype', inputs: [], args: { shape: [2], value: 1, dtype: 'uint8' as DType }, error: DTypeError, message: /full: unknown dtype "uint8"/ },
    tooLarge('full', () => ops.full([1e5, 1e5], 1)),
  ],
});

/** zeros / ones: float32 by default, any dtype, shape errors naming the function. */
function constantSpec(name: 'zeros' | 'ones'): OpSpec {
  const call = name === 'zeros' ? ops.zeros : ops.ones;
  const value = name === 'zeros' ? 0 : 1;
  return defineOp<{ shape: number[]; dtype?: DType }>({
    name,
    op: (_, a) => call(a.shape, dtypeOption(a.dtype)),
    reference: (_, a) => reference.full(a.shape, value, a.dtype ?? 'float32'),
    samples: () => [
      { label: '[2,3]', inputs: [], args: { shape: [2, 3] } },
      { label: 'scalar []', inputs: [], args: { shape: [] } },
      { label: 'empty [3,0]', inputs: [], args: { shape: [3, 0] } },
      { label: 'int32 [4]', inputs: [], args: { shape: [4], dtype: 'int32' } },
      { label: 'bool [2,2]', inputs: [], args: { shape: [2, 2], dtype: 'bool' } },
      { label: 'float64 [3]', inputs: [], args: { shape: [3], dtype: 'float64' }, requires: ['float64'] },
    ],
    differentiable: [],
    errors: () => [
      { label: 'a negative dim', inputs: [], args: { shape: [-1] }, error: ValueError, message: new RegExp(`${name}: invalid shape \\[-1\\]; dimensions must be non-negative integers`) },
      tooLarge(name, () => call([1e5, 1e5])),
    ],
  });
}

/** zerosLike / onesLike: the input's shape, dtype and backend, or `options.dtype`. */
function likeSpec(name: 'zerosLike' | 'onesLike'): OpSpec {
  const call = name === 'zerosLike' ? ops.zerosLike : ops.onesLike;
  const value = name === 'zerosLike' ? 0 : 1;
  return defineOp<{ dtype?: DType }>({
    name,
    op: ([x], a) => call(x!, dtypeOption(a.dtype)),
    reference: ([x], a) => reference.full(x!.shape, value, a.dtype ?? x!.dtype),
    samples: (gen) => [
      { label: 'float [2,3]', inputs: [gen.uniform([2, 3])], args: {} },
      { label: 'int32 [3]', inputs: [gen.ints([3])], args: {} },
      { label: 'bool [2]', inputs: [gen.bools([2])], args: {} },
      { label: 'empty [0,2]', inputs: [gen.uniform([0, 2])], args: {} },
      { label: 'float [2] as int32', inputs: [gen.uniform([2])], args: { dtype: 'int32' } },
    ],
    differentiable: [],
    errors: () => [
      {
        label: 'a shape array instead of a tensor',
        inputs: [],
        args: {},
        call: () => call([2, 3] as unknown as Tensor),
        error: DTypeError,
        message: new RegExp(`${name}: input must be a Tensor, got array \\[2,3\\]`),
      },
    ],
  });
}

/** Arguments of the arange spec. */
interface ArangeArgs {
  readonly start: number;
  readonly stop?: number;
  readonly step?: number;
  readonly dtype?: DType;
}

const arangeSpec: OpSpec = defineOp<ArangeArgs>({
  name: 'arange',
  op: (_, a) => ops.arange(a.start, a.stop, a.step, dtypeOption(a.dtype)),
  reference: (_, a) => reference.arange(a.start, a.stop, a.step, dtypeOption(a.dtype)),
  samples: () => [
    { label: 'arange(5)', inputs: [], args: { start: 5 } },
    { label: 'arange(0, 1, 0.25)', inputs: [], args: { start: 0, stop: 1, step: 0.25 } },
    { label: 'arange(3, -1, -1.5)', inputs: [], args: { start: 3, stop: -1, step: -1.5 } },
    { label: 'arange(2, 1) is empty', inputs: [], args: { start: 2, stop: 1 } },
    { label: 'int32 arange(-3, 3, 2)', inputs: [], args: { start: -3, stop: 3, step: 2, dtype: 'int32' } },
    { label: 'int32 up to 2e9', inputs: [], args: { start: 0, stop: 3e9, step: 1e9, dtype: 'int32' } },
  ],
  differentiable: [],
  errors: () => [
    { label: 'step 0', inputs: [], args: { start: 0, stop: 3, step: 0 }, error: ValueError, message: /arange: step must be a finite non-zero number, got number 0/ },
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

const linspaceSpec: OpSpec = defineOp<{ start: number; stop: number; num: number }>({
  name: 'linspace',
  op: (_, a) => ops.linspace(a.start, a.stop, a.num),
  reference: (_, a) => reference.linspace(a.start, a.stop, a.num),
  samples: () => [
    { label: '(0, 1, 5)', inputs: [], args: { start: 0, stop: 1, num: 5 } },
    { label: '(2, -2, 3)', inputs: [], args: { start: 2, stop: -2, num: 3 } },
    { label: 'num 1 is the start', inputs: [], args: { start: 4, stop: 9, num: 1 } },
    { label: 'num 0 is empty', inputs: [], args: { start: 0, stop: 1, num: 0 } },
  ],
  differentiable: [],
  errors: () => [
    { label: 'negative num', inputs: [], args: { start: 0, stop: 1, num: -1 }, error: ValueError, message: /linspace: num must be a non-negative integer, got number -1/ },
    { label: 'num beyond the limit', inputs: [], args: { start: 0, stop: 1, num: 1e10 }, error: ValueError, message: /linspace: num = 10000000000 has 10000000000 elements, more than the limit of 2147483647/ },
  ],
});

const eyeSpec: OpSpec = defineOp<{ n: number; m?: number; dtype?: DType }>({
  name: 'eye',
  op: (_, a) => ops.eye(a.n, a.m, dtypeOption(a.dtype)),
  reference: (_, a) => reference.eye(a.n, a.m, dtypeOption(a.dtype)),
  samples: () => [
    { label: 'eye(3)', inputs: [], args: { n: 3 } },
    { label: 'eye(2, 4)', inputs: [], args: { n: 2, m: 4 } },
    { label: 'int32 eye(3, 2)', inputs: [], args: { n: 3, m: 2, dtype: 'int32' } },
    { label: 'eye(0)', inputs: [], args: { n: 0 } },
  ],
  differentiable: [],
  errors: () => [
    { label: 'a negative size', inputs: [], args: { n: -2 }, error: ValueError, message: /eye: invalid shape \[-2,-2\]; dimensions must be non-negative integers/ },
    tooLarge('eye', () => ops.eye(1e5)),
  ],
});

const labels = (shape: readonly number[], values: readonly number[]): SampleInput => ({ shape, values, dtype: 'int32' });

/** The oneHot spec. */
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
    { label: 'label out of range', inputs: [labels([2], [0, 3])], args: { depth: 3 }, error: ValueError, message: /oneHot: label 3 at position 1 is outside \[0, 3\)/ },
    { label: 'negative label', inputs: [labels([2], [-1, 0])], args: { depth: 3 }, error: ValueError, message: /oneHot: label -1 at position 0 is outside \[0, 3\)/ },
    { label: 'depth 0', inputs: [labels([2], [0, 0])], args: { depth: 0 }, error: ValueError, message: /oneHot: depth must be a positive integer, got 0/ },
  ],
});

/** Specs of the creation ops. */
export const creationSpecs: readonly OpSpec[] = [
  tensorSpec,
  fullSpec,
  constantSpec('zeros'),
  constantSpec('ones'),
  likeSpec('zerosLike'),
  likeSpec('onesLike'),
  arangeSpec,
  linspaceSpec,
  eyeSpec,
  oneHotSpec,
];
