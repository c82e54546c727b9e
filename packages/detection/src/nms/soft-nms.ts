import { tensor, ValueError, type Tensor } from '@dlkit/core';
import { assertThreshold } from '../boxes/validate.js';
import { checkNmsOptions, readBoxData } from './nms.js';

/** Options of {@link softNms}. */
export interface SoftNmsOptions {
  /** `'linear'`: `s ← s·(1 − IoU)` when `IoU > iouThreshold`; `'gaussian'` (default): `s ← s·exp(−IoU²/σ)`. */
  method?: 'linear' | 'gaussian';
  /** `σ` of the Gaussian decay (default 0.5). */
  sigma?: number;
  /** The linear method's overlap threshold `Nₜ` (default 0.3). */
  iouThreshold?: number;
  /** Boxes whose decayed score falls below this are dropped (default 0.001). */
  scoreThreshold?: number;
  /** Keep at most this many boxes (default: all). */
  maxDetections?: number;
}

/** What {@link softNms} returns. */
export interface SoftNmsResult {
  /** int32 `[K]` indices of the kept boxes, in the order they were selected (decreasing decayed score). */
  indices: Tensor;
  /** `[K]` their decayed scores. */
  scores: Tensor;
}

/**
 * Soft-NMS (Bodla et al., 2017): instead of dropping the boxes that overlap a selected one, decay
 * their scores (linearly or with a Gaussian of the IoU), then select the next highest score
 * (ties by index). IoUs are computed in float64.
 * @param boxes - `[N, 4]` xyxy boxes.
 * @param scores - `[N]` scores.
 * @example softNms(boxes, scores, { method: 'linear', iouThreshold: 0.3 }).indices
 */
export function softNms(boxes: Tensor, scores: Tensor, options: SoftNmsOptions = {}): SoftNmsResult {
  const { boxes: b, scores: s0 } = readBoxData(boxes, scores, 'softNms');
  const method = options.method ?? 'gaussian';
  if (method !== 'linear' && method !== 'gaussian') throw new ValueError(`softNms: method must be 'linear' or 'gaussian', got ${JSON.stringify(method)}`);
  const sigma = options.sigma ?? 0.5;
  if (!(sigma > 0)) throw new ValueError(`softNms: sigma must be > 0, got ${String(sigma)}`);
  const nt = options.iouThreshold ?? 0.3;
  assertThreshold(nt, 'softNms');
  const scoreThreshold = options.scoreThreshold ?? 0.001;
  checkNmsOptions(options, 'softNms');
  const limit = options.maxDetections ?? Infinity;

  const score = Float64Array.from(s0);
  let alive: number[] = [];
  for (let i = 0; i < score.length; i++) if (score[i]! >= scoreThreshold) alive.push(i);
  const kept: number[] = [];
  const keptScores: number[] = [];
  while (alive.length > 0 && kept.length < limit) {
    let best = alive[0]!;
    for (const i of alive) if (score[i]! > score[best]! || (score[i] === score[best] && i < best)) best = i;
    kept.push(best);
    keptScores.push(score[best]!);
    const o = 4 * best;
    const areaBest = (b[o + 2]! - b[o]!) * (b[o + 3]! - b[o + 1]!);
    const next: number[] = [];
    for (const i of alive) {
      if (i === best) continue;
      const j = 4 * i;
      const w = Math.max(0, Math.min(b[o + 2]!, b[j + 2]!) - Math.max(b[o]!, b[j]!));
      const h = Math.max(0, Math.min(b[o + 3]!, b[j + 3]!) - Math.max(b[o + 1]!, b[j + 1]!));
      const inter = w * h;
      const union = areaBest + (b[j + 2]! - b[j]!) * (b[j + 3]! - b[j + 1]!) - inter;
      const iou = union > 0 ? inter / union : 0;
      const weight = method === 'linear' ? (iou > nt ? 1 - iou : 1) : Math.exp(-(iou * iou) / sigma);
      score[i] = score[i]! * weight;
      if (score[i]! >= scoreThreshold) next.push(i);
    }
    alive = next;
  }
  return { indices: tensor(Int32Array.from(kept), { dtype: 'int32' }), scores: tensor(Float64Array.from(keptScores), { dtype: scores.dtype }) };
}
