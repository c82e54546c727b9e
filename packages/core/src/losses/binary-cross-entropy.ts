import { ValueError } from '../errors.js';
import type { Tensor } from '../tensor.js';
import { add, greater, greaterEqual, less, lessEqual, logicalAnd, logicalOr, maximum, mul, sub, where } from '../ops/binary.js';
import { log, logicalNot, neg, softplus } from '../ops/unary.js';
import { getIndexChecks, valueChecksOn } from '../ops/index-checks.js';
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
 * loss); a NaN target gives a NaN loss. The check reads the values where that is a plain memory
 * read (the `ts` backend); on device backends (TensorFlow.js) it would stall every call, so there
 * out-of-range elements make the loss NaN instead (which `fit`'s NaN guard reports) unless
 * `setIndexChecks('always')` asks for the check there too. {@link binaryCrossEntropyWithLogits}
 * needs no check and is the stabler choice anyway.
 *
 * Shapes: `probabilities` and `targets` the same shape; result scalar (or that shape with `'none'`).
 * @example binaryCrossEntropy(sigmoid(z), y)
 */
export function binaryCrossEntropy(probabilities: Tensor, targets: Tensor, options: BinaryCrossEntropyOptions = {}): Tensor {
  assertSameShape(probabilities, targets, 'binaryCrossEntropy');
  const checked = valueChecksOn(probabilities.backend);
  if (checked) assertProbabilities(probabilities, targets);
  const logP = clampedLog(probabilities);
  const logNotP = clampedLog(sub(1, probabilities));
  let losses = neg(add(mul(targets, logP), mul(sub(1, targets), logNotP)));
  if (!checked && getIndexChecks() !== 'never') {
    const outside = logicalOr(logicalNot(logicalAnd(greaterEqual(probabilities, 0), lessEqual(probabilities, 1))), logicalOr(less(targets, 0), greater(targets, 1)));
    losses = where(outside, NaN, losses);
  }
  if (options.weight) losses = mul(losses, options.weight);
  return reduceLoss(losses, options.reduction, 'binaryCrossEntropy');
}

/** Throws a ValueError when a probability is outside [0, 1] or NaN, or a target outside [0, 1]. */
function assertProbabilities(probabilities: Tensor, targets: Tensor): void {
  const p = probabilities.dataSync();
  const y = targets.dataSync();
  let badP = 0;
  let badY = 0;
  for (let i = 0; i < p.length; i++) {
    if (!(p[i]! >= 0 && p[i]! <= 1)) badP++;
    if (y[i]! < 0 || y[i]! > 1) badY++;
  }
  if (badP > 0) {
    throw new ValueError(
      `binaryCrossEntropy: probabilities must lie in [0, 1], got ${badP} of ${p.length} values outside it (NaN counts as outside); for logits use binaryCrossEntropyWithLogits`,
    );
  }
  if (badY > 0) throw new ValueError(`binaryCrossEntropy: targets must lie in [0, 1], got ${badY} of ${y.length} values outside it`);
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
