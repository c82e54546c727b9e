import {
  add, binaryCrossEntropyWithLogits, logSoftmax, mean, mul, sigmoid, slice, softmax, square, sub, sum, ShapeError, ValueError, type Tensor,
} from '@dlkit/core';
import { formatShape } from '../boxes/validate.js';

/**
 * The two losses the course gives for `pc` and the classes: `'squared'` error on `σ(pc)` and the
 * class softmax, or `'log'`: log-loss (binary cross-entropy) for `pc` and cross-entropy for the classes.
 * The box (or landmark) coordinates are regressed with squared error under both.
 */
export type LocalizationLossVariant = 'squared' | 'log';

function checkPair(output: Tensor, targets: Tensor, where: string, min: number): void {
  if (output.rank !== 2 || targets.rank !== 2 || output.shape.join() !== targets.shape.join() || output.shape[1]! < min) {
    throw new ShapeError(`${where}: output and targets must have the same shape [m, n] with n >= ${min}, got ${formatShape(output.shape)} and ${formatShape(targets.shape)}`);
  }
}

function checkVariant(variant: string, where: string): void {
  if (variant !== 'squared' && variant !== 'log') throw new ValueError(`${where}: variant must be 'squared' or 'log', got '${variant}'`);
}

/** Columns `[from, from + size)` of a `[m, n]` tensor. */
const columns = (x: Tensor, from: number, size: number): Tensor => slice(x, [0, from], [x.shape[0]!, size]);

/** The `pc` term per example `[m]`, squared error on `σ(pc)` or log-loss. */
function pcTerm(logit: Tensor, pc: Tensor, variant: LocalizationLossVariant): Tensor {
  return variant === 'squared' ? square(sub(sigmoid(logit), pc)) : binaryCrossEntropyWithLogits(logit, pc, { reduction: 'none' });
}

/**
 * The course's localization loss on the raw head output `ŷ = [pc, bx, by, bh, bw, c1..cK]` (logits:
 * `σ` gives `pc` and the box, softmax the classes; see {@link decodeLocalization}): where `pc = 1`
 * the error of every component, elsewhere only that of `pc`, averaged over the batch.
 * `'squared'` (default): `(σ(ŷpc) − pc)² + pc·[Σ (σ(ŷb) − b)² + Σk (p̂k − ck)²]`;
 * `'log'`: `BCE(ŷpc, pc) + pc·[Σ (σ(ŷb) − b)² − Σk ck log p̂k]`.
 * @param output - `[m, 5 + K]` head output.
 * @param targets - `[m, 5 + K]` from {@link localizationTargets}.
 * @example localizationLoss(head.forward(features), localizationTargets(objects, 3), 'log').backward()
 */
export function localizationLoss(output: Tensor, targets: Tensor, variant: LocalizationLossVariant = 'squared'): Tensor {
  checkPair(output, targets, 'localizationLoss', 6);
  checkVariant(variant, 'localizationLoss');
  const k = output.shape[1]! - 5;
  const pc = columns(targets, 0, 1);
  const box = sum(square(sub(sigmoid(columns(output, 1, 4)), columns(targets, 1, 4))), 1, true);
  const logits = columns(output, 5, k), classes = columns(targets, 5, k);
  const cls = variant === 'squared'
    ? sum(square(sub(softmax(logits, -1), classes)), 1, true)
    : mul(sum(mul(classes, logSoftmax(logits, -1)), 1, true), -1);
  return mean(add(pcTerm(columns(output, 0, 1), pc, variant), mul(pc, add(box, cls))));
}

/**
 * The landmark loss on the raw head output `ŷ = [pc, l1x, l1y, …]` (logits; `σ` gives `pc` and the
 * coordinates): the `pc` term (squared error or log-loss, see {@link LocalizationLossVariant}) plus,
 * where `pc = 1`, the squared error of every coordinate; averaged over the batch.
 * @param output - `[m, 1 + 2L]` head output.
 * @param targets - `[m, 1 + 2L]` from {@link landmarkTargets}.
 * @example landmarkLoss(head.forward(features), landmarkTargets(points, 4)).backward()
 */
export function landmarkLoss(output: Tensor, targets: Tensor, variant: LocalizationLossVariant = 'log'): Tensor {
  checkPair(output, targets, 'landmarkLoss', 3);
  checkVariant(variant, 'landmarkLoss');
  const n = output.shape[1]! - 1;
  const pc = columns(targets, 0, 1);
  const points = sum(square(sub(sigmoid(columns(output, 1, n)), columns(targets, 1, n))), 1, true);
  return mean(add(pcTerm(columns(output, 0, 1), pc, variant), mul(pc, points)));
}
