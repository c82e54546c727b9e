/**
 * Reference copies: clone and toBackend keep values, shape and dtype.
 */
import { nd, type NdArray } from './array.js';

/** A copy of `x`. */
export function clone(x: NdArray): NdArray {
  return nd(x.shape, x.data, x.dtype);
}

/** `x` on another backend: the same values. */
export function toBackend(x: NdArray): NdArray {
  return clone(x);
}
