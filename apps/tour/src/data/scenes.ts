import { Generator, tensor, type Tensor } from '@dlkit/core';

/** Side of a generated scene in pixels. */
export const SCENE_SIDE = 20;
/** The objects a scene may show, in label order (the multi-task lecture's four). */
export const SCENE_LABELS = ['pedestrian', 'car', 'stop sign', 'traffic light'] as const;

/** Generated street scenes with several labels each, some of them unknown. */
export interface SceneSet {
  /** RGB images `[m, 20, 20, 3]`, values in `[0, 1]`. */
  readonly x: Tensor;
  /** Whether each object is in the scene, `[m, 4]` of 0/1 (a missing label holds its true value, never used). */
  readonly y: Tensor;
  /** True where the label is known, `[m, 4]` bool; false is the course's "?". */
  readonly known: Tensor;
  /** The same labels and mask as plain arrays, row-major `m × 4`. */
  readonly labels: Uint8Array;
  readonly knownLabels: Uint8Array;
  readonly count: number;
}

/** Options of {@link generateScenes}. */
export interface SceneOptions {
  readonly count: number;
  readonly seed: number;
  /** Chance that each label is missing, independently (default 0). */
  readonly missing?: number;
}

type Rgb = readonly [number, number, number];
/** A glyph drawn in an 8 × 8 cell: pixels `(row, col)` get a colour. */
type Paint = (row: number, col: number, rgb: Rgb) => void;

const clamp = (v: number): number => Math.min(1, Math.max(0, v));

/** Draws object `k` of {@link SCENE_LABELS} with `paint`, its colours varied by `g`. */
function drawObject(k: number, paint: Paint, g: Generator): void {
  const rect = (r0: number, r1: number, c0: number, c1: number, rgb: Rgb): void => {
    for (let r = r0; r < r1; r++) for (let c = c0; c < c1; c++) paint(r, c, rgb);
  };
  const disk = (cr: number, cc: number, radius: number, rgb: Rgb): void => {
    for (let r = 0; r < 8; r++) for (let c = 0; c < 8; c++) if ((r - cr) ** 2 + (c - cc) ** 2 <= radius * radius) paint(r, c, rgb);
  };
  const shade = (base: Rgb, spread: number): Rgb => base.map((v) => clamp(v + (g.nextFloat() - 0.5) * spread)) as unknown as Rgb;
  if (k === 0) {
    // Pedestrian: head, body, legs, in clothes of any dark-ish colour.
    const clothes = shade([0.25, 0.3, 0.6], 0.5);
    disk(1, 3.5, 1.1, shade([0.95, 0.8, 0.65], 0.15));
    rect(2, 5, 2, 6, clothes);
    rect(5, 8, 2, 3, clothes);
    rect(5, 8, 5, 6, clothes);
  } else if (k === 1) {
    // Car: body, cabin, two black wheels.
    const paintwork = shade([0.3, 0.6, 0.9], 0.8);
    rect(2, 4, 2, 6, paintwork);
    rect(4, 6, 0, 8, paintwork);
    rect(6, 8, 1, 3, [0.05, 0.05, 0.05]);
    rect(6, 8, 5, 7, [0.05, 0.05, 0.05]);
  } else if (k === 2) {
    // Stop sign: a red disk with a white bar on a grey pole.
    rect(5, 8, 3, 5, [0.55, 0.55, 0.55]);
    disk(3, 3.5, 3, shade([0.85, 0.1, 0.1], 0.15));
    rect(3, 4, 1, 7, [0.97, 0.97, 0.97]);
  } else {
    // Traffic light: a black box with red, amber and green lamps.
    rect(0, 8, 2, 6, [0.08, 0.08, 0.1]);
    rect(1, 2, 3, 5, [0.9, 0.1, 0.1]);
    rect(3, 5, 3, 5, [0.95, 0.75, 0.1]);
    rect(6, 7, 3, 5, [0.1, 0.8, 0.2]);
  }
}

/**
 * Seeded street scenes for multi-task learning (generated: no such data ships offline): each
 * 20 × 20 scene has a noisy, randomly coloured background and each of the four objects
 * (pedestrian, car, stop sign, traffic light) with probability ½, each in its own quadrant with a
 * jitter of up to 2 pixels. With `missing`, each label is unknown with that chance (the lecture's
 * "?" entries), independently.
 * @example generateScenes({ count: 1000, seed: 1, missing: 0.3 }).x // [1000, 20, 20, 3]
 */
export function generateScenes(options: SceneOptions): SceneSet {
  const { count, seed, missing = 0 } = options;
  const g = new Generator(seed);
  const side = SCENE_SIDE;
  const pixels = new Float32Array(count * side * side * 3);
  const labels = new Uint8Array(count * 4);
  const knownLabels = new Uint8Array(count * 4);
  for (let i = 0; i < count; i++) {
    const base = i * side * side * 3;
    const ground: Rgb = [0.35 + 0.4 * g.nextFloat(), 0.35 + 0.4 * g.nextFloat(), 0.35 + 0.4 * g.nextFloat()];
    for (let p = 0; p < side * side; p++) for (let ch = 0; ch < 3; ch++) pixels[base + p * 3 + ch] = clamp(ground[ch]! + 0.12 * g.nextNormal());
    // A random assignment of the four quadrants to the four objects.
    const quadrants = [0, 1, 2, 3];
    for (let q = 3; q > 0; q--) {
      const j = g.nextInt(0, q + 1);
      [quadrants[q], quadrants[j]] = [quadrants[j]!, quadrants[q]!];
    }
    for (let k = 0; k < 4; k++) {
      const present = g.nextFloat() < 0.5;
      labels[i * 4 + k] = present ? 1 : 0;
      knownLabels[i * 4 + k] = g.nextFloat() < missing ? 0 : 1;
      if (!present) continue;
      const q = quadrants[k]!;
      const top = (q >> 1) * 10 + g.nextInt(0, 3);
      const left = (q & 1) * 10 + g.nextInt(0, 3);
      drawObject(k, (r, c, rgb) => {
        const at = base + ((top + r) * side + left + c) * 3;
        for (let ch = 0; ch < 3; ch++) pixels[at + ch] = rgb[ch]!;
      }, g);
    }
  }
  return {
    x: tensor(pixels, { shape: [count, side, side, 3] }),
    y: tensor(Float32Array.from(labels), { shape: [count, 4] }),
    known: tensor(Float32Array.from(knownLabels), { shape: [count, 4] }).greater(0.5),
    labels,
    knownLabels,
    count,
  };
}
