import { tensor, ValueError, type Tensor } from '@dlkit/core';
import type { Box } from '../metrics/map.js';
import type { Anchor } from '../yolo/config.js';

/**
 * Anchor boxes of a region-proposal network: at the centre of every cell of an `fh × fw` feature
 * map (cell `(r, c)` centred at `((c + ½)/fw, (r + ½)/fh)`), one box of each anchor shape, in that
 * order (cell-major, anchor-minor — the layout of {@link RegionProposalHead}'s output).
 * @param featureSize - `[fh, fw]` cells.
 * @param shapes - The `A` anchor shapes `[w, h]` as fractions of the image (e.g. from `kmeansAnchors`).
 * @returns `[fh · fw · A, 4]` xyxy boxes as fractions of the image.
 * @example gridAnchors([2, 2], [[0.5, 0.5]]).toArray() // [[0, 0, 0.5, 0.5], [0.5, 0, 1, 0.5], …]
 */
export function gridAnchors(featureSize: readonly [number, number], shapes: readonly Anchor[]): Tensor {
  const [fh, fw] = featureSize;
  if (!(Number.isInteger(fh) && fh > 0 && Number.isInteger(fw) && fw > 0)) throw new ValueError(`gridAnchors: featureSize must be two positive integers, got [${featureSize.join(', ')}]`);
  if (shapes.length === 0) throw new ValueError('gridAnchors: shapes must not be empty');
  shapes.forEach(([w, h], i) => {
    if (!(w > 0 && h > 0)) throw new ValueError(`gridAnchors: shapes[${i}] = [${w}, ${h}] must have width and height > 0`);
  });
  const out = new Float32Array(fh * fw * shapes.length * 4);
  let at = 0;
  for (let r = 0; r < fh; r++) {
    for (let c = 0; c < fw; c++) {
      const cx = (c + 0.5) / fw, cy = (r + 0.5) / fh;
      for (const [w, h] of shapes) {
        out.set([cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2], at);
        at += 4;
      }
    }
  }
  return tensor(out, { shape: [fh * fw * shapes.length, 4] });
}

/**
 * Faster R-CNN's box coding of `box` relative to `anchor` (both xyxy):
 * `tx = (x − xa)/wa`, `ty = (y − ya)/ha`, `tw = log(w/wa)`, `th = log(h/ha)` (centres and sizes).
 * @example encodeBoxDelta([0, 0, 2, 2], [0, 0, 1, 1]) // [0.5, 0.5, log 2, log 2]
 */
export function encodeBoxDelta(box: Box, anchor: Box): [number, number, number, number] {
  const wa = anchor[2] - anchor[0], ha = anchor[3] - anchor[1];
  const w = box[2] - box[0], h = box[3] - box[1];
  return [((box[0] + box[2]) / 2 - (anchor[0] + anchor[2]) / 2) / wa, ((box[1] + box[3]) / 2 - (anchor[1] + anchor[3]) / 2) / ha, Math.log(w / wa), Math.log(h / ha)];
}

/** The inverse of {@link encodeBoxDelta}: the xyxy box that `delta` encodes relative to `anchor`. */
export function decodeBoxDelta(delta: readonly number[], anchor: readonly number[]): Box {
  const wa = anchor[2]! - anchor[0]!, ha = anchor[3]! - anchor[1]!;
  const cx = (anchor[0]! + anchor[2]!) / 2 + delta[0]! * wa, cy = (anchor[1]! + anchor[3]!) / 2 + delta[1]! * ha;
  const w = wa * Math.exp(delta[2]!), h = ha * Math.exp(delta[3]!);
  return [cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2];
}
