/**
 * Reference reductions and statistics. Each output element is computed from the explicit list of
 * input values that map to it (in row-major order), so every reduction is a one-line fold.
 */
import type { DType } from '@dlkit/core';
import { coordsOf, flatIndex, isFloatDType, nd, resolveAxes, resolveAxis, shapeSize, type NdArray } from './array.js';

/** Axes to reduce: one, a list, or all when omitted. */
export type RefAxes = number | readonly number[] | undefined;

interface Groups {
  /** Output shape with reduced axes dropped, or kept as 1 when `keepDims`. */
  readonly shape: number[];
  /** For each output element, the input values reduced into it, in row-major order. */
  readonly lists: number[][];
}

function group(x: NdArray, axesArg: RefAxes, keepDims: boolean): Groups {
  const axes = resolveAxes(axesArg, x.shape.length);
  const kept = x.shape.map((_, d) => d).filter((d) => !axes.includes(d));
  const dropped = kept.map((d) => x.shape[d]!);
  const lists: number[][] = Array.from({ length: shapeSize(dropped) }, () => []);
  for (let i = 0; i < x.data.length; i++) {
    const coords = coordsOf(i, x.shape);
    lists[flatIndex(kept.map((d) => coords[d]!), dropped)]!.push(x.data[i]!);
  }
  const shape = keepDims ? x.shape.map((n, d) => (axes.includes(d) ? 1 : n)) : dropped;
  return { shape, lists };
}

function fold(x: NdArray, axes: RefAxes, keepDims: boolean, dtype: DType, f: (values: number[]) => number): NdArray {
  const g = group(x, axes, keepDims);
  return nd(g.shape, g.lists.map(f), dtype);
}

/** Sum of a list of values. */
export const total = (v: number[]): number => v.reduce((s, a) => s + a, 0);
/** Max of a list of values, NaN if any is NaN. */
export const maxOf = (v: number[]): number => v.reduce((m, a) => (Number.isNaN(m) || Number.isNaN(a) ? NaN : a > m ? a : m), -Infinity);
const minOf = (v: number[]): number => v.reduce((m, a) => (Number.isNaN(m) || Number.isNaN(a) ? NaN : a < m ? a : m), Infinity);
const meanOf = (v: number[]): number => total(v) / v.length;
const floatOf = (dtype: DType): DType => (isFloatDType(dtype) ? dtype : 'float32');
const intIfBool = (dtype: DType): DType => (dtype === 'bool' ? 'int32' : dtype);

/** Sum over `axes` (bool sums give int32). */
export function sum(x: NdArray, axes?: RefAxes, keepDims = false): NdArray {
  return fold(x, axes, keepDims, intIfBool(x.dtype), total);
}

/** Product over `axes` (bool gives int32). */
export function prod(x: NdArray, axes?: RefAxes, keepDims = false): NdArray {
  return fold(x, axes, keepDims, intIfBool(x.dtype), (v) => v.reduce((p, a) => p * a, 1));
}

/** Maximum over `axes` (NaN propagates). */
export function max(x: NdArray, axes?: RefAxes, keepDims = false): NdArray {
  return fold(x, axes, keepDims, x.dtype, maxOf);
}

/** Minimum over `axes` (NaN propagates). */
export function min(x: NdArray, axes?: RefAxes, keepDims = false): NdArray {
  return fold(x, axes, keepDims, x.dtype, minOf);
}

/** Mean over `axes` (integers averaged as float32; an empty reduction is NaN). */
export function mean(x: NdArray, axes?: RefAxes, keepDims = false): NdArray {
  return fold(x, axes, keepDims, floatOf(x.dtype), meanOf);
}

function argReduce(x: NdArray, axis: number, better: (a: number, b: number) => boolean): NdArray {
  return fold(x, resolveAxis(axis, x.shape.length), false, 'int32', (v) => {
    let best = 0;
    for (let i = 1; i < v.length; i++) if (better(v[i]!, v[best]!)) best = i;
    return best;
  });
}

/** Whether `a` replaces the best so far `b`: a NaN beats every number (PyTorch: NaN is the max and the min). */
const nanFirst = (a: number, b: number): boolean => Number.isNaN(a) && !Number.isNaN(b);

/** Index of the first maximum along `axis` → int32 (the first NaN, if any). */
export function argMax(x: NdArray, axis = -1): NdArray {
  return argReduce(x, axis, (a, b) => nanFirst(a, b) || a > b);
}

/** Index of the first minimum along `axis` → int32 (the first NaN, if any). */
export function argMin(x: NdArray, axis = -1): NdArray {
  return argReduce(x, axis, (a, b) => nanFirst(a, b) || a < b);
}

/** `log Σ exp(x)` over `axes`, shifted by the maximum. */
export function logSumExp(x: NdArray, axes?: RefAxes, keepDims = false): NdArray {
  return fold(x, axes, keepDims, floatOf(x.dtype), (v) => {
    const m = maxOf(v);
    if (!Number.isFinite(m)) return Math.log(total(v.map(Math.exp)));
    return m + Math.log(total(v.map((a) => Math.exp(a - m))));
  });
}

/** `Σ(x - μ)² / (n - correction)` over `axes`. */
export function variance(x: NdArray, axes?: RefAxes, options: { correction?: number; keepDims?: boolean } = {}): NdArray {
  const correction = options.correction ?? 0;
  return fold(x, axes, options.keepDims ?? false, floatOf(x.dtype), (v) => {
    const mu = meanOf(v);
    return total(v.map((a) => (a - mu) ** 2)) / (v.length - correction);
  });
}

/** `[mean, variance]` over `axes`. */
export function moments(x: NdArray, axes?: RefAxes, options: { correction?: number; keepDims?: boolean } = {}): NdArray[] {
  return [mean(x, axes, options.keepDims ?? false), variance(x, axes, options)];
}

/** `√variance`. */
export function std(x: NdArray, axes?: RefAxes, options: { correction?: number; keepDims?: boolean } = {}): NdArray {
  const v = variance(x, axes, options);
  return nd(v.shape, Array.from(v.data, Math.sqrt), v.dtype);
}

/** Vector p-norm (p = 1, 2 or Infinity) over `axes`. */
export function norm(x: NdArray, p: number = 2, axes?: RefAxes, keepDims = false): NdArray {
  return fold(x, axes, keepDims, x.dtype, (v) => {
    if (p === 1) return total(v.map(Math.abs));
    if (p === Infinity) return maxOf(v.map(Math.abs));
    return Math.sqrt(total(v.map((a) => a * a)));
  });
}
