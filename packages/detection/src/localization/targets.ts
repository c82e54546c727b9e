import { tensor, ValueError, type Tensor } from '@dlkit/core';
import type { YoloObject } from '../yolo/encode.js';

/** A landmark `(x, y)` as fractions of the image width and height. */
export type Landmark = readonly [x: number, y: number];

/**
 * The course's localization targets `y = [pc, bx, by, bh, bw, c1..cK]`, one row per image: `pc` is 1
 * when the image holds an object, `(bx, by)` its box centre and `bh, bw` its height and width (all
 * fractions of the image), `c` its one-hot class; a background image (`null`) is `pc = 0` and zeros.
 * @param objects - Per image, its one object (xyxy box in `[0, 1]`, class) or `null`.
 * @returns `[m, 5 + K]`.
 * @example localizationTargets([{ box: [0.2, 0.3, 0.6, 0.9], label: 1 }, null], 3) // [[1, 0.4, 0.6, 0.6, 0.4, 0, 1, 0], [0, …]]
 */
export function localizationTargets(objects: readonly (YoloObject | null)[], numClasses: number): Tensor {
  if (!(Number.isInteger(numClasses) && numClasses > 0)) throw new ValueError(`localizationTargets: numClasses must be a positive integer, got ${String(numClasses)}`);
  const width = 5 + numClasses;
  const y = new Float32Array(objects.length * width);
  objects.forEach((object, i) => {
    if (object === null) return;
    const [x1, y1, x2, y2] = object.box;
    if (!(x2 > x1 && y2 > y1)) throw new ValueError(`localizationTargets: objects[${i}].box = [${object.box.join(', ')}] must have x2 > x1 and y2 > y1`);
    if (!(Number.isInteger(object.label) && object.label >= 0 && object.label < numClasses)) {
      throw new ValueError(`localizationTargets: objects[${i}].label must be an integer in [0, ${numClasses}), got ${String(object.label)}`);
    }
    y.set([1, (x1 + x2) / 2, (y1 + y2) / 2, y2 - y1, x2 - x1], i * width);
    y[i * width + 5 + object.label] = 1;
  });
  return tensor(y, { shape: [objects.length, width] });
}

/**
 * Landmark targets `y = [pc, l1x, l1y, …, lLx, lLy]`, one row per image: `pc = 1` and the `L`
 * landmarks (fractions of the image) where given, `pc = 0` and zeros for `null` (no face).
 * @param landmarks - Per image, its `L` landmarks or `null`.
 * @returns `[m, 1 + 2L]`.
 * @example landmarkTargets([[[0.3, 0.4], [0.7, 0.4]], null], 2) // [[1, 0.3, 0.4, 0.7, 0.4], [0, 0, 0, 0, 0]]
 */
export function landmarkTargets(landmarks: readonly (readonly Landmark[] | null)[], count: number): Tensor {
  if (!(Number.isInteger(count) && count > 0)) throw new ValueError(`landmarkTargets: count must be a positive integer, got ${String(count)}`);
  const width = 1 + 2 * count;
  const y = new Float32Array(landmarks.length * width);
  landmarks.forEach((points, i) => {
    if (points === null) return;
    if (points.length !== count) throw new ValueError(`landmarkTargets: landmarks[${i}] has ${points.length} points, expected ${count}`);
    y[i * width] = 1;
    points.forEach(([x, yy], j) => {
      if (!(Number.isFinite(x) && Number.isFinite(yy))) throw new ValueError(`landmarkTargets: landmarks[${i}][${j}] = (${x}, ${yy}) must be finite`);
      y[i * width + 1 + 2 * j] = x;
      y[i * width + 2 + 2 * j] = yy;
    });
  });
  return tensor(y, { shape: [landmarks.length, width] });
}
