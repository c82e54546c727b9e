import { concat, reshape, ShapeError, ValueError, type Tensor } from '@dlkit/core';
import { formatShape } from '../boxes/validate.js';

/** Where the windows of a sliding-window pass lie. */
export interface SlidingWindowOptions {
  /** Window `[height, width]` in pixels (the classifier's input size). */
  readonly window: readonly [number, number];
  /** Step between windows in pixels, `[rows, cols]` or one number for both. */
  readonly stride: number | readonly [number, number];
}

/** `[rows, cols]` of windows in an `H × W` image, and the stride pair; checks the geometry. */
export function windowGrid(height: number, width: number, options: SlidingWindowOptions, where: string): { rows: number; cols: number; stride: [number, number] } {
  const [kh, kw] = options.window;
  const stride: [number, number] = typeof options.stride === 'number' ? [options.stride, options.stride] : [options.stride[0], options.stride[1]];
  if (![kh, kw, ...stride].every((v) => Number.isInteger(v) && v > 0)) {
    throw new ValueError(`${where}: window [${kh}, ${kw}] and stride [${stride.join(', ')}] must be positive integers`);
  }
  if (kh > height || kw > width) throw new ValueError(`${where}: window [${kh}, ${kw}] is larger than the image [${height}, ${width}]`);
  return { rows: Math.floor((height - kh) / stride[0]) + 1, cols: Math.floor((width - kw) / stride[1]) + 1, stride };
}

/**
 * The naive sliding-window detector of the lecture: crop every `window` of the images, `stride`
 * pixels apart (row-major, the last windows ending at or before the image's edge), and run the
 * classifier on each crop — one forward pass per window position.
 * @param classify - A window classifier `[m, kh, kw, C]` → `[m, n]` (e.g. a ConvNet's `forward`).
 * @param images - NHWC `[m, H, W, C]`.
 * @returns `[m, rows, cols, n]`: the scores of the window at `(row·sh, col·sw)`.
 * @example slidingWindows((x) => classifier.forward(x), images, { window: [14, 14], stride: 2 }) // [m, rows, cols, 4]
 */
export function slidingWindows(classify: (crops: Tensor) => Tensor, images: Tensor, options: SlidingWindowOptions): Tensor {
  if (images.rank !== 4) throw new ShapeError(`slidingWindows: images must be NHWC [m, H, W, C], got ${formatShape(images.shape)}`);
  const [m, height, width, channels] = images.shape as [number, number, number, number];
  const { rows, cols, stride } = windowGrid(height, width, options, 'slidingWindows');
  const [kh, kw] = options.window;
  const scores: Tensor[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const out = classify(images.slice([0, r * stride[0], c * stride[1], 0], [m, kh, kw, channels]));
      if (out.rank !== 2 || out.shape[0] !== m) throw new ShapeError(`slidingWindows: classify must return [m, n] = [${m}, n], got ${formatShape(out.shape)}`);
      scores.push(reshape(out, [m, 1, out.shape[1]!]));
    }
  }
  return reshape(concat(scores, 1), [m, rows, cols, scores[0]!.shape[2]!]);
}

/**
 * The xyxy pixel boxes of the windows, row-major (`rows · cols` boxes, matching the score grid of
 * {@link slidingWindows} and of a convolutionalized classifier).
 * @example windowBoxes([28, 28], { window: [14, 14], stride: 2 }) // 64 boxes, the first [0, 0, 14, 14]
 */
export function windowBoxes(imageSize: readonly [number, number], options: SlidingWindowOptions): [number, number, number, number][] {
  const { rows, cols, stride } = windowGrid(imageSize[0], imageSize[1], options, 'windowBoxes');
  const [kh, kw] = options.window;
  const boxes: [number, number, number, number][] = [];
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) boxes.push([c * stride[1], r * stride[0], c * stride[1] + kw, r * stride[0] + kh]);
  return boxes;
}
