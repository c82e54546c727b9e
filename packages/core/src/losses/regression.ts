import { ValueError } from '../errors.js';
import type { Tensor } from '../tensor.js';
import { minimum, mul, sub } from '../ops/binary.js';
import { abs, square } from '../ops/unary.js';
import { assertSameShape, reduceLoss, type LossOptions } from './reduction.js';

/**
 * Mean squared error `(ŷ - y)²`.
 * @example meanSquaredError(prediction, target)
 */
export function meanSquaredError(prediction: Tensor, target: Tensor, options: LossOptions = {}): Tensor {
  assertSameShape(prediction, target, 'meanSquaredError');
  return reduceLoss(square(sub(prediction, target)), options.reduction, 'meanSquaredError');
}

/**
 * Mean absolute error `|ŷ - y|`.
 * @example meanAbsoluteError(prediction, target, { reduction: 'sum' })
 */
export function meanAbsoluteError(prediction: Tensor, target: Tensor, options: LossOptions = {}): Tensor {
  assertSameShape(prediction, target, 'meanAbsoluteError');
  return reduceLoss(abs(sub(prediction, target)), options.reduction, 'meanAbsoluteError');
}

/**
 * Huber loss (PyTorch's `huber_loss`): `½d²` where `|d| <= δ`, else `δ·(|d| - ½δ)`, with `d = ŷ - y`.
 * Quadratic near zero, linear in the tails, so outliers pull less than with squared error.
 * @example huber(prediction, target, { delta: 1 })
 */
export function huber(prediction: Tensor, target: Tensor, options: LossOptions & { delta?: number } = {}): Tensor {
  assertSameShape(prediction, target, 'huber');
  const delta = options.delta ?? 1;
  if (!(delta > 0)) throw new ValueError(`huber: delta must be > 0, got ${delta}`);
  const distance = abs(sub(prediction, target));
  // min(|d|, δ) splits |d| into a quadratic part q and a linear remainder |d| - q.
  const quadratic = minimum(distance, delta);
  const losses = mul(quadratic, 0.5).mul(quadratic).add(mul(sub(distance, quadratic), delta));
  return reduceLoss(losses, options.reduction, 'huber');
}
