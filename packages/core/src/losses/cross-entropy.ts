import { DTypeError, ShapeError, ValueError } from '../errors.js';
import { formatShape, shapesEqual } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { add, div, equal, mul, where } from '../ops/binary.js';
import { cast, clip, log, logicalNot, neg } from '../ops/unary.js';
import { logSoftmax } from '../ops/softmax.js';
import { sum } from '../ops/reduce.js';
import { gather, pickAlongAxis } from '../ops/indexing.js';
import { findBadIndex } from '../ops/index-checks.js';
import { matmul } from '../ops/matmul.js';
import { expandDims, reshape, squeeze } from '../ops/shape.js';
import { assertSameShape, reduceLoss, type LossOptions } from './reduction.js';

/** Options of {@link crossEntropy}. */
export interface CrossEntropyOptions extends LossOptions {
  /** Per-class weights `[C]` (PyTorch's `weight`); `'mean'` then divides by the targets' total weight. */
  weight?: Tensor;
  /** Mix the one-hot target with the uniform distribution: `(1-ε)·onehot + ε/C` (default 0). */
  labelSmoothing?: number;
  /** A label whose examples contribute nothing (e.g. padding); default none. */
  ignoreIndex?: number;
}

/**
 * Softmax cross-entropy from logits and integer class labels: `L = -log softmax(z)[y]`, the
 * course's softmax loss, fused with log-softmax so it is stable for any logits.
 * Matches PyTorch's `F.cross_entropy` (weights, label smoothing, ignore index), with classes on
 * the last axis (batch first).
 *
 * Shapes: `logits [..., C]`, `labels [...]` int32 → scalar (or `[...]` with `'none'`).
 * Memory: the log-softmax is the only `[..., C]` intermediate (no one-hot of the labels), so large
 * vocabularies cost one copy of the logits. Labels are validated as {@link setIndexChecks} says.
 * @example crossEntropy(model.forward(x), labels, { labelSmoothing: 0.1 })
 */
export function crossEntropy(logits: Tensor, labels: Tensor, options: CrossEntropyOptions = {}): Tensor {
  const where_ = 'crossEntropy';
  if (labels.dtype !== 'int32') throw new DTypeError(`${where_}: labels must be int32 class indices, got ${labels.dtype}`);
  if (logits.rank < 1 || !shapesEqual(logits.shape.slice(0, -1), labels.shape)) {
    throw new ShapeError(`${where_}: expected logits [..., C] and labels [...], got ${formatShape(logits.shape)} and ${formatShape(labels.shape)}`);
  }
  const classes = logits.shape[logits.rank - 1]!;
  const smoothing = options.labelSmoothing ?? 0;
  if (!(smoothing >= 0 && smoothing <= 1)) throw new ValueError(`${where_}: labelSmoothing must be in [0, 1], got ${smoothing}`);
  if (options.weight && !shapesEqual(options.weight.shape, [classes])) {
    throw new ShapeError(`${where_}: weight must be [${classes}], got ${formatShape(options.weight.shape)}`);
  }
  const bad = findBadIndex(logits.backend, labels, classes, options.ignoreIndex);
  if (bad !== null) {
    throw new ValueError(
      `${where_}: label ${bad.value} at position ${bad.position} is outside [0, ${classes})${options.ignoreIndex === undefined ? '' : ` and is not ignoreIndex ${options.ignoreIndex}`}`,
    );
  }
  const ignored = options.ignoreIndex === undefined ? null : equal(labels, options.ignoreIndex);
  const safeLabels = ignored ? where(ignored, 0, labels) : labels;
  // Only the log-softmax is [..., C]; everything else is per example: log p[y] is picked with
  // takeAlongAxis (labels checked above; no one-hot), and the smoothing term Σ_c w[c]·log p[c] is
  // a matrix-vector product.
  const logProbs = logSoftmax(logits, -1);
  const picked = squeeze(pickAlongAxis(logProbs, expandDims(safeLabels, -1), logits.rank - 1), -1);
  const classWeight = options.weight ? cast(options.weight, logits.dtype) : null;
  const targetWeight = classWeight ? reshape(gather(classWeight, reshape(safeLabels, [-1]), 0), labels.shape) : null;
  // Per example: (1-ε)·w[y]·(-log p[y]) + ε/C·Σ_c w[c]·(-log p[c])   (PyTorch's weighted smoothing)
  const nll = neg(targetWeight ? mul(picked, targetWeight) : picked);
  const allClasses = (): Tensor => (classWeight ? squeeze(matmul(logProbs, reshape(classWeight, [classes, 1])), -1) : sum(logProbs, -1));
  let losses = smoothing > 0 ? add(mul(nll, 1 - smoothing), mul(neg(allClasses()), smoothing / classes)) : nll;
  const keep = ignored ? cast(logicalNot(ignored), logits.dtype) : null;
  if (keep) losses = mul(losses, keep);
  const reduction = options.reduction ?? 'mean';
  if (reduction !== 'mean' || (!classWeight && !keep)) return reduceLoss(losses, reduction, where_);
  // Weighted mean: divide by the total weight of the counted targets.
  const exampleWeights = targetWeight && keep ? mul(targetWeight, keep) : (targetWeight ?? keep)!;
  return div(sum(losses), sum(exampleWeights));
}

/** Options of {@link categoricalCrossEntropy}. */
export interface CategoricalCrossEntropyOptions extends LossOptions {
  /** The predictions are logits rather than probabilities (default false). */
  fromLogits?: boolean;
}

/**
 * Cross-entropy against one-hot (or soft) targets: `L = -Σ_c y_c·log ŷ_c` over the last axis —
 * the course's `-Σ y log ŷ` with `Y` one-hot. Probabilities are clipped to `[1e-7, 1 - 1e-7]`
 * (Keras' rule); with `fromLogits` the stable log-softmax is used instead.
 *
 * Shapes: `predictions` and `targets` `[..., C]` → scalar (or `[...]` with `'none'`).
 * @example categoricalCrossEntropy(softmax(z), oneHot(labels, 10))
 */
export function categoricalCrossEntropy(predictions: Tensor, targets: Tensor, options: CategoricalCrossEntropyOptions = {}): Tensor {
  assertSameShape(predictions, targets, 'categoricalCrossEntropy');
  const logProbs = options.fromLogits ? logSoftmax(predictions, -1) : log(clip(predictions, 1e-7, 1 - 1e-7));
  return reduceLoss(neg(sum(mul(targets, logProbs), -1)), options.reduction, 'categoricalCrossEntropy');
}
