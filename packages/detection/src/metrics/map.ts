import { ValueError } from '@dlkit/core';
import { assertOrdered, assertThreshold } from '../boxes/validate.js';

/** An xyxy box as four numbers. */
export type Box = readonly [x1: number, y1: number, x2: number, y2: number];

/** One detection: its image, class label, xyxy box and confidence. */
export interface Detection {
  /** Id of the image it was found in; matched against {@link GroundTruth.image}. */
  readonly image: number | string;
  /** Its class; only ground truths of the same label can match it. */
  readonly label: number | string;
  /** `[x1, y1, x2, y2]`, in the ground truths' units. */
  readonly box: Box;
  /** Confidence; detections are matched in decreasing order of it. */
  readonly score: number;
}

/** One ground-truth object; `difficult` ones neither count as misses nor make a match a false positive. */
export interface GroundTruth {
  /** Id of the image the object is in. */
  readonly image: number | string;
  /** The object's class. */
  readonly label: number | string;
  /** `[x1, y1, x2, y2]`. */
  readonly box: Box;
  /** VOC's "difficult" flag (default false): ignored rather than required. */
  readonly difficult?: boolean;
}

/**
 * How precision is averaged over recall:
 * - `'all-point'`: area under the monotone precision envelope at every recall step (VOC 2010+);
 * - `'11-point'`: mean of the envelope at recall 0, 0.1, …, 1 (VOC 2007);
 * - `'coco'`: COCO's 101-point AP, averaged over IoU thresholds 0.50:0.05:0.95.
 */
export type ApInterpolation = 'all-point' | '11-point' | 'coco';

/** Options of {@link meanAveragePrecision}. */
export interface MeanAveragePrecisionOptions {
  /** IoU a match needs (default 0.5): VOC counts IoU > threshold; ignored by `'coco'`. */
  iouThreshold?: number;
  /** Default `'all-point'`. */
  interpolation?: ApInterpolation;
  /** COCO's maxDets: detections kept per image and class, by score (default 100; `'coco'` only). */
  maxDetections?: number;
}

/** Average precision of one class. */
export interface ClassAveragePrecision {
  /** The class these figures are for. */
  readonly label: number | string;
  /** The class's AP (for `'coco'`, the mean over the ten IoU thresholds). */
  readonly ap: number;
  /** Non-difficult ground truths of the class. */
  readonly numGroundTruths: number;
  /** Precision after each detection by decreasing score (for `'coco'`, at IoU 0.5). */
  readonly precision: readonly number[];
  /** Recall after each detection by decreasing score (for `'coco'`, at IoU 0.5). */
  readonly recall: readonly number[];
  /** `'coco'` only: the AP at each IoU threshold 0.50, 0.55, …, 0.95. */
  readonly apPerIou?: readonly number[];
}

/** What {@link meanAveragePrecision} returns. */
export interface MeanAveragePrecisionResult {
  /** Mean of the per-class APs over classes with at least one non-difficult ground truth. */
  readonly map: number;
  /** One entry per class with a non-difficult ground truth, sorted by label. */
  readonly perClass: readonly ClassAveragePrecision[];
}

function iou(a: Box, b: Box): number {
  const w = Math.max(0, Math.min(a[2], b[2]) - Math.max(a[0], b[0]));
  const h = Math.max(0, Math.min(a[3], b[3]) - Math.max(a[1], b[1]));
  const inter = w * h;
  return inter / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter);
}

/** Indices by decreasing score; ties keep their order (numpy's mergesort, as COCO). */
function byScore<T extends { score: number }>(items: readonly T[]): T[] {
  return items.map((item, i) => ({ item, i })).sort((p, q) => q.item.score - p.item.score || p.i - q.i).map((p) => p.item);
}

function curve(tp: readonly boolean[], fp: readonly boolean[], positives: number, eps: number): { precision: number[]; recall: number[] } {
  const precision: number[] = [], recall: number[] = [];
  let t = 0, f = 0;
  for (let k = 0; k < tp.length; k++) {
    t += tp[k] ? 1 : 0;
    f += fp[k] ? 1 : 0;
    recall.push(t / positives);
    precision.push(eps === 0 ? t / Math.max(t + f, Number.EPSILON) : t / (t + f + eps));
  }
  return { precision, recall };
}

