import { ValueError } from '@dlkit/core';

/** Error rates (fractions or percentages, consistently) at each level of Course 3's analysis. */
export interface ErrorLevels {
  /** Human-level error, the proxy for Bayes error (use the best human performance you know of). */
  humanError: number;
  /** Error on the training set. */
  trainError: number;
  /** Error on a held-out "train-dev" set from the training distribution (see `trainDevSplit`). */
  trainDevError?: number;
  /** Error on the dev set. */
  devError: number;
  /** Error on the test set. */
  testError?: number;
}

/** A problem {@link diagnose} measures. */
export type Problem = 'avoidableBias' | 'variance' | 'dataMismatch' | 'devOverfitting';

/** What {@link diagnose} found. */
export interface Diagnosis {
  /** Training error above human level: `trainError − humanError`. */
  avoidableBias: number;
  /** `trainDevError − trainError` (or `devError − trainError` without a train-dev set, which then also holds any data mismatch). */
  variance: number;
  /** `devError − trainDevError`, when a train-dev error is given. */
  dataMismatch: number | null;
  /** Overfitting to the dev set: `testError − devError`, when a test error is given. */
  devOverfitting: number | null;
  /** The largest gap: the one to work on first. */
  focus: Problem;
  /** Every measured problem with its gap, largest first, each with the course's remedies. */
  ranked: {
    /** The problem measured. */
    problem: Problem;
    /** Its gap, in error-rate units. */
    gap: number;
    /** What the course suggests against it. */
    remedies: readonly string[];
  }[];
  /** True when training error is already below human level, where avoidable bias is hard to judge. */
  surpassedHuman: boolean;
}

/** The course's remedies for each problem. */
export const REMEDIES: Readonly<Record<Problem, readonly string[]>> = {
  avoidableBias: [
    'Train a bigger model (more hidden units or layers)',
    'Train longer or with a better optimization algorithm (momentum, RMSprop, Adam)',
    'Search for a better architecture or hyperparameters (CNN, RNN, …)',
  ],
  variance: [
    'Get more training data',
    'Regularize: L2, dropout, data augmentation, early stopping',
    'Search for a better architecture or hyperparameters',
  ],
  dataMismatch: [
    'Carry out manual error analysis to understand how training and dev/test data differ',
    'Make the training data more similar to dev/test, or collect more data like dev/test',
    'Synthesize training data that resembles dev/test (beware overfitting a small synthesized subset)',
  ],
  devOverfitting: ['Get a bigger dev set (you have tuned to this one)'],
};

/**
 * Course 3's bias/variance analysis: the gaps between human-level, training, train-dev, dev and
 * test error, which one dominates, and what to do about it.
 * @example
 * ```ts
 * diagnose({ humanError: 0.01, trainError: 0.08, devError: 0.10 });
 * // avoidableBias 0.07 > variance 0.02 → focus 'avoidableBias': bigger model, train longer, …
 * diagnose({ humanError: 0.04, trainError: 0.07, trainDevError: 0.10, devError: 0.12, testError: 0.12 });
 * ```
 */
export function diagnose(levels: ErrorLevels): Diagnosis {
  const { humanError, trainError, trainDevError, devError, testError } = levels;
  for (const [name, value] of Object.entries(levels)) {
    if (value !== undefined && !(typeof value === 'number' && Number.isFinite(value) && value >= 0)) {
      throw new ValueError(`diagnose: ${name} must be a finite error rate >= 0, got ${String(value)}`);
    }
  }
  for (const name of ['humanError', 'trainError', 'devError'] as const) {
    if (levels[name] === undefined) throw new ValueError(`diagnose: ${name} is required`);
  }
  const avoidableBias = trainError - humanError;
  const variance = (trainDevError ?? devError) - trainError;
  const dataMismatch = trainDevError === undefined ? null : devError - trainDevError;
  const devOverfitting = testError === undefined ? null : testError - devError;
  const gaps: [Problem, number | null][] = [['avoidableBias', avoidableBias], ['variance', variance], ['dataMismatch', dataMismatch], ['devOverfitting', devOverfitting]];
  const ranked = gaps
    .filter((entry): entry is [Problem, number] => entry[1] !== null)
    .map(([problem, gap]) => ({ problem, gap, remedies: REMEDIES[problem] }))
    .sort((a, b) => b.gap - a.gap);
  return { avoidableBias, variance, dataMismatch, devOverfitting, focus: ranked[0]!.problem, ranked, surpassedHuman: avoidableBias < 0 };
}
