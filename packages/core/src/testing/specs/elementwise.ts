/**
 * Specs of the elementwise ops: unary math and activations, binary arithmetic, comparisons and
 * logic, `where`, `clip` and `cast`.
 */
import type { DType } from '@dlkit/core';
import { DTypeError, ShapeError, ValueError } from '@dlkit/core';
import * as ops from '@dlkit/core';
import type { Tensor } from '@dlkit/core';
import type { NdArray } from '../reference/array.js';
import { reference, type RefOperand } from '../reference/index.js';
import type { SampleGen } from '../sample-gen.js';
import { defineOp, type ErrorCase, type OpSample, type OpSpec, type SampleInput, type Tolerances } from '../spec.js';

/** `[2,3]`-style shape label. */
export const fmt = (shape: readonly number[]): string => `[${shape.join(',')}]`;

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
    ],
    differentiable: options.differentiable === false ? [] : [0],
    ...(options.tolerance ? { tolerance: options.tolerance } : {}),
    ...(options.errors ? { errors: options.errors } : {}),
  });
}

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

/** Specs of the unary ops and activations. */
export const unarySpecs: readonly OpSpec[] = [
  simple('neg', ops.neg, reference.neg, uniform(-2, 2), {
    ints: ints(-5, 5),
    extra: (gen) => [{ label: 'bool [4]', inputs: [gen.values([4], [1, 0, 1, 1], 'bool')], args: {} }],
  }),
  simple('abs', ops.abs, reference.abs, away(-2, 2, [0]), { ints: ints(-5, 5) }),
  simple('exp', ops.exp, reference.exp, uniform(-2, 2), { ints: ints(-3, 3) }),
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
  }),
  unarySpec<{ alpha?: number }>('elu', (x, a) => ops.elu(x, a.alpha), (x, a) => reference.elu(x, a.alpha), away(-2, 2, [0]), {
    args: [{}, { alpha: 0.5 }],
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
    ],
  }),
];

// ---- binary ----

/** Non-tensor operands of a binary sample: a number on the left or on the right. */
interface BinaryArgs {
  readonly left?: number;
  readonly right?: number;
}

type Operand = Tensor | number;

function callBinary<T, R>(xs: T[], args: BinaryArgs, f: (a: T | number, b: T | number) => R): R {
  if (args.left !== undefined) return f(args.left, xs[0]!);
  if (args.right !== undefined) return f(xs[0]!, args.right);
  return f(xs[0]!, xs[1]!);
}

type PairDomain = (gen: SampleGen, a: readonly number[], b: readonly number[]) => [SampleInput, SampleInput];

interface BinaryOptions {
  readonly ints?: (gen: SampleGen) => [SampleInput, SampleInput];
  readonly extra?: (gen: SampleGen) => OpSample<BinaryArgs>[];
  readonly differentiable?: boolean;
}

const SHAPE_PAIRS: readonly (readonly [readonly number[], readonly number[], string])[] = [
  [[2, 3], [2, 3], 'same shape'],
  [[2, 3], [3], 'broadcast row'],
  [[2, 1], [1, 3], 'broadcast both'],
  [[], [2, 2], 'scalar tensor'],
];

function binarySpec(
  name: string,
  call: (a: Operand, b: Operand) => Tensor,
  ref: (a: RefOperand, b: RefOperand) => NdArray,
  domain: PairDomain,
  options: BinaryOptions = {},
): OpSpec {
  return defineOp<BinaryArgs>({
    name,
    op: (xs, args) => callBinary(xs, args, call),
    reference: (xs, args) => callBinary(xs, args, ref),
    samples: (gen) => {
      const samples: OpSample<BinaryArgs>[] = SHAPE_PAIRS.map(([a, b, what]) => ({
        label: `${fmt(a)} ${what} ${fmt(b)}`,
        inputs: domain(gen, a, b),
        args: {},
      }));
      const [x, n] = domain(gen, [2, 3], []);
      const [m, y] = domain(gen, [], [2, 2]);
      samples.push({ label: '[2,3] with a number on the right', inputs: [x], args: { right: n.values[0]! } });
      samples.push({ label: 'a number on the left with [2,2]', inputs: [y], args: { left: m.values[0]! } });
      samples.push({ label: 'empty [0,3] with [3]', inputs: domain(gen, [0, 3], [3]), args: {} });
      if (options.ints) {
        const [ia, ib] = options.ints(gen);
        samples.push({ label: 'int32 [2,3]', inputs: [ia, ib], args: {} });
        samples.push({ label: 'int32 [2,3] promoted with float [3]', inputs: [ia, domain(gen, [2, 3], [3])[1]], args: {} });
      }
      samples.push(...(options.extra?.(gen) ?? []));
      return samples;
    },
    differentiable: options.differentiable === false ? [] : 'all',
    errors: () => [
      {
        label: 'shapes that do not broadcast',
        inputs: [{ shape: [2, 3], values: [1, 2, 3, 4, 5, 6], dtype: 'float' }, { shape: [4], values: [1, 2, 3, 4], dtype: 'float' }],
        args: {},
        error: ShapeError,
        message: new RegExp(`${name}: shapes \\[2,3\\] and \\[4\\] cannot be broadcast together`),
      },
    ],
  });
}

