/**
 * Reference creation ops: tensors from nested values, constant fills, ranges, identity matrices
 * and oneHot. Values are converted to the result's dtype by {@link nd}, as a backend stores them.
 */
import type { DType } from '@dlkit/core';
import { build, flatIndex, nd, shapeSize, type NdArray } from './array.js';

function at(x: NdArray, coords: readonly number[]): number {
  return x.data[flatIndex(coords, x.shape)]!;
}

/** Nested arrays of numbers or booleans, as `tensor` takes them. */
export type RefNested = number | boolean | readonly RefNested[];

/** The shape of a (non-ragged) nested array. */
function shapeOfNested(data: RefNested): number[] {
  return Array.isArray(data) ? [data.length, ...(data.length > 0 ? shapeOfNested(data[0]!) : [])] : [];
}

/** The values of `data` in row-major order, booleans as 0/1. */
function flattenNested(data: RefNested): number[] {
  if (Array.isArray(data)) return data.flatMap((d: RefNested) => flattenNested(d));
  return [Number(data)];
}

/** An array of nested `data` (bool when its first value is boolean, else float32 unless `dtype`), optionally reshaped. */
export function tensor(data: RefNested, options: { dtype?: DType; shape?: readonly number[] } = {}): NdArray {
  const values = flattenNested(data);
  const first = Array.isArray(data) ? (data.flat(Infinity) as unknown[])[0] : data;
  const dtype = options.dtype ?? (typeof first === 'boolean' ? 'bool' : 'float32');
  return nd(options.shape ?? shapeOfNested(data), values, dtype);
}

/** A rank-0 array. */
export function scalar(value: number | boolean, options: { dtype?: DType } = {}): NdArray {
  return tensor(value, options);
}

/** `shape` filled with `value` (bool for a boolean value, else float32 unless `dtype`). */
export function full(shape: readonly number[], value: number | boolean, options: { dtype?: DType } = {}): NdArray {
  const dtype = options.dtype ?? (typeof value === 'boolean' ? 'bool' : 'float32');
  return nd(shape, new Array<number>(shapeSize(shape)).fill(Number(value)), dtype);
}

/** Zeros of `shape`. */
export function zeros(shape: readonly number[], options: { dtype?: DType } = {}): NdArray {
  return full(shape, 0, options);
}

/** Ones of `shape`. */
export function ones(shape: readonly number[], options: { dtype?: DType } = {}): NdArray {
  return full(shape, 1, options);
}

/** Zeros with `x`'s shape and (unless `dtype`) dtype. */
export function zerosLike(x: NdArray, options: { dtype?: DType } = {}): NdArray {
  return full(x.shape, 0, { dtype: options.dtype ?? x.dtype });
}

/** Ones with `x`'s shape and (unless `dtype`) dtype. */
export function onesLike(x: NdArray, options: { dtype?: DType } = {}): NdArray {
  return full(x.shape, 1, { dtype: options.dtype ?? x.dtype });
}

/** `start, start + step, …` while before `stop` (`arange(n)` is `0 … n-1`). */
export function arange(start: number, stop?: number, step = 1, options: { dtype?: DType } = {}): NdArray {
  const [from, to] = stop === undefined ? [0, start] : [start, stop];
  const values: number[] = [];
  for (let v = from, i = 0; step > 0 ? v < to : v > to; i++, v = from + i * step) values.push(v);
  return nd([values.length], values, options.dtype ?? 'float32');
}

/** `num` values from `start` to `stop`, both ends included. */
export function linspace(start: number, stop: number, num: number, options: { dtype?: DType } = {}): NdArray {
  const values = Array.from({ length: num }, (_, i) => (num === 1 ? start : start + ((stop - start) * i) / (num - 1)));
  return nd([num], values, options.dtype ?? 'float32');
}

/** The `n × m` identity. */
export function eye(n: number, m = n, options: { dtype?: DType } = {}): NdArray {
  return build([n, m], options.dtype ?? 'float32', ([i, j]) => (i === j ? 1 : 0));
}

/** One-hot rows of length `depth` for integer labels: shape `[...indices.shape, depth]`. */
export function oneHot(indices: NdArray, depth: number, options: { dtype?: DType } = {}): NdArray {
  return build([...indices.shape, depth], options.dtype ?? 'float32', (c) => (at(indices, c.slice(0, -1)) === c[c.length - 1] ? 1 : 0));
}
