/**
 * Specs of the reductions (with axes and keepDims variants), arg-reductions, statistics and norms.
 */
import { DTypeError, ShapeError, ValueError } from '@dlkit/core';
import * as ops from '@dlkit/core';
import type { Tensor } from '@dlkit/core';
import type { NdArray } from '../reference/array.js';
import { reference } from '../reference/index.js';
import type { SampleGen } from '../sample-gen.js';
import { defineOp, type ErrorCase, type OpSample, type OpSpec, type SampleInput } from '../spec.js';

/** Axes and keepDims of a reduction sample. */
interface ReduceArgs {
  readonly axes?: number | number[];
  readonly keepDims?: boolean;
}

const AXES_VARIANTS: readonly ReduceArgs[] = [
  {},
  { axes: 1 },
  { axes: [0, 2] },
  { axes: -1, keepDims: true },
  { axes: [0, 1, 2], keepDims: true },
  { axes: [] },
];

const describeArgs = (args: object): string => {
  const parts = Object.entries(args).map(([k, v]) => `${k}=${JSON.stringify(v)}`);
  return parts.length > 0 ? ` ${parts.join(' ')}` : ' all axes';
};

const floatInput = (shape: readonly number[], values: readonly number[]): SampleInput => ({ shape, values, dtype: 'float' });
const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);

/** The axis errors every reduction over `axes` shares. */
function axisErrors<A>(name: string, args: (axes: number | number[]) => A): ErrorCase<A>[] {
  const x = floatInput([2, 3], range(6));
  return [
    { label: 'axis out of range', inputs: [x], args: args(2), error: ShapeError, message: new RegExp(`${name}: axis 2 is out of range for a tensor of rank 2`) },
    { label: 'repeated axis', inputs: [x], args: args([0, 0]), error: ShapeError, message: new RegExp(`${name}: repeated axis in \\[0,0\\]`) },
    { label: 'non-integer axis', inputs: [x], args: args(2.5), error: ShapeError, message: new RegExp(`${name}: axis must be an integer, got number 2.5`) },
    {
      label: 'axes given as a string',
      inputs: [x],
      args: args('1' as unknown as number),
      error: ShapeError,
      message: new RegExp(`${name}: axes must be an integer or a list of integers, got string "1"`),
    },
  ];
}

interface ReduceOptions {
  readonly domain: (gen: SampleGen, shape: readonly number[]) => SampleInput;
  readonly ints?: boolean;
  readonly bools?: boolean;
  /** Whether reducing a size-0 axis is allowed (sum, prod, mean) or a ShapeError (max, min). */
  readonly empty: 'value' | 'error';
  readonly extra?: (gen: SampleGen) => OpSample<ReduceArgs>[];
}

