import { ValueError, type Tensor } from '@dlkit/core';
import { encode } from 'fast-png';
import type { Box } from '../metrics/map.js';
import { GLYPH_HEIGHT, GLYPH_WIDTH, glyph } from './font.js';
import { base64, fillRect, imageToRgba, parseColor, type Rgba } from './raster.js';

/** One box to draw, with an optional caption. */
export interface DrawnBox {
  /** xyxy corners, in image pixels (or fractions of the image with `coordinates: 'fractions'`). */
  readonly box: Box;
  /** Text of the caption (e.g. the class name). */
  readonly label?: string;
  /** Shown after the label with two decimals. */
  readonly score?: number;
  /** `'#rrggbb'` (default: one colour per distinct label from {@link BOX_COLORS}). */
  readonly color?: string;
}

/** Options of {@link drawBoxesSvg} and {@link drawBoxesPng}. */
export interface DrawBoxesOptions {
  /** Output pixels per image pixel (nearest-neighbour upscaling; default 4). */
  scale?: number;
  /** Units of the boxes: `'pixels'` of the image (default) or `'fractions'` of its width and height. */
  coordinates?: 'pixels' | 'fractions';
  /** Box outline width in output pixels (default 2). */
  lineWidth?: number;
  /** PNG only: output pixels per font pixel of the 3 × 5 caption font (default 2). */
  fontScale?: number;
}

/** Default box colours, assigned to labels in order of first appearance. */
export const BOX_COLORS: readonly string[] = ['#e6194b', '#3cb44b', '#4363d8', '#f58231', '#911eb4', '#42d4f4', '#f032e6', '#9a6324'];

interface Placed {
  readonly x1: number; readonly y1: number; readonly x2: number; readonly y2: number;
  readonly caption: string;
  readonly color: string;
}

/** Boxes in output pixels with their captions and colours; checks them. */
function place(boxes: readonly DrawnBox[], width: number, height: number, scale: number, options: DrawBoxesOptions, where: string): Placed[] {
  const colors = new Map<string, string>();
  const fractions = options.coordinates === 'fractions';
  const sx = fractions ? width : scale, sy = fractions ? height : scale;
  return boxes.map(({ box, label, score, color }, i) => {
    const [x1, y1, x2, y2] = box;
    if (!(x2 >= x1 && y2 >= y1)) throw new ValueError(`${where}: boxes[${i}].box = [${box.join(', ')}] is not (x1, y1, x2, y2) with x2 >= x1 and y2 >= y1`);
    const key = label ?? '';
    if (!colors.has(key)) colors.set(key, BOX_COLORS[colors.size % BOX_COLORS.length]!);
    const caption = [label, score === undefined ? undefined : score.toFixed(2)].filter((s) => s !== undefined).join(' ');
    return { x1: x1 * sx, y1: y1 * sy, x2: x2 * sx, y2: y2 * sy, caption, color: color ?? colors.get(key)! };
  });
}

function checkOptions(options: DrawBoxesOptions, where: string): number {
  const scale = options.scale ?? 4;
  if (!(Number.isInteger(scale) && scale >= 1)) throw new ValueError(`${where}: scale must be a positive integer, got ${String(scale)}`);
  return scale;
}

const escapeXml = (s: string): string => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/**
 * Renders an image with boxes, labels and scores to a standalone SVG: the image (upscaled
 * `scale` times, pixelated) as an embedded PNG, each box an outlined rectangle, its caption
 * (`label score`) on a tag above it.
 * @param image - NHWC float image `[1, H, W, C]` or `[H, W, C]`, `C` = 1 or 3, values in `[0, 1]`.
 * @example drawBoxesSvg(images.slice([0, 0, 0, 0], [1, 32, 32, 3]), [{ box: [4, 4, 20, 16], label: 'disc', score: 0.93 }])
 */
