import { ShapeError, ValueError } from '../errors.js';
import { formatShape, shapesEqual } from '../shape.js';
import { assertTensor } from '../ops/primitive.js';
import type { Tensor } from '../tensor.js';
import { add, div, greater, greaterEqual, less, lessEqual, logicalAnd, logicalOr, maximum, mul, notEqual, sub, where } from '../ops/binary.js';
import { cast, log, logicalNot, neg, softplus } from '../ops/unary.js';
import { sum } from '../ops/reduce.js';
import { getIndexChecks, valueChecksOn } from '../ops/index-checks.js';
import { assertSameShape, reduceLoss, type LossOptions, type Reduction } from './reduction.js';

/** Options of {@link binaryCrossEntropy}. */
export interface BinaryCrossEntropyOptions extends LossOptions {
  /** Per-element rescaling weight, broadcast against the loss (PyTorch's `weight`). */
  weight?: Tensor;
  /**
   * Which labels are known, the same shape as the targets: bool, or 0/1 numbers (0 / false = the
   * label is missing, the course's "?" in a multi-task label matrix). Masked entries contribute
   * nothing to the loss or its gradient, whatever their target holds (NaN or -1 placeholders are
   * fine), and `'mean'` divides by the number of unmasked entries, not by all of them: the course's
   * multi-task cost `(1/m) Σᵢ Σⱼ L(ŷⱼ⁽ⁱ⁾, yⱼ⁽ⁱ⁾)` summed over known labels only, averaged per known
   * label. A batch with every label masked gives a loss of 0 and zero gradient (PyTorch's
   * `ignore_index` gives NaN there). With `'none'` masked entries are 0. PyTorch's losses have no
   * mask: `weight = mask` with `reduction='sum'` divided by `mask.sum()` is the same number.
   */
  mask?: Tensor;
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
 * Missing labels are left out with `mask` (see {@link BinaryCrossEntropyOptions.mask}).
 *
 * Shapes: `probabilities`, `targets` (and `mask`) the same shape; result scalar (or that shape with `'none'`).
 * @example binaryCrossEntropy(sigmoid(z), y, { mask: known }) // known: false where a label is "?"
 */
export function binaryCrossEntropy(probabilities: Tensor, targets: Tensor, options: BinaryCrossEntropyOptions = {}): Tensor {
  assertSameShape(probabilities, targets, 'binaryCrossEntropy');
  const known = options.mask ? knownLabels(options.mask, targets, 'binaryCrossEntropy') : null;
  const y = known ? where(known, targets, 0) : targets; // a missing label's placeholder never enters
  const checked = valueChecksOn(probabilities.backend);
  if (checked) assertProbabilities(probabilities, y);
  const logP = clampedLog(probabilities);
  const logNotP = clampedLog(sub(1, probabilities));
  let losses = neg(add(mul(y, logP), mul(sub(1, y), logNotP)));
  if (!checked && getIndexChecks() !== 'never') {
    const outside = logicalOr(logicalNot(logicalAnd(greaterEqual(probabilities, 0), lessEqual(probabilities, 1))), logicalOr(less(y, 0), greater(y, 1)));
    losses = where(outside, NaN, losses);
  }
  if (options.weight) losses = mul(losses, options.weight);
  return reduceKnown(losses, known, options.reduction, 'binaryCrossEntropy');
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
 * gradient `σ(z) - y` exact everywhere, z = 0 included. Missing labels are left out with `mask`
 * (see {@link BinaryCrossEntropyOptions.mask}): the multi-task loss over several sigmoid outputs.
 * Shapes: `logits`, `targets` (and `mask`) the same shape; result scalar (or that shape with `'none'`).
 * @example binaryCrossEntropyWithLogits(z, y, { posWeight: tensor([3]) })
 */
export function binaryCrossEntropyWithLogits(logits: Tensor, targets: Tensor, options: BinaryCrossEntropyWithLogitsOptions = {}): Tensor {
  assertSameShape(logits, targets, 'binaryCrossEntropyWithLogits');
  const known = options.mask ? knownLabels(options.mask, targets, 'binaryCrossEntropyWithLogits') : null;
  const y = known ? where(known, targets, 0) : targets; // a missing label's placeholder never enters
  const softplusNeg = softplus(neg(logits));
  const logWeight = options.posWeight ? add(mul(sub(options.posWeight, 1), y), 1) : null;
  let losses = add(mul(sub(1, y), logits), logWeight ? mul(logWeight, softplusNeg) : softplusNeg);
  if (options.weight) losses = mul(losses, options.weight);
  return reduceKnown(losses, known, options.reduction, 'binaryCrossEntropyWithLogits');
}

/**
 * `mask` as a bool tensor (true = label known), after checking its shape and, where values are
 * checked (see `setIndexChecks`), that a numeric mask holds only 0 and 1.
 */
function knownLabels(mask: Tensor, targets: Tensor, where_: string): Tensor {
  assertTensor(mask, where_, 'mask');
  if (!shapesEqual(mask.shape, targets.shape)) {
    throw new ShapeError(`${where_}: mask ${formatShape(mask.shape)} must have the targets' shape ${formatShape(targets.shape)}`);
  }
  if (mask.dtype === 'bool') return mask;
  if (valueChecksOn(mask.backend)) {
    const values = mask.dataSync();
    const bad = values.findIndex((v) => v !== 0 && v !== 1);
    if (bad >= 0) throw new ValueError(`${where_}: a numeric mask must hold only 0 and 1, got ${values[bad]} at flat index ${bad}`);
  }
  return notEqual(mask, 0);
}

/** Reduces per-element losses over the known labels only ('mean' divides by their count). */
function reduceKnown(losses: Tensor, known: Tensor | null, reduction: Reduction | undefined, where_: string): Tensor {
  if (!known) return reduceLoss(losses, reduction, where_);
  // where(), not a product with the mask: a masked entry's loss may be NaN or infinite.
  const kept = where(known, losses, 0);
  if ((reduction ?? 'mean') !== 'mean') return reduceLoss(kept, reduction, where_);
  return div(sum(kept), maximum(sum(cast(known, kept.dtype)), 1));
}
