import { crossEntropy, DTypeError, oneHot, ShapeError, softmax, sum, ValueError, div, add, mul, mean, sub, slice, type CrossEntropyOptions, type Tensor } from '@dlkit/core';
import { formatShape } from '../layers/arguments.js';

/** Throws unless `logits [m, h, w, C]` and `labels [m, h, w]` int32 fit together. */
function assertSegmentation(logits: Tensor, labels: Tensor, where: string): void {
  if (labels.dtype !== 'int32') throw new DTypeError(`${where}: labels must be int32 class indices, got ${labels.dtype}`);
  if (logits.rank !== 4 || labels.rank !== 3 || logits.shape.slice(0, 3).some((d, i) => d !== labels.shape[i])) {
    throw new ShapeError(`${where}: expected logits [m, h, w, C] and labels [m, h, w], got ${formatShape(logits.shape)} and ${formatShape(labels.shape)}`);
  }
}

/**
 * Per-pixel softmax cross-entropy of a segmentation: every pixel is one classification example,
 * averaged over all `m·h·w` pixels by default (PyTorch's `F.cross_entropy` on `[m, C, h, w]`).
 * Class `weight` counters rare classes; `ignoreIndex` skips unlabeled pixels.
 *
 * Shapes: `logits [m, h, w, C]`, `labels [m, h, w]` int32 → scalar (`[m, h, w]` with `'none'`).
 * @example pixelCrossEntropy(unet.forward(images), masks)
 */
export function pixelCrossEntropy(logits: Tensor, labels: Tensor, options: CrossEntropyOptions = {}): Tensor {
  assertSegmentation(logits, labels, 'pixelCrossEntropy');
  return crossEntropy(logits, labels, options);
}

/** Options of {@link diceLoss}. */
export interface DiceLossOptions {
  /** Added to numerator and denominator (default 1): a class absent from both scores 1, not 0/0. */
  smooth?: number;
  /** Count class 0 (the background) in the mean over classes (default true). */
  includeBackground?: boolean;
}

/**
 * Soft Dice loss (Milletari et al. 2016) from logits: with `p = softmax(logits)` and one-hot `y`,
 * per class `c` over every pixel of the batch `Dice_c = (2·Σ p·y + s) / (Σ p + Σ y + s)`, and the
 * loss is `1 − mean_c Dice_c`. Unlike cross-entropy it scores each class by overlap, so a small
 * object counts as much as the background.
 *
 * Shapes: `logits [m, h, w, C]`, `labels [m, h, w]` int32 → scalar.
 * @example add(pixelCrossEntropy(logits, masks), diceLoss(logits, masks))
 */
export function diceLoss(logits: Tensor, labels: Tensor, options: DiceLossOptions = {}): Tensor {
  const where = 'diceLoss';
  assertSegmentation(logits, labels, where);
  const { smooth = 1, includeBackground = true } = options;
  if (!(smooth >= 0)) throw new ValueError(`${where}: smooth must be non-negative, got ${smooth}`);
  const classes = logits.shape[3]!;
  if (!includeBackground && classes < 2) throw new ValueError(`${where}: includeBackground false needs at least 2 classes, got ${classes}`);
  const p = softmax(logits, -1);
  const y = oneHot(labels, classes, { dtype: logits.dtype });
  const intersection = sum(mul(p, y), [0, 1, 2]);
  const total = add(sum(p, [0, 1, 2]), sum(y, [0, 1, 2]));
  let dice = div(add(mul(intersection, 2), smooth), add(total, smooth));
  if (!includeBackground) dice = slice(dice, [1], [classes - 1]);
  return sub(1, mean(dice));
}
