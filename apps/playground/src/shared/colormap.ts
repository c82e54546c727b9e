/**
 * RGBA pixels of a map of signed values on a diverging scale: white at 0, red for positive and
 * blue for negative values, full colour at `±scale` (default the map's largest magnitude), so a
 * filter's or feature map's sign shows as well as its size.
 *
 * Shapes: `values [n]` → `Uint8ClampedArray [4n]`.
 * @example const rgba = divergingRgba(Float32Array.from([-1, 0, 0.5])); // blue, white, pale red
 */
export function divergingRgba(values: ArrayLike<number>, scale?: number): Uint8ClampedArray {
  let top = scale ?? 0;
  if (scale === undefined) for (let i = 0; i < values.length; i++) top = Math.max(top, Math.abs(values[i]!));
  const rgba = new Uint8ClampedArray(4 * values.length);
  for (let i = 0; i < values.length; i++) {
    const t = top > 0 ? Math.max(-1, Math.min(1, values[i]! / top)) : 0;
    // Fade from white towards the course's red (214, 39, 40) or blue (31, 119, 180).
    const [r, g, b] = t >= 0 ? [214, 39, 40] : [31, 119, 180];
    const a = Math.abs(t);
    rgba[4 * i] = Math.round(255 - a * (255 - r));
    rgba[4 * i + 1] = Math.round(255 - a * (255 - g));
    rgba[4 * i + 2] = Math.round(255 - a * (255 - b));
    rgba[4 * i + 3] = 255;
  }
  return rgba;
}

/**
 * RGBA pixels of a greyscale image in `[0, 1]` (0 black, 1 white).
 * @example const rgba = greyRgba(mnistImage); // 4·784 bytes
 */
export function greyRgba(values: ArrayLike<number>): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(4 * values.length);
  for (let i = 0; i < values.length; i++) {
    rgba.fill(Math.round(255 * values[i]!), 4 * i, 4 * i + 3);
    rgba[4 * i + 3] = 255;
  }
  return rgba;
}
