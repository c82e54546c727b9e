import { ShapeError, ValueError } from '../errors.js';
import { formatShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { labelPairs } from './labels.js';

/**
 * Fraction of predictions equal to the targets. Predictions may be int32 labels, float scores
 * `[..., C]` (argmax is taken) or binary probabilities (thresholded at 0.5); targets int32 labels,
 * 0/1 floats or one-hot rows.
 * @example accuracy(model.forward(x), labels) // 0.93
 */
export function accuracy(predictions: Tensor, targets: Tensor): number {
  const { predicted, actual } = labelPairs(predictions, targets, 'accuracy');
  if (actual.length === 0) throw new ValueError('accuracy: no examples');
  let correct = 0;
  for (let i = 0; i < actual.length; i++) if (predicted[i] === actual[i]) correct++;
  return correct / actual.length;
}

/**
 * Counts `matrix[actual][predicted]` (rows are true classes, as in scikit-learn).
 * `numClasses` defaults to one more than the largest label seen.
 * @example confusionMatrix(scores, labels) // [[50, 2], [3, 45]]
 */
export function confusionMatrix(predictions: Tensor, targets: Tensor, numClasses?: number): number[][] {
  const { predicted, actual } = labelPairs(predictions, targets, 'confusionMatrix');
  const n = numClasses ?? Math.max(0, ...predicted, ...actual) + 1;
  const matrix = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i]!;
    const p = predicted[i]!;
    if (a < 0 || a >= n || p < 0 || p >= n) throw new ValueError(`confusionMatrix: label ${a < 0 || a >= n ? a : p} is outside [0, ${n})`);
    matrix[a]![p]!++;
  }
  return matrix;
}

/** How per-class scores are combined: the positive class only, unweighted mean, global counts, or mean weighted by support. */
export type Average = 'binary' | 'macro' | 'micro' | 'weighted';

/** Options of {@link precision}, {@link recall} and {@link f1}. */
export interface ClassificationMetricOptions {
  /** Default `'binary'`. */
  average?: Average;
  /** The positive class for `'binary'` (default 1). */
  positiveLabel?: number;
  /** Number of classes (default: from the labels). */
  numClasses?: number;
}

interface ClassCounts {
  readonly truePositive: number;
  readonly falsePositive: number;
  readonly falseNegative: number;
  readonly support: number;
}

function perClassCounts(predictions: Tensor, targets: Tensor, numClasses: number | undefined): ClassCounts[] {
  const matrix = confusionMatrix(predictions, targets, numClasses);
  return matrix.map((row, c) => {
    const truePositive = row[c]!;
    const support = row.reduce((a, b) => a + b, 0);
    const predictedCount = matrix.reduce((sum, r) => sum + r[c]!, 0);
    return { truePositive, falsePositive: predictedCount - truePositive, falseNegative: support - truePositive, support };
  });
}

/** A ratio that is 0 when its denominator is (scikit-learn's zero_division=0). */
function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : numerator / denominator;
}

function averaged(
  predictions: Tensor, targets: Tensor, options: ClassificationMetricOptions, where: string,
  score: (tp: number, fp: number, fn: number) => number,
): number {
  const counts = perClassCounts(predictions, targets, options.numClasses);
  const average = options.average ?? 'binary';
  switch (average) {
    case 'binary': {
      const label = options.positiveLabel ?? 1;
      if (counts.length > 2) {
        throw new ShapeError(`${where}: average 'binary' needs two classes, got ${counts.length}; use 'macro', 'micro' or 'weighted'`);
      }
      const c = counts[label] ?? { truePositive: 0, falsePositive: 0, falseNegative: 0, support: 0 };
      return score(c.truePositive, c.falsePositive, c.falseNegative);
    }
    case 'micro': {
      const sum = (key: keyof ClassCounts): number => counts.reduce((s, c) => s + c[key], 0);
      return score(sum('truePositive'), sum('falsePositive'), sum('falseNegative'));
    }
    case 'macro':
      return counts.reduce((s, c) => s + score(c.truePositive, c.falsePositive, c.falseNegative), 0) / counts.length;
    case 'weighted': {
      const total = counts.reduce((s, c) => s + c.support, 0);
      return counts.reduce((s, c) => s + score(c.truePositive, c.falsePositive, c.falseNegative) * c.support, 0) / (total || 1);
    }
    default:
      throw new ValueError(`${where}: average must be 'binary', 'macro', 'micro' or 'weighted', got ${JSON.stringify(average)}`);
  }
}

/**
 * Precision `TP / (TP + FP)`: of the examples predicted positive, the fraction that are.
 * @example precision(probabilities, labels) // binary, positive class 1
 */
export function precision(predictions: Tensor, targets: Tensor, options: ClassificationMetricOptions = {}): number {
  return averaged(predictions, targets, options, 'precision', (tp, fp) => ratio(tp, tp + fp));
}

/**
 * Recall `TP / (TP + FN)`: of the positive examples, the fraction found.
 * @example recall(scores, labels, { average: 'macro' })
 */
export function recall(predictions: Tensor, targets: Tensor, options: ClassificationMetricOptions = {}): number {
  return averaged(predictions, targets, options, 'recall', (tp, _fp, fn) => ratio(tp, tp + fn));
}

/**
 * F1 score, the harmonic mean of precision and recall `2TP / (2TP + FP + FN)` — the course's
 * single-number evaluation metric.
 * @example f1(scores, labels, { average: 'weighted' })
 */
export function f1(predictions: Tensor, targets: Tensor, options: ClassificationMetricOptions = {}): number {
  return averaged(predictions, targets, options, 'f1', (tp, fp, fn) => ratio(2 * tp, 2 * tp + fp + fn));
}

/**
 * Fraction of examples whose true label is among the `k` highest scores.
 *
 * Shapes: `scores [m, C]`, `labels [m]` int32.
 * @example topKAccuracy(logits, labels, 5)
 */
export function topKAccuracy(scores: Tensor, labels: Tensor, k: number): number {
  if (scores.rank !== 2 || labels.rank !== 1 || scores.shape[0] !== labels.shape[0]) {
    throw new ShapeError(`topKAccuracy: expected scores [m, C] and labels [m], got ${formatShape(scores.shape)} and ${formatShape(labels.shape)}`);
  }
  const [m, classes] = scores.shape as [number, number];
  if (!Number.isInteger(k) || k < 1 || k > classes) throw new ValueError(`topKAccuracy: k must be in [1, ${classes}], got ${k}`);
  const values = scores.dataSync();
  const truth = labels.dataSync();
  let hits = 0;
  for (let i = 0; i < m; i++) {
    const label = truth[i]!;
    const target = values[i * classes + label]!;
    // The label is in the top k when fewer than k classes score strictly higher.
    let higher = 0;
    for (let c = 0; c < classes; c++) if (values[i * classes + c]! > target) higher++;
    if (higher < k) hits++;
  }
  return m === 0 ? 0 : hits / m;
}
