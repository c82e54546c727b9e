/**
 * Reference shape ops. Each builds its output by asking, for every output
 * coordinate, which input coordinate it comes from.
 */
import { broadcastShapes, build, flatIndex, resolveAxes, resolveAxis, shapeSize, valueAt, type NdArray } from './array.js';

function at(x: NdArray, coords: readonly number[]): number {
  return x.data[flatIndex(coords, x.shape)]!;
}

/** Same values in a new shape; one dim may be -1. */
export function reshape(x: NdArray, shape: readonly number[]): NdArray {
  const known = shapeSize(shape.filter((d) => d !== -1));
  const resolved = shape.map((d) => (d === -1 ? x.data.length / known : d));
  if (shapeSize(resolved) !== x.data.length) throw new Error('reference reshape: size mismatch');
  return { shape: resolved, data: x.data.slice(), dtype: x.dtype };
}

/** Merges dims `start..end` (inclusive) into one. */
export function flatten(x: NdArray, startAxis = 0, endAxis = -1): NdArray {
  if (x.shape.length === 0) return reshape(x, [1]);
  const s = resolveAxis(startAxis, x.shape.length);
  const e = resolveAxis(endAxis, x.shape.length);
  return reshape(x, [...x.shape.slice(0, s), shapeSize(x.shape.slice(s, e + 1)), ...x.shape.slice(e + 1)]);
}

/** Drops the given size-1 axes (all size-1 axes when omitted). */
export function squeeze(x: NdArray, axes?: number | readonly number[]): NdArray {
  const drop = axes === undefined ? x.shape.map((d, i) => (d === 1 ? i : -1)).filter((i) => i >= 0) : resolveAxes(axes, x.shape.length);
  return reshape(x, x.shape.filter((_, i) => !drop.includes(i)));
}

/** Inserts a size-1 axis at `axis` of the result. */
export function expandDims(x: NdArray, axis: number): NdArray {
  const a = resolveAxis(axis, x.shape.length + 1);
  return reshape(x, [...x.shape.slice(0, a), 1, ...x.shape.slice(a)]);
}

/** Permutes axes (`out.shape[i] = x.shape[perm[i]]`); reverses them by default. */
export function transpose(x: NdArray, perm?: readonly number[]): NdArray {
  const p = (perm ?? x.shape.map((_, i) => x.shape.length - 1 - i)).map((a) => resolveAxis(a, x.shape.length));
  return build(p.map((a) => x.shape[a]!), x.dtype, (c) => {
    const src = new Array<number>(x.shape.length);
    p.forEach((a, i) => (src[a] = c[i]!));
    return at(x, src);
  });
}

/** Joins arrays along an existing axis. */
export function concat(xs: readonly NdArray[], axis = 0): NdArray {
  const first = xs[0]!;
  const a = resolveAxis(axis, first.shape.length);
  const shape = first.shape.map((d, i) => (i === a ? xs.reduce((s, t) => s + t.shape[a]!, 0) : d));
  return build(shape, first.dtype, (c) => {
    let k = c[a]!;
    for (const t of xs) {
      if (k < t.shape[a]!) {
        const src = [...c];
        src[a] = k;
        return at(t, src);
      }
      k -= t.shape[a]!;
    }
    throw new Error('reference concat: out of range');
  });
}

/** Joins same-shape arrays along a new axis. */
export function stack(xs: readonly NdArray[], axis = 0): NdArray {
  return concat(xs.map((t) => expandDims(t, axis)), axis);
}

/** The block starting at `begin` of `size` (-1 runs to the end). */
export function slice(x: NdArray, begin: readonly number[], size?: readonly number[]): NdArray {
  const shape = x.shape.map((d, i) => {
    const s = size?.[i] ?? -1;
    return s === -1 ? d - begin[i]! : s;
  });
  return build(shape, x.dtype, (c) => at(x, c.map((v, i) => v + begin[i]!)));
}

/** Splits along `axis` into `sections` equal parts or parts of the given sizes. */
export function split(x: NdArray, sections: number | readonly number[], axis = 0): NdArray[] {
  const a = resolveAxis(axis, x.shape.length);
  const dim = x.shape[a]!;
  const sizes = typeof sections === 'number' ? new Array<number>(sections).fill(dim / sections) : [...sections];
  let start = 0;
  return sizes.map((n) => {
    const begin = x.shape.map((_, i) => (i === a ? start : 0));
    const size = x.shape.map((d, i) => (i === a ? n : d));
    start += n;
    return slice(x, begin, size);
  });
}

/** Pads each dim with `[before, after]` copies of `value`. */
export function pad(x: NdArray, paddings: readonly (readonly [number, number])[], value = 0): NdArray {
  const shape = x.shape.map((d, i) => d + paddings[i]![0] + paddings[i]![1]);
  return build(shape, x.dtype, (c) => {
    const src = c.map((v, i) => v - paddings[i]![0]);
    return src.every((v, i) => v >= 0 && v < x.shape[i]!) ? at(x, src) : value;
  });
}

/** Repeats `reps[d]` times along each dim. */
export function tile(x: NdArray, reps: readonly number[]): NdArray {
  return build(x.shape.map((d, i) => d * reps[i]!), x.dtype, (c) => at(x, c.map((v, i) => v % x.shape[i]!)));
}

/** Broadcasts to `shape` (NumPy rules). */
export function broadcastTo(x: NdArray, shape: readonly number[]): NdArray {
  const target = broadcastShapes(x.shape, shape);
  return build(target, x.dtype, (c) => valueAt(x, c));
}

/** The indices Python's `range(d)[b:e:s]` picks (CPython's `slice.indices` rules). */
function pythonSlice(d: number, b: number | null | undefined, e: number | null | undefined, s: number): number[] {
  const clamp = (v: number | null | undefined, open: number): number => {
    if (v === null || v === undefined) return open;
    let w = v < 0 ? v + d : v;
    if (w < 0) w = s > 0 ? 0 : -1;
    else if (w >= d) w = s > 0 ? d : d - 1;
    return w;
  };
  const from = clamp(b, s > 0 ? 0 : d - 1);
  const to = clamp(e, s > 0 ? d : -1);
  const picked: number[] = [];
  for (let i = from; s > 0 ? i < to : i > to; i += s) picked.push(i);
  return picked;
}

/** NumPy basic slicing `x[b0:e0:s0, ...]`; dims past the given entries are taken whole. */
export function stridedSlice(x: NdArray, begin: readonly (number | null)[], end: readonly (number | null)[], steps?: readonly number[]): NdArray {
  const picks = x.shape.map((d, i) => pythonSlice(d, begin[i], end[i], steps?.[i] ?? 1));
  return build(picks.map((p) => p.length), x.dtype, (c) => x.data[flatIndex(c.map((v, i) => picks[i]![v]!), x.shape)]!);
}

/** Reverses `axes`. */
export function flip(x: NdArray, axes: number | readonly number[]): NdArray {
  const dims = resolveAxes(axes, x.shape.length);
  return build(x.shape, x.dtype, (c) => x.data[flatIndex(c.map((v, i) => (dims.includes(i) ? x.shape[i]! - 1 - v : v)), x.shape)]!);
}
