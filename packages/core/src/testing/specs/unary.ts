/**
 * Specs of the unary ops: math functions, activations, `clip`, `logicalNot` and `cast`.
 */
import type { DType } from '@dlkit/core';
import { DTypeError, ValueError } from '@dlkit/core';
import * as ops from '@dlkit/core';
import type { Tensor } from '@dlkit/core';
import type { NdArray } from '../reference/array.js';
import { reference } from '../reference/index.js';
import type { SampleGen } from '../sample-gen.js';
import { defineOp, type ErrorCase, type OpSample, type OpSpec, type SampleInput, type Tolerances } from '../spec.js';

type Domain = (gen: SampleGen, shape: readonly number[]) => SampleInput;

interface UnaryOptions<A> {
  /** Extra arguments variants (e.g. alpha values); the first is used for the generic samples. */
  readonly args?: readonly A[];
  /** An int32 sample input, when the op is defined on integers. */
  readonly ints?: (gen: SampleGen) => SampleInput;
  /** Further samples (edge values, ties, large magnitudes). */
  readonly extra?: (gen: SampleGen) => OpSample<A>[];
  readonly tolerance?: Partial<Tolerances>;
  /** Whether gradients are checked (default true). */
  readonly differentiable?: boolean;
  readonly errors?: (gen: SampleGen) => ErrorCase<A>[];
}

function argsLabel(args: unknown): string {
  const text = JSON.stringify(args);
  return text === '{}' || text === undefined ? '' : ` ${text}`;
}

/** A spec for a one-input elementwise op with sample shapes `[2,3]`, `[]` and `[0,3]`. */
function unarySpec<A>(
  name: string,
  call: (x: Tensor, args: A) => Tensor,
  ref: (x: NdArray, args: A) => NdArray,
  domain: Domain,
  options: UnaryOptions<A> = {},
): OpSpec {
  const variants = options.args ?? [{} as A];
  return defineOp<A>({
    name,
    op: ([x], args) => call(x!, args),
    reference: ([x], args) => ref(x!, args),
    samples: (gen) => [
      ...variants.map((args) => ({ label: `[2,3]${argsLabel(args)}`, inputs: [domain(gen, [2, 3])], args })),
      { label: 'scalar []', inputs: [domain(gen, [])], args: variants[0]! },
      { label: 'empty [0,3]', inputs: [domain(gen, [0, 3])], args: variants[0]! },
      ...(options.ints ? [{ label: 'int32 [2,3]', inputs: [options.ints(gen)], args: variants[0]! }] : []),
      ...(options.extra?.(gen) ?? []),
      { label: 'NaN propagates [3]', inputs: [withNaN(domain(gen, [3]))], args: variants[0]!, grad: false },
    ],
    differentiable: options.differentiable === false ? [] : [0],
    ...(options.tolerance ? { tolerance: options.tolerance } : {}),
    errors: (gen) => [
      {
        label: 'a string instead of a tensor',
        inputs: [],
        args: variants[0]!,
        call: () => call('x' as unknown as Tensor, variants[0]!),
        error: DTypeError,
        message: new RegExp(`${name.split(' ')[0]}: input must be a Tensor, got string "x"`),
      },
      ...(options.errors?.(gen) ?? []),
    ],
  });
}

/** The same input with its first value replaced by NaN (PyTorch: every unary op maps NaN to NaN). */
const withNaN = (input: SampleInput): SampleInput => ({ ...input, values: [NaN, ...input.values.slice(1)] });
const uniform = (low: number, high: number): Domain => (gen, shape) => gen.uniform(shape, low, high);
const away = (low: number, high: number, kinks: readonly number[]): Domain => (gen, shape) => gen.awayFrom(shape, low, high, kinks);
const integers = (low: number, high: number): number[] => Array.from({ length: high - low + 1 }, (_, i) => low + i);
const ints = (low: number, high: number) => (gen: SampleGen): SampleInput => gen.ints([2, 3], low, high);
type NoArgs = Record<string, never>;
const simple = (name: string, call: (x: Tensor) => Tensor, ref: (x: NdArray) => NdArray, domain: Domain, options: UnaryOptions<NoArgs> = {}): OpSpec =>
  unarySpec<NoArgs>(name, (x) => call(x), (x) => ref(x), domain, options);
const values = (label: string, vals: readonly number[], grad = true): ((gen: SampleGen) => OpSample<NoArgs>[]) => (gen) => [
  { label, inputs: [gen.values([vals.length], vals)], args: {}, grad },
];

