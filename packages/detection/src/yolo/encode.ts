import { tensor, ValueError, type Tensor } from '@dlkit/core';
import type { Box } from '../metrics/map.js';
import { checkConfig, type YoloConfig } from './config.js';
import { shapeIou } from './kmeans.js';

/** One object of an image: its xyxy box as fractions of the image (`[0, 1]`) and its class. */
export interface YoloObject {
  /** `[x1, y1, x2, y2]` as fractions of the image, in `[0, 1]`. */
  readonly box: Box;
  /** Class index in `0 … numClasses − 1`. */
  readonly label: number;
}

/** Training targets of a batch, as {@link encodeTargets} builds them. */
export interface YoloTargets {
  /** `[m, S, S, B]`: 1 where an anchor is responsible for an object (the course's `pc`), else 0. */
  readonly objectMask: Tensor;
  /** `[m, S, S, B, 4]`: `[x offset in the cell, y offset, log(w / pw), log(h / ph)]` of the responsible anchors. */
  readonly coordinates: Tensor;
  /** `[m, S, S, B, K]`: one-hot class of the responsible anchors. */
  readonly classes: Tensor;
  /** Every image's objects (for the IoU of predictions with any ground truth). */
  readonly objects: readonly (readonly YoloObject[])[];
}

/**
 * Builds YOLO targets: each ground-truth box goes to the grid cell that holds its centre and,
 * in that cell, to the anchor whose shape has the highest IoU with it (YOLOv2). When two objects
 * claim the same cell and anchor, the later one wins, as in the course's lab.
 * @param objects - Per image, its objects with xyxy boxes in `[0, 1]`.
 * @example encodeTargets([[{ box: [0.1, 0.1, 0.4, 0.5], label: 2 }]], { gridSize: 4, anchors: [[0.3, 0.4]], numClasses: 3 })
 */
export function encodeTargets(objects: readonly (readonly YoloObject[])[], config: YoloConfig): YoloTargets {
  const [S, B, K] = checkConfig(config, 'encodeTargets');
  const m = objects.length;
  const mask = new Float32Array(m * S * S * B);
  const coords = new Float32Array(m * S * S * B * 4);
  const classes = new Float32Array(m * S * S * B * K);
  objects.forEach((list, image) => {
    list.forEach(({ box, label }, i) => {
      const [x1, y1, x2, y2] = box;
      if (!(x2 > x1 && y2 > y1)) throw new ValueError(`encodeTargets: objects[${image}][${i}].box = [${box.join(', ')}] must have x2 > x1 and y2 > y1`);
      if (!(Number.isInteger(label) && label >= 0 && label < K)) throw new ValueError(`encodeTargets: objects[${image}][${i}].label must be an integer in [0, ${K}), got ${String(label)}`);
      const cx = (x1 + x2) / 2, cy = (y1 + y2) / 2, w = x2 - x1, h = y2 - y1;
      if (!(cx >= 0 && cx <= 1 && cy >= 0 && cy <= 1)) throw new ValueError(`encodeTargets: objects[${image}][${i}] has its centre (${cx}, ${cy}) outside the image [0, 1]`);
      const col = Math.min(S - 1, Math.floor(cx * S)), row = Math.min(S - 1, Math.floor(cy * S));
      let anchor = 0, best = -1;
      config.anchors.forEach((a, j) => {
        const iou = shapeIou([w, h], a);
        if (iou > best) { best = iou; anchor = j; }
      });
      const slot = ((image * S + row) * S + col) * B + anchor;
      mask[slot] = 1;
      const [pw, ph] = config.anchors[anchor]!;
      coords.set([cx * S - col, cy * S - row, Math.log(w / pw), Math.log(h / ph)], slot * 4);
      classes.fill(0, slot * K, slot * K + K);
      classes[slot * K + label] = 1;
    });
  });
  return {
    objectMask: tensor(mask, { shape: [m, S, S, B] }),
    coordinates: tensor(coords, { shape: [m, S, S, B, 4] }),
    classes: tensor(classes, { shape: [m, S, S, B, K] }),
    objects,
  };
}
