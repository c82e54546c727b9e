import { DTypeError, ValueError } from '../errors.js';
import { isFloat } from '../dtype.js';
import type { Tensor } from '../tensor.js';
import { mul } from './binary.js';
import { bernoulli, type RandomOptions } from './random.js';

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