function vocAp(recall: readonly number[], precision: readonly number[], elevenPoint: boolean): number {
  if (elevenPoint) {
    let ap = 0;
    for (let i = 0; i < 11; i++) {
      const t = i * 0.1;
      let p = 0;
      for (let k = 0; k < recall.length; k++) if (recall[k]! >= t) p = Math.max(p, precision[k]!);
      ap += p / 11;
    }
    return ap;
  }
  const mrec = [0, ...recall, 1];
  const mpre = [0, ...precision, 0];
  for (let i = mpre.length - 1; i > 0; i--) mpre[i - 1] = Math.max(mpre[i - 1]!, mpre[i]!);
  let ap = 0;
  for (let i = 0; i + 1 < mrec.length; i++) if (mrec[i + 1] !== mrec[i]) ap += (mrec[i + 1]! - mrec[i]!) * mpre[i + 1]!;
  return ap;
}

type Key = number | string;

function groupBy<T>(items: readonly T[], key: (item: T) => Key): Map<Key, T[]> {
  const out = new Map<Key, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item); else out.set(k, [item]);
  }
  return out;
}

/** VOC's rule: best IoU > threshold with an unmatched, non-difficult ground truth of the image. */
function vocClass(dets: readonly Detection[], gts: readonly GroundTruth[], threshold: number, elevenPoint: boolean, label: Key): ClassAveragePrecision {
  const perImage = groupBy(gts, (g) => g.image);
  const matched = new Map<GroundTruth, boolean>();
  const positives = gts.filter((g) => !g.difficult).length;
  const tp: boolean[] = [], fp: boolean[] = [];
  for (const d of byScore(dets)) {
    const candidates = perImage.get(d.image) ?? [];
    let best = -Infinity, bestGt: GroundTruth | undefined;
    for (const g of candidates) {
      const o = iou(d.box, g.box);
      if (o > best) { best = o; bestGt = g; }
    }
    let isTp = false, isFp = false;
    if (bestGt && best > threshold) {
      if (!bestGt.difficult) {
        if (!matched.get(bestGt)) { isTp = true; matched.set(bestGt, true); } else isFp = true;
      }
    } else isFp = true;
    tp.push(isTp);
    fp.push(isFp);
  }
  const { precision, recall } = curve(tp, fp, positives, 0);
  return { label, ap: vocAp(recall, precision, elevenPoint), numGroundTruths: positives, precision, recall };
}

/** numpy's `linspace(start, stop, num)`, value for value (COCO defines its thresholds with it). */
function linspace(start: number, stop: number, num: number): number[] {
  const step = (stop - start) / (num - 1);
  return Array.from({ length: num }, (_, i) => (i === num - 1 ? stop : i * step + start));
}

const COCO_IOUS = linspace(0.5, 0.95, 10);
const COCO_RECALLS = linspace(0, 1, 101);

interface CocoMatch { score: number; matched: boolean[]; ignored: boolean[] }

/** COCOeval.evaluateImg for one image and class, area range 'all'. */
function cocoImage(dets: readonly Detection[], gts: readonly GroundTruth[], maxDetections: number): CocoMatch[] {
  const sortedGts = [...gts.filter((g) => !g.difficult), ...gts.filter((g) => g.difficult)];
  const sortedDets = byScore(dets).slice(0, maxDetections);
  const ious = sortedDets.map((d) => sortedGts.map((g) => iou(d.box, g.box)));
  const out = sortedDets.map((d) => ({ score: d.score, matched: COCO_IOUS.map(() => false), ignored: COCO_IOUS.map(() => false) }));
  COCO_IOUS.forEach((t, ti) => {
    const gtMatched = sortedGts.map(() => false);
    sortedDets.forEach((_, di) => {
      let best = Math.min(t, 1 - 1e-10), m = -1;
      for (let gi = 0; gi < sortedGts.length; gi++) {
        if (gtMatched[gi]) continue;
        if (m > -1 && !sortedGts[m]!.difficult && sortedGts[gi]!.difficult) break;
        if (ious[di]![gi]! < best) continue;
        best = ious[di]![gi]!;
        m = gi;
      }
      if (m === -1) return;
      out[di]!.ignored[ti] = sortedGts[m]!.difficult === true;
      out[di]!.matched[ti] = true;
      gtMatched[m] = true;
    });
  });
  return out;
}

/** np.searchsorted(sorted, value, side='left'). */
function searchLeft(sorted: readonly number[], value: number): number {
  let lo = 0, hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < value) lo = mid + 1; else hi = mid;
  }
  return lo;
}

