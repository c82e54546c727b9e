/**
 * Reference binary ops: arithmetic with NumPy broadcasting and dlkit's dtype promotion,
 * comparisons and logic, and `where`. Plain loops over output coordinates.
 */
import type { DType } from '@dlkit/core';
import { broadcastShapes, build, castArray, isFloatDType, nd, promote, valueAt, type NdArray } from './array.js';

/** A reference array or a plain number (a scalar taking the other operand's dtype, as in dlkit). */
export type RefOperand = NdArray | number;

function scalarFor(value: number, like: NdArray): NdArray {
  const dtype: DType = isFloatDType(like.dtype) || Number.isInteger(value) ? (like.dtype === 'bool' ? 'int32' : like.dtype) : 'float32';
  return nd([], [value], dtype);
}

/** Both operands as arrays of one promoted dtype (a number takes the other side's dtype where it fits). */
export function promoteOperands(a: RefOperand, b: RefOperand): [NdArray, NdArray] {
  if (typeof a === 'number' && typeof b === 'number') throw new Error('reference: two numbers');
  const x = typeof a === 'number' ? scalarFor(a, b as NdArray) : a;
  const y = typeof b === 'number' ? scalarFor(b, x) : b;
  const dtype = promote(x.dtype, y.dtype);
  return [castArray(x, dtype), castArray(y, dtype)];
}

/** Binary arithmetic op names. */
export type RefArithmeticName = 'add' | 'sub' | 'mul' | 'div' | 'pow' | 'maximum' | 'minimum';
/** Comparison and logic op names (results are bool). */
export type RefComparisonName = 'equal' | 'notEqual' | 'greater' | 'greaterEqual' | 'less' | 'lessEqual' | 'logicalAnd' | 'logicalOr';

const ARITHMETIC: Record<RefArithmeticName, (u: number, v: number) => number> = {
  add: (u, v) => u + v,
  sub: (u, v) => u - v,
  mul: (u, v) => u * v,
  div: (u, v) => u / v,
  pow: (u, v) => Math.pow(u, v),
  maximum: (u, v) => (Number.isNaN(u) || Number.isNaN(v) ? NaN : u > v ? u : v),
  minimum: (u, v) => (Number.isNaN(u) || Number.isNaN(v) ? NaN : u < v ? u : v),
};

const COMPARISON: Record<RefComparisonName, (u: number, v: number) => boolean> = {
  equal: (u, v) => u === v,
  notEqual: (u, v) => u !== v,
  greater: (u, v) => u > v,
  greaterEqual: (u, v) => u >= v,
  less: (u, v) => u < v,
  lessEqual: (u, v) => u <= v,
  logicalAnd: (u, v) => u !== 0 && v !== 0,
  logicalOr: (u, v) => u !== 0 || v !== 0,
};

/** Broadcast arithmetic: bool operands compute as int32; `div` of integers is true division in float32. */
export function arithmetic(name: RefArithmeticName, a: RefOperand, b: RefOperand): NdArray {
  const [x, y] = promoteOperands(a, b);
  let dtype: DType = x.dtype === 'bool' ? 'int32' : x.dtype;
  if (name === 'div' && !isFloatDType(dtype)) dtype = 'float32';
  const f = ARITHMETIC[name];
  return build(broadcastShapes(x.shape, y.shape), dtype, (c) => f(valueAt(x, c), valueAt(y, c)));
}

/** Broadcast comparison or logic op → bool. */
export function comparison(name: RefComparisonName, a: RefOperand, b: RefOperand): NdArray {
  const [x, y] = promoteOperands(a, b);
  const f = COMPARISON[name];
  return build(broadcastShapes(x.shape, y.shape), 'bool', (c) => (f(valueAt(x, c), valueAt(y, c)) ? 1 : 0));
}

/** `a` where `cond` is nonzero, else `b`, all three broadcast; two numbers give float32. */
export function where(cond: NdArray, a: RefOperand, b: RefOperand): NdArray {
  const [x, y] = typeof a === 'number' && typeof b === 'number' ? [nd([], [a], 'float32'), nd([], [b], 'float32')] : promoteOperands(a, b);
  return build(broadcastShapes(cond.shape, x.shape, y.shape), x.dtype, (c) => (valueAt(cond, c) !== 0 ? valueAt(x, c) : valueAt(y, c)));
}
