import { tensor, type Tensor } from '@dlkit/core';

/** `[1, side, side, 3]` from a function giving each pixel's RGB in [0, 1]. */
function picture(side: number, pixel: (y: number, x: number) => readonly [number, number, number]): Tensor {
  const rgb = new Float32Array(side * side * 3);
  for (let r = 0; r < side; r++) for (let c = 0; c < side; c++) rgb.set(pixel((r + 0.5) / side, (c + 0.5) / side), (r * side + c) * 3);
  return tensor(rgb, { shape: [1, side, side, 3] });
}

/**
 * A generated content image: a house with a red roof under a sky with a sun, on a green hill
 * (flat colours and sharp edges, the structure the content cost should keep).
 */
export function houseScene(side: number): Tensor {
  return picture(side, (y, x) => {
    const hill = 0.7 + 0.08 * Math.sin(x * 5);
    if ((x - 0.8) ** 2 + (y - 0.2) ** 2 < 0.012) return [1, 0.85, 0.2];
    const inWall = x > 0.25 && x < 0.6 && y > 0.5 && y < 0.82;
    const inRoof = y > 0.3 && y <= 0.5 && Math.abs(x - 0.425) < (y - 0.3) * 1.1;
    if (inWall) return x > 0.38 && x < 0.47 && y > 0.64 ? [0.35, 0.2, 0.1] : [0.92, 0.88, 0.78];
    if (inRoof) return [0.75, 0.15, 0.12];
    if (y > hill) return [0.2, 0.55, 0.2];
    return [0.45 + 0.3 * y, 0.65 + 0.2 * y, 0.95];
  });
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