const both = (low: number, high: number): PairDomain => (gen, a, b) => [gen.uniform(a, low, high), gen.uniform(b, low, high)];
const sizeOf = (shape: readonly number[]): number => shape.reduce((n, d) => n * d, 1);
/** Operands whose values are all pairwise distinct (no ties for maximum/minimum). */
const distinctPair: PairDomain = (gen, a, b) => {
  const all = gen.distinct([sizeOf(a) + sizeOf(b)]);
  return [gen.values(a, all.values.slice(0, sizeOf(a))), gen.values(b, all.values.slice(sizeOf(a)))];
};
const intPair = (lowA: number, highA: number, lowB: number, highB: number) => (gen: SampleGen): [SampleInput, SampleInput] => [
  gen.ints([2, 3], lowA, highA),
  gen.ints([2, 3], lowB, highB),
];

/** Specs of the arithmetic ops. */
export const binarySpecs: readonly OpSpec[] = [
  binarySpec('add', ops.add, reference.add, both(-2, 2), { ints: intPair(-9, 9, -9, 9) }),
  binarySpec('sub', ops.sub, reference.sub, both(-2, 2), { ints: intPair(-9, 9, -9, 9) }),
  binarySpec('mul', ops.mul, reference.mul, both(-2, 2), { ints: intPair(-9, 9, -9, 9) }),
  binarySpec('div', ops.div, reference.div, (gen, a, b) => [gen.uniform(a, -2, 2), gen.nonzero(b, 0.3, 2)], {
    ints: (gen) => [gen.ints([2, 3], -9, 9), gen.values([2, 3], [1, 2, -3, 4, 7, -2], 'int32')],
  }),
  binarySpec('pow', ops.pow, reference.pow, (gen, a, b) => [gen.uniform(a, 0.5, 2), gen.uniform(b, -2, 2)], {
    ints: intPair(1, 5, 0, 4),
    extra: (gen) => [
      { label: 'square via number 2', inputs: [gen.uniform([2, 3], -2, 2)], args: { right: 2 } },
      { label: 'sqrt via number 0.5', inputs: [gen.uniform([2, 3], 0.5, 2)], args: { right: 0.5 } },
    ],
  }),
  binarySpec('maximum', ops.maximum, reference.maximum, distinctPair, {
    ints: intPair(-5, 5, -5, 5),
    extra: (gen) => [
      { label: 'ties [4]', inputs: [gen.values([4], [1, 2, 3, 4]), gen.values([4], [1, 0, 3, 5])], args: {}, grad: false },
      { label: 'NaN propagates [3]', inputs: [gen.values([3], [NaN, 1, 2]), gen.values([3], [0, NaN, 1])], args: {}, grad: false },
    ],
  }),
  binarySpec('minimum', ops.minimum, reference.minimum, distinctPair, {
    ints: intPair(-5, 5, -5, 5),
    extra: (gen) => [
      { label: 'ties [4]', inputs: [gen.values([4], [1, 2, 3, 4]), gen.values([4], [1, 0, 3, 5])], args: {}, grad: false },
      { label: 'NaN propagates [3]', inputs: [gen.values([3], [NaN, 1, 2]), gen.values([3], [0, NaN, 1])], args: {}, grad: false },
    ],
  }),
];

// ---- comparisons and logic ----

const TIE_VALUES = [-1, 0, 0.5, 1];
const ties: PairDomain = (gen, a, b) => [gen.choice(a, TIE_VALUES), gen.choice(b, TIE_VALUES)];
const truthy: PairDomain = (gen, a, b) => [gen.choice(a, [0, 1, -2]), gen.choice(b, [0, 1, -2])];

