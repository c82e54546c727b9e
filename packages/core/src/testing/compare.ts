import { isFloat } from '@dlkit/core';
import type { Tensor } from '@dlkit/core';
import type { NdArray } from './reference/array.js';
import { DEFAULT_TOLERANCES, type Tolerance } from './spec.js';

const fmt = (shape: readonly number[]): string => `[${shape.join(',')}]`;

/**
 * Compares two flat value lists elementwise: `|a - e| <= atol + rtol·|e|` (or exact equality when
 * `tolerance` is `'exact'`). NaN matches NaN and infinities must match exactly. Returns `null` when
 * everything matches, else a description of the first few mismatches.
 * @example compareValues([1, 2.00001], [1, 2], { atol: 1e-4, rtol: 0 }) // null
 */
export function compareValues(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: Tolerance | 'exact'): string | null {
  if (actual.length !== expected.length) return `expected ${expected.length} values, got ${actual.length}`;
  const bad: string[] = [];
  let count = 0;
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    let ok: boolean;
    if (Number.isNaN(e) || Number.isNaN(a)) ok = Number.isNaN(e) && Number.isNaN(a);
    else if (!Number.isFinite(e) || !Number.isFinite(a) || tolerance === 'exact') ok = a === e;
    else ok = Math.abs(a - e) <= tolerance.atol + tolerance.rtol * Math.abs(e);
    if (!ok) {
      count++;
      if (bad.length < 5) bad.push(`[${i}] got ${a}, expected ${e}`);
    }
  }
  if (count === 0) return null;
  const tol = tolerance === 'exact' ? 'exactly' : `within atol ${tolerance.atol} + rtol ${tolerance.rtol}`;
  return `${count} of ${actual.length} values differ (${tol}): ${bad.join('; ')}${count > bad.length ? '; ...' : ''}`;
}

/** A tensor's shape, dtype and values as a reference {@link NdArray}. */
export function toNdArray(t: Tensor): NdArray {
  return { shape: [...t.shape], data: Float64Array.from(t.dataSync()), dtype: t.dtype };
}

/**
 * Throws unless `actual` has `expected`'s shape and dtype and values within tolerance (float
 * results) or exactly equal (int32 and bool results). `tolerance` defaults to
 * {@link DEFAULT_TOLERANCES} for the result's dtype.
 * @example assertClose(matmul(a, b), reference.matmul(toNdArray(a), toNdArray(b)));
 */
export function assertClose(actual: Tensor, expected: NdArray, tolerance?: Tolerance, what = 'result'): void {
  if (actual.shape.length !== expected.shape.length || actual.shape.some((d, i) => d !== expected.shape[i])) {
    throw new Error(`${what}: expected shape ${fmt(expected.shape)}, got ${fmt(actual.shape)}`);
  }
  if (actual.dtype !== expected.dtype) throw new Error(`${what}: expected dtype ${expected.dtype}, got ${actual.dtype}`);
  const values = actual.dataSync();
  const tol: Tolerance | 'exact' = isFloat(actual.dtype) ? (tolerance ?? DEFAULT_TOLERANCES[actual.dtype]) : 'exact';
  const problem = compareValues(values, expected.data, tol);
  if (problem !== null) throw new Error(`${what} ${actual.dtype}${fmt(actual.shape)}: ${problem}`);
}