function reduceSpec(
  name: string,
  call: (x: Tensor, axes: number | number[] | undefined, keepDims: boolean) => Tensor,
  ref: (x: NdArray, axes: number | number[] | undefined, keepDims: boolean) => NdArray,
  options: ReduceOptions,
): OpSpec {
  return defineOp<ReduceArgs>({
    name,
    op: ([x], a) => call(x!, a.axes, a.keepDims ?? false),
    reference: ([x], a) => ref(x!, a.axes, a.keepDims ?? false),
    samples: (gen) => [
      ...AXES_VARIANTS.map((args) => ({ label: `[2,3,4]${describeArgs(args)}`, inputs: [options.domain(gen, [2, 3, 4])], args })),
      { label: 'scalar []', inputs: [options.domain(gen, [])], args: {} },
      ...(options.ints ? [{ label: 'int32 [3,4] axes=0', inputs: [gen.ints([3, 4], -3, 4)], args: { axes: 0 } }] : []),
      ...(options.bools ? [{ label: 'bool [3,4] axes=1', inputs: [gen.bools([3, 4])], args: { axes: 1 } }] : []),
      ...(options.empty === 'value'
        ? [
            { label: 'empty [0,3] axes=0', inputs: [options.domain(gen, [0, 3])], args: { axes: 0 } },
            { label: 'empty [0,3] all axes', inputs: [options.domain(gen, [0, 3])], args: {} },
            { label: 'empty [2,0] axes=0', inputs: [options.domain(gen, [2, 0])], args: { axes: 0 } },
          ]
        : [{ label: 'empty [2,0] axes=0 (non-empty axis)', inputs: [options.domain(gen, [2, 0])], args: { axes: 0 } }]),
      ...(options.extra?.(gen) ?? []),
      ...nanSamples<ReduceArgs>(gen, [{ axes: 1 }, {}]),
    ],
    differentiable: [0],
    errors: () => [
      ...axisErrors<ReduceArgs>(name, (axes) => ({ axes })),
      {
        label: 'a string instead of a tensor',
        inputs: [],
        args: {},
        call: () => call('x' as unknown as Tensor, undefined, false),
        error: DTypeError,
        message: new RegExp(`${name}: input must be a Tensor, got string "x"`),
      },
      ...(options.empty === 'error'
        ? [
            {
              label: 'empty axis',
              inputs: [floatInput([0, 3], [])],
              args: { axes: 0 },
              error: ShapeError,
              message: new RegExp(`${name}: cannot reduce an empty axis of shape \\[0,3\\]`),
            },
          ]
        : []),
    ],
  });
}

/**
 * A NaN in a reduced slice makes its result NaN (PyTorch), and slices without one are unaffected:
 * `[2,3]` with a NaN in row 0, reduced with each of `variants`.
 */
function nanSamples<A>(gen: SampleGen, variants: readonly A[]): OpSample<A>[] {
  return variants.map((args) => ({
    label: `NaN propagates [2,3]${describeArgs(args as object)}`,
    inputs: [gen.values([2, 3], [0.5, NaN, -1.25, 1.5, -0.75, 1])],
    args,
    grad: false,
  }));
}

const distinct = (gen: SampleGen, shape: readonly number[]): SampleInput => gen.distinct(shape);
/** Magnitudes in [0.5, 1.5) with random signs: products stay O(1) and away from 0. */
const prodDomain = (gen: SampleGen, shape: readonly number[]): SampleInput => {
  const magnitudes = gen.uniform(shape, 0.5, 1.5);
  return gen.values(shape, magnitudes.values.map((v) => (gen.next() < 0.5 ? -v : v)));
};

/** Specs of sum, prod, max, min, mean. */
export const reduceSpecs: readonly OpSpec[] = [
  reduceSpec('sum', ops.sum, reference.sum, { domain: (g, s) => g.uniform(s), ints: true, bools: true, empty: 'value' }),
  reduceSpec('prod', ops.prod, reference.prod, {
    domain: prodDomain,
    ints: true,
    bools: true,
    empty: 'value',
    extra: (gen) => [
      { label: 'one zero, two zeros, none [3,3] axes=1', inputs: [gen.values([3, 3], [0.5, 0, -1.5, 0, 2, 0, 1.25, -0.75, 2])], args: { axes: 1 } },
    ],
  }),
  reduceSpec('max', ops.max, reference.max, {
    domain: distinct,
    ints: true,
    empty: 'error',
    extra: (gen) => [{ label: 'ties [2,3] axes=1', inputs: [gen.values([2, 3], [1, 3, 3, -1, -1, -2])], args: { axes: 1 }, gradgrad: false }],
  }),
  reduceSpec('min', ops.min, reference.min, {
    domain: distinct,
    ints: true,
    empty: 'error',
    extra: (gen) => [{ label: 'ties [2,3] axes=1', inputs: [gen.values([2, 3], [1, -3, -3, 2, 2, 5])], args: { axes: 1 }, gradgrad: false }],
  }),
  reduceSpec('mean', ops.mean, reference.mean, { domain: (g, s) => g.uniform(s), ints: true, empty: 'value' }),
  reduceSpec('logSumExp', ops.logSumExp, reference.logSumExp, {
    domain: (g, s) => g.uniform(s, -2, 2),
    empty: 'value',
    extra: (gen) => [
      { label: 'large [2,3] axes=1', inputs: [gen.values([2, 3], [1000, 1000.5, -1000, -1000, -999, -1001])], args: { axes: 1 } },
      { label: '-Infinity row [2,2] axes=1', inputs: [gen.values([2, 2], [-Infinity, -Infinity, 0, 1])], args: { axes: 1 }, grad: false },
    ],
  }),
];