function comparisonSpec(name: string, call: (a: Operand, b: Operand) => Tensor, ref: (a: RefOperand, b: RefOperand) => NdArray, domain: PairDomain): OpSpec {
  return binarySpec(name, call, ref, domain, {
    differentiable: false,
    ints: (gen) => [gen.ints([2, 3], -2, 2), gen.ints([2, 3], -2, 2)],
    extra: (gen) => [
      { label: 'bool [2,3]', inputs: [gen.bools([2, 3]), gen.bools([2, 3])], args: {} },
      { label: 'bool with int32 [4]', inputs: [gen.bools([4]), gen.ints([4], -1, 2)], args: {} },
    ],
  });
}

/** Specs of the comparison and logic ops (bool results, not differentiable). */
export const comparisonSpecs: readonly OpSpec[] = [
  comparisonSpec('equal', ops.equal, reference.equal, ties),
  comparisonSpec('notEqual', ops.notEqual, reference.notEqual, ties),
  comparisonSpec('greater', ops.greater, reference.greater, ties),
  comparisonSpec('greaterEqual', ops.greaterEqual, reference.greaterEqual, ties),
  comparisonSpec('less', ops.less, reference.less, ties),
  comparisonSpec('lessEqual', ops.lessEqual, reference.lessEqual, ties),
  comparisonSpec('logicalAnd', ops.logicalAnd, reference.logicalAnd, truthy),
  comparisonSpec('logicalOr', ops.logicalOr, reference.logicalOr, truthy),
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
  defineOp<{ a?: number; b?: number }>({
    name: 'where',
    op: (xs, args) => {
      const [cond, ...rest] = xs;
      const a = args.a ?? rest.shift()!;
      const b = args.b ?? rest.shift()!;
      return ops.where(cond!, a, b);
    },
    reference: (xs, args) => {
      const [cond, ...rest] = xs;
      const a = args.a ?? rest.shift()!;
      const b = args.b ?? rest.shift()!;
      return reference.where(cond!, a, b);
    },
    samples: (gen) => [
      { label: '[2,3] bool cond', inputs: [gen.bools([2, 3]), gen.uniform([2, 3]), gen.uniform([2, 3])], args: {} },
      { label: 'broadcast cond [2,1], a [3], b []', inputs: [gen.bools([2, 1]), gen.uniform([3]), gen.uniform([])], args: {} },
      { label: 'float cond (nonzero is true)', inputs: [gen.choice([2, 3], [0, 1, -0.5]), gen.uniform([2, 3]), gen.uniform([2, 3])], args: {} },
      { label: 'number b', inputs: [gen.bools([2, 3]), gen.uniform([2, 3])], args: { b: 0 } },
      { label: 'two numbers', inputs: [gen.bools([2, 3])], args: { a: 1, b: -1 } },
      { label: 'int32 values', inputs: [gen.bools([2, 3]), gen.ints([2, 3]), gen.ints([2, 3])], args: {} },
      { label: 'empty [0,3]', inputs: [gen.bools([0, 3]), gen.uniform([0, 3]), gen.uniform([3])], args: {} },
    ],
    differentiable: [1, 2],
    errors: (gen) => [
      {
        label: 'condition that does not broadcast',
        inputs: [gen.bools([2]), gen.uniform([3]), gen.uniform([3])],
        args: {},
        error: ShapeError,
        message: /where: shapes \[2\] and \[3\] cannot be broadcast together/,
      },
    ],
  }),
];

// ---- cast ----

/** The cast spec: every pair of dtypes that makes sense, differentiable between floats. */
export const castSpec: OpSpec = defineOp<{ dtype: DType }>({
  name: 'cast',
  op: ([x], { dtype }) => ops.cast(x!, dtype),
  reference: ([x], { dtype }) => reference.cast(x!, dtype),
  samples: (gen) => [
    { label: 'float → float32', inputs: [gen.uniform([2, 3], -3, 3)], args: { dtype: 'float32' }, grad: false },
    { label: 'float → float64', inputs: [gen.uniform([2, 3], -3, 3)], args: { dtype: 'float64' }, requires: ['float64'] },
    { label: 'float → int32 truncates toward zero', inputs: [gen.values([6], [-2.7, -1.2, -0.5, 0.5, 1.9, 3])], args: { dtype: 'int32' } },
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
  ],
});
