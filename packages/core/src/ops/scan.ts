import type { ScanOp } from '../backend/kernels.js';
import { ShapeError } from '../errors.js';
import { normalizeAxis } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { backendOf, recordPrimitive } from './primitive.js';
import { add, mul } from './binary.js';
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
 * The gradient of an inclusive forward cumprod `y = cumprod(x)` along `axis`:
 * `∂L/∂x_k = Σ_{i≥k} dy_i·Π_{j≤i, j≠k} x_j = E_k·S_k` with `E` the exclusive cumprod and
 * `S_k = Σ_{i≥k} dy_i·Π_{k<j≤i} x_j`, the solution of `S_k = dy_k + x_{k+1}·S_{k+1}` by a
 * log-depth scan of its affine steps. No division, so zeros need no special case and the
 * gradient is exact and differentiable again (double backward).
 */
function inclusiveProdGrad(dy: Tensor, x: Tensor, axis: number): Tensor {
  const n = x.shape[axis]!;
  // t_{k+d} at k, 0 past the end.
  const ahead = (t: Tensor, d: number): Tensor =>
    pad(
      slice(t, t.shape.map((_, i) => (i === axis ? d : 0)), t.shape.map((size, i) => (i === axis ? n - d : size))),
      t.shape.map((_, i) => (i === axis ? [0, d] as const : [0, 0] as const)),
    );
  // After the step of distance d: sums[k] = Σ_{k≤i<k+2d} dy_i·Π_{k<j≤i} x_j, products[k] = Π_{k<j≤k+2d} x_j.
  let sums = dy;
  let products = ahead(x, 1);
  for (let d = 1; d < n; d *= 2) {
    sums = add(sums, mul(products, ahead(sums, d)));
    products = mul(products, ahead(products, d));
  }
  return mul(cumprod(x, axis, { exclusive: true }), sums);
}

/** The gradient of an exclusive forward cumprod: the inclusive one of `[1, x_0, …, x_{n-2}]`, shifted back. */
function prodGrad(dy: Tensor, x: Tensor, axis: number, exclusive: boolean): Tensor {
  if (!exclusive) return inclusiveProdGrad(dy, x, axis);
  const n = x.shape[axis]!;
  const head = (t: Tensor, len: number, from: number): Tensor =>
    slice(t, t.shape.map((_, i) => (i === axis ? from : 0)), t.shape.map((d, i) => (i === axis ? len : d)));
  const shifted = pad(head(x, n - 1, 0), x.shape.map((_, i) => (i === axis ? [1, 0] as const : [0, 0] as const)), 1);
  const g = inclusiveProdGrad(dy, shifted, axis);
  return pad(head(g, n - 1, 1), x.shape.map((_, i) => (i === axis ? [0, 1] as const : [0, 0] as const)));
}

export function scanGrad(
  dy: Tensor,
  [x]: readonly Tensor[],
  _y: Tensor,
  attrs: { op: ScanOp; axis: number; exclusive: boolean; reverse: boolean },
): (Tensor | null)[] {
  const { op, axis, exclusive, reverse } = attrs;
  if (op === 'sum') return [cumsum(dy, axis, { exclusive, reverse: !reverse })];
  if (x!.shape[axis] === 0) return [dy];
  if (!reverse) return [prodGrad(dy, x!, axis, exclusive)];
  return [flip(prodGrad(flip(dy, axis), flip(x!, axis), axis, exclusive), axis)];
}
