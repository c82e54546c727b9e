import { DTypeError, ShapeError, ValueError } from '../errors.js';
import { formatShape, normalizeAxis } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { backendOf, wrap } from './primitive.js';
import { pickAlongAxis } from './indexing.js';
import { transpose } from './shape.js';

/** Options of {@link topk}. */
export interface TopkOptions {
  /** The axis to select along (default -1, the last). */
  axis?: number;
  /** The `k` largest (default) or, when false, the `k` smallest. */
  largest?: boolean;
  /**
   * Return them in order, largest first (smallest first when `largest` is false). Default true;
   * `false` is accepted for PyTorch compatibility and gives the same, sorted, result.
   */
  sorted?: boolean;
}

/** Options of {@link sort} and {@link argsort}. */
export interface SortOptions {
  /** The axis to sort along (default -1, the last). */
  axis?: number;
  /** Largest first (default false: smallest first). */
  descending?: boolean;
}

/** Values and their int32 positions along the sorted axis. */
export interface ValuesAndIndices {
  /** The selected or sorted values, in the input's dtype. */
  values: Tensor;
  /** Where each value was along the axis in the input (int32), same shape as `values`. */
  indices: Tensor;
}

/** Moves `axis` last and back (a no-op when it is last already). */
function axisLast(x: Tensor, axis: number): { moved: Tensor; back: (t: Tensor) => Tensor } {
  if (axis === x.rank - 1) return { moved: x, back: (t) => t };
  const perm = x.shape.map((_, i) => i);
  perm.splice(axis, 1);
  perm.push(axis);
  const inverse = new Array<number>(x.rank);
  perm.forEach((p, i) => (inverse[p] = i));
  return { moved: transpose(x, perm), back: (t) => transpose(t, inverse) };
}

/** Validates a sort-family input and resolves its axis. */
function sortAxis(x: Tensor, axis: number, where_: string): number {
  if (x.dtype === 'bool') throw new DTypeError(`${where_}: expected a float or int32 tensor, got bool`);
  if (x.rank === 0) throw new ShapeError(`${where_}: expected a tensor with at least 1 dim, got a scalar`);
  return normalizeAxis(axis, x.rank, where_);
}

/** int32 positions of the `k` first entries along the last axis of `x` in the kernel's order. */
function rankLast(x: Tensor, k: number, largest: boolean, where_: string): Tensor {
  const backend = backendOf([x], where_);
  return wrap(backend.topk(x, k, largest), [...x.shape.slice(0, -1), k], 'int32', backend);
}

/** The `k` first entries along `axis` in the kernel's order, with their positions. */
function ranked(x: Tensor, k: number | null, largest: boolean, axis: number, where_: string): ValuesAndIndices {
  const a = sortAxis(x, axis, where_);
  const n = x.shape[a]!;
  const count = k ?? n;
  if (!Number.isInteger(count) || count < 0 || count > n) {
    throw new ValueError(`${where_}: k must be an integer in [0, ${n}] (the size of axis ${a} of ${formatShape(x.shape)}), got ${count}`);
  }
  const { moved, back } = axisLast(x, a);
  const indices = rankLast(moved, count, largest, where_);
  return { values: back(pickAlongAxis(moved, indices, moved.rank - 1)), indices: back(indices) };
}

/**
 * The `k` largest (or smallest) entries along an axis and where they are (PyTorch's `topk`):
 * ties go to the lower index, and NaN counts as larger than every number. The values are
 * differentiable: the gradient flows back to the selected positions.
 *
 * Shapes: `x [..., n, ...]` (float or int32) → `values` and int32 `indices` `[..., k, ...]`.
 * @example
 * ```ts
 * const { values, indices } = topk(logits, 5);   // the 5 best classes of each row, best first
 * ```
 */
export function topk(x: Tensor, k: number, options: TopkOptions = {}): ValuesAndIndices {
  return ranked(x, k, options.largest ?? true, options.axis ?? -1, 'topk');
}

/**
 * Sorts along an axis, stably (equal values keep their order), NaN last ascending and first
 * descending (PyTorch's `sort(stable=True)`), and returns the sorted values with the int32
 * positions they came from. The values are differentiable.
 *
 * Shapes: `x [..., n, ...]` (float or int32) → `values` and `indices` of the same shape.
 * @example sort(tensor([3, 1, 2])) // { values: [1, 2, 3], indices: [1, 2, 0] }
 */
export function sort(x: Tensor, options: SortOptions = {}): ValuesAndIndices {
  return ranked(x, null, options.descending ?? false, options.axis ?? -1, 'sort');
}

/**
 * The int32 positions that sort `x` along an axis (stable; NaN as in {@link sort}).
 * Shapes: `x [..., n, ...]` → int32 of the same shape.
 * @example argsort(tensor([3, 1, 2]), { descending: true }) // [0, 2, 1]
 */
export function argsort(x: Tensor, options: SortOptions = {}): Tensor {
  const a = sortAxis(x, options.axis ?? -1, 'argsort');
  const { moved, back } = axisLast(x, a);
  return back(rankLast(moved, x.shape[a]!, options.descending ?? false, 'argsort'));
}
