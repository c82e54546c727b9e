import { argMax, DTypeError, noGrad, ShapeError, ValueError, type Tensor } from '@dlkit/core';
import { formatShape } from '../layers/arguments.js';

/** Predicted labels `[m, h, w]` from logits `[m, h, w, C]`, or the labels themselves when already int32 `[m, h, w]`. */
function predictedLabels(prediction: Tensor, labels: Tensor, where: string): Int32Array {
  if (labels.dtype !== 'int32') throw new DTypeError(`${where}: labels must be int32 class indices, got ${labels.dtype}`);
  const fromLogits = prediction.rank === labels.rank + 1;
  const shape = fromLogits ? prediction.shape.slice(0, -1) : prediction.shape;
  if (shape.length !== labels.rank || shape.some((d, i) => d !== labels.shape[i]) || (!fromLogits && prediction.dtype !== 'int32')) {
    throw new ShapeError(`${where}: expected logits [..., C] or int32 labels of the labels' shape ${formatShape(labels.shape)}, got ${prediction.dtype} ${formatShape(prediction.shape)}`);
  }
  return noGrad(() => Int32Array.from((fromLogits ? argMax(prediction, -1) : prediction).dataSync()));
}

/**
 * Fraction of pixels whose predicted class equals the label.
 * `prediction`: logits `[m, h, w, C]` (arg-maxed) or int32 labels `[m, h, w]`; `labels [m, h, w]` int32.
 * @example pixelAccuracy(unet.forward(images), masks) // 0.97
 */
export function pixelAccuracy(prediction: Tensor, labels: Tensor): number {
  const predicted = predictedLabels(prediction, labels, 'pixelAccuracy');
  const truth = labels.dataSync();
  let right = 0;
  for (let i = 0; i < truth.length; i++) if (predicted[i] === truth[i]) right++;
  return truth.length === 0 ? NaN : right / truth.length;
}

/**
 * Intersection over union of each class, `|pred = c ∧ label = c| / |pred = c ∨ label = c|`, over
 * every pixel of the batch; NaN for a class that appears in neither (it has no IoU to count).
 * `prediction`: logits `[m, h, w, C]` or int32 labels; `labels [m, h, w]` int32 in `[0, numClasses)`.
 * @example perClassIoU(logits, masks, 4) // [0.99, 0.91, 0.88, 0.93]
 */
export function perClassIoU(prediction: Tensor, labels: Tensor, numClasses: number): number[] {
  const where = 'perClassIoU';
  if (!Number.isInteger(numClasses) || numClasses < 1) throw new ValueError(`${where}: numClasses must be a positive integer, got ${numClasses}`);
  const predicted = predictedLabels(prediction, labels, where);
  const truth = labels.dataSync();
  const intersection = new Array<number>(numClasses).fill(0);
  const union = new Array<number>(numClasses).fill(0);
  for (let i = 0; i < truth.length; i++) {
    const t = truth[i]!;
    const p = predicted[i]!;
    if (t < 0 || t >= numClasses || p < 0 || p >= numClasses) {
      throw new ValueError(`${where}: class ${t < 0 || t >= numClasses ? `label ${t}` : `prediction ${p}`} at pixel ${i} is outside [0, ${numClasses})`);
    }
    union[t]!++;
    if (p === t) intersection[t]!++;
    else union[p]!++;
  }
  return union.map((u, c) => (u === 0 ? NaN : intersection[c]! / u));
}

/**
 * Mean of {@link perClassIoU} over the classes that appear in the prediction or the labels.
 * @example meanIoU(logits, masks, 4) // 0.93
 */
export function meanIoU(prediction: Tensor, labels: Tensor, numClasses: number): number {
  const present = perClassIoU(prediction, labels, numClasses).filter((v) => !Number.isNaN(v));
  return present.length === 0 ? NaN : present.reduce((a, b) => a + b, 0) / present.length;
}
