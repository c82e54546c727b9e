/**
 * Reference cumulative ops: each output element is the sum or product of the input elements
 * its definition names, computed from scratch.
 */
import { build, flatIndex, resolveAxis, type NdArray } from './array.js';

/** Options of the reference cumsum/cumprod. */
export interface RefScanOptions {
  /** Leave each element out of its own result (starts from 0 for sums, 1 for products). */
  exclusive?: boolean;
  /** Accumulate from the end of the axis towards the start. */
  reverse?: boolean;
}

function scan(x: NdArray, axis: number, options: RefScanOptions, product: boolean): NdArray {
  const a = resolveAxis(axis, x.shape.length);
  const n = x.shape[a]!;
  const dtype = x.dtype === 'bool' ? 'int32' : x.dtype;
  return build(x.shape, dtype, (c) => {
    let acc = product ? 1 : 0;
    for (let j = 0; j < n; j++) {
      const included = options.reverse ? (options.exclusive ? j > c[a]! : j >= c[a]!) : options.exclusive ? j < c[a]! : j <= c[a]!;
      if (!included) continue;
      const src = [...c];
      src[a] = j;
      const v = x.data[flatIndex(src, x.shape)]!;
      acc = product ? acc * v : acc + v;
    }
    return acc;
  });
}

/** Running sums along `axis`. */
export function cumsum(x: NdArray, axis: number, options: RefScanOptions = {}): NdArray {
  return scan(x, axis, options, false);
}

/** Running products along `axis`. */
export function cumprod(x: NdArray, axis: number, options: RefScanOptions = {}): NdArray {
  return scan(x, axis, options, true);
}
