import type { Padding2d } from '../backend/kernels.js';
import { ShapeError, ValueError } from '../errors.js';
import { formatShape } from '../shape.js';

/**
 * Padding of a convolution or pooling layer: `'valid'` (none), `'same'` (TensorFlow's rule: output
 * size `ceil(in / stride)`, the odd pixel of padding going after), a number for every side, or
 * explicit `[[top, bottom], [left, right]]`.
 */
export type PaddingSpec = 'valid' | 'same' | number | readonly [readonly [number, number], readonly [number, number]];

/** A size for both spatial dims, or `[height, width]`. */
export type Pair = number | readonly [number, number];

export function toPair(value: Pair, name: string, where: string): [number, number] {
  const pair = typeof value === 'number' ? [value, value] : Array.isArray(value) && value.length === 2 ? [value[0], value[1]] : null;
  if (pair === null || !pair.every((v) => Number.isInteger(v) && v > 0)) {
    throw new ValueError(`${where}: ${name} must be positive integers, got ${value === undefined ? 'undefined' : JSON.stringify(value)}`);
  }
  return pair as [number, number];
}

function samePadding(inSize: number, window: number, stride: number): [number, number] {
  const outSize = Math.ceil(inSize / stride);
  const total = Math.max((outSize - 1) * stride + window - inSize, 0);
  return [Math.floor(total / 2), total - Math.floor(total / 2)];
}

/** Resolves a padding spec for an input of `[inH, inW]` and an effective window `[wh, ww]`. */
export function resolvePadding(spec: PaddingSpec, inH: number, inW: number, window: [number, number], strides: [number, number], where: string): Padding2d {
  if (spec === 'valid') return { top: 0, bottom: 0, left: 0, right: 0 };
  if (spec === 'same') {
    const [top, bottom] = samePadding(inH, window[0], strides[0]);
    const [left, right] = samePadding(inW, window[1], strides[1]);
    return { top, bottom, left, right };
  }
  const pairs: unknown = typeof spec === 'number' ? [[spec, spec], [spec, spec]] : spec;
  const explicit = Array.isArray(pairs) && pairs.length === 2 && pairs.every((p) => Array.isArray(p) && p.length === 2);
  const [[top, bottom], [left, right]] = explicit ? (pairs as [[number, number], [number, number]]) : [[NaN, NaN], [NaN, NaN]];
  if (![top, bottom, left, right].every((p) => Number.isInteger(p) && p >= 0)) {
    throw new ValueError(`${where}: padding must be 'valid', 'same', or non-negative integers, got ${JSON.stringify(spec)}`);
  }
  return { top, bottom, left, right };
}

/** Output size along one dim: `floor((in + pads - window) / stride) + 1`. */
export function outputSize(inSize: number, padTotal: number, window: number, stride: number): number {
  return Math.floor((inSize + padTotal - window) / stride) + 1;
}

/** Throws unless `x` is a rank-4 NHWC tensor. */
export function assertNHWC(shape: readonly number[], where: string, what = 'input'): void {
  if (shape.length !== 4) throw new ShapeError(`${where}: ${what} must be NHWC [batch, height, width, channels], got ${formatShape(shape)}`);
}
