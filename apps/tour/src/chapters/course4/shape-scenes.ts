import { Generator, tensor, type Tensor } from '@dlkit/core';
import type { YoloObject } from '@dlkit/detection';

/** The shape classes of the generated scenes, by label. */
export const SHAPE_CLASSES = ['rectangle', 'ellipse', 'triangle'] as const;

/** One generated scene: RGB pixels `[side, side, 3]` row-major and its objects (boxes as fractions). */
export interface ShapeScene {
  readonly pixels: Float32Array;
  readonly objects: YoloObject[];
}

/** Options of {@link shapeScenes}. */
export interface ShapeSceneOptions {
  /** Image side in pixels (default 32). */
  side?: number;
  /** Most objects per scene (default 3; fewer when there is no room). */
  maxObjects?: number;
  /** Fewest objects per scene (default 1; 0 allows background-only scenes). */
  minObjects?: number;
  /** Object width and height range in pixels, each drawn independently (default [10, 16]). */
  sizes?: readonly [number, number];
  /** Grid cells per side: two objects never have their centres in one cell (default 4). */
  gridSize?: number;
  /** Most IoU a new object may have with an earlier one: objects overlap, within limits (default 0.2). */
  maxOverlap?: number;
}

function iou(a: readonly number[], b: readonly number[]): number {
  const iw = Math.max(0, Math.min(a[2]!, b[2]!) - Math.max(a[0]!, b[0]!));
  const ih = Math.max(0, Math.min(a[3]!, b[3]!) - Math.max(a[1]!, b[1]!));
  const inter = iw * ih;
  return inter / ((a[2]! - a[0]!) * (a[3]! - a[1]!) + (b[2]! - b[0]!) * (b[3]! - b[1]!) - inter);
}

/** Whether pixel centre (px, py) lies inside the shape of `label` filling box [x, y, w, h]. */
function inside(label: number, px: number, py: number, x: number, y: number, w: number, h: number): boolean {
  const u = (px - x) / w, v = (py - y) / h; // in [0, 1] within the box
  if (label === 0) return true;
  if (label === 1) return (u - 0.5) ** 2 + (v - 0.5) ** 2 <= 0.25;
  return Math.abs(u - 0.5) <= v / 2; // apex at the top, base at the bottom
}

/**
 * Generated detection scenes (a stand-in for the course's car images): a dark noisy background
 * with `minObjects` … `maxObjects` filled rectangles, ellipses and triangles of random colour and size that
 * may overlap a little. Seeded: the same seed gives the same scenes.
 */
export function shapeScenes(count: number, seed: number, options: ShapeSceneOptions = {}): ShapeScene[] {
  const side = options.side ?? 32, maxObjects = options.maxObjects ?? 3, minObjects = options.minObjects ?? 1, S = options.gridSize ?? 4;
  const [low, high] = options.sizes ?? [10, 16];
  const maxOverlap = options.maxOverlap ?? 0.2;
  const g = new Generator(seed);
  return Array.from({ length: count }, () => {
    const pixels = new Float32Array(side * side * 3);
    for (let i = 0; i < pixels.length; i++) pixels[i] = 0.15 * g.nextFloat();
    const objects: YoloObject[] = [];
    const boxes: number[][] = [];
    const cells = new Set<number>();
    const wanted = minObjects + g.nextInt(0, maxObjects - minObjects + 1);
    for (let attempt = 0; attempt < 30 && objects.length < wanted; attempt++) {
      const w = g.nextInt(low, high + 1), h = g.nextInt(low, high + 1);
      const x = g.nextInt(0, side - w + 1), y = g.nextInt(0, side - h + 1);
      const box = [x, y, x + w, y + h];
      const cell = Math.floor(((y + h / 2) / side) * S) * S + Math.floor(((x + w / 2) / side) * S);
      if (cells.has(cell) || boxes.some((b) => iou(b, box) > maxOverlap)) continue;
      const label = g.nextInt(0, SHAPE_CLASSES.length);
      const colour = [0.4 + 0.6 * g.nextFloat(), 0.4 + 0.6 * g.nextFloat(), 0.4 + 0.6 * g.nextFloat()];
      for (let r = y; r < y + h; r++) {
        for (let c = x; c < x + w; c++) {
          if (inside(label, c + 0.5, r + 0.5, x, y, w, h)) pixels.set(colour, (r * side + c) * 3);
        }
      }
      cells.add(cell);
      boxes.push(box);
      objects.push({ box: [x / side, y / side, (x + w) / side, (y + h) / side], label });
    }
    return { pixels, objects };
  });
}

/** The scenes' images as one NHWC tensor `[m, side, side, 3]`. */
export function sceneImages(scenes: readonly ShapeScene[], side: number): Tensor {
  const data = new Float32Array(scenes.length * side * side * 3);
  scenes.forEach((s, i) => data.set(s.pixels, i * side * side * 3));
  return tensor(data, { shape: [scenes.length, side, side, 3] });
}
