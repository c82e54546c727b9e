/**
 * Reference sort-family ops: each line along the axis is sorted with a plain comparison of
 * (value, position) pairs, NaN above every number (PyTorch's order).
 */
import { coordsOf, flatIndex, nd, resolveAxis, type NdArray } from './array.js';

/** `-1`, `0` or `1`: `a` before, tied with or after `b` in ascending order, NaN last. */
function ascending(a: number, b: number): number {
  const an = Number.isNaN(a);
  const bn = Number.isNaN(b);
  if (an || bn) return an === bn ? 0 : an ? 1 : -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The first `k` entries of each line along `axis` in sorted order, and their positions. */
function ranked(x: NdArray, k: number, descending: boolean, axis: number): [NdArray, NdArray] {
  const a = resolveAxis(axis, x.shape.length);
  const n = x.shape[a]!;
  const shape = x.shape.map((d, i) => (i === a ? k : d));
  const size = shape.reduce((p, d) => p * d, 1);
  const values = new Float64Array(size);
  const positions = new Float64Array(size);
  for (let o = 0; o < size; o++) {
    const c = coordsOf(o, shape);
    if (c[a] !== 0) continue;
    const line = Array.from({ length: n }, (_, j) => {
      const src = [...c];
      src[a] = j;
      return { value: x.data[flatIndex(src, x.shape)]!, position: j };
    });
    line.sort((p, q) => (descending ? -1 : 1) * ascending(p.value, q.value) || p.position - q.position);
    for (let j = 0; j < k; j++) {
      const dst = [...c];
      dst[a] = j;
      values[flatIndex(dst, shape)] = line[j]!.value;
      positions[flatIndex(dst, shape)] = line[j]!.position;
    }
  }
  return [nd(shape, values, x.dtype), nd(shape, positions, 'int32')];
}

/** `[values, indices]` of the `k` largest (or smallest) along `axis`. */
export function topk(x: NdArray, k: number, options: { axis?: number; largest?: boolean } = {}): NdArray[] {
  return ranked(x, k, options.largest ?? true, options.axis ?? -1);
}

/** `[values, indices]` of a stable sort along `axis`. */
export function sort(x: NdArray, options: { axis?: number; descending?: boolean } = {}): NdArray[] {
  const a = resolveAxis(options.axis ?? -1, x.shape.length);
  return ranked(x, x.shape[a]!, options.descending ?? false, a);
}

/** The positions of a stable sort along `axis`. */
export function argsort(x: NdArray, options: { axis?: number; descending?: boolean } = {}): NdArray {
  return sort(x, options)[1]!;
}
