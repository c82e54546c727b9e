import { ValueError } from '@dlkit/core';
import { squaredDistances } from './affinities.js';

/**
 * How well a low-dimensional layout keeps each point's neighbours (Venna & Kaski), as
 * scikit-learn's `trustworthiness`: with r(i, j) the rank of j among i's nearest input-space
 * neighbours and U_k(i) the k nearest in the layout that are not among the k nearest in input space,
 * `T = 1 − 2/(m k (2m − 3k − 1)) Σ_i Σ_{j∈U_k(i)} (r(i, j) − k)`. 1 means every layout
 * neighbourhood is a true one. Euclidean distances in both spaces.
 * @param rows the m input points; `embedding` row-major `[m, components]`.
 * @param k neighbours (default 5; must be < m / 2).
 * @example trustworthiness(rows, tsne(rows).embedding, 2, 5) // e.g. 0.97
 */
export function trustworthiness(rows: readonly ArrayLike<number>[], embedding: ArrayLike<number>, components: number, k = 5): number {
  const m = rows.length;
  if (!Number.isInteger(k) || k < 1 || k >= m / 2) throw new ValueError(`trustworthiness: k must be an integer in [1, ${m / 2}), got ${k}`);
  if (embedding.length !== m * components) throw new ValueError(`trustworthiness: the embedding has ${embedding.length} values, expected ${m} × ${components}`);
  const input = squaredDistances(rows);
  const layout = squaredDistances(Array.from({ length: m }, (_, i) => Array.from({ length: components }, (_, d) => embedding[i * components + d]!)));
  const rank = new Int32Array(m);
  let penalty = 0;
  for (let i = 0; i < m; i++) {
    const others = Array.from({ length: m }, (_, j) => j).filter((j) => j !== i);
    others.sort((a, b) => input[i * m + a]! - input[i * m + b]! || a - b).forEach((j, r) => (rank[j] = r + 1));
    const nearest = others.sort((a, b) => layout[i * m + a]! - layout[i * m + b]! || a - b).slice(0, k);
    for (const j of nearest) penalty += Math.max(0, rank[j]! - k);
  }
  return 1 - (penalty * 2) / (m * k * (2 * m - 3 * k - 1));
}
