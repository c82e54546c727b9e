/**
 * Reference indexing ops: gather and scatterAdd along one axis.
 */
import { build, coordsOf, flatIndex, nd, resolveAxis, type NdArray } from './array.js';

function at(x: NdArray, coords: readonly number[]): number {
  return x.data[flatIndex(coords, x.shape)]!;
}


/** `out[..., i..., ...] = x[..., indices[i...], ...]` along `axis` (np.take). */
export function gather(x: NdArray, indices: NdArray, axis = 0): NdArray {
  const a = resolveAxis(axis, x.shape.length);
  const ir = indices.shape.length;
  const shape = [...x.shape.slice(0, a), ...indices.shape, ...x.shape.slice(a + 1)];
  return build(shape, x.dtype, (c) => {
    const idx = at(indices, c.slice(a, a + ir));
    return at(x, [...c.slice(0, a), idx, ...c.slice(a + ir)]);
  });
}

/** A copy of `x` with each `updates` value added at its gathered position (repeats accumulate). */
export function scatterAdd(x: NdArray, indices: NdArray, updates: NdArray, axis = 0): NdArray {
  const a = resolveAxis(axis, x.shape.length);
  const ir = indices.shape.length;
  const out = x.data.slice();
  for (let u = 0; u < updates.data.length; u++) {
    const c = coordsOf(u, updates.shape);
    const idx = at(indices, c.slice(a, a + ir));
    const target = [...c.slice(0, a), idx, ...c.slice(a + ir)];
    out[flatIndex(target, x.shape)]! += updates.data[u]!;
  }
  return nd(x.shape, out, x.dtype);
}
