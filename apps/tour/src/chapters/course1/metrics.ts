import { noGrad, type Tensor } from '@dlkit/core';

/**
 * Fraction of examples whose 0/1 prediction `probabilities > 0.5` matches the 0/1 label.
 * @param probabilities `[m, 1]` values in `[0, 1]` (`A[L]` of the course, batch first).
 * @param labels `[m, 1]` of 0/1 values.
 */
export function binaryAccuracy(probabilities: Tensor, labels: Tensor): number {
  return noGrad(() => probabilities.greater(0.5).cast('float32').equal(labels).cast('float32').mean().item());
}

/**
 * Fraction of examples whose arg-max class is the label.
 * @param scores `[m, C]` logits or probabilities.
 * @param labels `[m]` int32 class indices.
 */
export function categoricalAccuracy(scores: Tensor, labels: Tensor): number {
  return noGrad(() => scores.argMax(-1).equal(labels).cast('float32').mean().item());
}
