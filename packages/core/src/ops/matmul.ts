import { DTypeError, ShapeError } from '../errors.js';
import { broadcastShapes, formatShape, type Shape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { backendOf, recordPrimitive } from './primitive.js';
import { promoteOperands } from './binary.js';
import { reshape } from './shape.js';
import { sumToShape } from './sum-to-shape.js';

/** Options of {@link matmul}. */
export interface MatmulOptions {
  /** Use the transpose of `a`'s last two dims. */
  transposeA?: boolean;
  /** Use the transpose of `b`'s last two dims. */
  transposeB?: boolean;
}

/** `shown` are the operand shapes error messages name (the caller's, before vectors became matrices). */
function matmul2d(a: Tensor, b: Tensor, transposeA: boolean, transposeB: boolean, shown: readonly [Shape, Shape] = [a.shape, b.shape]): Tensor {
  const [m, ka] = transposeA ? [a.shape[a.rank - 1]!, a.shape[a.rank - 2]!] : [a.shape[a.rank - 2]!, a.shape[a.rank - 1]!];
  const [kb, n] = transposeB ? [b.shape[b.rank - 1]!, b.shape[b.rank - 2]!] : [b.shape[b.rank - 2]!, b.shape[b.rank - 1]!];
  if (ka !== kb) {
    throw new ShapeError(`matmul: inner dimensions differ: ${formatShape(shown[0])}${transposeA ? 'ᵀ' : ''} @ ${formatShape(shown[1])}${transposeB ? 'ᵀ' : ''}`);
  }
  let batch: number[];
  try {
    batch = broadcastShapes(a.shape.slice(0, -2), b.shape.slice(0, -2), 'matmul');
  } catch {
    throw new ShapeError(`matmul: batch dimensions of ${formatShape(shown[0])} and ${formatShape(shown[1])} cannot be broadcast together`);
  }
  const shape = [...batch, m, n];
  const backend = backendOf([a, b], 'matmul');
  return recordPrimitive('matmul', [a, b], { transposeA, transposeB }, { shape, dtype: a.dtype, backend }, () =>
    backend.matmul(a, b, transposeA, transposeB, shape),
  );
}

/**
 * Matrix product with NumPy's rules: 2-D × 2-D is the matrix product; leading (batch) dims
 * broadcast; a 1-D operand is a vector (a row on the left, a column on the right) whose dim
 * is dropped from the result.
 *
 * Shapes: `[..., m, k] @ [..., k, n] → [..., m, n]`.
 * @example matmul(ones([2, 3]), ones([3, 4])) // shape [2, 4], every value 3
 */
export function matmul(a: Tensor, b: Tensor, options: MatmulOptions = {}): Tensor {
  if (a.rank === 0 || b.rank === 0) {
    throw new ShapeError(`matmul: both operands need at least one dim, got ${formatShape(a.shape)} @ ${formatShape(b.shape)}`);
  }
  const [x, y] = promoteOperands(a, b, 'matmul');
  if (x.dtype === 'bool') throw new DTypeError('matmul: bool tensors cannot be multiplied; cast them first');
  const left = x.rank === 1 ? reshape(x, [1, x.shape[0]!]) : x;
  const right = y.rank === 1 ? reshape(y, [y.shape[0]!, 1]) : y;
  const out = matmul2d(left, right, options.transposeA ?? false, options.transposeB ?? false, [a.shape, b.shape]);
  if (x.rank > 1 && y.rank > 1) return out;
  const shape = out.shape.filter((_, i) => !((x.rank === 1 && i === out.rank - 2) || (y.rank === 1 && i === out.rank - 1)));
  return reshape(out, shape);
}

// ---- gradients ----

export function matmulGrad(dy: Tensor, [a, b]: readonly Tensor[], _y: Tensor, attrs: { transposeA: boolean; transposeB: boolean }): (Tensor | null)[] {
  const x = a!;
  const w = b!;
  const { transposeA: tA, transposeB: tB } = attrs;
  // C = op(A)·op(B): dA = dC·op(B)ᵀ and dB = op(A)ᵀ·dC, then undo op(). Each case is one matmul with flags.
  // An input that needs no gradient (a batch of data) costs no matmul.
  const da = !x.requiresGrad ? null : tA ? matmul2d(w, dy, tB, true) : matmul2d(dy, w, false, !tB);
  let db: Tensor | null = null;
  if (w.requiresGrad && w.rank === 2 && x.rank > 2 && !tA) {
    // A matrix applied to every batch (a Linear layer on [batch, T, k]): its gradient is one
    // [rows, k]ᵀ·[rows, n] product over all batch rows, not a batched product summed afterwards.
    const k = x.shape[x.rank - 1]!;
    const rows = x.size / k;
    const x2 = reshape(x, [rows, k]);
    const dy2 = reshape(dy, [rows, dy.shape[dy.rank - 1]!]);
    db = tB ? matmul2d(dy2, x2, true, false) : matmul2d(x2, dy2, true, false);
  } else if (w.requiresGrad) db = tB ? matmul2d(dy, x, true, tA) : matmul2d(x, dy, !tA, false);
  return [da && sumToShape(da, x.shape), db && sumToShape(db, w.shape)];
}
