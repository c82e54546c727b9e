import { DTypeError, ShapeError, ValueError } from '../errors.js';
import { broadcastShapes, formatShape, normalizeAxis, shapesEqual } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { backendOf, recordPrimitive } from './primitive.js';
import { fromValues, zerosLike } from './creation.js';
import { greater, less, sub, where } from './binary.js';
import { broadcastTo } from './shape.js';
import { findBadIndex } from './index-checks.js';
import { cast } from './unary.js';
import { isFloat } from '../dtype.js';

function checkIndices(where_: string, x: Tensor, indices: Tensor, axis: number): void {
  if (indices.dtype !== 'int32') throw new DTypeError(`${where_}: indices must be int32, got ${indices.dtype}`);
  const size = x.shape[axis]!;
  const bad = findBadIndex(x.backend, indices, size);
  if (bad !== null) {
    throw new ValueError(`${where_}: index ${bad.value} is out of range for axis ${axis} of size ${size} (shape ${formatShape(x.shape)})`);
  }
}

/**
 * Takes slices along `axis` at `indices` (NumPy's `take`, TensorFlow's `gather`): the result has
 * shape `x.shape[:axis] + indices.shape + x.shape[axis+1:]`. This is an embedding lookup.
 * Indices are validated as {@link setIndexChecks} says.
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

/** `shape` with dim `axis` replaced by `size`. */
const withAxis = (shape: readonly number[], axis: number, size: number): number[] => shape.map((d, i) => (i === axis ? size : d));

/**
 * Picks one element per position along `axis` (NumPy's `take_along_axis`, PyTorch's
 * `take_along_dim`; `torch.gather` when no broadcasting is needed):
 * `out[..., j, ...] = x[..., indices[..., j, ...], ...]`.
 *
 * Shapes: `indices` (int32) has `x`'s rank; every dim but `axis` broadcasts against `x`'s by NumPy
 * rules, and the result has the broadcast shape with `indices.shape[axis]` along `axis`. Indices
 * are validated as {@link setIndexChecks} says.
 * @example
 * ```ts
 * const logProbs = logSoftmax(logits);                                   // [N, C]
 * takeAlongAxis(logProbs, expandDims(labels, -1), -1);                   // [N, 1]: log p[y]
 * takeAlongAxis(tensor([[10, 20, 30]]), tensor([[2, 0]], { dtype: 'int32' }), 1); // [[30, 10]]
 * ```
 */
export function takeAlongAxis(x: Tensor, indices: Tensor, axis: number): Tensor {
  const where_ = 'takeAlongAxis';
  if (indices.dtype !== 'int32') throw new DTypeError(`${where_}: indices must be int32, got ${indices.dtype}`);
  if (indices.rank !== x.rank || x.rank === 0) {
    throw new ShapeError(`${where_}: indices must have the rank of x (at least 1), got x ${formatShape(x.shape)} and indices ${formatShape(indices.shape)}`);
  }
  const a = normalizeAxis(axis, x.rank, where_);
  const common = broadcastShapes(withAxis(x.shape, a, 1), withAxis(indices.shape, a, 1), where_);
  checkIndices(where_, x, indices, a);
  const source = broadcastTo(x, withAxis(common, a, x.shape[a]!));
  const index = broadcastTo(indices, withAxis(common, a, indices.shape[a]!));
  return pickAlongAxis(source, index, a);
}

/** The takeAlongAxis primitive on inputs already broadcast and known to be in range (sort, topk). */
export function pickAlongAxis(x: Tensor, indices: Tensor, axis: number): Tensor {
  const backend = backendOf([x, indices], 'takeAlongAxis');
  return recordPrimitive('takeAlongAxis', [x, indices], { axis }, { shape: indices.shape, dtype: x.dtype, backend }, () =>
    backend.takeAlongAxis(x, indices, axis),
  );
}

/**
 * `x` with each `updates[..., j, ...]` added at `x[..., indices[..., j, ...], ...]` (repeats add
 * up): PyTorch's `scatter_add`, the adjoint of {@link takeAlongAxis}.
 *
 * Shapes: `indices` (int32) and `updates` have one shape, equal to `x`'s except along `axis`;
 * the result has `x`'s shape.
 * @example scatterAddAlongAxis(zeros([1, 3]), tensor([[2, 2]], { dtype: 'int32' }), tensor([[1, 4]]), 1) // [[0, 0, 5]]
 */
