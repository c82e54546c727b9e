import type { TensorInfo } from '../../backend/kernels.js';
import { allocate, type TypedArray } from '../../dtype.js';
import { sizeOf, stridesOf, type Shape } from '../../shape.js';

/**
 * Copies an arbitrary strided view of `src` into a fresh contiguous array of `shape`:
 * element `(i0, i1, ...)` comes from `src[offset + Σ ik·strides[k]]`. The innermost dim is a
 * tight loop; outer dims advance an odometer. transpose, slice and broadcastTo are all this.
 */
function copyStrided(src: TypedArray, dtype: TensorInfo['dtype'], shape: Shape, strides: readonly number[], offset: number): TypedArray {
  const out = allocate(dtype, sizeOf(shape));
  if (out.length === 0) return out;
  // Merge adjacent dims the source walks contiguously (a transpose of heads [B,T,H,D] → [B,H,T,D]
  // keeps D rows; a slice of whole rows becomes one row), so rows are as long as they can be.
  const dims: number[] = [];
  const steps: number[] = [];
  for (let d = shape.length - 1; d >= 0; d--) {
    if (shape[d] === 1) continue;
    if (dims.length > 0 && strides[d] === steps[0]! * dims[0]!) dims[0] = dims[0]! * shape[d]!;
    else {
      dims.unshift(shape[d]!);
      steps.unshift(strides[d]!);
    }
  }
  const rank = dims.length;
  if (rank === 0) {
    out[0] = src[offset]!;
    return out;
  }
  const n = dims[rank - 1]!;
  const step = steps[rank - 1]!;
  const index = new Array<number>(rank - 1).fill(0);
  let base = offset;
  for (let o = 0; o < out.length; o += n) {
    // `set` pays a subarray allocation per row: only worth it for long rows.
    if (step === 1 && n >= 64) out.set(src.subarray(base, base + n), o);
    else for (let i = 0, p = base; i < n; i++, p += step) out[o + i] = src[p]!;
    for (let d = rank - 2; d >= 0; d--) {
      base += steps[d]!;
      if (++index[d]! < dims[d]!) break;
      base -= steps[d]! * dims[d]!;
      index[d] = 0;
    }
  }
  return out;
}

export function reshape(x: TensorInfo<TypedArray>): TypedArray {
  return x.handle;
}

export function transpose(x: TensorInfo<TypedArray>, perm: readonly number[]): TypedArray {
  const strides = stridesOf(x.shape);
  return copyStrided(x.handle, x.dtype, perm.map((p) => x.shape[p]!), perm.map((p) => strides[p]!), 0);
}

export function slice(x: TensorInfo<TypedArray>, begin: readonly number[], size: readonly number[], steps: readonly number[]): TypedArray {
  const strides = stridesOf(x.shape);
  const offset = begin.reduce((acc, b, d) => acc + b * strides[d]!, 0);
  return copyStrided(x.handle, x.dtype, size, strides.map((s, d) => s * steps[d]!), offset);
}

export function broadcastTo(x: TensorInfo<TypedArray>, shape: Shape): TypedArray {
  const inStrides = stridesOf(x.shape);
  const lead = shape.length - x.shape.length;
  const strides = shape.map((_, d) => (d < lead || x.shape[d - lead] === 1 ? 0 : inStrides[d - lead]!));
  return copyStrided(x.handle, x.dtype, shape, strides, 0);
}

/** Writes `src` (contiguous, shape `shape`) into `dst` (strides `dstStrides`) starting at `offset`. */
function writeBlock(dst: TypedArray, dstStrides: readonly number[], offset: number, src: TypedArray, shape: Shape): void {
  const rank = shape.length;
  if (src.length === 0) return;
  if (rank === 0) {
    dst[offset] = src[0]!;
    return;
  }
  const n = shape[rank - 1]!;
  const index = new Array<number>(rank - 1).fill(0);
  let base = offset;
  for (let s = 0; s < src.length; s += n) {
    dst.set(src.subarray(s, s + n), base);
    for (let d = rank - 2; d >= 0; d--) {
      base += dstStrides[d]!;
      if (++index[d]! < shape[d]!) break;
      base -= dstStrides[d]! * shape[d]!;
      index[d] = 0;
    }
  }
}

export function pad(x: TensorInfo<TypedArray>, paddings: readonly (readonly [number, number])[], value: number): TypedArray {
  const outShape = x.shape.map((d, i) => d + paddings[i]![0] + paddings[i]![1]);
  const out = allocate(x.dtype, sizeOf(outShape));
  if (value !== 0) out.fill(value);
  const strides = stridesOf(outShape);
  const offset = paddings.reduce((acc, [before], d) => acc + before * strides[d]!, 0);
  writeBlock(out, strides, offset, x.handle, x.shape);
  return out;
}

export function concat(xs: readonly TensorInfo<TypedArray>[], axis: number, outShape: Shape): TypedArray {
  const out = allocate(xs[0]!.dtype, sizeOf(outShape));
  const strides = stridesOf(outShape);
  let position = 0;
  for (const x of xs) {
    writeBlock(out, strides, position * strides[axis]!, x.handle, x.shape);
    position += x.shape[axis]!;
  }
  return out;
}
