import { add, maximum, norm, ShapeError, sqrt, square, sub, sum, type Tensor, div } from '@dlkit/core';
import { formatShape } from '../layers/arguments.js';

/** Throws unless `a` and `b` are both `[m, d]` embeddings. */
export function assertPairShapes(a: Tensor, b: Tensor, where: string, names: readonly [string, string] = ['a', 'b']): void {
  if (a.rank !== 2 || b.rank !== 2 || a.shape[0] !== b.shape[0] || a.shape[1] !== b.shape[1]) {
    throw new ShapeError(`${where}: expected ${names[0]} and ${names[1]} as embeddings of one shape [m, d], got ${formatShape(a.shape)} and ${formatShape(b.shape)}`);
  }
}

/**
 * Distance between matching rows of two embedding batches: `‖a − b‖²` when `squared` (the
 * course's), else `‖a − b + eps‖₂` as PyTorch's `F.pairwise_distance` computes it (eps keeps the
 * gradient finite when two embeddings coincide).
 *
 * Shapes: `[m, d]`, `[m, d]` → `[m]`.
 * @example embeddingDistance(f(x1), f(x2), { squared: true })
 */
export function embeddingDistance(a: Tensor, b: Tensor, options: { squared?: boolean; eps?: number } = {}): Tensor {
  assertPairShapes(a, b, 'embeddingDistance');
  const { squared = false, eps = 1e-6 } = options;
  if (squared) return sum(square(sub(a, b)), -1);
  return sqrt(sum(square(add(sub(a, b), eps)), -1));
}

/**
 * Rows scaled to unit L2 norm, `x / max(‖x‖₂, eps)` (PyTorch's `F.normalize`): FaceNet's
 * embeddings live on the unit hypersphere, so squared distances lie in [0, 4].
 *
 * Shapes: `[..., d]` → `[..., d]`.
 * @example l2Normalize(encoder.forward(images))
 */
export function l2Normalize(x: Tensor, eps = 1e-12): Tensor {
  if (x.rank < 1) throw new ShapeError(`l2Normalize: expected embeddings [..., d], got a scalar`);
  return div(x, maximum(norm(x, 2, -1, true), eps));
}
