import { add, div, maximum, minimum, mul, relu, square, sub, ShapeError, type Reduction, type Tensor, mean, sum, ValueError } from '@dlkit/core';
import { aspectTerm } from './iou.js';
import { boxColumns } from './convert.js';
import { assertBoxes, formatShape } from './validate.js';

const EPS = 1e-7;

/** Options of the IoU losses. */
export interface BoxIouLossOptions {
  /** `'none'` (default, one loss per row, as torchvision), `'mean'` or `'sum'`. */
  reduction?: Reduction;
}

interface Elementwise {
  p: [Tensor, Tensor, Tensor, Tensor];
  g: [Tensor, Tensor, Tensor, Tensor];
  iou: Tensor;
  union: Tensor;
}

function elementwise(pred: Tensor, target: Tensor, where: string): Elementwise {
  assertBoxes(pred, where, 'boxes1');
  assertBoxes(target, where, 'boxes2');
  if (pred.shape[0] !== target.shape[0]) throw new ShapeError(`${where}: boxes1 ${formatShape(pred.shape)} and boxes2 ${formatShape(target.shape)} must have the same number of rows`);
  const p = boxColumns(pred), g = boxColumns(target);
  const inter = mul(relu(sub(minimum(p[2], g[2]), maximum(p[0], g[0]))), relu(sub(minimum(p[3], g[3]), maximum(p[1], g[1]))));
  const union = sub(add(mul(sub(p[2], p[0]), sub(p[3], p[1])), mul(sub(g[2], g[0]), sub(g[3], g[1]))), inter);
  return { p, g, iou: div(inter, add(union, EPS)), union };
}

function reduce(loss: Tensor, reduction: Reduction | undefined, where: string): Tensor {
  const flat = loss.reshape([loss.shape[0]!]);
  switch (reduction ?? 'none') {
    case 'none': return flat;
    case 'mean': return mean(flat);
    case 'sum': return sum(flat);
    default: throw new ValueError(`${where}: reduction must be 'none', 'mean' or 'sum', got ${JSON.stringify(reduction)}`);
  }
}

function enclosing(e: Elementwise): { w: Tensor; h: Tensor } {
  return { w: sub(maximum(e.p[2], e.g[2]), minimum(e.p[0], e.g[0])), h: sub(maximum(e.p[3], e.g[3]), minimum(e.p[1], e.g[1])) };
}

function diouLoss(e: Elementwise): Tensor {
  const { w, h } = enclosing(e);
  const diagonal = add(add(square(w), square(h)), EPS);
  const dx = sub(div(add(e.p[0], e.p[2]), 2), div(add(e.g[0], e.g[2]), 2));
  const dy = sub(div(add(e.p[1], e.p[3]), 2), div(add(e.g[1], e.g[3]), 2));
  return add(sub(1, e.iou), div(add(square(dx), square(dy)), diagonal));
}

/**
 * Generalized IoU loss `1 − GIoU` of matching rows (torchvision's `generalized_box_iou_loss`,
 * eps 1e-7): differentiable, and informative even when the boxes do not overlap.
 * @param boxes1 - `[N, 4]` predicted xyxy boxes.
 * @param boxes2 - `[N, 4]` target xyxy boxes.
 * @returns `[N]` (or a scalar with `reduction`).
 * @example generalizedBoxIouLoss(pred, target, { reduction: 'mean' }).backward()
 */
export function generalizedBoxIouLoss(boxes1: Tensor, boxes2: Tensor, options: BoxIouLossOptions = {}): Tensor {
  const e = elementwise(boxes1, boxes2, 'generalizedBoxIouLoss');
  const { w, h } = enclosing(e);
  const area = mul(w, h);
  const giou = sub(e.iou, div(sub(area, e.union), add(area, EPS)));
  return reduce(sub(1, giou), options.reduction, 'generalizedBoxIouLoss');
}

/**
 * Distance IoU loss `1 − IoU + ρ²/c²` of matching rows (torchvision's `distance_box_iou_loss`).
 * @returns `[N]` (or a scalar with `reduction`).
 * @example distanceBoxIouLoss(pred, target)
 */
export function distanceBoxIouLoss(boxes1: Tensor, boxes2: Tensor, options: BoxIouLossOptions = {}): Tensor {
  return reduce(diouLoss(elementwise(boxes1, boxes2, 'distanceBoxIouLoss')), options.reduction, 'distanceBoxIouLoss');
}

/**
 * Complete IoU loss `1 − IoU + ρ²/c² + α·v` of matching rows (torchvision's
 * `complete_box_iou_loss`, `α` held constant in the gradient).
 * @returns `[N]` (or a scalar with `reduction`).
 * @example completeBoxIouLoss(pred, target, { reduction: 'sum' })
 */
export function completeBoxIouLoss(boxes1: Tensor, boxes2: Tensor, options: BoxIouLossOptions = {}): Tensor {
  const e = elementwise(boxes1, boxes2, 'completeBoxIouLoss');
  const term = aspectTerm(sub(e.g[2], e.g[0]), sub(e.g[3], e.g[1]), sub(e.p[2], e.p[0]), sub(e.p[3], e.p[1]), e.iou);
  return reduce(add(diouLoss(e), term), options.reduction, 'completeBoxIouLoss');
}
