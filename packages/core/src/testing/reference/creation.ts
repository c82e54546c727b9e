/**
 * Reference creation ops: full (zeros, ones and the `*Like` forms are full), arange, linspace,
 * eye, and oneHot.
 */
import type { DType } from '@dlkit/core';
import { build, flatIndex, nd, type NdArray } from './array.js';

function at(x: NdArray, coords: readonly number[]): number {
  return x.data[flatIndex(coords, x.shape)]!;
}

/** `value` everywhere in `shape` (nonzero → 1 for bool; int32 truncates toward zero). */
export function full(shape: readonly number[], value: number | boolean, dtype: DType): NdArray {
  return build(shape, dtype, () => Number(value));
}

/** `start, start + step, …` while below `stop` (above it for a negative step); `arange(n)` is `0..n-1`. */
export function arange(start: number, stop?: number, step = 1, options: { dtype?: DType } = {}): NdArray {
  const [from, to] = stop === undefined ? [0, start] : [start, stop];
  const values: number[] = [];
  for (let v = from, i = 0; step > 0 ? v < to : v > to; v = from + ++i * step) values.push(v);
  return nd([values.length], values, options.dtype ?? 'float32');
}

/** `num` evenly spaced values from `start` to `stop`, both included. */
export function linspace(start: number, stop: number, num: number, options: { dtype?: DType } = {}): NdArray {
  const values = Array.from({ length: num }, (_, i) => (num === 1 ? start : start + ((stop - start) * i) / (num - 1)));
  return nd([num], values, options.dtype ?? 'float32');
}

/** The `n × m` identity matrix. */
export function eye(n: number, m = n, options: { dtype?: DType } = {}): NdArray {
  return build([n, m], options.dtype ?? 'float32', ([i, j]) => (i === j ? 1 : 0));
}

/** One-hot rows of length `depth` for integer labels: shape `[...indices.shape, depth]`. */
export function oneHot(indices: NdArray, depth: number, options: { dtype?: DType } = {}): NdArray {
  return build([...indices.shape, depth], options.dtype ?? 'float32', (c) => (at(indices, c.slice(0, -1)) === c[c.length - 1] ? 1 : 0));
}
