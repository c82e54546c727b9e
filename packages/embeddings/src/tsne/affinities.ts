import { ValueError } from '@dlkit/core';

/** Joint probabilities over a neighbour graph, CSR: row i's entries are `cols/values[rowStart[i] … rowStart[i+1])`. */
export interface SparseAffinities {
  readonly n: number;
  readonly rowStart: Int32Array;
  readonly cols: Int32Array;
  readonly values: Float64Array;
}

const PERPLEXITY_TOLERANCE = 1e-5;
const SEARCH_STEPS = 100;
const EPSILON = 1e-8;

/**
 * @internal Conditional probabilities p_{j|i} = exp(−β_i d_ij) / Σ_k exp(−β_i d_ik) of one point,
 * with β_i = 1/(2σ_i²) found by binary search so that the entropy (nats) is log(perplexity) —
 * scikit-learn's `_binary_search_perplexity` step for step (start β = 1, tolerance 1e-5, 100 steps).
 * @param distances squared distances to the candidate neighbours (the point itself excluded).
 * @param out receives the probabilities (same length).
 */
export function conditionalRow(distances: Float64Array, perplexity: number, out: Float64Array): void {
  const desired = Math.log(perplexity);
  let beta = 1;
  let betaMin = -Infinity;
  let betaMax = Infinity;
  for (let step = 0; step < SEARCH_STEPS; step++) {
    let sum = 0;
    for (let j = 0; j < distances.length; j++) sum += out[j] = Math.exp(-distances[j]! * beta);
    if (sum === 0) sum = EPSILON;
    let weighted = 0;
    for (let j = 0; j < distances.length; j++) weighted += distances[j]! * (out[j]! /= sum);
    const difference = Math.log(sum) + beta * weighted - desired;
    if (Math.abs(difference) <= PERPLEXITY_TOLERANCE) return;
    if (difference > 0) {
      betaMin = beta;
      beta = betaMax === Infinity ? beta * 2 : (beta + betaMax) / 2;
    } else {
      betaMax = beta;
      beta = betaMin === -Infinity ? beta / 2 : (beta + betaMin) / 2;
    }
  }
}

/** @internal Squared Euclidean distances between all rows, `[m, m]` row-major. */
export function squaredDistances(rows: readonly ArrayLike<number>[]): Float64Array {
  const m = rows.length;
  const n = rows[0]!.length;
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    const a = rows[i]!;
    for (let j = i + 1; j < m; j++) {
      const b = rows[j]!;
      let sum = 0;
      for (let d = 0; d < n; d++) sum += (a[d]! - b[d]!) ** 2;
      out[i * m + j] = out[j * m + i] = sum;
    }
  }
  return out;
}

/**
 * @internal The exact t-SNE input affinities P `[m, m]` (zero diagonal, sum 1):
 * `p_ij = max((p_{j|i} + p_{i|j}) / 2m, ε)` off the diagonal, as scikit-learn's `_joint_probabilities`.
 */
export function jointProbabilities(distances: Float64Array, m: number, perplexity: number): Float64Array {
  const conditional = new Float64Array(m * m);
  const row = new Float64Array(m - 1);
  const out = new Float64Array(m - 1);
  for (let i = 0; i < m; i++) {
    for (let j = 0, k = 0; j < m; j++) if (j !== i) row[k++] = distances[i * m + j]!;
    conditionalRow(row, perplexity, out);
    for (let j = 0, k = 0; j < m; j++) if (j !== i) conditional[i * m + j] = out[k++]!;
  }
  let total = 0;
  for (let i = 0; i < m * m; i++) total += conditional[i]!;
  const p = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      if (j !== i) p[i * m + j] = Math.max((conditional[i * m + j]! + conditional[j * m + i]!) / (2 * total), Number.EPSILON);
    }
  }
  return p;
}

/**
 * @internal The sparse affinities of Barnes–Hut t-SNE: conditional probabilities over each
 * point's `k = min(m − 1, ⌊3·perplexity + 1⌋)` nearest neighbours (exact search), then
 * `P = (P + Pᵀ) / ΣP` as scikit-learn's `_joint_probabilities_nn`.
 */
export function sparseJointProbabilities(rows: readonly ArrayLike<number>[], perplexity: number): SparseAffinities {
  const m = rows.length;
  const n = rows[0]!.length;
  const k = Math.min(m - 1, Math.floor(3 * perplexity + 1));
  const symmetric: Map<number, number>[] = Array.from({ length: m }, () => new Map());
  const all = new Float64Array(m);
  const order = new Int32Array(m);
  const near = new Float64Array(k);
  const probabilities = new Float64Array(k);
  for (let i = 0; i < m; i++) {
    const a = rows[i]!;
    for (let j = 0; j < m; j++) {
      const b = rows[j]!;
      let sum = 0;
      for (let d = 0; d < n; d++) sum += (a[d]! - b[d]!) ** 2;
      all[j] = j === i ? Infinity : sum;
      order[j] = j;
    }
    const neighbours = Array.from(order).sort((x, y) => all[x]! - all[y]! || x - y).slice(0, k);
    neighbours.forEach((j, t) => (near[t] = all[j]!));
    conditionalRow(near, perplexity, probabilities);
    neighbours.forEach((j, t) => {
      const p = probabilities[t]!;
      symmetric[i]!.set(j, (symmetric[i]!.get(j) ?? 0) + p);
      symmetric[j]!.set(i, (symmetric[j]!.get(i) ?? 0) + p);
    });
  }
  const rowStart = new Int32Array(m + 1);
  symmetric.forEach((entries, i) => (rowStart[i + 1] = rowStart[i]! + entries.size));
  const cols = new Int32Array(rowStart[m]!);
  const values = new Float64Array(rowStart[m]!);
  let total = 0;
  symmetric.forEach((entries, i) => {
    let at = rowStart[i]!;
    for (const [j, p] of [...entries].sort((x, y) => x[0] - y[0])) {
      cols[at] = j;
      values[at++] = p;
      total += p;
    }
  });
  for (let e = 0; e < values.length; e++) values[e]! /= Math.max(total, EPSILON);
  return { n: m, rowStart, cols, values };
}

/** @internal Checks the perplexity against the number of points. */
export function checkPerplexity(fn: string, perplexity: number, m: number): void {
  if (!(perplexity > 0) || !Number.isFinite(perplexity)) throw new ValueError(`${fn}: perplexity must be a positive number, got ${perplexity}`);
  if (perplexity >= m) throw new ValueError(`${fn}: perplexity must be less than the number of points (${m}), got ${perplexity}`);
}
