import { shapesEqual, type Shape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { reshape } from './shape.js';
import { sum } from './reduce.js';

/**
 * Sums a broadcast gradient back down to the shape of the input it was broadcast from:
 * the adjoint of NumPy broadcasting.
 */
export function sumToShape(grad: Tensor, shape: Shape): Tensor {
  if (shapesEqual(grad.shape, shape)) return grad;
  const lead = grad.rank - shape.length;
  const axes: number[] = [];
  for (let d = 0; d < grad.rank; d++) {
    if (d < lead || (shape[d - lead] === 1 && grad.shape[d] !== 1)) axes.push(d);
  }
  return reshape(axes.length > 0 ? sum(grad, axes) : grad, shape);
}
