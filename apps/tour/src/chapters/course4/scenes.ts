import { Generator, tensor, type Tensor } from '@dlkit/core';

/** Classes of the generated scenes: 0 background, then one per shape. */
export const SCENE_CLASSES = ['background', 'disc', 'square', 'triangle'] as const;
/** Colours the masks are drawn in, by class. */
export const CLASS_COLOURS: readonly (readonly [number, number, number])[] = [[0.12, 0.12, 0.16], [0.9, 0.35, 0.2], [0.25, 0.6, 0.9], [0.95, 0.85, 0.3]];

/** A batch of generated scenes: images `[n, side, side, 3]` in [0, 1] and masks `[n, side, side]` int32. */
export interface Scenes {
  readonly images: Tensor;
  readonly masks: Tensor;
  readonly count: number;
  readonly side: number;
}

/**
 * `count` generated scenes `side × side`: a smoothly shaded, noisy background with 2–3 shapes
 * (disc, square, upright triangle) of random size, place and colour, apart from each other and
 * with a colour that stands out from the background — the colour says nothing about the class,
 * so the network has to recognize the shape.
 */
export function generateScenes(count: number, side: number, seed: number): Scenes {
  const g = new Generator(seed);
  const u = (low: number, high: number): number => low + (high - low) * g.nextFloat();
  const images = new Float32Array(count * side * side * 3);
  const masks = new Int32Array(count * side * side);
  for (let n = 0; n < count; n++) {
    const base = [u(0.2, 0.6), u(0.2, 0.6), u(0.2, 0.6)];
    const tilt = [u(-0.2, 0.2), u(-0.2, 0.2)];
    for (let r = 0; r < side; r++) {
      for (let c = 0; c < side; c++) {
        const shade = tilt[0]! * (r / side - 0.5) + tilt[1]! * (c / side - 0.5);
        for (let k = 0; k < 3; k++) images[((n * side + r) * side + c) * 3 + k] = base[k]! + shade + u(-0.08, 0.08);
      }
    }
    const shapes = 2 + Math.floor(u(0, 2));
    const placed: { cy: number; cx: number; size: number }[] = [];
    for (let s = 0, tries = 0; s < shapes && tries < 50; tries++) {
      const cls = 1 + Math.floor(u(0, 3));
      const size = u(side * 0.16, side * 0.26); // half-extent
      const cy = u(size, side - size);
      const cx = u(size, side - size);
      // Shapes do not overlap, and each stands out from the background by its colour.
      if (placed.some((p) => Math.hypot(p.cy - cy, p.cx - cx) < p.size + size + 1)) continue;
      let colour = [u(0, 1), u(0, 1), u(0, 1)];
      while (Math.hypot(colour[0]! - base[0]!, colour[1]! - base[1]!, colour[2]! - base[2]!) < 0.4) colour = [u(0, 1), u(0, 1), u(0, 1)];
      placed.push({ cy, cx, size });
      s++;
      for (let r = 0; r < side; r++) {
        for (let c = 0; c < side; c++) {
          const y = r + 0.5 - cy;
          const x = c + 0.5 - cx;
          const inside = cls === 1 ? x * x + y * y <= size * size
            : cls === 2 ? Math.abs(x) <= size * 0.8 && Math.abs(y) <= size * 0.8
              : y <= size * 0.8 && y >= -size && Math.abs(x) <= ((y + size) / (1.8 * size)) * size;
          if (!inside) continue;
          masks[(n * side + r) * side + c] = cls;
          for (let k = 0; k < 3; k++) images[((n * side + r) * side + c) * 3 + k] = colour[k]! + u(-0.05, 0.05);
        }
      }
    }
  }
  for (let i = 0; i < images.length; i++) images[i] = Math.min(1, Math.max(0, images[i]!));
  return {
    images: tensor(images, { shape: [count, side, side, 3] }),
    masks: tensor(masks, { shape: [count, side, side], dtype: 'int32' }),
    count,
    side,
  };
}

/** A mask as RGB pixels in the class colours. */
export function maskColours(mask: ArrayLike<number>): Float32Array {
  const rgb = new Float32Array(mask.length * 3);
  for (let i = 0; i < mask.length; i++) rgb.set(CLASS_COLOURS[mask[i]!]!, i * 3);
  return rgb;
}