function cocoClass(dets: readonly Detection[], gts: readonly GroundTruth[], maxDetections: number, label: Key): ClassAveragePrecision {
  const detsByImage = groupBy(dets, (d) => d.image);
  const gtsByImage = groupBy(gts, (g) => g.image);
  const images = [...new Set([...detsByImage.keys(), ...gtsByImage.keys()])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const matches = byScore(images.flatMap((im) => cocoImage(detsByImage.get(im) ?? [], gtsByImage.get(im) ?? [], maxDetections)));
  const positives = gts.filter((g) => !g.difficult).length;
  const curves = COCO_IOUS.map((_, ti) => curve(
    matches.map((m) => m.matched[ti]! && !m.ignored[ti]!),
    matches.map((m) => !m.matched[ti]! && !m.ignored[ti]!),
    positives, Number.EPSILON,
  ));
  const apPerIou = curves.map(({ precision, recall }) => {
    const envelope = [...precision];
    for (let i = envelope.length - 1; i > 0; i--) if (envelope[i]! > envelope[i - 1]!) envelope[i - 1] = envelope[i]!;
    let total = 0;
    for (const r of COCO_RECALLS) {
      const k = searchLeft(recall, r);
      if (k >= envelope.length) break;
      total += envelope[k]!;
    }
    return total / COCO_RECALLS.length;
  });
  const ap = apPerIou.reduce((s, v) => s + v, 0) / apPerIou.length;
  return { label, ap, numGroundTruths: positives, precision: curves[0]!.precision, recall: curves[0]!.recall, apPerIou };
}

function validate(items: readonly (Detection | GroundTruth)[], name: string): void {
  items.forEach((item, i) => {
    if (!Array.isArray(item.box) || item.box.length !== 4) throw new ValueError(`meanAveragePrecision: ${name}[${i}].box must be [x1, y1, x2, y2], got ${JSON.stringify(item.box)}`);
    assertOrdered(item.box, 'meanAveragePrecision', `${name}[${i}].box`);
    if ('score' in item && !Number.isFinite(item.score)) throw new ValueError(`meanAveragePrecision: ${name}[${i}].score must be a finite number, got ${String(item.score)}`);
  });
}

/**
 * Mean average precision of detections against ground truths, by the PASCAL VOC rules
 * (`'all-point'`, `'11-point'`; a match needs IoU > `iouThreshold`) or COCO's (`'coco'`:
 * 101 recall points, IoU ≥ t, averaged over t = 0.50:0.05:0.95). Per class, detections are
 * visited by decreasing score; each claims its best-overlapping ground truth in its image; a
 * second detection of a matched object (a duplicate) is a false positive, an unmatched ground
 * truth a miss, and detections matching a `difficult` object are ignored. Classes are those of the
 * non-difficult ground truths; continuous coordinates (no +1 pixel rule).
 * @returns `{ map, perClass }` with each class's AP and its precision/recall curve.
 * @example
 * meanAveragePrecision({ detections: [{ image: 0, label: 'cat', box: [0, 0, 10, 10], score: 0.9 }],
 *   groundTruths: [{ image: 0, label: 'cat', box: [1, 0, 10, 10] }] }).map // 1
 */
export function meanAveragePrecision(
  data: { readonly detections: readonly Detection[]; readonly groundTruths: readonly GroundTruth[] },
  options: MeanAveragePrecisionOptions = {},
): MeanAveragePrecisionResult {
  const interpolation = options.interpolation ?? 'all-point';
  if (!['all-point', '11-point', 'coco'].includes(interpolation)) {
    throw new ValueError(`meanAveragePrecision: interpolation must be 'all-point', '11-point' or 'coco', got ${JSON.stringify(interpolation)}`);
  }
  const threshold = options.iouThreshold ?? 0.5;
  assertThreshold(threshold, 'meanAveragePrecision');
  const maxDetections = options.maxDetections ?? 100;
  if (!(Number.isInteger(maxDetections) && maxDetections > 0)) throw new ValueError(`meanAveragePrecision: maxDetections must be a positive integer, got ${String(maxDetections)}`);
  validate(data.detections, 'detections');
  validate(data.groundTruths, 'groundTruths');
  const detsByLabel = groupBy(data.detections, (d) => d.label);
  const gtsByLabel = groupBy(data.groundTruths, (g) => g.label);
  const labels = [...gtsByLabel.keys()].filter((l) => gtsByLabel.get(l)!.some((g) => !g.difficult)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const perClass = labels.map((label) => {
    const dets = detsByLabel.get(label) ?? [], gts = gtsByLabel.get(label)!;
    return interpolation === 'coco' ? cocoClass(dets, gts, maxDetections, label) : vocClass(dets, gts, threshold, interpolation === '11-point', label);
  });
  const map = perClass.length === 0 ? 0 : perClass.reduce((s, c) => s + c.ap, 0) / perClass.length;
  return { map, perClass };
}
