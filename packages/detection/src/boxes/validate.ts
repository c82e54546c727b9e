import { DTypeError, isFloat, ShapeError, ValueError, type Tensor } from '@dlkit/core';

/** `[2, 3]` for error messages. */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/**
 * Checks that `boxes` is a float `[N, 4]` tensor; with `ordered` (xyxy boxes) also that
 * `x2 >= x1` and `y2 >= y1` in every row. Reads the values only when `ordered` is set.
 */
export function assertBoxes(boxes: Tensor, where: string, name = 'boxes', ordered = true): void {
  if (boxes.rank !== 2 || boxes.shape[1] !== 4) {
    throw new ShapeError(`${where}: ${name} must have shape [N, 4], got ${formatShape(boxes.shape)}`);
  }
  if (!isFloat(boxes.dtype)) throw new DTypeError(`${where}: ${name} must be a float tensor, got ${boxes.dtype}`);
  if (ordered) assertOrdered(boxes.dataSync(), where, name);
}

/** Throws when a flat xyxy array has a row with `x2 < x1`, `y2 < y1` or a NaN coordinate. */
export function assertOrdered(values: ArrayLike<number>, where: string, name = 'boxes'): void {
  for (let i = 0; i < values.length; i += 4) {
    const x1 = values[i]!, y1 = values[i + 1]!, x2 = values[i + 2]!, y2 = values[i + 3]!;
    if (!(x2 >= x1 && y2 >= y1)) {
      throw new ValueError(`${where}: ${name}[${i / 4}] = [${x1}, ${y1}, ${x2}, ${y2}] is not (x1, y1, x2, y2) with x2 >= x1 and y2 >= y1`);
    }
  }
}

/** Checks an IoU threshold lies in [0, 1]. */
export function assertThreshold(value: number, where: string, name = 'iouThreshold'): void {
  if (!(typeof value === 'number' && value >= 0 && value <= 1)) {
    throw new ValueError(`${where}: ${name} must be a number in [0, 1], got ${String(value)}`);
  }
}

/** Checks `scores` is a float `[N]` tensor matching `n` boxes. */
export function assertScores(scores: Tensor, n: number, where: string, name = 'scores'): void {
  if (scores.rank !== 1 || scores.shape[0] !== n) {
    throw new ShapeError(`${where}: ${name} must have shape [${n}] (one per box), got ${formatShape(scores.shape)}`);
  }
  if (!isFloat(scores.dtype)) throw new DTypeError(`${where}: ${name} must be a float tensor, got ${scores.dtype}`);
}
