import { ValueError } from '@dlkit/core';

/** Result of {@link pca}. */
export interface PcaResult {
  /** The points in the new axes, row-major `[m, components]`. */
  projected: Float64Array;
  /** The principal axes, unit vectors, row-major `[components, n]`, by decreasing variance. */
  components: Float64Array;
  /** The variance along each axis (eigenvalues of the covariance, divided by m − 1), `[components]`. */
  explainedVariance: Float64Array;
}

/**
 * Principal component analysis for plotting embeddings: centres the rows, finds the top
 * eigenvectors of the covariance `XᵀX/(m − 1)` (power iteration with deflation, in float64) and
 * projects onto them. Each axis is signed so that its largest-magnitude entry is positive.
 * @param rows m points of length n (e.g. `words.map((w) => wv.vector(w))`).
 * @example
 * ```ts
 * const { projected } = pca(words.map((w) => wv.vector(w)), 2); // [m, 2] for a scatter plot
 * ```
 */
export function pca(rows: readonly ArrayLike<number>[], components = 2): PcaResult {
  const m = rows.length;
  const n = rows[0]?.length ?? 0;
  if (m < 2 || n < 1) throw new ValueError(`pca: need at least 2 points of length >= 1, got ${m} of length ${n}`);
  if (!Number.isInteger(components) || components < 1 || components > n) throw new ValueError(`pca: components must be an integer in [1, ${n}], got ${String(components)}`);
  const mean = new Float64Array(n);
  rows.forEach((row, i) => {
    if (row.length !== n) throw new ValueError(`pca: row ${i} has length ${row.length}, expected ${n}`);
    for (let d = 0; d < n; d++) mean[d]! += row[d]! / m;
  });
  const covariance = new Float64Array(n * n);
  for (const row of rows) {
    for (let a = 0; a < n; a++) {
      const xa = row[a]! - mean[a]!;
      for (let b = 0; b < n; b++) covariance[a * n + b]! += (xa * (row[b]! - mean[b]!)) / (m - 1);
    }
  }
  const axes = new Float64Array(components * n);
  const variances = new Float64Array(components);
  for (let k = 0; k < components; k++) {
    let v = Float64Array.from({ length: n }, (_, d) => 1 + d / n);
    let lambda = 0;
    for (let iteration = 0; iteration < 10000; iteration++) {
      const next = new Float64Array(n);
      for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) next[a]! += covariance[a * n + b]! * v[b]!;
      const length = Math.hypot(...next);
      if (length === 0) break;
      next.forEach((x, d) => (next[d] = x / length));
      const change = next.reduce((s, x, d) => s + Math.abs(x - v[d]!), 0);
      v = next;
      lambda = length;
      if (change < 1e-13) break;
    }
    let largest = 0;
    for (let d = 0; d < n; d++) if (Math.abs(v[d]!) > Math.abs(v[largest]!)) largest = d;
    if (v[largest]! < 0) v = v.map((x) => -x);
    axes.set(v, k * n);
    variances[k] = lambda;
    for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) covariance[a * n + b]! -= lambda * v[a]! * v[b]!;
  }
  const projected = new Float64Array(m * components);
  rows.forEach((row, i) => {
    for (let k = 0; k < components; k++) {
      let sum = 0;
      for (let d = 0; d < n; d++) sum += (row[d]! - mean[d]!) * axes[k * n + d]!;
      projected[i * components + k] = sum;
    }
  });
  return { projected, components: axes, explainedVariance: variances };
}
