/**
 * Reference random ops, for the cases whose result is deterministic: empty shapes, a zero
 * standard deviation, a one-value integer range, probabilities 0 and 1, dropout at rate 0.
 * Seeded draws are checked as properties of the specs instead.
 */
import type { DType } from '@dlkit/core';
import { nd, shapeSize, type NdArray } from './array.js';

function constant(where: string, shape: readonly number[], value: number | undefined, dtype: DType): NdArray {
  if (value === undefined && shapeSize(shape) > 0) throw new Error(`reference ${where}: only deterministic cases have a reference`);
  return nd(shape, new Array<number>(shapeSize(shape)).fill(value ?? 0), dtype);
}

/** Uniform samples: deterministic only for an empty shape. */
export function rand(shape: readonly number[], options: { dtype?: DType } = {}): NdArray {
  return constant('rand', shape, undefined, options.dtype ?? 'float32');
}

/** Normal samples: with `std` 0 every value is `mean`. */
export function randn(shape: readonly number[], options: { dtype?: DType; mean?: number; std?: number } = {}): NdArray {
  return constant('randn', shape, options.std === 0 ? (options.mean ?? 0) : undefined, options.dtype ?? 'float32');
}

/** Integers in `[low, high)`: with `high = low + 1` every value is `low`. */
export function randint(low: number, high: number, shape: readonly number[], options: { dtype?: DType } = {}): NdArray {
  return constant('randint', shape, high === low + 1 ? low : undefined, options.dtype ?? 'int32');
}

/** Bernoulli samples: all 0 for `p = 0`, all 1 for `p = 1`. */
export function bernoulli(shape: readonly number[], p: number, options: { dtype?: DType } = {}): NdArray {
  return constant('bernoulli', shape, p === 0 || p === 1 ? p : undefined, options.dtype ?? 'float32');
}

/** Dropout at rate 0 is the identity; any other rate has no deterministic reference. */
export function dropout(x: NdArray, rate: number): NdArray {
  if (rate !== 0) throw new Error('reference dropout: only rate 0 has a deterministic reference');
  return x;
}
