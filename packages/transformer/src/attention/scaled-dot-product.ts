import {
  add, dropout as dropoutOp, equal, isFloat, logicalAnd, matmul, max, mul, softmax, where, zeros, DTypeError, ShapeError, ValueError, Tensor,
} from '@dlkit/core';
import { causalMask } from './masks.js';

/** Options of {@link scaledDotProductAttention}. */
export interface AttentionOptions {
  /**
   * Broadcastable to the scores `[..., Tq, Tk]`. A bool mask is **true where the query may attend**
   * (false keys are hidden); a float mask is added to the scores (0 to keep, `-Infinity` to hide).
   */
  mask?: Tensor;
  /** Also apply the look-ahead mask {@link causalMask}`(Tq, Tk)` (default false). */
  causal?: boolean;
  /** Dropout rate on the attention weights (default 0); pass it only while training. */
  dropout?: number;
  /** Multiplies `QKᵀ` (default `1/√d_k`). */
  scale?: number;
  /** Seed of the dropout draw (default core's global generator). */
  seed?: number;
}

/** What {@link scaledDotProductAttention} returns. */
export interface AttentionResult {
  /** `weights·V`: `[..., Tq, dv]`. */
  readonly output: Tensor;
  /** The attention weights `softmax(QKᵀ·scale + mask)` (before dropout): `[..., Tq, Tk]`, each row summing to 1, or to 0 when fully masked. */
  readonly weights: Tensor;
}

function describe(t: Tensor): string {
  return `${t.dtype} [${t.shape.join(', ')}]`;
}

/**
 * Scaled dot-product attention (the course's `Attention(Q, K, V) = softmax(QKᵀ/√d_k)·V`), on the
 * last two dims of any batch of queries, keys and values.
 *
 * Masks follow PyTorch's `scaled_dot_product_attention`: a bool mask is true where attention is
 * allowed, a float mask is added to the scores, and `causal` adds the look-ahead mask. A query
 * whose every key is masked gets all-zero weights and a zero output (never NaN).
 *
 * Shapes: `q [..., Tq, d]`, `k [..., Tk, d]`, `v [..., Tk, dv]` (leading dims broadcast) →
 * `{ output [..., Tq, dv], weights [..., Tq, Tk] }`.
 * @example
 * ```ts
 * const { output, weights } = scaledDotProductAttention(q, k, v, { causal: true });
 * ```
 */
export function scaledDotProductAttention(q: Tensor, k: Tensor, v: Tensor, options: AttentionOptions = {}): AttentionResult {
  const where_ = 'scaledDotProductAttention';
  for (const [name, t] of [['q', q], ['k', k], ['v', v]] as const) {
    if (!(t instanceof Tensor)) throw new ValueError(`${where_}: ${name} must be a Tensor, got ${typeof t}`);
    if (!isFloat(t.dtype)) throw new DTypeError(`${where_}: ${name} must be a float tensor, got ${describe(t)}`);
    if (t.rank < 2) throw new ShapeError(`${where_}: ${name} must be [..., T, d], got ${describe(t)}`);
  }
  const d = q.shape[q.rank - 1]!;
  const Tq = q.shape[q.rank - 2]!;
  const Tk = k.shape[k.rank - 2]!;
  if (k.shape[k.rank - 1] !== d || v.shape[v.rank - 2] !== Tk) {
    throw new ShapeError(`${where_}: expected q [..., Tq, d], k [..., Tk, d], v [..., Tk, dv], got q [${q.shape.join(', ')}], k [${k.shape.join(', ')}], v [${v.shape.join(', ')}]`);
  }
  const rate = options.dropout ?? 0;
  if (!(rate >= 0 && rate < 1)) throw new ValueError(`${where_}: dropout must be in [0, 1), got ${rate}`);
  const scale = options.scale ?? 1 / Math.sqrt(d);
  if (!Number.isFinite(scale)) throw new ValueError(`${where_}: scale must be a finite number, got ${scale}`);

  // Scaling q rather than the scores: [.., Tq, d] is smaller than [.., Tq, Tk] whenever Tk > d.
  let scores = matmul(scale === 1 ? q : mul(q, scale), k, { transposeB: true });
  let allowed: Tensor | null = options.causal ? causalMask(Tq, Tk) : null;
  let bias: Tensor | null = null;
  const mask = options.mask;
  if (mask !== undefined) {
    if (!(mask instanceof Tensor)) throw new ValueError(`${where_}: mask must be a Tensor, got ${typeof mask}`);
    if (mask.dtype === 'bool') allowed = allowed ? logicalAnd(allowed, mask) : mask;
    else if (isFloat(mask.dtype)) bias = mask.dtype === scores.dtype ? mask : mask.cast(scores.dtype);
    else throw new DTypeError(`${where_}: mask must be bool (true = may attend) or float (added to the scores), got ${describe(mask)}`);
  }
  if (allowed) {
    const blocked = where(allowed, zeros([], { dtype: scores.dtype }), -Infinity);
    bias = bias ? add(bias, blocked) : blocked;
  }
  let weights: Tensor;
  if (bias) {
    // Every mask is one additive bias in the masks' own shape ([batch, 1, 1, Tk] for padding,
    // [Tq, Tk] look-ahead): adding it is the only full-size masking op (its backward is the
    // identity), and rows with no visible key are found on the bias, not on the scores. Those
    // rows would be softmax(-∞, …, -∞) = NaN: softmax zeros there instead, and zero them.
    scores = add(scores, bias);
    const dead = equal(max(bias, -1, true), -Infinity);
    const anyDead = dead.dataSync().some((x) => x !== 0);
    weights = anyDead ? where(dead, 0, softmax(where(dead, 0, scores), -1)) : softmax(scores, -1);
  } else {
    weights = softmax(scores, -1);
  }
  const used = rate > 0 ? dropoutOp(weights, rate, options.seed === undefined ? {} : { seed: options.seed }) : weights;
  return { output: matmul(used, v), weights };
}
