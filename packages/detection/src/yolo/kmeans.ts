import { Generator, ValueError } from '@dlkit/core';
import type { Anchor } from './config.js';

/** Options of {@link kmeansAnchors}. */
export interface KmeansAnchorsOptions {
  /** Seed of the initial centroids (k distinct boxes drawn at random; default 0). */
  seed?: number;
  /** Most iterations (default 100); stops earlier when the assignment no longer changes. */
  maxIterations?: number;
}

/** What {@link kmeansAnchors} returns. */
export interface KmeansAnchorsResult {
  /** The `k` anchors `[w, h]`, by increasing area. */
  anchors: Anchor[];
  /** Mean over the boxes of the IoU with their closest anchor (YOLOv2's "Avg IoU"). */
  meanIou: number;
  /** Iterations run. */
  iterations: number;
}

/** IoU of two box shapes placed at the same centre. */
export function shapeIou(a: Anchor, b: Anchor): number {
  const inter = Math.min(a[0], b[0]) * Math.min(a[1], b[1]);
  return inter / (a[0] * a[1] + b[0] * b[1] - inter);
}

function closest(box: Anchor, centroids: readonly Anchor[]): [number, number] {
  let best = 0, bestIou = -1;
  centroids.forEach((c, j) => {
    const iou = shapeIou(box, c);
    if (iou > bestIou) { bestIou = iou; best = j; }
  });
  return [best, bestIou];
}

/**
 * YOLOv2's dimension clusters: k-means on ground-truth box shapes `[w, h]` with the distance
 * `d(box, centroid) = 1 − IoU(box, centroid)` (both centred at the origin), centroids the mean
 * shape of their cluster.
 * @param boxes - Box shapes `[w, h]` (any unit; the anchors come back in it).
 * @param k - Number of anchors.
 * @example kmeansAnchors([[0.1, 0.2], [0.12, 0.22], [0.5, 0.4]], 2).anchors
 */
export function kmeansAnchors(boxes: readonly Anchor[], k: number, options: KmeansAnchorsOptions = {}): KmeansAnchorsResult {
  if (!(Number.isInteger(k) && k > 0)) throw new ValueError(`kmeansAnchors: k must be a positive integer, got ${String(k)}`);
  if (boxes.length < k) throw new ValueError(`kmeansAnchors: needs at least k = ${k} boxes, got ${boxes.length}`);
  boxes.forEach(([w, h], i) => {
    if (!(w > 0 && h > 0)) throw new ValueError(`kmeansAnchors: boxes[${i}] = [${w}, ${h}] must have width and height > 0`);
  });
  const gen = new Generator(options.seed ?? 0);
  const order = boxes.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = gen.nextInt(0, i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  let centroids: Anchor[] = order.slice(0, k).map((i) => boxes[i]!);
  let assignment = new Int32Array(boxes.length).fill(-1);
  const maxIterations = options.maxIterations ?? 100;
  let iterations = 0;
  while (iterations < maxIterations) {
    iterations++;
    const next = Int32Array.from(boxes, (box) => closest(box, centroids)[0]);
    const sums = new Float64Array(3 * k);
    next.forEach((c, i) => {
      sums[3 * c] = sums[3 * c]! + boxes[i]![0];
      sums[3 * c + 1] = sums[3 * c + 1]! + boxes[i]![1];
      sums[3 * c + 2] = sums[3 * c + 2]! + 1;
    });
    // An empty cluster keeps its centroid.
    centroids = centroids.map((c, j) => {
      const count = sums[3 * j + 2]!;
      return count > 0 ? [sums[3 * j]! / count, sums[3 * j + 1]! / count] : c;
    });
    const changed = next.some((c, i) => c !== assignment[i]);
    assignment = next;
    if (!changed) break;
  }
  const meanIou = boxes.reduce((s, box) => s + closest(box, centroids)[1], 0) / boxes.length;
  return { anchors: [...centroids].sort((a, b) => a[0] * a[1] - b[0] * b[1]), meanIou, iterations };
}
