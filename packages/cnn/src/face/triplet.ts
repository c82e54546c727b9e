import { add, gather, noGrad, relu, sub, tensor, ValueError, type Reduction, type Tensor, DTypeError, ShapeError, sum, mean, div } from '@dlkit/core';
import { formatShape } from '../layers/arguments.js';
import { assertPairShapes, embeddingDistance } from './distance.js';

/** Options of {@link tripletLoss}. */
export interface TripletLossOptions {
  /** The margin α (default 0.2, FaceNet's and the course's). */
  margin?: number;
  /** Squared distances `‖·‖²` as the course writes the loss (default true); false is PyTorch's `triplet_margin_loss` (p = 2). */
  squared?: boolean;
  /** Added to the difference before the non-squared norm (default 1e-6, PyTorch's). */
  eps?: number;
  /** `'sum'` (default, the course's Σ), `'mean'` (PyTorch's default) or `'none'`. */
  reduction?: Reduction;
}

function reduce(losses: Tensor, reduction: Reduction, where: string): Tensor {
  if (reduction === 'none') return losses;
  if (reduction === 'sum') return sum(losses);
  if (reduction === 'mean') return mean(losses);
  throw new ValueError(`${where}: reduction must be 'mean', 'sum' or 'none', got ${JSON.stringify(reduction)}`);
}

/**
 * The triplet loss of FaceNet as the course writes it:
 * `L = Σ_i max(‖f(A_i) − f(P_i)‖² − ‖f(A_i) − f(N_i)‖² + α, 0)` — the anchor must be closer to
 * the positive (same identity) than to the negative by the margin α. With `squared: false` it is
 * PyTorch's `F.triplet_margin_loss(a, p, n, margin, p=2, eps)`.
 *
 * Shapes: three `[m, d]` embedding batches → scalar (`[m]` with `'none'`).
 * @example tripletLoss(encoder.forward(a), encoder.forward(p), encoder.forward(n), { margin: 0.2 })
 */
export function tripletLoss(anchor: Tensor, positive: Tensor, negative: Tensor, options: TripletLossOptions = {}): Tensor {
  const where = 'tripletLoss';
  assertPairShapes(anchor, positive, where, ['anchor', 'positive']);
  assertPairShapes(anchor, negative, where, ['anchor', 'negative']);
  const { margin = 0.2, squared = true, eps = 1e-6, reduction = 'sum' } = options;
  if (!Number.isFinite(margin) || margin < 0) throw new ValueError(`${where}: margin must be a non-negative number, got ${margin}`);
  const dPos = embeddingDistance(anchor, positive, { squared, eps });
  const dNeg = embeddingDistance(anchor, negative, { squared, eps });
  return reduce(relu(add(sub(dPos, dNeg), margin)), reduction, where);
}

/**
 * How {@link minedTripletLoss} picks triplets in a batch (Schroff et al. 2015; Hermans et al. 2017):
 * - `'batch-all'`: every valid (a, p, n) triplet; the loss averages over those with a positive loss;
 * - `'batch-hard'`: per anchor, its farthest positive and nearest negative;
 * - `'semi-hard'`: per (a, p) pair, the nearest negative farther than the positive
 *   (`d(a,p) < d(a,n)`), else the farthest negative (TF-Addons' rule); averaged over pairs.
 */
export type TripletMining = 'batch-all' | 'batch-hard' | 'semi-hard';

/** Options of {@link mineTriplets} and {@link minedTripletLoss}. */
export interface TripletMiningOptions {
  /** Default `'batch-hard'`. */
  strategy?: TripletMining;
  /** The margin α (default 0.2). */
  margin?: number;
  /** Squared distances (default true). */
  squared?: boolean;
}

/** Index triplets into a batch: `anchors[i]`, `positives[i]`, `negatives[i]` form triplet i. */
export interface Triplets {
  /** Batch rows of the anchors, one per triplet. */
  readonly anchors: Int32Array;
  /** Batch rows with the anchor's identity (never the anchor itself). */
  readonly positives: Int32Array;
  /** Batch rows with another identity. */
  readonly negatives: Int32Array;
}

function checkLabels(embeddings: Tensor, labels: Tensor, where: string): Int32Array {
  if (embeddings.rank !== 2) throw new ShapeError(`${where}: expected embeddings [m, d], got ${formatShape(embeddings.shape)}`);
  if (labels.dtype !== 'int32') throw new DTypeError(`${where}: labels must be int32 identities, got ${labels.dtype}`);
  if (labels.rank !== 1 || labels.shape[0] !== embeddings.shape[0]) {
    throw new ShapeError(`${where}: expected labels [${embeddings.shape[0]}] (one identity per embedding), got ${formatShape(labels.shape)}`);
  }
  return Int32Array.from(labels.dataSync());
}

