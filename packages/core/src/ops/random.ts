import { allocate, isFloat, type DType, type TypedArray } from '../dtype.js';
import { DTypeError, ValueError } from '../errors.js';
import { assertValidShape, sizeOf } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { mul } from './binary.js';
import { generatorFor, type Generator } from '../random/generator.js';
import { fromValues, type CreationOptions } from './creation.js';

/** Options of the random creation functions. */
export interface RandomOptions extends CreationOptions {
  /** Use a private generator with this seed instead of the global one (see `manualSeed`). */
  seed?: number;
}

function sample(shape: readonly number[], options: RandomOptions, where: string, fill: (g: Generator, out: TypedArray) => void): Tensor {
  assertValidShape(shape, where);
  const dtype: DType = options.dtype ?? 'float32';
  const generator = generatorFor(options.seed);
  const values = allocate(dtype, sizeOf(shape));
  fill(generator, values);
  return fromValues(values, shape, options);
}

function requireFloat(options: RandomOptions, where: string): void {
  if (options.dtype !== undefined && !isFloat(options.dtype)) {
    throw new DTypeError(`${where}: expected a float dtype, got ${options.dtype}`);
  }
}

/**
 * Uniform samples in `[low, high)` (default `[0, 1)`).
 * @example rand([2, 3], { seed: 1 })
 */
export function rand(shape: readonly number[], options: RandomOptions & { low?: number; high?: number } = {}): Tensor {
  requireFloat(options, 'rand');
  const low = options.low ?? 0;
  const high = options.high ?? 1;
  if (!(low < high)) throw new ValueError(`rand: low must be < high, got low=${low}, high=${high}`);
  return sample(shape, options, 'rand', (g, out) => g.fillUniform(out, low, high));
}

/**
 * Normal samples with `mean` (default 0) and `std` (default 1): the course's `np.random.randn`.
 * @example randn([4, 2]).mul(0.01) // the course's small random initialization
 */
export function randn(shape: readonly number[], options: RandomOptions & { mean?: number; std?: number } = {}): Tensor {
  requireFloat(options, 'randn');
  const mean = options.mean ?? 0;
  const std = options.std ?? 1;
  if (!(std >= 0)) throw new ValueError(`randn: std must be >= 0, got ${std}`);
  return sample(shape, options, 'randn', (g, out) => g.fillNormal(out, mean, std));
}

/**
 * Uniform integers in `[low, high)` (int32 by default).
 * @example randint(0, 10, [5])
 */
export function randint(low: number, high: number, shape: readonly number[], options: RandomOptions = {}): Tensor {
  if (!Number.isInteger(low) || !Number.isInteger(high) || low >= high) {
    throw new ValueError(`randint: expected integers low < high, got low=${low}, high=${high}`);
  }
  if ((options.dtype ?? 'int32') === 'int32' && (low < -(2 ** 31) || high > 2 ** 31)) {
    throw new ValueError(`randint: int32 values need -2147483648 <= low < high <= 2147483648, got low=${low}, high=${high}`);
  }
  return sample(shape, { dtype: 'int32', ...options }, 'randint', (g, out) => g.fillInt(out, low, high));
}

/**
 * Bernoulli samples: 1 with probability `p`, else 0 (float32 by default).
 * @example bernoulli([3, 3], 0.8) // a dropout keep-mask
 */
export function bernoulli(shape: readonly number[], p: number, options: RandomOptions = {}): Tensor {
  if (!(p >= 0 && p <= 1)) throw new ValueError(`bernoulli: p must be in [0, 1], got ${p}`);
  return sample(shape, options, 'bernoulli', (g, out) => g.fillBernoulli(out, p));
}

/**
 * Inverted dropout: zeroes each value with probability `rate` and scales the survivors by
 * `1/(1 - rate)`, so the expected activation is unchanged and nothing is rescaled at test time
 * (the course's `d = rand < keepProb; a = a * d / keepProb`). Call it only while training.
 * @example dropout(a, 0.2, { seed: 1 })
 */
export function dropout(x: Tensor, rate: number, options: Pick<RandomOptions, 'seed'> = {}): Tensor {
  if (!(rate >= 0 && rate < 1)) throw new ValueError(`dropout: rate must be in [0, 1), got ${rate}`);
  if (!isFloat(x.dtype)) throw new DTypeError(`dropout: expected a float tensor, got ${x.dtype}`);
  if (rate === 0) return x;
  const keep = bernoulli([...x.shape], 1 - rate, { dtype: x.dtype, ...options });
  return mul(x, keep.mul(1 / (1 - rate)));
}
