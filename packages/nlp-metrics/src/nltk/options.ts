import { MetricInputError } from '../errors.js';
import { expectBoolean, expectFiniteNumber, expectOneOf, expectOptions } from '../validate.js';

/**
 * NLTK's `SmoothingFunction().methodN` (Chen & Cherry 2014): 0 none, 1 add ε to zero counts,
 * 2 add 1 to counts and totals of orders ≥ 2 (Lin & Och 2004), 3 NIST geometric 1/2^k,
 * 4 like 3 scaled by the hypothesis length, 5 average of neighbouring orders, 6 interpolation
 * with a prior (Gao & He 2013), 7 methods 4 then 5.
 *
 * @example
 * ```ts
 * const smoothing: NltkSmoothingMethod = 1; // NLTK's SmoothingFunction().method1
 * nltkSentenceBleu([['the', 'cat']], ['the', 'cat'], { smoothing });
 * ```
 */
export type NltkSmoothingMethod = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7;

/**
 * Every {@link NltkSmoothingMethod}.
 *
 * @example
 * ```ts
 * NLTK_SMOOTHING_METHODS.map((smoothing) => nltkSentenceBleu([reference], hypothesis, { smoothing }).score);
 * ```
 */
export const NLTK_SMOOTHING_METHODS: readonly NltkSmoothingMethod[] = [0, 1, 2, 3, 4, 5, 6, 7];

/**
 * Options of {@link nltkCorpusBleu} and {@link nltkSentenceBleu}, named after NLTK's arguments;
 * every one is optional and defaults as in NLTK.
 *
 * @example
 * ```ts
 * // BLEU-2 with NIST smoothing, as corpus_bleu(..., weights=(0.5, 0.5), smoothing_function=SmoothingFunction().method3)
 * const options: NltkBleuOptions = { weights: [0.5, 0.5], smoothing: 3 };
 * ```
 */
export interface NltkBleuOptions {
  /** Weight of each n-gram order's log precision; its length is the highest order. Default `[0.25, 0.25, 0.25, 0.25]`. */
  readonly weights?: readonly number[];
  /** Chen & Cherry smoothing method, 0 (none, the default) to 7. */
  readonly smoothing?: NltkSmoothingMethod;
  /** ε of method 1. Default 0.1. */
  readonly epsilon?: number;
  /** α of method 6. Default 5. */
  readonly alpha?: number;
  /** k of methods 4 and 7. Default 5. */
  readonly k?: number;
  /**
   * NLTK's `auto_reweigh`: when the hypotheses have fewer than 4 tokens in all and the weights
   * are the default, use uniform weights over that many orders. Default `false`.
   */
  readonly autoReweigh?: boolean;
}

/** {@link NltkBleuOptions} with every default filled in. */
export interface NltkBleuSettings {
  readonly weights: readonly number[];
  readonly smoothing: NltkSmoothingMethod;
  readonly epsilon: number;
  readonly alpha: number;
  readonly k: number;
  readonly autoReweigh: boolean;
}

/** NLTK's default weights: BLEU-4 with uniform weights. */
export const NLTK_DEFAULT_WEIGHTS: readonly number[] = [0.25, 0.25, 0.25, 0.25];

/** Validates `options` on behalf of `fn` and fills in NLTK's defaults. */
export function resolveNltkOptions(fn: string, options: NltkBleuOptions | undefined): NltkBleuSettings {
  expectOptions(fn, options);
  const { weights = NLTK_DEFAULT_WEIGHTS, smoothing = 0, epsilon = 0.1, alpha = 5, k = 5, autoReweigh = false } = options ?? {};
  if (!Array.isArray(weights) || weights.length === 0 || !weights.every((w: unknown) => typeof w === 'number' && Number.isFinite(w))) {
    throw new MetricInputError(fn, `options.weights must be a non-empty array of finite numbers, got ${JSON.stringify(weights)}`);
  }
  expectOneOf(fn, 'options.smoothing', smoothing, NLTK_SMOOTHING_METHODS);
  expectFiniteNumber(fn, 'options.epsilon', epsilon, 0, true);
  expectFiniteNumber(fn, 'options.alpha', alpha, 0, true);
  expectFiniteNumber(fn, 'options.k', k, 0, true);
  expectBoolean(fn, 'options.autoReweigh', autoReweigh);
  return { weights, smoothing, epsilon, alpha, k, autoReweigh };
}
