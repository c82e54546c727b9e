import { MetricInputError } from './errors.js';
import { describeValue } from './describe-value.js';
import { expectFiniteNumber, expectOptions } from './validate.js';

/**
 * Options of {@link perplexity}.
 *
 * @example
 * ```ts
 * perplexity(log2Probabilities, { base: 2 });
 * ```
 */
export interface PerplexityOptions {
  /** The base (> 1) of the logarithms given. Default e (natural logs, as log-softmax outputs). */
  readonly base?: number;
}

/**
 * Perplexity of a sequence (or of a corpus, with its tokens' log-probabilities concatenated) from
 * the log-probability the model gave each actual token: base^(−(1/T)·Σ log p(y⟨t⟩)), the
 * exponentiated mean cross-entropy. A token given probability 0 (log-probability −∞) makes the
 * perplexity +∞.
 *
 * @param logProbabilities - log p of each token, all ≤ 0; at least one
 * @param options - the logarithms' base (default e)
 *
 * @example
 * ```ts
 * perplexity([Math.log(0.5), Math.log(0.25)]); // 2.828… = 1 / √(0.5 · 0.25)
 * perplexity([-1, -3], { base: 2 }); // 4
 * ```
 */
export function perplexity(logProbabilities: ArrayLike<number>, options?: PerplexityOptions): number {
  const fn = 'perplexity';
  if (typeof logProbabilities !== 'object' || logProbabilities === null || typeof logProbabilities.length !== 'number') {
    throw new MetricInputError(fn, `logProbabilities must be an array of numbers, got ${describeValue(logProbabilities)}`);
  }
  if (logProbabilities.length === 0) throw new MetricInputError(fn, 'logProbabilities must hold at least one value, got none');
  expectOptions(fn, options);
  const base = options?.base ?? Math.E;
  expectFiniteNumber(fn, 'options.base', base, 1, true);

  let sum = 0;
  for (let t = 0; t < logProbabilities.length; t++) {
    const value: unknown = logProbabilities[t];
    if (typeof value !== 'number' || Number.isNaN(value) || value > 0) {
      throw new MetricInputError(fn, `logProbabilities[${t}] must be a log-probability (a number <= 0), got ${describeValue(value)}`);
    }
    sum += value;
  }
  const meanLogProbability = sum / logProbabilities.length;
  return base === Math.E ? Math.exp(-meanLogProbability) : base ** -meanLogProbability;
}
