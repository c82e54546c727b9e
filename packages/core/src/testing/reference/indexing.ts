/**
 * Reference indexing ops: gather and scatterAdd along one axis, takeAlongAxis and its adjoint,
 * maskedFill, triu and tril.
 */
import { build, coordsOf, flatIndex, nd, resolveAxis, valueAt, type NdArray } from './array.js';

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

/** Reads `x` at `coords`, with size-1 dims of `x` broadcast (coordinate 0). */
function atBroadcast(x: NdArray, coords: readonly number[]): number {
  return at(x, coords.map((v, d) => (x.shape[d] === 1 ? 0 : v)));
}

/** `out[..., j, ...] = x[..., indices[..., j, ...], ...]` with non-axis dims broadcast (np.take_along_axis). */
export function takeAlongAxis(x: NdArray, indices: NdArray, axis: number): NdArray {
  const a = resolveAxis(axis, x.shape.length);
  const shape = x.shape.map((d, i) => (i === a ? indices.shape[a]! : Math.max(d, indices.shape[i]!)));
  return build(shape, x.dtype, (c) => {
    const idx = atBroadcast(indices, c);
    return atBroadcast(x, c.map((v, i) => (i === a ? idx : v)));
  });
}

/** A copy of `x` with `updates[..., j, ...]` added at `x[..., indices[..., j, ...], ...]` (torch.scatter_add). */
export function scatterAddAlongAxis(x: NdArray, indices: NdArray, updates: NdArray, axis: number): NdArray {
  const a = resolveAxis(axis, x.shape.length);
  const out = x.data.slice();
  for (let u = 0; u < updates.data.length; u++) {
    const c = coordsOf(u, updates.shape);
    c[a] = indices.data[u]!;
    out[flatIndex(c, x.shape)]! += updates.data[u]!;
  }
  return nd(x.shape, out, x.dtype);
}

/** `value` where `mask` (broadcast) is true, else `x`. */
export function maskedFill(x: NdArray, mask: NdArray, value: number): NdArray {
  return build(x.shape, x.dtype, (c) => (valueAt(mask, c) !== 0 ? value : at(x, c)));
}

/** Keeps `x[..., i, j]` where `j - i >= k`, zeroes the rest. */
export function triu(x: NdArray, k = 0): NdArray {
  return build(x.shape, x.dtype, (c) => (c[c.length - 1]! - c[c.length - 2]! >= k ? at(x, c) : 0));
}

/** Keeps `x[..., i, j]` where `j - i <= k`, zeroes the rest. */
export function tril(x: NdArray, k = 0): NdArray {
  return build(x.shape, x.dtype, (c) => (c[c.length - 1]! - c[c.length - 2]! <= k ? at(x, c) : 0));
}
