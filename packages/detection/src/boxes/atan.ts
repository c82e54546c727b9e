import { add, mul, reciprocal, square, sub, tensor, type Tensor } from '@dlkit/core';

/**
 * `atan(u)` with its derivative `1 / (1 + u²)`. Core has no arctangent op, so the value is
 * computed on the numbers and the derivative joins the graph through `u − stop(u)`.
 */
export function atan(u: Tensor): Tensor {
  const values = Float64Array.from(u.dataSync(), Math.atan);
  const value = tensor(values, { shape: [...u.shape], dtype: u.dtype });
  const slope = reciprocal(add(square(u.detach()), 1));
  return add(value, mul(sub(u, u.detach()), slope));
}
