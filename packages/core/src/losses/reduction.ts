import { ShapeError, ValueError } from '../errors.js';
import { formatShape, shapesEqual } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { mean, sum } from '../ops/reduce.js';
import { assertTensor } from '../ops/primitive.js';

/** How per-element losses become the result: their mean (default), their sum, or all of them. */
export type Reduction = 'mean' | 'sum' | 'none';

/** Options every loss takes. */
export interface LossOptions {
  /** `'mean'` (default) gives a scalar mean, `'sum'` a scalar sum, `'none'` the per-element losses. */
  reduction?: Reduction;
}

/** Applies `reduction` to per-element losses. */
export function reduceLoss(losses: Tensor, reduction: Reduction | undefined, where: string): Tensor {
  switch (reduction ?? 'mean') {
    case 'mean': return mean(losses);
    case 'sum': return sum(losses);
    case 'none': return losses;
    default: throw new ValueError(`${where}: reduction must be 'mean', 'sum' or 'none', got ${JSON.stringify(reduction)}`);
  }
}

/** Throws unless predictions and targets have the same shape. */
export function assertSameShape(prediction: Tensor, target: Tensor, where: string): void {
  assertTensor(prediction, where, 'prediction');
  assertTensor(target, where, 'target');
  if (!shapesEqual(prediction.shape, target.shape)) {
    throw new ShapeError(`${where}: prediction ${formatShape(prediction.shape)} and target ${formatShape(target.shape)} must have the same shape`);
  }
}
