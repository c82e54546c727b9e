import { BOX_COLORS } from '@dlkit/detection';
import { SHAPE_CLASSES, type ShapeScene } from '@dlkit/tour/shape-scenes';
import { drawTiles } from '../shared/tiles.js';
import { YOLO_SCENE } from './config.js';

/** A box to draw on a scene: `[x1, y1, x2, y2]` as fractions of the image, its class, and its score if predicted. */
export interface SceneBox {
  readonly box: readonly number[];
  readonly label: number;
  readonly score?: number;
}

/** The colour of a shape class: the detection package's palette, one per label. */
export const classColour = (label: number): string => BOX_COLORS[label % BOX_COLORS.length]!;

/**
 * RGBA pixels of a scene's `[side, side, 3]` RGB values in `[0, 1]`.
 * @example const rgba = sceneRgba(scene.pixels); // 4·32·32 bytes
 */
export function sceneRgba(pixels: Float32Array): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray((pixels.length / 3) * 4);
  for (let i = 0; i < pixels.length / 3; i++) {
    for (let c = 0; c < 3; c++) rgba[4 * i + c] = Math.round(255 * pixels[3 * i + c]!);
    rgba[4 * i + 3] = 255;
  }
  return rgba;
}

/**
 * Paints scenes side by side on `canvas`, scaled up without smoothing, and on each its boxes
 * outlined in their class colour, labelled with the class (and the score, for predictions).
 * @example drawScenes(canvas, shown, shown.map((s) => s.objects)); // the ground truth
 */
export function drawScenes(canvas: HTMLCanvasElement, scenes: readonly ShapeScene[], boxes: readonly (readonly SceneBox[])[], gap = 8): void {
  const { side } = YOLO_SCENE;
  drawTiles(canvas, scenes.map((s) => ({ rgba: sceneRgba(s.pixels), width: side, height: side })), scenes.length, gap);
  const context = canvas.getContext('2d')!;
  const cell = (canvas.width - gap * (scenes.length - 1)) / scenes.length;
  context.lineWidth = 2;
  context.font = '11px system-ui, sans-serif';
  context.textBaseline = 'top';
  boxes.forEach((list, i) => {
    const left = i * (cell + gap);
    // Lowest score first, so the most confident box is drawn on top.
    [...list].reverse().forEach(({ box, label, score }) => {
      const clamp = (v: number): number => Math.max(0, Math.min(1, v)) * cell;
      const [x1, y1, x2, y2] = [left + clamp(box[0]!), clamp(box[1]!), left + clamp(box[2]!), clamp(box[3]!)];
      const text = score === undefined ? SHAPE_CLASSES[label]! : `${SHAPE_CLASSES[label]} ${score.toFixed(2)}`;
      context.strokeStyle = classColour(label);
      context.strokeRect(x1, y1, x2 - x1, y2 - y1);
      const width = context.measureText(text).width + 4;
      const top = y1 >= 14 ? y1 - 14 : y1;
      context.fillStyle = classColour(label);
      context.fillRect(Math.min(x1, left + cell - width), top, width, 14);
      context.fillStyle = 'white';
      context.fillText(text, Math.min(x1, left + cell - width) + 2, top + 1);
    });
  });
}
