import { MetricInputError } from '../errors.js';
import type { NltkBleuSettings } from './options.js';

/** A modified precision as NLTK keeps it: an unreduced fraction (NLTK's `Fraction(_normalize=False)`). */
export interface Precision {
  readonly numerator: number;
  readonly denominator: number;
}

/** What NLTK passes its smoothing function besides the precisions. */
export interface SmoothingContext {
  /** Hypothesis tokens in the whole corpus (NLTK's `hyp_len`). */
  readonly hypothesisLength: number;
  /**
   * Tokens of the corpus's last hypothesis. NLTK hands its smoothing function the loop variables
   * of the last segment, so methods 6 (and 5, below) look at that segment alone.
   */
  readonly lastHypothesisLength: number;
  /** Modified 5-gram precision of the last segment, which method 5 appends to the list. */
  readonly lastFivegramPrecision: Precision;
}

// NLTK substitutes sys.float_info.min (the smallest normal double) for a zero precision.
const SMALLEST_NORMAL_DOUBLE = 2.2250738585072014e-308;

const valueOf = (p: Precision): number => p.numerator / p.denominator;

function method4(precisions: readonly Precision[], context: SmoothingContext, k: number): number[] {
  let zeroOrders = 1;
  const hypothesisLength = context.hypothesisLength;
  return precisions.map((p) => {
    if (p.numerator !== 0 || hypothesisLength <= 1) return valueOf(p);
    const smoothed = 1 / ((2 ** zeroOrders * k) / Math.log(hypothesisLength)) / p.denominator;
    zeroOrders += 1;
    return smoothed;
  });
}

function method5(values: readonly number[], context: SmoothingContext): number[] {
  // Each order is averaged with the one above; the order after the last is always the 5-gram.
  const above = [...values.slice(1), valueOf(context.lastFivegramPrecision)];
  let previous = values[0]! + 1;
  return values.map((value, i) => {
    previous = (previous + value + above[i]!) / 3;
    return previous;
  });
}

function method6(fn: string, precisions: readonly Precision[], context: SmoothingContext, alpha: number): number[] {
  // NLTK asserts a non-zero *trigram* precision (its message says bigrams) and fails on fewer orders.
  if (precisions.length < 3 || precisions[2]!.numerator === 0) {
    throw new MetricInputError(fn, 'smoothing method 6 needs weights of at least 3 orders and a trigram match, as in NLTK');
  }
  const smoothed = precisions.map(valueOf);
  for (let i = 2; i < smoothed.length; i++) {
    const prior = smoothed[i - 2] === 0 ? 0 : smoothed[i - 1]! ** 2 / smoothed[i - 2]!;
    const ngramsInLastHypothesis = Math.max(0, context.lastHypothesisLength - i);
    smoothed[i] = (precisions[i]!.numerator + alpha * prior) / (ngramsInLastHypothesis + alpha);
  }
  return smoothed;
}

/**
 * NLTK's `SmoothingFunction().method0`–`method7` applied to corpus precisions, returning the
 * values whose logs BLEU averages. Arithmetic follows NLTK's order of operations; NLTK does some
 * of it in exact fractions, so results agree to rounding (about 1e-16), not always bit for bit.
 */
export function smoothPrecisions(
  fn: string,
  precisions: readonly Precision[],
  context: SmoothingContext,
  settings: NltkBleuSettings,
): number[] {
  switch (settings.smoothing) {
    case 0:
      return precisions.map((p) => (p.numerator !== 0 ? valueOf(p) : SMALLEST_NORMAL_DOUBLE));
    case 1:
      return precisions.map((p) => (p.numerator === 0 ? (p.numerator + settings.epsilon) / p.denominator : valueOf(p)));
    case 2:
      return precisions.map((p, i) => (i === 0 ? valueOf(p) : (p.numerator + 1) / (p.denominator + 1)));
    case 3: {
      let zeroOrders = 1;
      return precisions.map((p) => {
        if (p.numerator !== 0) return valueOf(p);
        const smoothed = 1 / (2 ** zeroOrders * p.denominator);
        zeroOrders += 1;
        return smoothed;
      });
    }
    case 4:
      return method4(precisions, context, settings.k);
    case 5:
      return method5(precisions.map(valueOf), context);
    case 6:
      return method6(fn, precisions, context, settings.alpha);
    case 7:
      return method5(method4(precisions, context, settings.k), context);
  }
}
