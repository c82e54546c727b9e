/**
 * Reference softmax and log-softmax along one axis, max-shifted as the textbook writes them.
 */
import { coordsOf, flatIndex, nd, resolveAxis, type NdArray } from './array.js';
import { maxOf, total } from './reduce.js';

/** Applies `f` to every 1-D line of `x` along `axis`, writing the line it returns. */
function alongAxis(x: NdArray, axis: number, f: (line: number[]) => number[]): NdArray {
  const out = new Float64Array(x.data.length);
  if (x.shape.length === 0) {
    out.set(f([x.data[0]!]));
    return { shape: [], data: out, dtype: x.dtype };
  }
  const a = resolveAxis(axis, x.shape.length);
  const n = x.shape[a]!;
  for (let i = 0; i < x.data.length; i++) {
    const coords = coordsOf(i, x.shape);
    if (coords[a] !== 0) continue;
    const positions = Array.from({ length: n }, (_, k) => {
      const c = [...coords];
      c[a] = k;
      return flatIndex(c, x.shape);
    });
    const result = f(positions.map((p) => x.data[p]!));
    positions.forEach((p, k) => (out[p] = result[k]!));
  }
  return nd(x.shape, out, x.dtype);
}

/** `exp(xᵢ - max) / Σⱼ exp(xⱼ - max)` along `axis`. */
export function softmax(x: NdArray, axis = -1): NdArray {
  return alongAxis(x, axis, (line) => {
    const m = maxOf(line);
    const e = line.map((v) => Math.exp(v - m));
    const s = total(e);
    return e.map((v) => v / s);
  });
}

/** `xᵢ - max - log Σⱼ exp(xⱼ - max)` along `axis`. */
export function logSoftmax(x: NdArray, axis = -1): NdArray {
  return alongAxis(x, axis, (line) => {
    const m = maxOf(line);
    const lse = m + Math.log(total(line.map((v) => Math.exp(v - m))));
    return line.map((v) => v - lse);
  });
}
