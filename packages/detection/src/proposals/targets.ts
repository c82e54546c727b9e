import { tensor, ValueError, type Tensor } from '@dlkit/core';
import type { Box } from '../metrics/map.js';
import { encodeBoxDelta } from './anchors.js';

/** Options of {@link proposalTargets}. */
export interface ProposalTargetOptions {
  /** Anchors whose best IoU with a ground-truth box is at least this are positive (default 0.7). */
  positiveIou?: number;
  /** Anchors whose best IoU is below this are negative (default 0.3); those between are ignored. */
  negativeIou?: number;
}

/** Region-proposal training targets of a batch. */
export interface ProposalTargets {
  /** `[m, N]`: 1 object, 0 background, −1 ignored. */
  readonly labels: Tensor;
  /** `[m, N, 4]`: the box deltas of each anchor to its best ground-truth box (used where labels = 1). */
  readonly deltas: Tensor;
}

function iou(a: ArrayLike<number>, i: number, b: Box): number {
  const iw = Math.max(0, Math.min(a[i + 2]!, b[2]) - Math.max(a[i]!, b[0]));
  const ih = Math.max(0, Math.min(a[i + 3]!, b[3]) - Math.max(a[i + 1]!, b[1]));
  const inter = iw * ih;
  return inter / ((a[i + 2]! - a[i]!) * (a[i + 3]! - a[i + 1]!) + (b[2] - b[0]) * (b[3] - b[1]) - inter);
}

/**
 * Faster R-CNN's anchor labels: an anchor is positive when its IoU with some ground-truth box is
 * at least `positiveIou`, or when it is that box's best anchor (so every object has one);
 * negative when its best IoU is below `negativeIou`; ignored otherwise. Positive anchors regress
 * to their best box.
 * @param anchors - `[N, 4]` xyxy anchors (e.g. {@link gridAnchors}).
 * @param boxes - Per image, its ground-truth xyxy boxes (same units as the anchors).
 * @example proposalTargets(gridAnchors([4, 4], shapes), [[[0.1, 0.1, 0.4, 0.5]]])
 */
export function proposalTargets(anchors: Tensor, boxes: readonly (readonly Box[])[], options: ProposalTargetOptions = {}): ProposalTargets {
  const positive = options.positiveIou ?? 0.7, negative = options.negativeIou ?? 0.3;
  if (!(negative >= 0 && negative <= positive && positive <= 1)) {
    throw new ValueError(`proposalTargets: needs 0 <= negativeIou <= positiveIou <= 1, got negativeIou ${negative}, positiveIou ${positive}`);
  }
  const a = anchors.dataSync();
  const n = anchors.shape[0]!;
  const labels = new Float32Array(boxes.length * n), deltas = new Float32Array(boxes.length * n * 4);
  boxes.forEach((list, image) => {
    const best = new Float64Array(n), which = new Int32Array(n).fill(-1);
    list.forEach((box, g) => {
      if (!(box[2] > box[0] && box[3] > box[1])) throw new ValueError(`proposalTargets: boxes[${image}][${g}] = [${box.join(', ')}] must have x2 > x1 and y2 > y1`);
      let top = -1, topIou = -1;
      for (let k = 0; k < n; k++) {
        const v = iou(a, 4 * k, box);
        if (v > best[k]!) { best[k] = v; which[k] = g; }
        if (v > topIou) { topIou = v; top = k; }
      }
      best[top] = Math.max(best[top]!, positive); // the object's best anchor is positive
      which[top] = g;
    });
    for (let k = 0; k < n; k++) {
      const at = image * n + k;
      labels[at] = best[k]! >= positive ? 1 : best[k]! < negative ? 0 : -1;
      if (labels[at] === 1) deltas.set(encodeBoxDelta(list[which[k]!]!, [a[4 * k]!, a[4 * k + 1]!, a[4 * k + 2]!, a[4 * k + 3]!]), 4 * at);
    }
  });
  return { labels: tensor(labels, { shape: [boxes.length, n] }), deltas: tensor(deltas, { shape: [boxes.length, n, 4] }) };
}
