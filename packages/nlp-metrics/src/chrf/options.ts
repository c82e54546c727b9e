import { expectBoolean, expectFiniteNumber, expectInteger, expectOptions } from '../validate.js';

/**
 * Options of {@link chrF} and {@link sentenceChrF}, named after sacreBLEU's `CHRF(...)`
 * arguments; every one is optional and defaults as in sacreBLEU.
 *
 * @example
 * ```ts
 * const chrFPlusPlus: ChrFOptions = { wordOrder: 2 };
 * ```
 */
export interface ChrFOptions {
  /** Highest character n-gram order. Default 6. */
  readonly charOrder?: number;
  /** Highest word n-gram order: 0 for chrF (the default), 2 for chrF++. */
  readonly wordOrder?: number;
  /** Recall is weighted β times as much as precision. Default 2. */
  readonly beta?: number;
  /** Lowercase everything first. Default `false`. */
  readonly lowercase?: boolean;
  /** Keep whitespace inside character n-grams. Default `false`. */
  readonly whitespace?: boolean;
  /**
   * chrF++.py/Moses/NLTK-style ε smoothing: average the F-scores of all orders. Default `false`:
   * sacreBLEU's default averages precision and recall over the orders both sides have n-grams of.
   */
  readonly epsSmoothing?: boolean;
}

/** {@link ChrFOptions} with every default filled in. */
export type ChrFSettings = Required<ChrFOptions>;

/** Validates `options` on behalf of `fn` and fills in sacreBLEU's defaults. */
export function resolveChrFOptions(fn: string, options: ChrFOptions | undefined): ChrFSettings {
  expectOptions(fn, options);
  const { charOrder = 6, wordOrder = 0, beta = 2, lowercase = false, whitespace = false, epsSmoothing = false } = options ?? {};
  expectInteger(fn, 'options.charOrder', charOrder, 1);
  expectInteger(fn, 'options.wordOrder', wordOrder, 0);
  expectFiniteNumber(fn, 'options.beta', beta, 0, true);
  expectBoolean(fn, 'options.lowercase', lowercase);
  expectBoolean(fn, 'options.whitespace', whitespace);
  expectBoolean(fn, 'options.epsSmoothing', epsSmoothing);
  return { charOrder, wordOrder, beta, lowercase, whitespace, epsSmoothing };
}
