/** @internal The KL divergence KL(P‖Q) and its gradient at one embedding. */
export interface KlGradient {
  kl: number;
  /** ∂KL/∂y, row-major `[m, components]`. */
  gradient: Float64Array;
}

/**
 * @internal The exact t-SNE objective with Student-t (one degree of freedom) output affinities:
 * `w_ij = 1/(1 + ‖y_i − y_j‖²)`, `q_ij = max(w_ij / Σ_{k≠l} w_kl, ε)`,
 * `KL = Σ_{i≠j} p_ij log(p_ij / q_ij)` and `∂KL/∂y_i = 4 Σ_j (p_ij − q_ij) w_ij (y_i − y_j)`,
 * as scikit-learn's `_kl_divergence` (ε = float64 machine epsilon).
 * @param p the `[m, m]` joint probabilities.
 * @param exaggeration multiplies P (early exaggeration).
 */
export function exactKlGradient(p: Float64Array, y: Float64Array, m: number, components: number, exaggeration = 1): KlGradient {
  const w = new Float64Array(m * m);
  let z = 0;
  for (let i = 0; i < m; i++) {
    for (let j = i + 1; j < m; j++) {
      let d2 = 0;
      for (let d = 0; d < components; d++) d2 += (y[i * components + d]! - y[j * components + d]!) ** 2;
      const value = 1 / (1 + d2);
      w[i * m + j] = w[j * m + i] = value;
      z += 2 * value;
    }
  }
  let kl = 0;
  const gradient = new Float64Array(m * components);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      if (j === i) continue;
      const pij = exaggeration * p[i * m + j]!;
      const q = Math.max(w[i * m + j]! / z, Number.EPSILON);
      kl += pij * Math.log(Math.max(pij, Number.EPSILON) / q);
      const scale = 4 * (pij - q) * w[i * m + j]!;
      for (let d = 0; d < components; d++) gradient[i * components + d]! += scale * (y[i * components + d]! - y[j * components + d]!);
    }
  }
  return { kl, gradient };
}
