import { expectBoolean, expectFiniteNumber, expectInteger, expectOneOf, expectOptions } from '../validate.js';
import { BLEU_TOKENIZERS, type BleuTokenizer } from './tokenizers.js';

/**
 * sacreBLEU's smoothing methods (Chen & Cherry 2014): `exp` (NIST geometric smoothing, the
 * default), `floor` (zero precisions replaced by `smoothValue`/total), `add-k` (`smoothValue`
 * added to the counts and totals of orders ≥ 2) and `none`.
 *
 * @example
 * ```ts
 * sentenceBleu('the cat', ['the cat sat'], { smooth: 'add-k', smoothValue: 1 });
 * ```
 */
export type BleuSmoothing = 'exp' | 'floor' | 'add-k' | 'none';

/**
 * Every {@link BleuSmoothing} name.
 *
 * @example
 * ```ts
 * BLEU_SMOOTHINGS.map((smooth) => sentenceBleu('the cat', ['the cat sat'], { smooth }).score);
 * ```
 */
export const BLEU_SMOOTHINGS: readonly BleuSmoothing[] = ['exp', 'floor', 'add-k', 'none'];

/**
 * Options of {@link corpusBleu} and {@link sentenceBleu}, named after sacreBLEU's `BLEU(...)`
 * arguments; every one is optional and defaults as in sacreBLEU.
 *
 * @example
 * ```ts
 * const options: BleuOptions = { tokenize: 'intl', lowercase: true, effectiveOrder: true };
 * ```
 */
export interface BleuOptions {
  /** Tokenizer applied to hypotheses and references. Default `'13a'`. */
  readonly tokenize?: BleuTokenizer;
  /** Lowercase everything before tokenizing. Default `false`. */
  readonly lowercase?: boolean;
  /** Smoothing method. Default `'exp'`. */
  readonly smooth?: BleuSmoothing;
  /** The value for `floor` (default 0.1) and `add-k` (default 1); ignored by `exp` and `none`. */
  readonly smoothValue?: number;
  /** Highest n-gram order. Default 4. */
  readonly maxNgramOrder?: number;
  /**
   * Average only over the orders the hypotheses have n-grams of, so that short sentences are not
   * scored 0. Default `false`; sacreBLEU recommends `true` for sentence-level BLEU.
   */
  readonly effectiveOrder?: boolean;
}

/** {@link BleuOptions} with every default filled in. */
export interface BleuSettings {
  readonly tokenize: BleuTokenizer;
  readonly lowercase: boolean;
  readonly smooth: BleuSmoothing;
  /** The smoothing value in effect, or `undefined` for methods that take none. */
  readonly smoothValue: number | undefined;
  readonly maxNgramOrder: number;
  readonly effectiveOrder: boolean;
}

// From Chen & Cherry (2014), as sacreBLEU sets them.
const SMOOTH_DEFAULTS: Record<BleuSmoothing, number | undefined> = { exp: undefined, floor: 0.1, 'add-k': 1, none: undefined };

/** Validates `options` on behalf of `fn` and fills in sacreBLEU's defaults. */
export function resolveBleuOptions(fn: string, options: BleuOptions | undefined): BleuSettings {
  expectOptions(fn, options);
  const { tokenize = '13a', lowercase = false, smooth = 'exp', smoothValue, maxNgramOrder = 4, effectiveOrder = false } = options ?? {};
  expectOneOf(fn, 'options.tokenize', tokenize, BLEU_TOKENIZERS);
  expectBoolean(fn, 'options.lowercase', lowercase);
  expectOneOf(fn, 'options.smooth', smooth, BLEU_SMOOTHINGS);
  if (smoothValue !== undefined) expectFiniteNumber(fn, 'options.smoothValue', smoothValue, 0);
  expectInteger(fn, 'options.maxNgramOrder', maxNgramOrder, 1);
  expectBoolean(fn, 'options.effectiveOrder', effectiveOrder);
  const defaultValue = SMOOTH_DEFAULTS[smooth];
  return {
    tokenize,
    lowercase,
    smooth,
    smoothValue: defaultValue === undefined ? undefined : (smoothValue ?? defaultValue),
    maxNgramOrder,
    effectiveOrder,
  };
}
