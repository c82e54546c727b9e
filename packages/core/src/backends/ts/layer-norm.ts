import type { TensorInfo } from '../../backend/kernels.js';
import { allocate, type TypedArray } from '../../dtype.js';

/** Mean and `1/√(σ² + eps)` of `a[base, base + n)`, accumulated in float64; the variance from the centred values (two passes). */
function rowMoments(a: TypedArray, base: number, n: number, eps: number): { mean: number; rstd: number } {
  const end = base + n;
  let sum = 0;
  for (let i = base; i < end; i++) sum += a[i]!;
  const mean = sum / n;
  let squares = 0;
  for (let i = base; i < end; i++) {
    const d = a[i]! - mean;
    squares += d * d;
  }
  return { mean, rstd: 1 / Math.sqrt(squares / n + eps) };
}

/** Layer normalization of each last-axis row in one pass per statistic, without intermediate tensors. */
export function layerNorm(x: TensorInfo<TypedArray>, eps: number): TypedArray {
  const a = x.handle;
  const n = x.shape[x.shape.length - 1] ?? 1;
  const out = allocate(x.dtype, a.length);
  if (n === 0) return out;
  for (let base = 0; base < a.length; base += n) {
    const { mean, rstd } = rowMoments(a, base, n, eps);
    for (let i = base, end = base + n; i < end; i++) out[i] = (a[i]! - mean) * rstd;
  }
  return out;
}

/**
 * The input gradient of {@link layerNorm}, row by row: the statistics are recomputed from `x` (no
 * saved tensors), then `dx = rstd · (dy - mean(dy) - y · mean(dy · y))` with `y = (x - μ) · rstd`.
 */
export function layerNormBackprop(dy: TensorInfo<TypedArray>, x: TensorInfo<TypedArray>, eps: number): TypedArray {
  const a = x.handle;
  const g = dy.handle;
  const n = x.shape[x.shape.length - 1] ?? 1;
  const out = allocate(x.dtype, a.length);
  if (n === 0) return out;
  for (let base = 0; base < a.length; base += n) {
    const end = base + n;
    const { mean, rstd } = rowMoments(a, base, n, eps);
    let sumG = 0;
    let sumGY = 0;
    for (let i = base; i < end; i++) {
      const gi = g[i]!;
      sumG += gi;
      sumGY += gi * (a[i]! - mean) * rstd;
    }
    const meanG = sumG / n;
    const meanGY = sumGY / n;
    for (let i = base; i < end; i++) out[i] = rstd * (g[i]! - meanG - (a[i]! - mean) * rstd * meanGY);
  }
  return out;
}
