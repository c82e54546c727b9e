/** Side of the network's input image, as MNIST. */
export const DIGIT_SIDE = 28;
/** MNIST digits are scaled to fit a 20×20 box, then centred by their centre of mass. */
const BOX = 20;

/**
 * Turns a drawing (greyscale ink in `[0, 1]`, row-major `width × height`) into an MNIST-like
 * 28×28 image, as MNIST was made: crop to the ink's bounding box, scale it (area-averaged) so its
 * longer side is 20 pixels, and place it so its centre of mass is at the image centre.
 * Returns 784 zeros when nothing is drawn.
 * @example const image = mnistInput(ink, 280, 280); // Float32Array(784)
 */
export function mnistInput(ink: Float32Array, width: number, height: number): Float32Array {
  if (ink.length !== width * height) throw new RangeError(`mnistInput: expected ${width}·${height} = ${width * height} pixels, got ${ink.length}`);
  let top = height;
  let bottom = -1;
  let left = width;
  let right = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (ink[y * width + x]! > 0.05) {
        top = Math.min(top, y);
        bottom = Math.max(bottom, y);
        left = Math.min(left, x);
        right = Math.max(right, x);
      }
    }
  }
  const out = new Float32Array(DIGIT_SIDE * DIGIT_SIDE);
  if (bottom < 0) return out;
  const cropW = right - left + 1;
  const cropH = bottom - top + 1;
  const scale = BOX / Math.max(cropW, cropH);
  const boxW = Math.max(1, Math.round(cropW * scale));
  const boxH = Math.max(1, Math.round(cropH * scale));
  // Area-average each target pixel over the source pixels it covers.
  const box = new Float32Array(boxW * boxH);
  for (let by = 0; by < boxH; by++) {
    const y0 = top + Math.floor((by * cropH) / boxH);
    const y1 = top + Math.max(Math.floor(((by + 1) * cropH) / boxH), Math.floor((by * cropH) / boxH) + 1);
    for (let bx = 0; bx < boxW; bx++) {
      const x0 = left + Math.floor((bx * cropW) / boxW);
      const x1 = left + Math.max(Math.floor(((bx + 1) * cropW) / boxW), Math.floor((bx * cropW) / boxW) + 1);
      let sum = 0;
      for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) sum += ink[y * width + x]!;
      box[by * boxW + bx] = sum / ((y1 - y0) * (x1 - x0));
    }
  }
  let mass = 0;
  let cy = 0;
  let cx = 0;
  for (let y = 0; y < boxH; y++) {
    for (let x = 0; x < boxW; x++) {
      const v = box[y * boxW + x]!;
      mass += v;
      cy += v * y;
      cx += v * x;
    }
  }
  // MNIST's centre of mass sits at pixel index 14 on both axes.
  const shiftY = Math.round(DIGIT_SIDE / 2 - (mass > 0 ? cy / mass : boxH / 2));
  const shiftX = Math.round(DIGIT_SIDE / 2 - (mass > 0 ? cx / mass : boxW / 2));
  for (let y = 0; y < boxH; y++) {
    for (let x = 0; x < boxW; x++) {
      const ty = y + shiftY;
      const tx = x + shiftX;
      if (ty >= 0 && ty < DIGIT_SIDE && tx >= 0 && tx < DIGIT_SIDE) out[ty * DIGIT_SIDE + tx] = Math.min(1, box[y * boxW + x]!);
    }
  }
  return out;
}
