import type { ChrFSettings } from './options.js';

/** Per n-gram order, in order: hypothesis n-grams, reference n-grams, matched n-grams. */
export type ChrFStatistics = number[];

/**
 * chrF on the 0–100 scale from match statistics, with sacreBLEU's `_compute_f_score` operations
 * in the same order. With ε smoothing it is the mean over orders of F_β; otherwise F_β of the
 * precision and recall averaged over the orders both sides have n-grams of.
 */
export function chrFScore(statistics: ChrFStatistics, settings: ChrFSettings): number {
  const eps = 1e-16;
  const factor = settings.beta ** 2;
  const orders = statistics.length / 3;
  let score = 0;
  let effectiveOrders = 0;
  let averagePrecision = 0;
  let averageRecall = 0;
  for (let i = 0; i < orders; i++) {
    const hypothesisCount = statistics[3 * i]!;
    const referenceCount = statistics[3 * i + 1]!;
    const matches = statistics[3 * i + 2]!;
    const precision = hypothesisCount > 0 ? matches / hypothesisCount : eps;
    const recall = referenceCount > 0 ? matches / referenceCount : eps;
    const denominator = factor * precision + recall;
    score += denominator > 0 ? ((1 + factor) * precision * recall) / denominator : eps;
    if (hypothesisCount > 0 && referenceCount > 0) {
      averagePrecision += precision;
      averageRecall += recall;
      effectiveOrders += 1;
    }
  }
  if (settings.epsSmoothing) return (100 * score) / orders;
  if (effectiveOrders === 0) return 0;
  averagePrecision /= effectiveOrders;
  averageRecall /= effectiveOrders;
  if (averagePrecision + averageRecall === 0) return 0;
  return (100 * (((1 + factor) * averagePrecision * averageRecall) / (factor * averagePrecision + averageRecall)));
}
