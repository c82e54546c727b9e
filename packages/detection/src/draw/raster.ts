import { DTypeError, isFloat, ShapeError, type Tensor } from '@dlkit/core';
import { formatShape } from '../boxes/validate.js';

/** An RGBA8 picture, row-major. */
export interface Rgba {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/**
 * The pixels of an NHWC float image (`[1, H, W, C]` or `[H, W, C]`, `C` = 1 grey or 3 RGB, values
 * in `[0, 1]`, clipped) as RGBA8, each pixel repeated `scale × scale` times.
 */
export function imageToRgba(image: Tensor, scale: number, where: string): Rgba {
  const shape = image.shape;
  const hwc = shape.length === 4 && shape[0] === 1 ? shape.slice(1) : shape;
  if (hwc.length !== 3 || (hwc[2] !== 1 && hwc[2] !== 3)) {
    throw new ShapeError(`${where}: image must be NHWC [1, H, W, C] or [H, W, C] with C = 1 or 3, got ${formatShape(shape)}`);
  }
  if (!isFloat(image.dtype)) throw new DTypeError(`${where}: image must be a float tensor with values in [0, 1], got ${image.dtype}`);
  const [h, w, c] = hwc as [number, number, number];
  const values = image.dataSync();
  const width = w * scale, height = h * scale;
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    const row = Math.floor(y / scale);
    for (let x = 0; x < width; x++) {
      const src = (row * w + Math.floor(x / scale)) * c;
      const at = (y * width + x) * 4;
      for (let k = 0; k < 3; k++) data[at + k] = Math.round(255 * Math.min(1, Math.max(0, values[src + (c === 1 ? 0 : k)]!)));
      data[at + 3] = 255;
    }
  }
  return { width, height, data };
}

/** `'#rrggbb'` → `[r, g, b]`. */
export function parseColor(color: string): [number, number, number] {
  const hex = /^#([0-9a-f]{6})$/i.exec(color);
  if (!hex) return [255, 0, 0];
  const n = parseInt(hex[1]!, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** Paints the rectangle `[x1, x2) × [y1, y2)` (clipped to the picture). */
export function fillRect(picture: Rgba, x1: number, y1: number, x2: number, y2: number, rgb: readonly number[]): void {
  const xa = Math.max(0, Math.round(x1)), xb = Math.min(picture.width, Math.round(x2));
  const ya = Math.max(0, Math.round(y1)), yb = Math.min(picture.height, Math.round(y2));
  for (let y = ya; y < yb; y++) {
    for (let x = xa; x < xb; x++) {
      const at = (y * picture.width + x) * 4;
      picture.data[at] = rgb[0]!;
      picture.data[at + 1] = rgb[1]!;
      picture.data[at + 2] = rgb[2]!;
    }
  }
}

/** Base64 of bytes, in Node and browsers (no Buffer). */
export function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
