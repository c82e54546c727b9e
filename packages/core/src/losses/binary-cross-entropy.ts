import { ValueError } from '../errors.js';
import type { Tensor } from '../tensor.js';
import { add, greater, greaterEqual, less, lessEqual, logicalAnd, logicalOr, maximum, mul, sub, where } from '../ops/binary.js';
import { log, logicalNot, neg, softplus } from '../ops/unary.js';
import { sum } from '../ops/reduce.js';
import { stack } from '../ops/shape.js';
import { assertSameShape, reduceLoss, type LossOptions } from './reduction.js';

/** Options of {@link binaryCrossEntropy}. */
export interface BinaryCrossEntropyOptions extends LossOptions {
  /** Per-element rescaling weight, broadcast against the loss (PyTorch's `weight`). */
  weight?: Tensor;
}

/**
 * The course's logistic cost on probabilities: `L = -[y·log(a) + (1-y)·log(1-a)]`, with each log
 * clamped at -100 as PyTorch does, so a probability of exactly 0 or 1 gives a finite loss.
 *
 * Probabilities outside [0, 1] (NaN included) raise a ValueError, as PyTorch does, and so do
 * targets outside [0, 1] (PyTorch lets those through and returns a meaningless, possibly negative
 * loss); a NaN target gives a NaN loss. The check costs one reduction and a two-value read-back
 * per call, which on GPU engines is a sync point: {@link binaryCrossEntropyWithLogits} needs no
 * check and is the stabler choice anyway.
 *
 * Shapes: `probabilities` and `targets` the same shape; result scalar (or that shape with `'none'`).
 * @example binaryCrossEntropy(sigmoid(z), y)
 */
export function binaryCrossEntropy(probabilities: Tensor, targets: Tensor, options: BinaryCrossEntropyOptions = {}): Tensor {
  assertSameShape(probabilities, targets, 'binaryCrossEntropy');
  assertProbabilities(probabilities, targets);
  const logP = clampedLog(probabilities);
  const logNotP = clampedLog(sub(1, probabilities));
  let losses = neg(add(mul(targets, logP), mul(sub(1, targets), logNotP)));
  if (options.weight) losses = mul(losses, options.weight);
  return reduceLoss(losses, options.reduction, 'binaryCrossEntropy');
}

/** Throws a ValueError when a probability is outside [0, 1] or NaN, or a target outside [0, 1]. */
function assertProbabilities(probabilities: Tensor, targets: Tensor): void {
  const badP = logicalNot(logicalAnd(greaterEqual(probabilities, 0), lessEqual(probabilities, 1)));
  const badY = logicalOr(less(targets, 0), greater(targets, 1));
  const [p, y] = stack([sum(badP), sum(badY)]).dataSync();
  const size = probabilities.size;
  if (p! > 0) {
    throw new ValueError(
      `binaryCrossEntropy: probabilities must lie in [0, 1], got ${p} of ${size} values outside it (NaN counts as outside); for logits use binaryCrossEntropyWithLogits`,
    );
  }
  if (y! > 0) throw new ValueError(`binaryCrossEntropy: targets must lie in [0, 1], got ${y} of ${size} values outside it`);
}

/**
 * `max(log x, -100)` whose gradient stays finite at x = 0 (a saturated sigmoid gives exact 0 or 1):
 * the log never sees a zero, so the clamped branch gets gradient 0 instead of 0·∞ = NaN.
 */
function clampedLog(x: Tensor): Tensor {
  const positive = greater(x, 0);
  return where(positive, maximum(log(where(positive, x, 1)), -100), -100);
}

/** Options of {@link binaryCrossEntropyWithLogits}. */
export interface BinaryCrossEntropyWithLogitsOptions extends BinaryCrossEntropyOptions {
  /** Weight of positive examples, per class (PyTorch's `pos_weight`): > 1 raises recall. */
  posWeight?: Tensor;
}

/**
 * Binary cross-entropy on logits `z` (before the sigmoid), computed without ever forming σ(z):
 * `(1-y)·z + (1 + (p-1)·y)·softplus(-z)`, exact for any |z|. The stable softplus keeps the
 * gradient `σ(z) - y` exact everywhere, z = 0 included.
 * @example binaryCrossEntropyWithLogits(z, y, { posWeight: tensor([3]) })
 */
export function binaryCrossEntropyWithLogits(logits: Tensor, targets: Tensor, options: BinaryCrossEntropyWithLogitsOptions = {}): Tensor {
  assertSameShape(logits, targets, 'binaryCrossEntropyWithLogits');
  const softplusNeg = softplus(neg(logits));
  const logWeight = options.posWeight ? add(mul(sub(options.posWeight, 1), targets), 1) : null;
  let losses = add(mul(sub(1, targets), logits), logWeight ? mul(logWeight, softplusNeg) : softplusNeg);
  if (options.weight) losses = mul(losses, options.weight);
  return reduceLoss(losses, options.reduction, 'binaryCrossEntropyWithLogits');
}
