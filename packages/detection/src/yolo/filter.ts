import { tensor, ValueError, type Tensor } from '@dlkit/core';
import type { Box, Detection } from '../metrics/map.js';
import { assertThreshold } from '../boxes/validate.js';
import { batchedNms, nms } from '../nms/nms.js';
import type { YoloConfig } from './config.js';
import { decode, type YoloDecoded } from './decode.js';

/** Options of {@link filterBoxes} and {@link yoloEval}. */
export interface FilterBoxesOptions {
  /** Keep boxes whose class score `pc · p(class)` is at least this (the lab's `threshold`, default 0.6). */
  scoreThreshold?: number;
  /** NMS IoU threshold (default 0.5). */
  iouThreshold?: number;
  /** At most this many boxes per image (the lab's `max_boxes`, default 10). */
  maxDetections?: number;
  /** NMS per class (default true); false suppresses across classes as the lab's `tf.image.non_max_suppression`. */
  perClass?: boolean;
  /** Scale boxes to an image of `[height, width]` pixels (the lab's `scale_boxes`; default: fractions). */
  imageSize?: readonly [number, number];
}

/** Threshold and NMS of one image's candidates. */
function filterImage(boxes: Float32Array | Float64Array, scores: number[], labels: number[], image: number, options: FilterBoxesOptions): Detection[] {
  const keep = scores.map((s, i) => [s, i] as const).filter(([s]) => s >= (options.scoreThreshold ?? 0.6)).map(([, i]) => i);
  if (keep.length === 0) return [];
  const b = tensor(Float32Array.from(keep.flatMap((i) => [boxes[4 * i]!, boxes[4 * i + 1]!, boxes[4 * i + 2]!, boxes[4 * i + 3]!])), { shape: [keep.length, 4] });
  const s = tensor(Float32Array.from(keep, (i) => scores[i]!));
  const iou = options.iouThreshold ?? 0.5;
  const limit = { maxDetections: options.maxDetections ?? 10 };
  const kept = options.perClass === false ? nms(b, s, iou, limit) : batchedNms(b, s, tensor(Int32Array.from(keep, (i) => labels[i]!), { dtype: 'int32' }), iou, limit);
  const [h, w] = options.imageSize ?? [1, 1];
  return Array.from(kept.dataSync(), (k) => {
    const i = keep[k]!;
    const box: Box = [boxes[4 * i]! * w, boxes[4 * i + 1]! * h, boxes[4 * i + 2]! * w, boxes[4 * i + 3]! * h];
    return { image, label: labels[i]!, box, score: scores[i]! };
  });
}

/**
 * The lab's `yolo_filter_boxes` + `yolo_non_max_suppression`: box class scores
 * `pc · p(c)`, the best class of each box, boxes below `scoreThreshold` dropped, then NMS
 * (per class by default), at most `maxDetections` per image.
 * @returns Per image, its detections by decreasing score (image = batch index).
 * @example filterBoxes(decode(output, config), { scoreThreshold: 0.5 })[0]
 */
export function filterBoxes(decoded: YoloDecoded, options: FilterBoxesOptions = {}): Detection[][] {
  assertThreshold(options.iouThreshold ?? 0.5, 'filterBoxes');
  if (Number.isNaN(options.scoreThreshold)) throw new ValueError('filterBoxes: scoreThreshold must be a number, got NaN');
  const [m, S, , B, K] = decoded.classProbs.shape as [number, number, number, number, number];
  const perImage = S * S * B;
  const boxes = decoded.boxes.dataSync() as Float32Array | Float64Array;
  const conf = decoded.confidence.dataSync(), probs = decoded.classProbs.dataSync();
  const out: Detection[][] = [];
  for (let image = 0; image < m; image++) {
    const scores: number[] = [], labels: number[] = [];
    for (let k = 0; k < perImage; k++) {
      const slot = image * perImage + k;
      let best = 0;
      for (let c = 1; c < K; c++) if (probs[slot * K + c]! > probs[slot * K + best]!) best = c;
      scores.push(conf[slot]! * probs[slot * K + best]!);
      labels.push(best);
    }
    out.push(filterImage(boxes.subarray(image * perImage * 4, (image + 1) * perImage * 4), scores, labels, image, options));
  }
  return out;
}

/**
 * The lab's `yolo_eval`: {@link decode} then {@link filterBoxes}.
 * @param output - `[m, S, S, B·(5 + K)]` raw network output.
 * @example yoloEval(model.forward(images), config, { imageSize: [64, 64] })
 */
export function yoloEval(output: Tensor, config: YoloConfig, options: FilterBoxesOptions = {}): Detection[][] {
  return filterBoxes(decode(output, config), options);
}
