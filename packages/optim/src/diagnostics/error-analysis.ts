import { ValueError } from '@dlkit/core';

/** A misclassified dev example with the tags you gave it while looking at it (several allowed). */
export interface TaggedError {
  /** The error's categories, e.g. `['blurry', 'dog']`. */
  tags: readonly string[];
}

/** One row of {@link tallyErrors}. */
export interface ErrorTally {
  /** The tag. */
  tag: string;
  /** Errors carrying it. */
  count: number;
  /** Its share of the examined errors. */
  fraction: number;
  /** The lowest overall error reachable by fixing every error of this kind: `overallError·(1 − fraction)`. */
  errorIfFixed: number;
  /** The ceiling on improvement: `overallError·fraction`. */
  ceiling: number;
}

/**
 * Course 3's error analysis: tally the tags of examined dev-set errors (dogs, great cats, blurry,
 * mislabeled, …) and the most each category could gain — if 5% of 100 errors are dogs and the
 * dev error is 10%, fixing dogs can at best reach 9.5% (ceiling 0.5%). Sorted by count.
 * @example
 * ```ts
 * tallyErrors([{ tags: ['dog'] }, { tags: ['blurry', 'great cat'] }, { tags: ['blurry'] }], { overallError: 0.1 });
 * // [{ tag: 'blurry', count: 2, fraction: 0.667, ceiling: 0.0667, … }, …]
 * ```
 */
export function tallyErrors(errors: readonly TaggedError[], options: { overallError: number }): ErrorTally[] {
  const { overallError } = options;
  if (!(Number.isFinite(overallError) && overallError >= 0)) throw new ValueError(`tallyErrors: overallError must be a finite error rate >= 0, got ${String(overallError)}`);
  if (errors.length === 0) throw new ValueError('tallyErrors: no errors given; examine some misclassified dev examples first');
  const counts = new Map<string, number>();
  errors.forEach((error, i) => {
    if (!error || !Array.isArray(error.tags)) throw new ValueError(`tallyErrors: error ${i} has no tags list`);
    for (const tag of new Set(error.tags)) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  });
  return [...counts]
    .map(([tag, count]) => {
      const fraction = count / errors.length;
      return { tag, count, fraction, ceiling: overallError * fraction, errorIfFixed: overallError * (1 - fraction) };
    })
    .sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag));
}
