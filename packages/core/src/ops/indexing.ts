import { DTypeError, ShapeError, ValueError } from '../errors.js';
import { formatShape, normalizeAxis, shapesEqual } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { backendOf, recordPrimitive } from './primitive.js';
import { zerosLike } from './creation.js';

function checkIndices(where: string, x: Tensor, indices: Tensor, axis: number): void {
  if (indices.dtype !== 'int32') throw new DTypeError(`${where}: indices must be int32, got ${indices.dtype}`);
  const size = x.shape[axis]!;
  const values = indices.dataSync();
  for (let i = 0; i < values.length; i++) {
    if (values[i]! < 0 || values[i]! >= size) {
      throw new ValueError(`${where}: index ${values[i]} is out of range for axis ${axis} of size ${size} (shape ${formatShape(x.shape)})`);
    }
  }
}

/**
 * Takes slices along `axis` at `indices` (NumPy's `take`, TensorFlow's `gather`): the result has
 * shape `x.shape[:axis] + indices.shape + x.shape[axis+1:]`. This is an embedding lookup.
 * @example gather(tensor([[1, 2], [3, 4], [5, 6]]), tensor([2, 0], { dtype: 'int32' })) // [[5, 6], [1, 2]]
 */
export function gather(x: Tensor, indices: Tensor, axis = 0): Tensor {
  const a = normalizeAxis(axis, x.rank, 'gather');
  checkIndices('gather', x, indices, a);
  const shape = [...x.shape.slice(0, a), ...indices.shape, ...x.shape.slice(a + 1)];
  const backend = backendOf([x, indices], 'gather');
  return recordPrimitive('gather', [x, indices], { axis: a }, { shape, dtype: x.dtype, backend }, () =>
    backend.gather(x, indices, a, shape),
  );
}

/**
 * `x` with `updates` added at `indices` along `axis` (repeated indices add up): the adjoint of
 * {@link gather}, so `updates` has `gather(x, indices, axis)`'s shape.
 * @example scatterAdd(zeros([3]), tensor([0, 0, 2], { dtype: 'int32' }), tensor([1, 2, 5])) // [3, 0, 5]
 */
export function scatterAdd(x: Tensor, indices: Tensor, updates: Tensor, axis = 0): Tensor {
  const a = normalizeAxis(axis, x.rank, 'scatterAdd');
  checkIndices('scatterAdd', x, indices, a);
  const expected = [...x.shape.slice(0, a), ...indices.shape, ...x.shape.slice(a + 1)];
  if (!shapesEqual(updates.shape, expected) || updates.dtype !== x.dtype) {
    throw new ShapeError(`scatterAdd: updates must be ${x.dtype} ${formatShape(expected)}, got ${updates.dtype} ${formatShape(updates.shape)}`);
  }
  const backend = backendOf([x, indices, updates], 'scatterAdd');
  return recordPrimitive('scatterAdd', [x, indices, updates], { axis: a }, { shape: x.shape, dtype: x.dtype, backend }, () =>
    backend.scatterAdd(x, indices, updates, a),
  );
}

// ---- gradients ----

export function gatherGrad(dy: Tensor, [x, indices]: readonly Tensor[], _y: Tensor, attrs: { axis: number }): (Tensor | null)[] {
  return [scatterAdd(zerosLike(x!), indices!, dy, attrs.axis), null];
}

export function scatterAddGrad(dy: Tensor, [, indices]: readonly Tensor[], _y: Tensor, attrs: { axis: number }): (Tensor | null)[] {
  return [dy, null, gather(dy, indices!, attrs.axis)];
}
