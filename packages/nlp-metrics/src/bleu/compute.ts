import type { BleuSettings } from './options.js';
import type { BleuStatistics } from './statistics.js';

/** The numbers of a BLEU score, everything but its signature. */
export interface BleuNumbers {
  readonly score: number;
  readonly precisions: number[];
  readonly brevityPenalty: number;
}

// sacreBLEU takes log(0) as this very negative number rather than -Infinity.
const LOG_ZERO = -9999999999;

const logOrFloor = (value: number): number => (value === 0 ? LOG_ZERO : Math.log(value));

/**
 * BLEU on sacreBLEU's 0–100 scale from corpus statistics, step for step as sacreBLEU's
 * `BLEU.compute_bleu` (the same operations in the same order, so the same floating-point result):
 * BP = exp(1 − r/c) when c < r, precisions p_n = 100·matches/total with the chosen smoothing,
 * score = BP · exp(mean of log p_n).
 */
export function computeBleu(statistics: BleuStatistics, settings: BleuSettings): BleuNumbers {
  const { hypothesisLength, referenceLength } = statistics;
  const maxOrder = settings.maxNgramOrder;
  const smoothValue = settings.smoothValue ?? 0;

  let brevityPenalty = 1;
  if (hypothesisLength < referenceLength) {
    brevityPenalty = hypothesisLength > 0 ? Math.exp(1 - referenceLength / hypothesisLength) : 0;
  }
  const precisions = new Array<number>(maxOrder).fill(0);
  // No match at any order: 0, whatever the smoothing (sacreBLEU issue #141).
  if (statistics.counts.every((count) => count === 0)) return { score: 0, precisions, brevityPenalty };

  let mtevalFactor = 1;
  let averagedOrders = maxOrder;
  for (let order = 1; order <= maxOrder; order++) {
    let matches = statistics.counts[order - 1]!;
    let total = statistics.totals[order - 1]!;
    if (settings.smooth === 'add-k' && order > 1) {
      matches += smoothValue;
      total += smoothValue;
    }
    // No n-grams of this order (or higher): the hypotheses are too short.
    if (total === 0) break;
    if (settings.effectiveOrder) averagedOrders = order;

    if (matches !== 0) {
      precisions[order - 1] = (100 * matches) / total;
    } else if (settings.smooth === 'exp') {
      mtevalFactor *= 2;
      precisions[order - 1] = 100 / (mtevalFactor * total);
    } else if (settings.smooth === 'floor') {
      precisions[order - 1] = (100 * smoothValue) / total;
    }
  }

  let logSum = 0;
  for (const precision of precisions.slice(0, averagedOrders)) logSum += logOrFloor(precision);
  return { score: brevityPenalty * Math.exp(logSum / averagedOrders), precisions, brevityPenalty };
}
