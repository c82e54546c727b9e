/**
 * Window geometry shared by the reference conv and pool ops: dlkit's padding spellings and
 * TensorFlow's `'same'` rule.
 */

/** Padding of the reference conv/pool ops, in dlkit's spelling. */
export type RefPadding = 'valid' | 'same' | number | readonly [readonly [number, number], readonly [number, number]];
/** A size for both spatial dims or `[height, width]`. */
export type RefPair = number | readonly [number, number];

/** Padding of each spatial edge, in pixels. */
export interface Pads { top: number; bottom: number; left: number; right: number }

/** `[h, w]` from one number or a pair; `fallback` when undefined. */
export const pair = (v: RefPair | undefined, fallback: number): [number, number] =>
  v === undefined ? [fallback, fallback] : typeof v === 'number' ? [v, v] : [v[0], v[1]];

/** TensorFlow's 'same': output `ceil(in / stride)`, total padding split with the odd pixel after. */
export function sameSplit(inSize: number, window: number, stride: number): [number, number] {
  const out = Math.ceil(inSize / stride);
  const totalPad = Math.max(0, (out - 1) * stride + window - inSize);
  const before = Math.floor(totalPad / 2);
  return [before, totalPad - before];
}

/** The edge paddings of a window over an `inH × inW` input. */
export function resolvePads(padding: RefPadding, inH: number, inW: number, window: [number, number], strides: [number, number]): Pads {
  if (padding === 'valid') return { top: 0, bottom: 0, left: 0, right: 0 };
  if (padding === 'same') {
    const [top, bottom] = sameSplit(inH, window[0], strides[0]);
    const [left, right] = sameSplit(inW, window[1], strides[1]);
    return { top, bottom, left, right };
  }
  if (typeof padding === 'number') return { top: padding, bottom: padding, left: padding, right: padding };
  return { top: padding[0][0], bottom: padding[0][1], left: padding[1][0], right: padding[1][1] };
}
