/**
 * Reference creation op that takes an array: oneHot.
 */
import type { DType } from '@dlkit/core';
import { build, flatIndex, type NdArray } from './array.js';

function at(x: NdArray, coords: readonly number[]): number {
  return x.data[flatIndex(coords, x.shape)]!;
}

/** One-hot rows of length `depth` for integer labels: shape `[...indices.shape, depth]`. */
export function oneHot(indices: NdArray, depth: number, options: { dtype?: DType } = {}): NdArray {
  return build([...indices.shape, depth], options.dtype ?? 'float32', (c) => (at(indices, c.slice(0, -1)) === c[c.length - 1] ? 1 : 0));
}
