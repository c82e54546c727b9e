import { ValueError } from '@dlkit/core';

/** An anchor (prior) box shape `[width, height]` as fractions of the image. */
export type Anchor = readonly [width: number, height: number];

/**
 * The layout of a YOLO (v2) output: an `S×S` grid with `B` anchors per cell and `K` classes.
 * The network's output is `[m, S, S, B·(5 + K)]`; each anchor's slot holds
 * `[tx, ty, tw, th, to, class logits c1..cK]`.
 */
export interface YoloConfig {
  /** `S`: cells per side. */
  readonly gridSize: number;
  /** The `B` anchor shapes, fractions of the image (e.g. from {@link kmeansAnchors}). */
  readonly anchors: readonly Anchor[];
  /** `K`: number of classes. */
  readonly numClasses: number;
}

/** Checks a YOLO configuration and returns `[S, B, K]`. */
export function checkConfig(config: YoloConfig, where: string): [number, number, number] {
  const { gridSize, anchors, numClasses } = config;
  if (!(Number.isInteger(gridSize) && gridSize > 0)) throw new ValueError(`${where}: gridSize must be a positive integer, got ${String(gridSize)}`);
  if (!(Number.isInteger(numClasses) && numClasses > 0)) throw new ValueError(`${where}: numClasses must be a positive integer, got ${String(numClasses)}`);
  if (anchors.length === 0) throw new ValueError(`${where}: anchors must not be empty`);
  anchors.forEach(([w, h], i) => {
    if (!(w > 0 && h > 0)) throw new ValueError(`${where}: anchors[${i}] = [${w}, ${h}] must have width and height > 0`);
  });
  return [gridSize, anchors.length, numClasses];
}
