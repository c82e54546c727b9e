import { oneHot as coreOneHot, tensor, ValueError, type FloatDType, type Tensor } from '@dlkit/core';

/**
 * One-hot rows from class labels: `[m]` int32 labels (a tensor or plain numbers) → `[m, C]`
 * floats with a 1 in each label's column. The course's `Y` of shape `(C, m)` is its transpose.
 * @example oneHot([0, 2, 1], 3) // [[1,0,0],[0,0,1],[0,1,0]]
 */
export function oneHot(labels: Tensor | readonly number[], numClasses: number, options: { dtype?: FloatDType } = {}): Tensor {
  let indices: Tensor;
  if (Array.isArray(labels)) {
    const values = labels as readonly number[];
    values.forEach((v, i) => {
      if (!Number.isInteger(v)) throw new ValueError(`oneHot: labels must be integers, got ${v} at position ${i}`);
    });
    indices = tensor(Int32Array.from(values));
  } else {
    indices = labels as Tensor;
  }
  return coreOneHot(indices, numClasses, { dtype: options.dtype ?? 'float32' });
}
