import type { TensorInfo } from '../../backend/kernels.js';
import { allocate, type TypedArray } from '../../dtype.js';
import { sizeOf, type Shape } from '../../shape.js';

// Indices are int32 and in range (validated by the op when setIndexChecks says so; the caller's
// responsibility otherwise), so the loops index without checks.

export function gather(x: TensorInfo<TypedArray>, indices: TensorInfo<TypedArray>, axis: number, outShape: Shape): TypedArray {
  const outer = sizeOf(x.shape.slice(0, axis));
  const inner = sizeOf(x.shape.slice(axis + 1));
  const axisSize = x.shape[axis]!;
  const idx = indices.handle;
  const src = x.handle;
  const out = allocate(x.dtype, sizeOf(outShape));
  for (let p = 0, o = 0; p < outer; p++) {
    for (let k = 0; k < idx.length; k++, o += inner) {
      const from = (p * axisSize + idx[k]!) * inner;
      out.set(src.subarray(from, from + inner), o);
    }
  }
  return out;
}

export function scatterAdd(
  x: TensorInfo<TypedArray>,
  indices: TensorInfo<TypedArray>,
  updates: TensorInfo<TypedArray>,
  axis: number,
): TypedArray {
  const outer = sizeOf(x.shape.slice(0, axis));
  const inner = sizeOf(x.shape.slice(axis + 1));
  const axisSize = x.shape[axis]!;
  const idx = indices.handle;
  const upd = updates.handle;
  const out = x.handle.slice();
  for (let p = 0, u = 0; p < outer; p++) {
    for (let k = 0; k < idx.length; k++, u += inner) {
      const to = (p * axisSize + idx[k]!) * inner;
      for (let i = 0; i < inner; i++) out[to + i] = out[to + i]! + upd[u + i]!;
    }
  }
  return out;
}

/** `[outer, n, inner]`: the dims before `axis`, its size, and the dims after it. */
function around(shape: readonly number[], axis: number): [number, number, number] {
  return [sizeOf(shape.slice(0, axis)), shape[axis]!, sizeOf(shape.slice(axis + 1))];
}

export function takeAlongAxis(x: TensorInfo<TypedArray>, indices: TensorInfo<TypedArray>, axis: number): TypedArray {
  const [outer, n, inner] = around(x.shape, axis);
  const k = indices.shape[axis]!;
  const src = x.handle;
  const idx = indices.handle;
  const out = allocate(x.dtype, idx.length);
  for (let o = 0, p = 0; o < outer; o++) {
    const base = o * n * inner;
    for (let j = 0; j < k; j++) {
      for (let i = 0; i < inner; i++, p++) out[p] = src[base + idx[p]! * inner + i]!;
    }
  }
  return out;
}

export function scatterAddAlongAxis(
  x: TensorInfo<TypedArray>,
  indices: TensorInfo<TypedArray>,
  updates: TensorInfo<TypedArray>,
  axis: number,
): TypedArray {
  const [outer, n, inner] = around(x.shape, axis);
  const k = indices.shape[axis]!;
  const idx = indices.handle;
  const upd = updates.handle;
  const out = x.handle.slice();
  for (let o = 0, p = 0; o < outer; o++) {
    const base = o * n * inner;
    for (let j = 0; j < k; j++) {
      for (let i = 0; i < inner; i++, p++) {
        const to = base + idx[p]! * inner + i;
        out[to] = out[to]! + upd[p]!;
      }
    }
  }
  return out;
}