/**
 * Picks training triplets from a batch of embeddings with identity labels, by the distances the
 * embeddings have now (no gradient flows through the choice). See {@link TripletMining}.
 *
 * Shapes: `embeddings [m, d]`, `labels [m]` int32 → index arrays (empty when the batch has no
 * identity with two examples, or only one identity).
 * @example mineTriplets(embeddings, labels, { strategy: 'semi-hard' })
 */
export function mineTriplets(embeddings: Tensor, labels: Tensor, options: TripletMiningOptions = {}): Triplets {
  const where = 'mineTriplets';
  const ids = checkLabels(embeddings, labels, where);
  const { strategy = 'batch-hard', margin = 0.2, squared = true } = options;
  const [m, d] = embeddings.shape as [number, number];
  const e = noGrad(() => embeddings.dataSync());
  const dist = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = i + 1; j < m; j++) {
      let s = 0;
      for (let k = 0; k < d; k++) {
        const diff = e[i * d + k]! - e[j * d + k]!;
        s += diff * diff;
      }
      dist[i * m + j] = dist[j * m + i] = squared ? s : Math.sqrt(s);
    }
  }
  const a: number[] = [];
  const p: number[] = [];
  const n: number[] = [];
  const push = (i: number, j: number, k: number): void => {
    a.push(i);
    p.push(j);
    n.push(k);
  };
  for (let i = 0; i < m; i++) {
    const positives: number[] = [];
    const negatives: number[] = [];
    for (let j = 0; j < m; j++) if (j !== i) (ids[j] === ids[i] ? positives : negatives).push(j);
    if (positives.length === 0 || negatives.length === 0) continue;
    const dIs = (j: number): number => dist[i * m + j]!;
    if (strategy === 'batch-hard') {
      const hardP = positives.reduce((best, j) => (dIs(j) > dIs(best) ? j : best));
      const hardN = negatives.reduce((best, k) => (dIs(k) < dIs(best) ? k : best));
      push(i, hardP, hardN);
    } else if (strategy === 'batch-all') {
      for (const j of positives) for (const k of negatives) if (dIs(j) - dIs(k) + margin > 0) push(i, j, k);
    } else if (strategy === 'semi-hard') {
      for (const j of positives) {
        const farther = negatives.filter((k) => dIs(k) > dIs(j));
        const k = farther.length > 0
          ? farther.reduce((best, c) => (dIs(c) < dIs(best) ? c : best))
          : negatives.reduce((best, c) => (dIs(c) > dIs(best) ? c : best));
        push(i, j, k);
      }
    } else {
      throw new ValueError(`${where}: strategy must be 'batch-all', 'batch-hard' or 'semi-hard', got ${JSON.stringify(strategy)}`);
    }
  }
  return { anchors: Int32Array.from(a), positives: Int32Array.from(p), negatives: Int32Array.from(n) };
}

/**
 * The triplet loss over triplets mined from one batch ({@link mineTriplets}), averaged over them:
 * training with identities in a batch instead of pre-built (A, P, N) triples. Batch-all keeps only
 * triplets that violate the margin, so its mean is over the ones still to learn; a batch with no
 * triplet gives 0 (still connected to the embeddings, so backward runs).
 *
 * Shapes: `embeddings [m, d]`, `labels [m]` int32 → scalar.
 * @example minedTripletLoss(l2Normalize(net.forward(images)), identities, { strategy: 'semi-hard' })
 */
export function minedTripletLoss(embeddings: Tensor, labels: Tensor, options: TripletMiningOptions = {}): Tensor {
  const { margin = 0.2, squared = true } = options;
  const triplets = mineTriplets(embeddings, labels, options);
  const count = triplets.anchors.length;
  if (count === 0) return connectedZero(embeddings);
  const rows = (indices: Int32Array): Tensor => gather(embeddings, tensor(indices, { dtype: 'int32' }), 0);
  const total = tripletLoss(rows(triplets.anchors), rows(triplets.positives), rows(triplets.negatives), { margin, squared, reduction: 'sum' });
  return div(total, count);
}

/** A zero that depends on `x`, so a batch without triplets still gives a loss to call backward on. */
const connectedZero = (x: Tensor): Tensor => sum(sub(x, x));
