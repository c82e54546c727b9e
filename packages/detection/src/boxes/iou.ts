import { add, div, maximum, minimum, mul, relu, square, sub, transpose, type Tensor } from '@dlkit/core';
import { atan } from './atan.js';
import { boxColumns } from './convert.js';
import { assertBoxes } from './validate.js';

const EPS = 1e-7;

/** Pairwise pieces of `[N, 4]` × `[M, 4]` xyxy boxes, each `[N, M]` (or `[N, 1]` / `[1, M]`). */
interface Pairs {
  a: [Tensor, Tensor, Tensor, Tensor];
  b: [Tensor, Tensor, Tensor, Tensor];
  inter: Tensor;
  union: Tensor;
  iou: Tensor;
}

function pairs(a: Tensor, b: Tensor, where: string): Pairs {
  assertBoxes(a, where, 'boxes1');
  assertBoxes(b, where, 'boxes2');
  const ca = boxColumns(a);
  const cb = boxColumns(b).map((c) => transpose(c)) as [Tensor, Tensor, Tensor, Tensor];
  const areaA = mul(sub(ca[2], ca[0]), sub(ca[3], ca[1]));
  const areaB = mul(sub(cb[2], cb[0]), sub(cb[3], cb[1]));
  const w = relu(sub(minimum(ca[2], cb[2]), maximum(ca[0], cb[0])));
  const h = relu(sub(minimum(ca[3], cb[3]), maximum(ca[1], cb[1])));
  const inter = mul(w, h);
  const union = sub(add(areaA, areaB), inter);
  return { a: ca, b: cb, inter, union, iou: div(inter, union) };
}

/**
 * Intersection over union of every pair of xyxy boxes (torchvision's `box_iou`):
 * `IoU = |A ∩ B| / |A ∪ B|`. Differentiable.
 * @param boxes1 - `[N, 4]`.
 * @param boxes2 - `[M, 4]`.
 * @returns `[N, M]`.
 * @example boxIou(tensor([[0, 0, 2, 2]]), tensor([[1, 0, 3, 2]])) // [[1/3]]
 */
export function boxIou(boxes1: Tensor, boxes2: Tensor): Tensor {
  return pairs(boxes1, boxes2, 'boxIou').iou;
}

function enclosing(p: Pairs): { w: Tensor; h: Tensor } {
  const w = relu(sub(maximum(p.a[2], p.b[2]), minimum(p.a[0], p.b[0])));
  const h = relu(sub(maximum(p.a[3], p.b[3]), minimum(p.a[1], p.b[1])));
  return { w, h };
}

/**
 * Generalized IoU of every pair (torchvision's `generalized_box_iou`):
 * `GIoU = IoU − (|C| − |A ∪ B|) / |C|` with `C` the smallest box enclosing both; in `[−1, 1]`.
 * @returns `[N, M]`.
 * @example generalizedBoxIou(tensor([[0, 0, 1, 1]]), tensor([[2, 0, 3, 1]])) // [[-1/3]]
 */
export function generalizedBoxIou(boxes1: Tensor, boxes2: Tensor): Tensor {
  const p = pairs(boxes1, boxes2, 'generalizedBoxIou');
  const { w, h } = enclosing(p);
  const area = mul(w, h);
  return sub(p.iou, div(sub(area, p.union), area));
}

function distancePenalty(p: Pairs): Tensor {
  const { w, h } = enclosing(p);
  const diagonal = add(add(square(w), square(h)), EPS);
  const dx = sub(div(add(p.a[0], p.a[2]), 2), div(add(p.b[0], p.b[2]), 2));
  const dy = sub(div(add(p.a[1], p.a[3]), 2), div(add(p.b[1], p.b[3]), 2));
  return div(add(square(dx), square(dy)), diagonal);
}

/**
 * Distance IoU of every pair (torchvision's `distance_box_iou`, eps 1e-7):
 * `DIoU = IoU − ρ²(centres) / c²` with `c` the diagonal of the enclosing box.
 * @returns `[N, M]`.
 * @example distanceBoxIou(tensor([[0, 0, 2, 2]]), tensor([[0, 0, 2, 2]])) // [[1]]
 */
export function distanceBoxIou(boxes1: Tensor, boxes2: Tensor): Tensor {
  const p = pairs(boxes1, boxes2, 'distanceBoxIou');
  return sub(p.iou, distancePenalty(p));
}

/** The aspect-ratio term `v = 4/π² (atan(w₁/h₁) − atan(w₂/h₂))²` and its weight `α = v / (1 − IoU + v)` (constant). */
export function aspectTerm(w1: Tensor, h1: Tensor, w2: Tensor, h2: Tensor, iou: Tensor): Tensor {
  const v = mul(square(sub(atan(div(w1, h1)), atan(div(w2, h2)))), 4 / (Math.PI * Math.PI));
  const alpha = div(v, add(add(sub(1, iou), v), EPS)).detach();
  return mul(alpha, v);
}

/**
 * Complete IoU of every pair (torchvision's `complete_box_iou`): `CIoU = DIoU − α·v` with the
 * aspect-ratio consistency `v = 4/π² (atan(w₁/h₁) − atan(w₂/h₂))²` and `α = v / (1 − IoU + v)`
 * held constant in the gradient, as torchvision does.
 * @returns `[N, M]`.
 * @example completeBoxIou(tensor([[0, 0, 2, 2]]), tensor([[0, 0, 2, 4]]))
 */
export function completeBoxIou(boxes1: Tensor, boxes2: Tensor): Tensor {
  const p = pairs(boxes1, boxes2, 'completeBoxIou');
  const term = aspectTerm(sub(p.a[2], p.a[0]), sub(p.a[3], p.a[1]), sub(p.b[2], p.b[0]), sub(p.b[3], p.b[1]), p.iou);
  return sub(sub(p.iou, distancePenalty(p)), term);
}
