import { clippedMatches, countNgrams, maxCounts } from '../ngrams.js';
import { closestReferenceLength } from './closest-reference-length.js';

/** BLEU's sufficient statistics, summed over the segments of a corpus. */
export interface BleuStatistics {
  /** Hypothesis tokens in all. */
  hypothesisLength: number;
  /** Sum over segments of the reference length closest to the hypothesis length. */
  referenceLength: number;
  /** `counts[n - 1]`: hypothesis n-grams matched in a reference, clipped to the reference count. */
  readonly counts: number[];
  /** `totals[n - 1]`: hypothesis n-grams. */
  readonly totals: number[];
}

/** Empty statistics for n-gram orders 1 to `maxOrder`. */
export function emptyStatistics(maxOrder: number): BleuStatistics {
  return { hypothesisLength: 0, referenceLength: 0, counts: new Array<number>(maxOrder).fill(0), totals: new Array<number>(maxOrder).fill(0) };
}

/**
 * Adds one segment to `into`: each hypothesis n-gram counts as matched at most as often as it
 * occurs in any single reference (the modified, clipped precision).
 */
export function addSegment(into: BleuStatistics, hypothesis: readonly string[], references: readonly (readonly string[])[]): void {
  const maxOrder = into.counts.length;
  const counts = countNgrams([hypothesis, ...references], maxOrder);
  counts.forEach(([hypothesisCounts, ...referenceCounts], index) => {
    into.totals[index]! += Math.max(0, hypothesis.length - index);
    into.counts[index]! += clippedMatches(hypothesisCounts!, maxCounts(referenceCounts));
  });
  into.hypothesisLength += hypothesis.length;
  into.referenceLength += closestReferenceLength(hypothesis.length, references.map((r) => r.length));
}