/** argMax / argMin: one axis, first index on ties, int32, not differentiable. */
function argSpec(name: 'argMax' | 'argMin'): OpSpec {
  const call = name === 'argMax' ? ops.argMax : ops.argMin;
  const ref = name === 'argMax' ? reference.argMax : reference.argMin;
  return defineOp<{ axis?: number }>({
    name,
    op: ([x], a) => call(x!, a.axis),
    reference: ([x], a) => ref(x!, a.axis),
    samples: (gen) => [
      { label: '[3,4] default axis', inputs: [gen.distinct([3, 4])], args: {} },
      { label: '[3,4] axis=0', inputs: [gen.distinct([3, 4])], args: { axis: 0 } },
      { label: '[2,3,4] axis=1', inputs: [gen.distinct([2, 3, 4])], args: { axis: 1 } },
      { label: '[5] axis=0', inputs: [gen.distinct([5])], args: { axis: 0 } },
      { label: 'int32 with ties [4,5] (first index wins)', inputs: [gen.ints([4, 5], -2, 2)], args: { axis: 1 } },
      { label: 'float ties [2,3]', inputs: [gen.values([2, 3], [2, 2, 1, -1, 0, 0])], args: { axis: 1 } },
      // PyTorch: NaN is both the maximum and the minimum, and the first NaN wins.
      { label: 'NaN wins [3,4] axis=1', inputs: [gen.values([3, 4], [1, NaN, 3, NaN, NaN, 0, 0, 0, 2, 5, -1, 0])], args: { axis: 1 } },
      { label: 'NaN wins [3,2] axis=0', inputs: [gen.values([3, 2], [1, 4, NaN, -2, NaN, 9])], args: { axis: 0 } },
    ],
    differentiable: [],
    errors: () => [
      { label: 'axis out of range', inputs: [floatInput([2, 3], range(6))], args: { axis: 2 }, error: ShapeError, message: new RegExp(`${name}: axis 2 is out of range for a tensor of rank 2`) },
      { label: 'empty axis', inputs: [floatInput([0, 3], [])], args: { axis: 0 }, error: ShapeError, message: new RegExp(`${name}: cannot reduce an empty axis of shape \\[0,3\\]`) },
      { label: 'non-integer axis', inputs: [floatInput([2, 3], range(6))], args: { axis: 0.5 }, error: ShapeError, message: new RegExp(`${name}: axis must be an integer, got number 0.5`) },
      {
        label: 'a string instead of a tensor',
        inputs: [],
        args: {},
        call: () => call('x' as unknown as Tensor),
        error: DTypeError,
        message: new RegExp(`${name}: input must be a Tensor, got string "x"`),
      },
    ],
  });
}

/** Arguments of variance and std. */
interface VarianceArgs {
  readonly axes?: number | number[];
  readonly correction?: number;
  readonly keepDims?: boolean;
}

