import { noGrad, sigmoid, tensor, ShapeError, ValueError, type Tensor } from '@dlkit/core';
import { assertThreshold } from '../boxes/validate.js';
import { nms } from '../nms/nms.js';
import { decodeBoxDelta } from './anchors.js';
import { splitProposals } from './loss.js';

/** Options of {@link proposeRegions}. */
export interface ProposeRegionsOptions {
  /** Highest-scoring anchors kept before NMS (default 200). */
  preNmsTopN?: number;
  /** Proposals kept after NMS (default 20). */
  postNmsTopN?: number;
  /** NMS IoU threshold (default 0.7, as Faster R-CNN). */
  iouThreshold?: number;
  /** Drop proposals narrower or lower than this, after clipping to `[0, 1]` (default 1e-3). */
  minSize?: number;
}

/** One image's region proposals. */
export interface RegionProposals {
  /** `[k, 4]` xyxy boxes as fractions of the image, by decreasing objectness. */
  readonly boxes: Tensor;
  /** `[k]` objectness `σ(to)`. */
  readonly scores: Tensor;
}

/**
 * Region proposals as the lecture describes them: every anchor's box moved by its predicted deltas
 * and scored by its objectness, clipped to the image, the `preNmsTopN` best kept, then NMS.
 * @param output - `[m, fh, fw, A·5]` from {@link RegionProposalHead}.
 * @param anchors - `[fh·fw·A, 4]` from {@link gridAnchors}.
 * @example proposeRegions(rpn.forward(features), anchors, { postNmsTopN: 10 })[0].boxes // [≤ 10, 4]
 */
export function proposeRegions(output: Tensor, anchors: Tensor, options: ProposeRegionsOptions = {}): RegionProposals[] {
  const iouThreshold = options.iouThreshold ?? 0.7;
  assertThreshold(iouThreshold, 'proposeRegions');
  const pre = options.preNmsTopN ?? 200, post = options.postNmsTopN ?? 20, minSize = options.minSize ?? 1e-3;
  if (!(Number.isInteger(pre) && pre > 0 && Number.isInteger(post) && post > 0)) throw new ValueError(`proposeRegions: preNmsTopN and postNmsTopN must be positive integers, got ${pre} and ${post}`);
  return noGrad(() => {
    const { logits, deltas } = splitProposals(output, 'proposeRegions');
    const [m, n] = logits.shape as [number, number];
    if (anchors.rank !== 2 || anchors.shape[0] !== n || anchors.shape[1] !== 4) {
      throw new ShapeError(`proposeRegions: anchors must have shape [${n}, 4] (one per output slot), got [${anchors.shape.join(', ')}]`);
    }
    const scores = sigmoid(logits).dataSync(), d = deltas.dataSync(), a = anchors.dataSync();
    return Array.from({ length: m }, (_, image) => {
      const order = Array.from({ length: n }, (__, k) => k).sort((x, y) => scores[image * n + y]! - scores[image * n + x]!).slice(0, pre);
      const boxes: number[] = [], kept: number[] = [];
      for (const k of order) {
        const at = image * n + k;
        const [x1, y1, x2, y2] = decodeBoxDelta(Array.from(d.subarray(4 * at, 4 * at + 4)), Array.from(a.subarray(4 * k, 4 * k + 4)));
        const box = [Math.max(0, x1), Math.max(0, y1), Math.min(1, x2), Math.min(1, y2)];
        if (box[2]! - box[0]! < minSize || box[3]! - box[1]! < minSize) continue;
        boxes.push(...box);
        kept.push(scores[at]!);
      }
      const b = tensor(Float32Array.from(boxes), { shape: [kept.length, 4] }), s = tensor(Float32Array.from(kept));
      const keep = Array.from(nms(b, s, iouThreshold, { maxDetections: post }).dataSync());
      return {
        boxes: tensor(Float32Array.from(keep.flatMap((i) => boxes.slice(4 * i, 4 * i + 4))), { shape: [keep.length, 4] }),
        scores: tensor(Float32Array.from(keep, (i) => kept[i]!)),
      };
    });
  });
}
