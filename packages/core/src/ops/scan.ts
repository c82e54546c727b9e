import type { ScanOp } from '../backend/kernels.js';
import { ShapeError } from '../errors.js';
import { normalizeAxis } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { backendOf, recordPrimitive } from './primitive.js';
import { div, equal, logicalAnd, mul, where } from './binary.js';
import { sum } from './reduce.js';
import { flip, pad, slice } from './shape.js';
import { cast } from './unary.js';

/** Options of {@link cumsum} and {@link cumprod}. */
export interface ScanOptions {
  /** Leave each element out of its own result: the first result is the identity (0 or 1). Default false. */
  exclusive?: boolean;
  /** Accumulate from the end of the axis towards its start. Default false. */
  reverse?: boolean;
}

function scan(x: Tensor, op: ScanOp, axis: number, options: ScanOptions): Tensor {
  const where_ = op === 'sum' ? 'cumsum' : 'cumprod';
  const input = x.dtype === 'bool' ? cast(x, 'int32') : x;
  if (input.rank === 0) throw new ShapeError(`${where_}: expected a tensor with at least 1 dim, got a scalar`);
  const a = normalizeAxis(axis, input.rank, where_);
  const exclusive = options.exclusive ?? false;
  const reverse = options.reverse ?? false;
  const backend = backendOf([input], where_);
  return recordPrimitive('scan', [input], { op, axis: a, exclusive, reverse }, { shape: input.shape, dtype: input.dtype, backend }, () =>
    backend.scan(input, op, a, exclusive, reverse),
  );
}

/**
 * Running sums along `axis` (NumPy's `cumsum`; TensorFlow's `exclusive`/`reverse` options):
 * `y_i = Σ_{j≤i} x_j`, `Σ_{j<i}` when exclusive, `Σ_{j≥i}` when reversed. bool input counts as int32.
 * Shapes: same as `x`.
 * @example cumsum(tensor([1, 2, 3]), 0, { exclusive: true }) // [0, 1, 3]
 */
export function cumsum(x: Tensor, axis: number, options: ScanOptions = {}): Tensor {
  return scan(x, 'sum', axis, options);
}

/**
 * Running products along `axis`: `y_i = Π_{j≤i} x_j` (with `exclusive`/`reverse` as in
 * {@link cumsum}). The gradient is exact with zeros in the input (PyTorch's rule).
 * Shapes: same as `x`.
 * @example cumprod(tensor([1, 2, 3, 4]), 0) // [1, 2, 6, 24]
 */
export function cumprod(x: Tensor, axis: number, options: ScanOptions = {}): Tensor {
  return scan(x, 'prod', axis, options);
}

// ---- gradients ----

/**
 * The gradient of an inclusive forward cumprod `y = cumprod(x)` along `axis`. With `z` the first
 * zero of a row, `∂L/∂x_k = Σ_{i≥k} dy_i·Π_{j≤i, j≠k} x_j` is
 * - `Σ_{i≥k} dy_i·y_i / x_k` for `k < z` (every `x_k` there is non-zero),
 * - `Σ_{i≥z} dy_i·ỹ_i` at `z`, where `ỹ` is the cumprod with that zero replaced by 1,
 * - `x_z·Σ_{i≥k} dy_i·ỹ_i / x_k` after `z`: zero in value, written with `x_z` so that the
 *   second derivative through it is right too.
 */
function inclusiveProdGrad(dy: Tensor, x: Tensor, y: Tensor, axis: number): Tensor {
  const isZero = equal(x, 0);
  const zerosSoFar = cumsum(cast(isZero, 'int32'), axis);
  const beforeZero = equal(zerosSoFar, 0);
  const firstZero = logicalAnd(isZero, equal(zerosSoFar, 1));
  const safe = where(isZero, 1, x);
  const plain = div(cumsum(mul(dy, y), axis, { reverse: true }), safe);
  const skipFirst = cumsum(mul(dy, cumprod(where(firstZero, 1, x), axis)), axis, { reverse: true });
  const zeroValue = sum(where(firstZero, x, 0), axis, true);
  return where(beforeZero, plain, where(firstZero, skipFirst, mul(zeroValue, div(skipFirst, safe))));
}

/** The gradient of an exclusive forward cumprod: the inclusive one of `[1, x_0, …, x_{n-2}]`, shifted back. */
function prodGrad(dy: Tensor, x: Tensor, y: Tensor, axis: number, exclusive: boolean): Tensor {
  if (!exclusive) return inclusiveProdGrad(dy, x, y, axis);
  const n = x.shape[axis]!;
  const head = (t: Tensor, len: number, from: number): Tensor =>
    slice(t, t.shape.map((_, i) => (i === axis ? from : 0)), t.shape.map((d, i) => (i === axis ? len : d)));
  const shifted = pad(head(x, n - 1, 0), x.shape.map((_, i) => (i === axis ? [1, 0] as const : [0, 0] as const)), 1);
  const g = inclusiveProdGrad(dy, shifted, y, axis);
  return pad(head(g, n - 1, 1), x.shape.map((_, i) => (i === axis ? [0, 1] as const : [0, 0] as const)));
}

export function scanGrad(
  dy: Tensor,
  [x]: readonly Tensor[],
  y: Tensor,
  attrs: { op: ScanOp; axis: number; exclusive: boolean; reverse: boolean },
): (Tensor | null)[] {
  const { op, axis, exclusive, reverse } = attrs;
  if (op === 'sum') return [cumsum(dy, axis, { exclusive, reverse: !reverse })];
  if (x!.shape[axis] === 0) return [dy];
  if (!reverse) return [prodGrad(dy, x!, y, axis, exclusive)];
  return [flip(prodGrad(flip(dy, axis), flip(x!, axis), flip(y, axis), axis, exclusive), axis)];
}
