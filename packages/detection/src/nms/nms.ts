import { DTypeError, ShapeError, tensor, ValueError, type Tensor } from '@dlkit/core';
import { assertBoxes, assertOrdered, assertScores, assertThreshold, formatShape } from '../boxes/validate.js';

/** Options of {@link nms} and {@link batchedNms}. */
export interface NmsOptions {
  /** Drop boxes whose score is below this before suppression (default: keep all). */
  scoreThreshold?: number;
  /** Keep at most this many boxes, the highest-scoring survivors (default: all). */
  maxDetections?: number;
}

/** Boxes, scores and the arithmetic of their dtype, read once for the suppression loops. */
export interface BoxData {
  boxes: Float32Array | Float64Array;
  scores: Float32Array | Float64Array;
  /** `Math.fround` for float32 inputs (the IoU is computed in float32, like torchvision), else the identity. */
  round: (x: number) => number;
}

const identity = (x: number): number => x;

/** Validates and reads boxes and scores. */
export function readBoxData(boxes: Tensor, scores: Tensor, where: string): BoxData {
  assertBoxes(boxes, where, 'boxes', false);
  assertScores(scores, boxes.shape[0]!, where);
  const b = boxes.dataSync() as Float32Array | Float64Array;
  assertOrdered(b, where);
  const s = scores.dataSync() as Float32Array | Float64Array;
  const nan = s.findIndex((v) => Number.isNaN(v));
  if (nan >= 0) throw new ValueError(`${where}: scores[${nan}] is NaN`);
  return { boxes: b, scores: s, round: boxes.dtype === 'float32' && scores.dtype === 'float32' ? Math.fround : identity };
}

/** Checks the options shared by the NMS functions. */
export function checkNmsOptions(options: NmsOptions, where: string): void {
  const { scoreThreshold, maxDetections } = options;
  if (scoreThreshold !== undefined && Number.isNaN(scoreThreshold)) throw new ValueError(`${where}: scoreThreshold must be a number, got NaN`);
  if (maxDetections !== undefined && !(Number.isInteger(maxDetections) && maxDetections >= 0)) {
    throw new ValueError(`${where}: maxDetections must be an integer >= 0, got ${String(maxDetections)}`);
  }
}

/** Candidate indices sorted by decreasing score, ties by increasing index (a stable sort, as torchvision). */
export function scoreOrder(scores: ArrayLike<number>, candidates: readonly number[]): number[] {
  return [...candidates].sort((i, j) => scores[j]! - scores[i]! || i - j);
}

/**
 * Greedy suppression over `order` (indices by decreasing score), torchvision's CPU kernel step
 * for step: a box is dropped when its IoU with a kept box is strictly greater than the threshold.
 */
export function suppress(data: BoxData, order: readonly number[], iouThreshold: number, limit = Infinity): number[] {
  const { boxes: b, round } = data;
  const n = order.length;
  const area = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const o = 4 * order[k]!;
    area[k] = round(round(b[o + 2]! - b[o]!) * round(b[o + 3]! - b[o + 1]!));
  }
  const suppressed = new Uint8Array(n);
  const keep: number[] = [];
  for (let k = 0; k < n && keep.length < limit; k++) {
    if (suppressed[k]) continue;
    const i = 4 * order[k]!;
    keep.push(order[k]!);
    const ix1 = b[i]!, iy1 = b[i + 1]!, ix2 = b[i + 2]!, iy2 = b[i + 3]!, iarea = area[k]!;
    for (let l = k + 1; l < n; l++) {
      if (suppressed[l]) continue;
      const j = 4 * order[l]!;
      const w = Math.max(0, round(Math.min(ix2, b[j + 2]!) - Math.max(ix1, b[j]!)));
      const h = Math.max(0, round(Math.min(iy2, b[j + 3]!) - Math.max(iy1, b[j + 1]!)));
      const inter = round(w * h);
      const iou = round(inter / round(round(iarea + area[l]!) - inter));
      if (iou > iouThreshold) suppressed[l] = 1;
    }
  }
  return keep;
}

function candidates(scores: ArrayLike<number>, scoreThreshold: number | undefined): number[] {
  const out: number[] = [];
  for (let i = 0; i < scores.length; i++) if (scoreThreshold === undefined || scores[i]! >= scoreThreshold) out.push(i);
  return out;
}

/**
 * Non-maximum suppression, identical to `torchvision.ops.nms`: visits boxes by decreasing score
 * (ties by index), keeps a box and drops every later box whose IoU with it is strictly greater
 * than `iouThreshold`. Float32 boxes are compared in float32 arithmetic, as torchvision does.
 * @param boxes - `[N, 4]` xyxy boxes (`x2 >= x1`, `y2 >= y1`).
 * @param scores - `[N]` scores.
 * @param iouThreshold - In `[0, 1]`.
 * @returns int32 `[K]` indices of the kept boxes, by decreasing score.
 * @example nms(tensor([[0, 0, 2, 2], [0, 0, 2, 2.2], [5, 5, 6, 6]]), tensor([0.9, 0.8, 0.7]), 0.5) // [0, 2]
 */
export function nms(boxes: Tensor, scores: Tensor, iouThreshold: number, options: NmsOptions = {}): Tensor {
  const data = readBoxData(boxes, scores, 'nms');
  assertThreshold(iouThreshold, 'nms');
  checkNmsOptions(options, 'nms');
  const order = scoreOrder(data.scores, candidates(data.scores, options.scoreThreshold));
  return tensor(Int32Array.from(suppress(data, order, iouThreshold, options.maxDetections)), { dtype: 'int32' });
}

/**
 * Per-class non-maximum suppression, identical to `torchvision.ops.batched_nms`: boxes of
 * different classes never suppress each other.
 * @param classes - `[N]` int32 class of each box.
 * @returns int32 `[K]` indices of the kept boxes, by decreasing score (ties by index).
 * @example batchedNms(boxes, scores, tensor([0, 0, 1], { dtype: 'int32' }), 0.5)
 */
export function batchedNms(boxes: Tensor, scores: Tensor, classes: Tensor, iouThreshold: number, options: NmsOptions = {}): Tensor {
  const data = readBoxData(boxes, scores, 'batchedNms');
  assertThreshold(iouThreshold, 'batchedNms');
  checkNmsOptions(options, 'batchedNms');
  if (classes.rank !== 1 || classes.shape[0] !== boxes.shape[0]) {
    throw new ShapeError(`batchedNms: classes must have shape [${boxes.shape[0]}] (one per box), got ${formatShape(classes.shape)}`);
  }
  if (classes.dtype !== 'int32') throw new DTypeError(`batchedNms: classes must be an int32 tensor, got ${classes.dtype}`);
  const labels = classes.dataSync();
  const groups = new Map<number, number[]>();
  for (const i of candidates(data.scores, options.scoreThreshold)) {
    const group = groups.get(labels[i]!) ?? [];
    group.push(i);
    groups.set(labels[i]!, group);
  }
  const kept = [...groups.values()].flatMap((group) => suppress(data, scoreOrder(data.scores, group), iouThreshold));
  const ordered = scoreOrder(data.scores, kept).slice(0, options.maxDetections ?? kept.length);
  return tensor(Int32Array.from(ordered), { dtype: 'int32' });
}
