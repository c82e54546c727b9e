import { isFloat } from '../dtype.js';
import { ShapeError } from '../errors.js';
import { formatShape, shapesEqual } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { argMax } from '../ops/reduce.js';
import { assertTensor } from '../ops/primitive.js';

/**
 * Class labels from whatever a model or dataset hands over: int32 labels as they are; float scores
 * `[..., C]` (one more dim than the reference) by argmax; same-shape floats (binary probabilities
 * or 0/1 labels) thresholded at 0.5.
 */
export function toLabels(x: Tensor, referenceRank: number, where: string): Int32Array {
  if (x.rank === referenceRank + 1) return Int32Array.from(argMax(x, -1).dataSync());
  if (x.rank !== referenceRank) {
    throw new ShapeError(`${where}: expected labels of rank ${referenceRank} or scores of rank ${referenceRank + 1}, got ${formatShape(x.shape)}`);
  }
  const values = x.dataSync();
  return isFloat(x.dtype) ? Int32Array.from(values, (v) => (v >= 0.5 ? 1 : 0)) : Int32Array.from(values);
}

/** Predicted and true labels as flat arrays of equal length. */
export function labelPairs(predictions: Tensor, targets: Tensor, where: string): { predicted: Int32Array; actual: Int32Array } {
  assertTensor(predictions, where, 'predictions');
  assertTensor(targets, where, 'targets');
  // One-hot targets next to score predictions: both sides carry a class axis.
  const targetIsScores = isFloat(targets.dtype) && targets.rank > 1 && targets.shape[targets.rank - 1]! > 1 && shapesEqual(predictions.shape, targets.shape);
  const labelRank = targetIsScores ? targets.rank - 1 : targets.rank;
  const actual = targetIsScores ? Int32Array.from(argMax(targets, -1).dataSync()) : toLabels(targets, labelRank, where);
  const predicted = toLabels(predictions, labelRank, where);
  if (predicted.length !== actual.length) {
    throw new ShapeError(`${where}: predictions ${formatShape(predictions.shape)} do not match targets ${formatShape(targets.shape)}`);
  }
  return { predicted, actual };
}
