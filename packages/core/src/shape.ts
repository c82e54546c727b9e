import { describeValue, ShapeError, ValueError } from './errors.js';

/** A tensor shape: one non-negative integer per dimension, outermost first. */
export type Shape = readonly number[];

/** Formats a shape as `[2,3]` for error messages. */
export function formatShape(shape: Shape): string {
  return `[${shape.join(',')}]`;
}

/** Number of elements of a tensor of this shape (1 for a scalar). */
export function sizeOf(shape: Shape): number {
  let size = 1;
  for (const d of shape) size *= d;
  return size;
}

/** Row-major strides of a contiguous tensor of this shape. */
export function stridesOf(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let stride = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = stride;
    stride *= shape[i]!;
  }
  return strides;
}

/**
 * The most elements one tensor may hold: 2³¹ - 1, so every flat index fits an int32 (typed-array
 * lengths, index kernels and TensorFlow.js all count in int32).
 */
export const MAX_TENSOR_SIZE = 2 ** 31 - 1;

/** Throws a ValueError naming `where` and `what` (a string, or a function building it only on failure) when `size` elements exceed {@link MAX_TENSOR_SIZE}. */
export function assertSizeWithinLimit(size: number, where: string, what: string | (() => string)): void {
  if (!(size <= MAX_TENSOR_SIZE)) {
    throw new ValueError(`${where}: ${typeof what === 'string' ? what : what()} has ${size} elements, more than the limit of ${MAX_TENSOR_SIZE} (2^31 - 1) elements per tensor`);
  }
}

/** Throws unless `shape` is an array of non-negative integers whose size is within {@link MAX_TENSOR_SIZE}. */
export function assertValidShape(shape: Shape, where: string): void {
  if (!Array.isArray(shape)) {
    throw new ValueError(`${where}: shape must be an array of non-negative integers, got ${describeValue(shape)}`);
  }
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0) {
      throw new ValueError(`${where}: invalid shape ${formatShape(shape)}; dimensions must be non-negative integers`);
    }
  }
  assertSizeWithinLimit(sizeOf(shape), where, () => `shape ${formatShape(shape)}`);
}

/** Whether two shapes are equal dimension by dimension. */
export function shapesEqual(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/**
 * The NumPy broadcast of two shapes: align from the right; each pair of dims must be equal
 * or one of them 1.
 */
export function broadcastShapes(a: Shape, b: Shape, where: string): number[] {
  const rank = Math.max(a.length, b.length);
  const out = new Array<number>(rank);
  for (let i = 0; i < rank; i++) {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new ShapeError(`${where}: shapes ${formatShape(a)} and ${formatShape(b)} cannot be broadcast together`);
    }
    out[i] = da === 1 ? db : da;
  }
  assertSizeWithinLimit(sizeOf(out), where, `the broadcast shape ${formatShape(out)}`);
  return out;
}

/** Resolves a possibly negative axis against `rank`, throwing a ShapeError when out of range. */
export function normalizeAxis(axis: number, rank: number, where: string): number {
  if (!Number.isInteger(axis)) throw new ShapeError(`${where}: axis must be an integer, got ${describeValue(axis)}`);
  if (axis < -rank || axis >= Math.max(rank, 1)) {
    throw new ShapeError(`${where}: axis ${axis} is out of range for a tensor of rank ${rank}`);
  }
  return axis < 0 ? axis + rank : axis;
}

/** Resolves an axis list (undefined = all axes), sorted and without duplicates. */
export function normalizeAxes(axes: number | readonly number[] | undefined, rank: number, where: string): number[] {
  if (axes === undefined) return Array.from({ length: rank }, (_, i) => i);
  if (typeof axes !== 'number' && !Array.isArray(axes)) {
    throw new ShapeError(`${where}: axes must be an integer or a list of integers, got ${describeValue(axes)}`);
  }
  const list = typeof axes === 'number' ? [axes] : axes;
  const resolved = list.map((a) => normalizeAxis(a, rank, where));
  if (new Set(resolved).size !== resolved.length) {
    throw new ShapeError(`${where}: repeated axis in [${list.join(',')}]`);
  }
  return resolved.sort((x, y) => x - y);
}
