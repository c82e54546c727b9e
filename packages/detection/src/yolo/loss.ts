import { add, concat, mul, noGrad, sigmoid, softmax, square, sub, sum, tensor, ShapeError, ValueError, type Tensor } from '@dlkit/core';
import { formatShape } from '../boxes/validate.js';
import type { YoloConfig } from './config.js';
import { decodeCentreSize, splitOutput } from './decode.js';
import type { YoloTargets } from './encode.js';

/** The weights and rules of a YOLO loss. */
export interface YoloLossWeights {
  /** `λcoord`: weight of the coordinate term. */
  readonly coordinates: number;
  /** Weight of the objectness term where an anchor is responsible for an object. */
  readonly object: number;
  /** `λnoobj`: weight of the no-object term. */
  readonly noObject: number;
  /** Weight of the class term. */
  readonly classes: number;
  /** No-object terms are dropped where the prediction's best IoU with any ground truth exceeds this (1 never drops). */
  readonly ignoreThreshold: number;
  /** Objectness target: `'one'`, or `'iou'` (the prediction's best IoU with a ground truth, held constant). */
  readonly confidenceTarget: 'one' | 'iou';
}

/** YOLOv1's weights: `λcoord = 5`, `λnoobj = 0.5`, object and class 1, target confidence 1, nothing ignored. */
export const YOLO_V1_LOSS: YoloLossWeights = Object.freeze({ coordinates: 5, object: 1, noObject: 0.5, classes: 1, ignoreThreshold: 1, confidenceTarget: 'one' });

/**
 * The YOLOv2 loss of the course's lab code (YAD2K's `yolo_loss`): object 5, no-object 1, class 1,
 * coordinates 1, no-object term ignored where the best IoU with any ground truth exceeds 0.6,
 * confidence target = that IoU.
 */
export const YOLO_V2_LAB_LOSS: YoloLossWeights = Object.freeze({ coordinates: 1, object: 5, noObject: 1, classes: 1, ignoreThreshold: 0.6, confidenceTarget: 'iou' });

/** The YOLO loss and its four terms (each already weighted, summed over cells, averaged over the batch). */
export interface YoloLossResult {
  /** Scalar sum of the four terms; call `backward()` on it. */
  readonly total: Tensor;
  /** Scalar squared error of `[σ(tx), σ(ty), tw, th]` against the targets, at responsible anchors. */
  readonly coordinates: Tensor;
  /** Scalar squared error of the objectness `σ(to)` against its target, at responsible anchors. */
  readonly object: Tensor;
  /** Scalar squared objectness at the other anchors (those above `ignoreThreshold` IoU left out). */
  readonly noObject: Tensor;
  /** Scalar squared error of the class softmax against the one-hot targets, at responsible anchors. */
  readonly classes: Tensor;
}

/** `[m, S, S, B]` best IoU of every predicted box with any ground-truth box of its image. */
function bestIous(xy: Tensor, wh: Tensor, targets: YoloTargets, shape: readonly number[]): Float32Array {
  const centres = xy.dataSync(), sizes = wh.dataSync();
  const [m, S, , B] = shape as [number, number, number, number];
  const perImage = S * S * B;
  const out = new Float32Array(m * perImage);
  for (let image = 0; image < m; image++) {
    const objects = targets.objects[image] ?? [];
    for (let k = 0; k < perImage; k++) {
      const slot = image * perImage + k;
      const cx = centres[2 * slot]!, cy = centres[2 * slot + 1]!, w = sizes[2 * slot]!, h = sizes[2 * slot + 1]!;
      const x1 = cx - w / 2, y1 = cy - h / 2, x2 = cx + w / 2, y2 = cy + h / 2;
      let best = 0;
      for (const { box } of objects) {
        const iw = Math.max(0, Math.min(x2, box[2]) - Math.max(x1, box[0]));
        const ih = Math.max(0, Math.min(y2, box[3]) - Math.max(y1, box[1]));
        const inter = iw * ih;
        const union = w * h + (box[2] - box[0]) * (box[3] - box[1]) - inter;
        if (union > 0) best = Math.max(best, inter / union);
      }
      out[slot] = best;
    }
  }
  return out;
}

/**
 * The YOLO loss with its coordinate, objectness, no-object and class terms (`1obj` is
 * `targets.objectMask`, `σ` the sigmoid, `p̂` the class softmax):
 *
 * `λcoord Σ 1obj [(σ(txy) − x̂y)² + (twh − log(wh/p))²] + λobj Σ 1obj (target − σ(to))²
 *  + λnoobj Σ (1 − 1obj)·1[bestIoU ≤ ignore] σ(to)² + λclass Σ 1obj Σk (1[k = c] − p̂k)²`,
 * summed over cells and anchors and averaged over the batch. Presets: {@link YOLO_V1_LOSS}
 * (default) and {@link YOLO_V2_LAB_LOSS}. Box sizes are regressed in log space around the
 * anchors (YOLOv2), under either preset.
 * @param output - `[m, S, S, B·(5 + K)]` raw network output.
 * @param targets - From {@link encodeTargets} for the same images.
 * @example yoloLoss(model.forward(x), encodeTargets(objects, config), config, YOLO_V2_LAB_LOSS).total.backward()
 */
export function yoloLoss(output: Tensor, targets: YoloTargets, config: YoloConfig, weights: YoloLossWeights = YOLO_V1_LOSS): YoloLossResult {
  const raw = splitOutput(output, config, 'yoloLoss');
  const mask = targets.objectMask;
  if (mask.shape.join() !== raw.objectness.shape.join()) {
    throw new ShapeError(`yoloLoss: targets.objectMask ${formatShape(mask.shape)} must match the output's [m, S, S, B] = ${formatShape(raw.objectness.shape)}`);
  }
  for (const [name, value] of Object.entries(weights)) {
    if (typeof value === 'number' && !(value >= 0)) throw new ValueError(`yoloLoss: weights.${name} must be >= 0, got ${value}`);
  }
  const m = raw.objectness.shape[0]!;
  const dtype = output.dtype;
  const best = noGrad(() => {
    const { xy, wh } = decodeCentreSize({ ...raw, txy: raw.txy.detach(), twh: raw.twh.detach() }, config);
    return bestIous(xy, wh, targets, raw.objectness.shape);
  });
  const shape = [...raw.objectness.shape];
  const confidence = sigmoid(raw.objectness);
  const mask4 = mask.reshape([...shape, 1]);

  const predicted = concat([sigmoid(raw.txy), raw.twh], 4);
  const coordinates = mul(sum(mul(mask4, square(sub(predicted, targets.coordinates)))), weights.coordinates / m);
  const target = weights.confidenceTarget === 'iou' ? tensor(best, { shape, dtype }) : 1;
  const object = mul(sum(mul(mask, square(sub(target, confidence)))), weights.object / m);
  const keep = tensor(Float32Array.from(best, (iou) => (iou > weights.ignoreThreshold ? 0 : 1)), { shape, dtype });
  const noObject = mul(sum(mul(mul(sub(1, mask), keep), square(confidence))), weights.noObject / m);
  const classes = mul(sum(mul(mask4, square(sub(targets.classes, softmax(raw.classLogits, -1))))), weights.classes / m);
  return { total: add(add(coordinates, object), add(noObject, classes)), coordinates, object, noObject, classes };
}