export function scatterAddAlongAxis(x: Tensor, indices: Tensor, updates: Tensor, axis: number): Tensor {
  const where_ = 'scatterAddAlongAxis';
  if (indices.dtype !== 'int32') throw new DTypeError(`${where_}: indices must be int32, got ${indices.dtype}`);
  if (x.dtype === 'bool') throw new DTypeError(`${where_}: x must be a float or int32 tensor (values are added), got bool`);
  const a = x.rank === 0 ? 0 : normalizeAxis(axis, x.rank, where_);
  const fits = indices.rank === x.rank && x.rank > 0 && shapesEqual(withAxis(indices.shape, a, 1), withAxis(x.shape, a, 1));
  if (!fits || !shapesEqual(updates.shape, indices.shape) || updates.dtype !== x.dtype) {
    throw new ShapeError(
      `${where_}: indices and updates must match x ${formatShape(x.shape)} except along axis ${a}, updates of dtype ${x.dtype}; got indices ${formatShape(indices.shape)}, updates ${updates.dtype} ${formatShape(updates.shape)}`,
    );
  }
  checkIndices(where_, x, indices, a);
  const backend = backendOf([x, indices, updates], where_);
  return recordPrimitive('scatterAddAlongAxis', [x, indices, updates], { axis: a }, { shape: x.shape, dtype: x.dtype, backend }, () =>
    backend.scatterAddAlongAxis(x, indices, updates, a),
  );
}

/**
 * `x` with `value` wherever `mask` is true (PyTorch's `masked_fill`); `mask` is bool and
 * broadcasts to `x`'s shape. The gradient flows to `x` where the mask is false.
 * Shapes: `x [...]`, `mask` broadcastable to it → `x`'s shape and dtype.
 * @example maskedFill(scores, logicalNot(keyMask), -Infinity) // hide padded keys before softmax
 */
export function maskedFill(x: Tensor, mask: Tensor, value: number): Tensor {
  if (mask.dtype !== 'bool') throw new DTypeError(`maskedFill: mask must be bool, got ${mask.dtype}`);
  const shape = broadcastShapes(x.shape, mask.shape, 'maskedFill');
  if (!shapesEqual(shape, x.shape)) {
    throw new ShapeError(`maskedFill: mask ${formatShape(mask.shape)} must broadcast to x ${formatShape(x.shape)}`);
  }
  if (!isFloat(x.dtype) && !Number.isInteger(value)) {
    throw new DTypeError(`maskedFill: cannot fill ${x.dtype} x with the non-integer value ${value}`);
  }
  const filled = where(mask, value, x);
  return filled.dtype === x.dtype ? filled : cast(filled, x.dtype);
}

/** `j - i` for every `(i, j)` of the last two dims of `x`, as an int32 `[m, n]` on `x`'s backend. */
function diagonalOffsets(x: Tensor, where_: string): Tensor {
  if (x.rank < 2) throw new ShapeError(`${where_}: expected a tensor with at least 2 dims, got ${formatShape(x.shape)}`);
  const m = x.shape[x.rank - 2]!;
  const n = x.shape[x.rank - 1]!;
  const iota = (k: number): Int32Array => Int32Array.from({ length: k }, (_, i) => i);
  const rows = fromValues(iota(m), [m, 1], { dtype: 'int32' }, x.backend);
  const cols = fromValues(iota(n), [1, n], { dtype: 'int32' }, x.backend);
  return sub(cols, rows);
}

function checkDiagonal(k: number, where_: string): void {
  if (!Number.isInteger(k)) throw new ValueError(`${where_}: diagonal k must be an integer, got ${k}`);
}

/**
 * The upper triangle of the last two dims (PyTorch's `triu`): keeps `x[..., i, j]` where
 * `j - i >= k` and zeroes the rest. `k = 0` keeps the main diagonal, `k > 0` starts above it.
 * Shapes: `[..., m, n]` → same.
 * @example triu(ones([3, 3]), 1) // strictly upper triangular: a causal mask's complement
 */
export function triu(x: Tensor, k = 0): Tensor {
  checkDiagonal(k, 'triu');
  return maskedFill(x, less(diagonalOffsets(x, 'triu'), k), 0);
}

/**
 * The lower triangle of the last two dims (PyTorch's `tril`): keeps `x[..., i, j]` where
 * `j - i <= k` and zeroes the rest.
 * Shapes: `[..., m, n]` → same.
 * @example tril(ones([4, 4])) // the causal attention pattern
 */
export function tril(x: Tensor, k = 0): Tensor {
  checkDiagonal(k, 'tril');
  return maskedFill(x, greater(diagonalOffsets(x, 'tril'), k), 0);
}

// ---- gradients ----

export function gatherGrad(dy: Tensor, [x, indices]: readonly Tensor[], _y: Tensor, attrs: { axis: number }): (Tensor | null)[] {
  return [scatterAdd(zerosLike(x!), indices!, dy, attrs.axis), null];
}

export function scatterAddGrad(dy: Tensor, [, indices]: readonly Tensor[], _y: Tensor, attrs: { axis: number }): (Tensor | null)[] {
  return [dy, null, gather(dy, indices!, attrs.axis)];
}

export function takeAlongAxisGrad(dy: Tensor, [x, indices]: readonly Tensor[], _y: Tensor, attrs: { axis: number }): (Tensor | null)[] {
  return [scatterAddAlongAxis(zerosLike(x!), indices!, dy, attrs.axis), null];
}

export function scatterAddAlongAxisGrad(dy: Tensor, [, indices]: readonly Tensor[], _y: Tensor, attrs: { axis: number }): (Tensor | null)[] {
  return [dy, null, takeAlongAxis(dy, indices!, attrs.axis)];
}
