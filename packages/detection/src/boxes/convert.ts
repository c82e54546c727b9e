import { clip, concat, mul, split, sub, add, div, squeeze, ValueError, type Tensor } from '@dlkit/core';
import { assertBoxes } from './validate.js';

/**
 * A box layout: `'xyxy'` corners `(x1, y1, x2, y2)`, `'xywh'` top-left corner and size
 * `(x1, y1, w, h)`, `'cxcywh'` centre and size `(cx, cy, w, h)` — torchvision's names.
 */
export type BoxFormat = 'xyxy' | 'xywh' | 'cxcywh';

const FORMATS: readonly BoxFormat[] = ['xyxy', 'xywh', 'cxcywh'];

/** The four columns of `[N, 4]` boxes, each `[N, 1]`. */
export function boxColumns(boxes: Tensor): [Tensor, Tensor, Tensor, Tensor] {
  const [a, b, c, d] = split(boxes, 4, 1);
  return [a!, b!, c!, d!];
}

function toXyxy(boxes: Tensor, from: BoxFormat): Tensor {
  const [a, b, c, d] = boxColumns(boxes);
  if (from === 'xyxy') return boxes;
  if (from === 'xywh') return concat([a, b, add(a, c), add(b, d)], 1);
  const halfW = mul(c, 0.5), halfH = mul(d, 0.5);
  return concat([sub(a, halfW), sub(b, halfH), add(a, halfW), add(b, halfH)], 1);
}

function fromXyxy(boxes: Tensor, to: BoxFormat): Tensor {
  if (to === 'xyxy') return boxes;
  const [x1, y1, x2, y2] = boxColumns(boxes);
  const w = sub(x2, x1), h = sub(y2, y1);
  if (to === 'xywh') return concat([x1, y1, w, h], 1);
  return concat([div(add(x1, x2), 2), div(add(y1, y2), 2), w, h], 1);
}

/**
 * Converts `[N, 4]` boxes between layouts (torchvision's `box_convert`); differentiable.
 * @param boxes - `[N, 4]` float boxes in layout `from`.
 * @param from - The layout of `boxes`.
 * @param to - The layout wanted.
 * @returns `[N, 4]` boxes in layout `to`.
 * @example boxConvert(tensor([[10, 20, 4, 6]]), 'cxcywh', 'xyxy') // [[8, 17, 12, 23]]
 */
export function boxConvert(boxes: Tensor, from: BoxFormat, to: BoxFormat): Tensor {
  for (const [name, value] of [['from', from], ['to', to]] as const) {
    if (!FORMATS.includes(value)) throw new ValueError(`boxConvert: ${name} must be one of ${FORMATS.join(', ')}, got ${JSON.stringify(value)}`);
  }
  assertBoxes(boxes, 'boxConvert', 'boxes', false);
  if (from === to) return boxes;
  return fromXyxy(toXyxy(boxes, from), to);
}

/**
 * Areas `(x2 − x1)·(y2 − y1)` of `[N, 4]` xyxy boxes (torchvision's `box_area`); differentiable.
 * @returns `[N]`.
 * @example boxArea(tensor([[0, 0, 2, 3]])) // [6]
 */
export function boxArea(boxes: Tensor): Tensor {
  assertBoxes(boxes, 'boxArea');
  const [x1, y1, x2, y2] = boxColumns(boxes);
  return squeeze(mul(sub(x2, x1), sub(y2, y1)), 1);
}

/**
 * Clips `[N, 4]` xyxy boxes to an image of `[height, width]`: x into `[0, width]`, y into
 * `[0, height]` (torchvision's `clip_boxes_to_image`).
 * @example clipBoxes(tensor([[-5, 2, 40, 50]]), [32, 32]) // [[0, 2, 32, 32]]
 */
export function clipBoxes(boxes: Tensor, size: readonly [height: number, width: number]): Tensor {
  assertBoxes(boxes, 'clipBoxes');
  const [height, width] = size;
  if (!(height >= 0 && width >= 0)) throw new ValueError(`clipBoxes: size must be [height, width] >= 0, got [${size.join(', ')}]`);
  const [x1, y1, x2, y2] = boxColumns(boxes);
  return concat([clip(x1, 0, width), clip(y1, 0, height), clip(x2, 0, width), clip(y2, 0, height)], 1);
}