/** The cast spec: every pair of dtypes that makes sense, differentiable between floats. */
const castSpec: OpSpec = defineOp<{ dtype: DType }>({
  name: 'cast',
  op: ([x], { dtype }) => ops.cast(x!, dtype),
  reference: ([x], { dtype }) => reference.cast(x!, dtype),
  samples: (gen) => [
    { label: 'float → float32', inputs: [gen.uniform([2, 3], -3, 3)], args: { dtype: 'float32' }, grad: false },
    { label: 'float → float64', inputs: [gen.uniform([2, 3], -3, 3)], args: { dtype: 'float64' }, requires: ['float64'] },
    { label: 'float → int32 truncates toward zero', inputs: [gen.values([6], [-2.7, -1.2, -0.5, 0.5, 1.9, 3])], args: { dtype: 'int32' } },
    {
      label: 'float → int32 saturates out of range, NaN → 0',
      inputs: [gen.values([7], [NaN, 3e9, -3e9, Infinity, -Infinity, 2147483520, -2147483648])],
      args: { dtype: 'int32' },
      exactInt32: true,
    },
    { label: 'float NaN → bool is true', inputs: [gen.values([3], [NaN, 0, 1])], args: { dtype: 'bool' } },
    { label: 'float → bool', inputs: [gen.values([5], [0, 1, -2, 0.25, 0])], args: { dtype: 'bool' } },
    { label: 'int32 → float32', inputs: [gen.ints([2, 3], -100, 100)], args: { dtype: 'float32' } },
    { label: 'int32 → bool', inputs: [gen.ints([2, 3], -2, 2)], args: { dtype: 'bool' } },
    { label: 'bool → int32', inputs: [gen.bools([2, 3])], args: { dtype: 'int32' } },
    { label: 'bool → float32', inputs: [gen.bools([2, 3])], args: { dtype: 'float32' } },
    { label: 'empty [0,2] → int32', inputs: [gen.uniform([0, 2])], args: { dtype: 'int32' } },
  ],
  differentiable: [0],
  errors: () => [
    {
      label: 'unknown dtype',
      inputs: [{ shape: [2], values: [1, 2], dtype: 'float' }],
      args: { dtype: 'float16' as DType },
      error: DTypeError,
      message: /cast: unknown dtype "float16"/,
    },
    {
      label: 'a number instead of a tensor',
      inputs: [],
      args: { dtype: 'int32' },
      call: () => ops.cast(3 as unknown as Tensor, 'int32'),
      error: DTypeError,
      message: /cast: input must be a Tensor, got number 3/,
    },
  ],
});