export function drawBoxesSvg(image: Tensor, boxes: readonly DrawnBox[], options: DrawBoxesOptions = {}): string {
  const scale = checkOptions(options, 'drawBoxesSvg');
  const picture = imageToRgba(image, 1, 'drawBoxesSvg');
  const width = picture.width * scale, height = picture.height * scale;
  const line = options.lineWidth ?? 2;
  const font = Math.max(9, Math.round(2.5 * scale));
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<image width="${width}" height="${height}" style="image-rendering:pixelated" href="data:image/png;base64,${base64(encode(picture))}"/>`,
  ];
  for (const p of place(boxes, width, height, scale, options, 'drawBoxesSvg')) {
    parts.push(`<rect x="${p.x1}" y="${p.y1}" width="${p.x2 - p.x1}" height="${p.y2 - p.y1}" fill="none" stroke="${p.color}" stroke-width="${line}"/>`);
    if (p.caption) {
      const tagWidth = 0.62 * font * p.caption.length + 4;
      const top = p.y1 - font - 2 >= 0 ? p.y1 - font - 2 : p.y1;
      parts.push(`<rect x="${p.x1}" y="${top}" width="${tagWidth}" height="${font + 2}" fill="${p.color}"/>`);
      parts.push(`<text x="${p.x1 + 2}" y="${top + font - 1}" font-family="monospace" font-size="${font}" fill="#ffffff">${escapeXml(p.caption)}</text>`);
    }
  }
  parts.push('</svg>');
  return parts.join('\n');
}

/** Draws a caption with the 3 × 5 font, white on the box colour. */
function drawCaption(picture: Rgba, text: string, x: number, y: number, fontScale: number, rgb: readonly number[]): void {
  const advance = (GLYPH_WIDTH + 1) * fontScale;
  fillRect(picture, x, y, x + text.length * advance + fontScale, y + (GLYPH_HEIGHT + 2) * fontScale, rgb);
  [...text].forEach((char, k) => {
    const cells = glyph(char);
    for (let r = 0; r < GLYPH_HEIGHT; r++) {
      for (let c = 0; c < GLYPH_WIDTH; c++) {
        if (cells[r * GLYPH_WIDTH + c] !== '#') continue;
        const px = x + fontScale + k * advance + c * fontScale, py = y + fontScale + r * fontScale;
        fillRect(picture, px, py, px + fontScale, py + fontScale, [255, 255, 255]);
      }
    }
  });
}

/**
 * Renders an image with boxes, labels and scores to PNG bytes (encoded by `fast-png`): the image
 * upscaled `scale` times, box outlines `lineWidth` pixels wide and captions in a 3 × 5 pixel font
 * on a tag above each box.
 * @param image - NHWC float image `[1, H, W, C]` or `[H, W, C]`, `C` = 1 or 3, values in `[0, 1]`.
 * @returns The PNG file's bytes (RGBA, 8 bits per channel).
 * @example writeFileSync('detections.png', drawBoxesPng(image, [{ box: [4, 4, 20, 16], label: 'disc', score: 0.93 }]))
 */
export function drawBoxesPng(image: Tensor, boxes: readonly DrawnBox[], options: DrawBoxesOptions = {}): Uint8Array {
  const scale = checkOptions(options, 'drawBoxesPng');
  const picture = imageToRgba(image, scale, 'drawBoxesPng');
  const line = options.lineWidth ?? 2;
  const fontScale = options.fontScale ?? 2;
  const tagHeight = (GLYPH_HEIGHT + 2) * fontScale;
  for (const p of place(boxes, picture.width, picture.height, scale, options, 'drawBoxesPng')) {
    const rgb = parseColor(p.color);
    fillRect(picture, p.x1, p.y1, p.x2, p.y1 + line, rgb);
    fillRect(picture, p.x1, p.y2 - line, p.x2, p.y2, rgb);
    fillRect(picture, p.x1, p.y1, p.x1 + line, p.y2, rgb);
    fillRect(picture, p.x2 - line, p.y1, p.x2, p.y2, rgb);
    if (p.caption) drawCaption(picture, p.caption, Math.round(p.x1), Math.round(p.y1 - tagHeight >= 0 ? p.y1 - tagHeight : p.y1), fontScale, rgb);
  }
  return encode(picture);
}
