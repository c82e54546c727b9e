/**
 * Specs of the binary ops: arithmetic, comparisons and logic, and `where`.
 */
import { DTypeError, ShapeError, ValueError } from '@dlkit/core';
import * as ops from '@dlkit/core';
import type { Tensor } from '@dlkit/core';
import type { NdArray } from '../reference/array.js';
import { reference, type RefOperand } from '../reference/index.js';
import type { SampleGen } from '../sample-gen.js';
import { defineOp, fmt, type OpSample, type OpSpec, type SampleInput } from '../spec.js';

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
      {
        label: 'a string operand',
        inputs: [{ shape: [2], values: [1, 2], dtype: 'float' }],
        args: {},
        call: ([x]) => call(x!, '2' as unknown as number),
        error: DTypeError,
        message: new RegExp(`${name}: the second operand must be a Tensor or a number, got string "2"`),
      },
      {
        label: 'null as the first operand',
        inputs: [{ shape: [2], values: [1, 2], dtype: 'float' }],
        args: {},
        call: ([x]) => call(null as unknown as number, x!),
        error: DTypeError,
        message: new RegExp(`${name}: the first operand must be a Tensor or a number, got null`),
      },
      {
        label: 'an integer beyond int32 beside an int32 tensor',
        inputs: [{ shape: [2], values: [1, 2], dtype: 'int32' }],
        args: { right: 3e9 },
        error: ValueError,
        message: new RegExp(`${name}: value 3000000000 is outside the int32 range \\[-2147483648, 2147483647\\]`),
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
/** The `where` spec: broadcast condition, tensor or number branches. */
const whereSpec = defineOp<{ a?: number; b?: number }>({
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
});

/** Specs of the binary ops: arithmetic, then comparisons and logic (bool results, not differentiable), then `where`. */
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
  comparisonSpec('equal', ops.equal, reference.equal, ties),
  comparisonSpec('notEqual', ops.notEqual, reference.notEqual, ties),
  comparisonSpec('greater', ops.greater, reference.greater, ties),
  comparisonSpec('greaterEqual', ops.greaterEqual, reference.greaterEqual, ties),
  comparisonSpec('less', ops.less, reference.less, ties),
  comparisonSpec('lessEqual', ops.lessEqual, reference.lessEqual, ties),
  comparisonSpec('logicalAnd', ops.logicalAnd, reference.logicalAnd, truthy),
  comparisonSpec('logicalOr', ops.logicalOr, reference.logicalOr, truthy),
  whereSpec,
];
