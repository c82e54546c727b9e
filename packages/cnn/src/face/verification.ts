import { noGrad, ShapeError, ValueError, type Tensor } from '@dlkit/core';
import { formatShape } from '../layers/arguments.js';

/** One operating point of a verifier that accepts a pair when `distance < threshold`. */
export interface RocPoint {
  /** The distance threshold τ of this point. */
  readonly threshold: number;
  /** Same-identity pairs accepted / all same-identity pairs (true accept rate). */
  readonly tpr: number;
  /** Different-identity pairs accepted / all different-identity pairs (false accept rate). */
  readonly fpr: number;
}

function checkPairs(distances: ArrayLike<number>, same: ArrayLike<boolean | number>, where: string): { positives: number; negatives: number } {
  if (distances.length !== same.length) throw new ShapeError(`${where}: expected one same/different flag per distance, got ${distances.length} distances and ${same.length} flags`);
  let positives = 0;
  for (let i = 0; i < same.length; i++) {
    if (!Number.isFinite(distances[i]!)) throw new ValueError(`${where}: distance ${i} is ${distances[i]}, expected a finite number`);
    if (same[i]) positives++;
  }
  const negatives = same.length - positives;
  if (positives === 0 || negatives === 0) throw new ValueError(`${where}: need both same- and different-identity pairs, got ${positives} same and ${negatives} different`);
  return { positives, negatives };
}

/**
 * The ROC curve of verification by distance: for every threshold between consecutive distinct
 * distances (and one below all, one above all), the true and false accept rates of `distance < τ`.
 * Points go from (0, 0) to (1, 1) with rising τ.
 *
 * `distances [n]` (e.g. `embeddingDistance(f1, f2)`), `same [n]` true for same-identity pairs.
 * @example rocCurve([0.1, 0.9, 0.4], [true, false, true]) // 4 points
 */
export function rocCurve(distances: ArrayLike<number>, same: ArrayLike<boolean | number>): RocPoint[] {
  const { positives, negatives } = checkPairs(distances, same, 'rocCurve');
  const order = Array.from({ length: distances.length }, (_, i) => i).sort((i, j) => distances[i]! - distances[j]!);
  const points: RocPoint[] = [{ threshold: distances[order[0]!]! - 1, tpr: 0, fpr: 0 }];
  let tp = 0;
  let fp = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    if (same[i]) tp++;
    else fp++;
    const next = order[k + 1];
    // One point per distinct distance: ties are accepted together.
    if (next !== undefined && distances[next] === distances[i]) continue;
    const threshold = next === undefined ? distances[i]! + 1 : (distances[i]! + distances[next]!) / 2;
    points.push({ threshold, tpr: tp / positives, fpr: fp / negatives });
  }
  return points;
}

/** Area under a ROC curve (trapezoids over the false accept rate): 1 separates perfectly, 0.5 is chance. @example rocAuc(rocCurve(d, same)) */
export function rocAuc(points: readonly RocPoint[]): number {
  let area = 0;
  for (let k = 1; k < points.length; k++) area += ((points[k]!.fpr - points[k - 1]!.fpr) * (points[k]!.tpr + points[k - 1]!.tpr)) / 2;
  return area;
}

/**
 * The equal-error rate: where the false accept rate equals the false reject rate `1 − tpr`,
 * interpolated linearly between the two ROC points around the crossing, with its threshold.
 * @example equalErrorRate(rocCurve(d, same)) // { rate: 0.04, threshold: 0.71 }
 */