function varianceSpec(name: 'variance' | 'std'): OpSpec {
  const call = name === 'variance' ? ops.variance : ops.std;
  const ref = name === 'variance' ? reference.variance : reference.std;
  const variants: VarianceArgs[] = [{}, { axes: 1 }, { axes: [0, 2], keepDims: true }, { axes: -1, correction: 1 }];
  return defineOp<VarianceArgs>({
    name,
    op: ([x], { axes, ...options }) => call(x!, axes, options),
    reference: ([x], { axes, ...options }) => ref(x!, axes, options),
    samples: (gen) => [
      ...variants.map((args) => ({ label: `[2,3,4]${describeArgs(args)}`, inputs: [gen.uniform([2, 3, 4], -2, 2)], args })),
      ...nanSamples<VarianceArgs>(gen, [{ axes: 1 }]),
    ],
    differentiable: [0],
    errors: () => [
      ...axisErrors<VarianceArgs>(name, (axes) => ({ axes })),
      {
        label: 'no degrees of freedom',
        inputs: [floatInput([2], [1, 2])],
        args: { correction: 2 },
        error: ValueError,
        message: new RegExp(`${name}: 2 values with correction 2 leave no degrees of freedom`),
      },
    ],
  });
}

const momentsSpec: OpSpec = defineOp<VarianceArgs>({
  name: 'moments',
  op: ([x], { axes, ...options }) => {
    const { mean, variance } = ops.moments(x!, axes, options);
    return [mean, variance];
  },
  reference: ([x], { axes, ...options }) => reference.moments(x!, axes, options),
  samples: (gen) =>
    [{}, { axes: [0, 1, 2] }, { axes: [0, 2], keepDims: true }, { axes: -1, correction: 1 }].map((args: VarianceArgs) => ({
      label: `[2,3,2,4]${describeArgs(args)}`,
      inputs: [gen.uniform([2, 3, 2, 4], -2, 2)],
      args,
    })),
  differentiable: [0],
  errors: () => [
    ...axisErrors<VarianceArgs>('moments', (axes) => ({ axes })),
    {
      label: 'no degrees of freedom',
      inputs: [floatInput([2], [1, 2])],
      args: { correction: 2 },
      error: ValueError,
      message: /moments: 2 values with correction 2 leave no degrees of freedom/,
    },
  ],
});

/** Arguments of norm. */
interface NormArgs {
  readonly p?: 1 | 2 | number;
  readonly axes?: number | number[];
  readonly keepDims?: boolean;
}

const normSpec: OpSpec = defineOp<NormArgs>({
  name: 'norm',
  op: ([x], a) => ops.norm(x!, a.p as 1 | 2, a.axes, a.keepDims ?? false),
  reference: ([x], a) => reference.norm(x!, a.p, a.axes, a.keepDims ?? false),
  samples: (gen) => {
    // |x| pairwise distinct and away from 0: no kinks for p = 1 or Infinity.
    const signed = (shape: readonly number[]): SampleInput => {
      const d = gen.distinct(shape, 0.2, 2);
      return gen.values(shape, d.values.map((v) => (gen.next() < 0.5 ? -v : v)));
    };
    return [
      { label: '[2,3,4] p=2 all axes', inputs: [signed([2, 3, 4])], args: {} },
      { label: '[2,3,4] p=2 axes=1 keepDims', inputs: [signed([2, 3, 4])], args: { axes: 1, keepDims: true } },
      { label: '[3,4] p=1 axes=1', inputs: [signed([3, 4])], args: { p: 1, axes: 1 } },
      { label: '[3,4] p=Infinity axes=0', inputs: [signed([3, 4])], args: { p: Infinity, axes: 0 } },
      { label: '[3,4] p=Infinity all axes', inputs: [signed([3, 4])], args: { p: Infinity } },
      ...nanSamples<NormArgs>(gen, [{ axes: 1 }, { p: 1, axes: 1 }, { p: Infinity, axes: 1 }]),
    ];
  },
  differentiable: [0],
  errors: () => [
    ...axisErrors<NormArgs>('norm', (axes) => ({ axes })),
    { label: 'unsupported p', inputs: [floatInput([2], [3, 4])], args: { p: 3 }, error: ValueError, message: /norm: p must be 1, 2 or Infinity, got 3/ },
  ],
});

/** Specs of argMax/argMin, variance/std and norm. */
export const statisticSpecs: readonly OpSpec[] = [
  argSpec('argMax'),
  argSpec('argMin'),
  varianceSpec('variance'),
  varianceSpec('std'),
  momentsSpec,
  normSpec,
];
