import { add, cast, DTypeError, mean, mul, relu, ShapeError, square, sub, sum, ValueError, type Reduction, type Tensor } from '@dlkit/core';
import { formatShape } from '../layers/arguments.js';
import { assertPairShapes, embeddingDistance } from './distance.js';

/** Options of {@link contrastiveLoss}. */
export interface ContrastiveLossOptions {
  /** How far apart different identities must be pushed (default 1). */
  margin?: number;
  /** `'mean'` (default), `'sum'` or `'none'`. */
  reduction?: Reduction;
}

/**
 * The contrastive loss of Hadsell, Chopra & LeCun (2006) on pairs:
 * `L = ½·[y·d² + (1 − y)·max(margin − d, 0)²]` with `d = ‖f(x1) − f(x2) + 1e-6‖₂` and `y = 1` for
 * a same-identity pair — pulls matching pairs together and pushes others beyond the margin.
 *
 * Shapes: `[m, d]`, `[m, d]`, `same [m]` (bool, int32 or float 0/1) → scalar (`[m]` with `'none'`).
 * @example contrastiveLoss(...siamese.forward(x1, x2), same, { margin: 1 })
 */
export function contrastiveLoss(a: Tensor, b: Tensor, same: Tensor, options: ContrastiveLossOptions = {}): Tensor {
  const where = 'contrastiveLoss';
  assertPairShapes(a, b, where);
  if (same.rank !== 1 || same.shape[0] !== a.shape[0]) throw new ShapeError(`${where}: expected same [${a.shape[0]}] (one flag per pair), got ${formatShape(same.shape)}`);
  if (!['bool', 'int32', 'float32', 'float64'].includes(same.dtype)) throw new DTypeError(`${where}: same must be bool, int32 or float, got ${same.dtype}`);
  const { margin = 1, reduction = 'mean' } = options;
  if (!Number.isFinite(margin) || margin <= 0) throw new ValueError(`${where}: margin must be a positive number, got ${margin}`);
  const y = cast(same, a.dtype);
  const d = embeddingDistance(a, b);
  const losses = mul(add(mul(y, square(d)), mul(sub(1, y), square(relu(sub(margin, d))))), 0.5);
  if (reduction === 'none') return losses;
  if (reduction === 'sum') return sum(losses);
  if (reduction === 'mean') return mean(losses);
  throw new ValueError(`${where}: reduction must be 'mean', 'sum' or 'none', got ${JSON.stringify(reduction)}`);
}