export function equalErrorRate(points: readonly RocPoint[]): {
  /** The false accept (= false reject) rate at the crossing. */
  rate: number;
  /** The distance threshold interpolated at the crossing. */
  threshold: number;
} {
  if (points.length < 2) throw new ValueError(`equalErrorRate: expected a ROC curve of at least 2 points, got ${points.length}`);
  const gap = (p: RocPoint): number => p.fpr - (1 - p.tpr); // rises from −1 to +1 along the curve
  for (let k = 1; k < points.length; k++) {
    const a = points[k - 1]!;
    const b = points[k]!;
    if (gap(b) >= 0) {
      const t = gap(b) === gap(a) ? 0 : -gap(a) / (gap(b) - gap(a));
      return { rate: a.fpr + t * (b.fpr - a.fpr), threshold: a.threshold + t * (b.threshold - a.threshold) };
    }
  }
  return { rate: points.at(-1)!.fpr, threshold: points.at(-1)!.threshold };
}

/**
 * The verification threshold τ with the best accuracy of `distance < τ` on dev pairs, and that
 * accuracy (ties: the smallest such τ). Choose τ on dev data, report accuracy on test data.
 * @example const { threshold } = chooseThreshold(devDistances, devSame); verify(testDistances, threshold)
 */
export function chooseThreshold(distances: ArrayLike<number>, same: ArrayLike<boolean | number>): {
  /** The best τ. */
  threshold: number;
  /** Fraction of pairs `distance < τ` classifies correctly. */
  accuracy: number;
} {
  const { positives, negatives } = checkPairs(distances, same, 'chooseThreshold');
  let best = { threshold: 0, accuracy: -1 };
  for (const p of rocCurve(distances, same)) {
    const accuracy = (p.tpr * positives + (1 - p.fpr) * negatives) / (positives + negatives);
    if (accuracy > best.accuracy) best = { threshold: p.threshold, accuracy };
  }
  return best;
}

/** Same identity or not for each pair: `distance < threshold`. @example verify([0.3, 1.2], 0.7) // [true, false] */
export function verify(distances: ArrayLike<number>, threshold: number): boolean[] {
  return Array.from(distances, (d) => d < threshold);
}

/** One answer of {@link oneShotIdentify}. */
export interface Identification<T> {
  /** The nearest identity, or null when even it is not within the threshold ("not in the database"). */
  readonly identity: T | null;
  /** Euclidean distance to the nearest database embedding. */
  readonly distance: number;
}

/**
 * One-shot identification: each query is given the identity of its nearest database embedding
 * (one per identity, the course's "who is it?"), by Euclidean distance; with a `threshold`,
 * queries farther than it from every entry are answered null.
 *
 * Shapes: `queries [q, d]`, `database [k, d]`, `identities` k names → q answers.
 * @example oneShotIdentify(net.embed(faces), net.embed(references), ['ana', 'ben'], { threshold: 0.7 })
 */
export function oneShotIdentify<T>(queries: Tensor, database: Tensor, identities: readonly T[], options: { threshold?: number } = {}): Identification<T>[] {
  const where = 'oneShotIdentify';
  if (queries.rank !== 2 || database.rank !== 2 || queries.shape[1] !== database.shape[1]) {
    throw new ShapeError(`${where}: expected queries [q, d] and database [k, d], got ${formatShape(queries.shape)} and ${formatShape(database.shape)}`);
  }
  const [k, d] = database.shape as [number, number];
  if (identities.length !== k || k === 0) throw new ShapeError(`${where}: expected one identity per database row (${k}, at least 1), got ${identities.length}`);
  const [q, db] = noGrad(() => [queries.dataSync(), database.dataSync()]);
  const answers: Identification<T>[] = [];
  for (let i = 0; i < queries.shape[0]!; i++) {
    let best = -1;
    let bestDistance = Infinity;
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let c = 0; c < d; c++) {
        const diff = q![i * d + c]! - db![j * d + c]!;
        s += diff * diff;
      }
      if (s < bestDistance) {
        bestDistance = s;
        best = j;
      }
    }
    const distance = Math.sqrt(bestDistance);
    answers.push({ identity: options.threshold !== undefined && !(distance < options.threshold) ? null : identities[best]!, distance });
  }
  return answers;
}