/** Specs of the unary ops and activations, `clip`, `logicalNot` and `cast`. */
export const unarySpecs: readonly OpSpec[] = [
  simple('neg', ops.neg, reference.neg, uniform(-2, 2), {
    ints: ints(-5, 5),
    extra: (gen) => [{ label: 'bool [4]', inputs: [gen.values([4], [1, 0, 1, 1], 'bool')], args: {} }],
  }),
  simple('abs', ops.abs, reference.abs, away(-2, 2, [0]), { ints: ints(-5, 5) }),
  simple('exp', ops.exp, reference.exp, uniform(-2, 2), {
    ints: ints(-3, 3),
    extra: (gen) => [{ label: 'bool [3] computes in float32', inputs: [gen.values([3], [1, 0, 1], 'bool')], args: {} }],
  }),
  simple('log', ops.log, reference.log, uniform(0.2, 3), { ints: ints(1, 6) }),
  simple('log1p', ops.log1p, reference.log1p, uniform(-0.5, 2), { extra: values('tiny [3]', [1e-10, -1e-9, 1e-7]) }),
  simple('sqrt', ops.sqrt, reference.sqrt, uniform(0.2, 3), { ints: ints(0, 9) }),
  simple('rsqrt', ops.rsqrt, reference.rsqrt, uniform(0.2, 3)),
  simple('square', ops.square, reference.square, uniform(-2, 2), { ints: ints(-5, 5) }),
  simple('reciprocal', ops.reciprocal, reference.reciprocal, (gen, shape) => gen.nonzero(shape)),
  simple('sin', ops.sin, reference.sin, uniform(-3, 3)),
  simple('cos', ops.cos, reference.cos, uniform(-3, 3)),
  simple('tanh', ops.tanh, reference.tanh, uniform(-3, 3), { extra: values('saturated [4]', [-30, -10, 10, 30]) }),
  simple('sigmoid', ops.sigmoid, reference.sigmoid, uniform(-4, 4), {
    ints: ints(-3, 3),
    extra: values('large |x| [4]', [-100, -30, 30, 100]),
  }),
  simple('relu', ops.relu, reference.relu, away(-2, 2, [0]), { ints: ints(-5, 5) }),
  simple('relu6', ops.relu6, reference.relu6, away(-2, 8, [0, 6]), { ints: ints(-3, 9) }),
  unarySpec<{ alpha?: number }>('leakyRelu', (x, a) => ops.leakyRelu(x, a.alpha), (x, a) => reference.leakyRelu(x, a.alpha), away(-2, 2, [0]), {
    args: [{}, { alpha: 0.2 }],
    errors: () => [
      { label: 'a string alpha', inputs: [{ shape: [2], values: [1, -1], dtype: 'float' }], args: { alpha: '0.1' as unknown as number }, error: ValueError, message: /leakyRelu: alpha must be a finite number, got string "0.1"/ },
    ],
  }),
  unarySpec<{ alpha?: number }>('elu', (x, a) => ops.elu(x, a.alpha), (x, a) => reference.elu(x, a.alpha), away(-2, 2, [0]), {
    args: [{}, { alpha: 0.5 }],
    errors: () => [
      { label: 'a string alpha', inputs: [{ shape: [2], values: [1, -1], dtype: 'float' }], args: { alpha: '0.1' as unknown as number }, error: ValueError, message: /elu: alpha must be a finite number, got string "0.1"/ },
    ],
  }),
  simple('selu', ops.selu, reference.selu, away(-2, 2, [0])),
  simple('erf', ops.erf, reference.erf, uniform(-2.5, 2.5), { extra: values('tails [6]', [-5, -3.5, -2.6, 2.6, 3.5, 5]) }),
  simple('gelu', (x) => ops.gelu(x), (x) => reference.gelu(x), uniform(-3, 3), { extra: values('tails [4]', [-8, -4, 4, 8]) }),
  simple('gelu (tanh)', (x) => ops.gelu(x, { approximate: 'tanh' }), (x) => reference.gelu(x, { approximate: 'tanh' }), uniform(-3, 3)),
  simple('softplus', ops.softplus, reference.softplus, uniform(-3, 3), { extra: values('large |x| [4]', [-100, -40, 40, 100]) }),
  simple('sign', ops.sign, reference.sign, away(-2, 2, [0]), {
    ints: ints(-3, 3),
    extra: values('with zeros [4]', [-1.5, 0, 0, 2], false),
  }),
  simple('floor', ops.floor, reference.floor, away(-3, 3, integers(-3, 3)), {
    ints: ints(-5, 5),
    extra: values('integers [4]', [-2, -1, 0, 3], false),
  }),
  simple('ceil', ops.ceil, reference.ceil, away(-3, 3, integers(-3, 3)), {
    ints: ints(-5, 5),
    extra: values('integers [4]', [-2, -1, 0, 3], false),
  }),
  simple('round', ops.round, reference.round, away(-3, 3, integers(-3, 2).map((i) => i + 0.5)), {
    ints: ints(-5, 5),
    extra: values('halves round to even [8]', [-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 0.49, -0.51], false),
  }),
  unarySpec<{ min: number; max: number }>('clip', (x, a) => ops.clip(x, a.min, a.max), (x, a) => reference.clip(x, a.min, a.max), away(-1.5, 1.5, [-0.5, 0, 0.5, 1]), {
    args: [{ min: -0.5, max: 0.5 }, { min: 0, max: 1 }],
    extra: (gen) => [{ label: 'int32 [2,3] {"min":-2,"max":3}', inputs: [gen.ints([2, 3], -5, 6)], args: { min: -2, max: 3 } }],
    errors: () => [
      { label: 'min > max', inputs: [{ shape: [2], values: [0, 1], dtype: 'float' }], args: { min: 2, max: 1 }, error: ValueError, message: /clip: min must be <= max, got min=2, max=1/ },
      {
        label: 'a string bound',
        inputs: [{ shape: [2], values: [0, 1], dtype: 'float' }],
        args: { min: '0' as unknown as number, max: 1 },
        error: ValueError,
        message: /clip: min and max must be numbers, got min=string "0", max=number 1/,
      },
    ],
  }),
  defineOp<NoArgs>({
    name: 'logicalNot',
    op: ([x]) => ops.logicalNot(x!),
    reference: ([x]) => reference.logicalNot(x!),
    samples: (gen) => [
      { label: 'float [2,3]', inputs: [gen.choice([2, 3], [0, 1, -2])], args: {} },
      { label: 'bool [2,3]', inputs: [gen.bools([2, 3])], args: {} },
      { label: 'int32 [2,3]', inputs: [gen.ints([2, 3], -1, 2)], args: {} },
      { label: 'empty [0,2]', inputs: [gen.bools([0, 2])], args: {} },
    ],
    differentiable: [],
  }),
  castSpec,
];
