import type { Shape, TensorInfo } from '@dlkit/core';
import { f32Bits, type Gpu } from '../gpu.js';
import type { GpuStorage } from '../storage.js';
import { gridGroups, gridStride } from '../wgsl.js';
import { broadcastStrides, stridesOf } from './broadcast.js';

// Every dtype is stored in 4-byte words, so the data-movement kernels copy u32s whatever the dtype.

const size = (shape: Shape): number => shape.reduce((s, d) => s * d, 1);

/**
 * Output element `i` (decomposed over `outShape`) is the input's element at `base + Σ cᵈ·strideᵈ`:
 * one kernel for transpose, slice (negative strides walk backwards) and broadcastTo.
 */
function strided(gpu: Gpu, x: GpuStorage, outShape: Shape, base: number, strides: readonly number[]): GpuStorage {
  const n = size(outShape);
  const out = gpu.allocate(n);
  if (n === 0) return out;
  const rank = outShape.length;
  // p: n, rank, base, output shape, strides (i32 bit patterns).
  const params = Uint32Array.from([n, rank, base, ...outShape, ...strides.map((s) => s >>> 0)]);
  gpu.dispatch('strided', () => `
@group(0) @binding(0) var<storage, read> a: array<u32>;
@group(0) @binding(1) var<storage, read_write> o: array<u32>;
@group(0) @binding(2) var<storage, read> p: array<u32>;
${gridStride('p[0]')}
    let rank = p[1];
    var off = bitcast<i32>(p[2]);
    var rest = i;
    for (var dd = 0u; dd < rank; dd++) {
      let d = rank - 1u - dd;
      let extent = p[3u + d];
      off += i32(rest % extent) * bitcast<i32>(p[3u + rank + d]);
      rest = rest / extent;
    }
    o[i] = a[u32(off)];
  }
}`, [x], out, params, [gridGroups(n)]);
  return out;
}

/** Output dim `d` is input dim `perm[d]`. */
export function transpose(gpu: Gpu, x: TensorInfo<GpuStorage>, perm: readonly number[]): GpuStorage {
  const strides = stridesOf(x.shape);
  return strided(gpu, x.handle, perm.map((d) => x.shape[d]!), 0, perm.map((d) => strides[d]!));
}

/** Element `i` of dim `d` is the input's `begin[d] + i·steps[d]`. */
export function slice(gpu: Gpu, x: TensorInfo<GpuStorage>, begin: readonly number[], sizes: readonly number[], steps: readonly number[]): GpuStorage {
  const strides = stridesOf(x.shape);
  const base = begin.reduce((s, b, d) => s + b * strides[d]!, 0);
  return strided(gpu, x.handle, sizes, base, strides.map((s, d) => s * steps[d]!));
}

/** Repeats the size-1 and missing leading dims up to `shape`. */
export function broadcastTo(gpu: Gpu, x: TensorInfo<GpuStorage>, shape: Shape): GpuStorage {
  return strided(gpu, x.handle, shape, 0, broadcastStrides(x.shape, shape));
}

/** Pads each dim with `[before, after]` copies of `value` (bit pattern of `x`'s dtype). */
export function pad(gpu: Gpu, x: TensorInfo<GpuStorage>, paddings: readonly (readonly [number, number])[], value: number): GpuStorage {
  const outShape = x.shape.map((s, d) => s + paddings[d]![0] + paddings[d]![1]);
  const n = size(outShape);
  const out = gpu.allocate(n);
  if (n === 0) return out;
  const rank = outShape.length;
  const bits = x.dtype === 'float32' ? f32Bits(value) : value >>> 0;
  // p: n, rank, fill bits, output shape, input shape, padding before.
  const params = Uint32Array.from([n, rank, bits, ...outShape, ...x.shape, ...paddings.map(([before]) => before)]);
  gpu.dispatch('pad', () => `
@group(0) @binding(0) var<storage, read> a: array<u32>;
@group(0) @binding(1) var<storage, read_write> o: array<u32>;
@group(0) @binding(2) var<storage, read> p: array<u32>;
${gridStride('p[0]')}
    let rank = p[1];
    var off = 0u;
    var stride = 1u;
    var inside = true;
    var rest = i;
    for (var dd = 0u; dd < rank; dd++) {
      let d = rank - 1u - dd;
      let c = i32(rest % p[3u + d]) - i32(p[3u + 2u * rank + d]);
      rest = rest / p[3u + d];
      let extent = p[3u + rank + d];
      inside = inside && c >= 0 && c < i32(extent);
      off += u32(max(c, 0)) * stride;
      stride *= extent;
    }
    o[i] = select(p[2], a[off], inside);
  }
}`, [x.handle], out, params, [gridGroups(n)]);
  return out;
}

/** Joins `xs` along `axis` into `outShape`: one dispatch per input, each writing its block. */
export function concat(gpu: Gpu, xs: readonly TensorInfo<GpuStorage>[], axis: number, outShape: Shape): GpuStorage {
  const out = gpu.allocate(size(outShape));
  const outer = size(outShape.slice(0, axis));
  const inner = size(outShape.slice(axis + 1));
  const total = outShape[axis]!;
  let at = 0;
  for (const x of xs) {
    const own = x.shape[axis]!;
    const n = outer * own * inner;
    if (n > 0) {
      // Input element i = (q, r) with r < own·inner lands at q·total·inner + at·inner + r.
      gpu.dispatch('concat', () => `
@group(0) @binding(0) var<storage, read> a: array<u32>;
@group(0) @binding(1) var<storage, read_write> o: array<u32>;
@group(0) @binding(2) var<storage, read> p: array<u32>;
${gridStride('p[0]')}
    let block = p[1];
    o[(i / block) * p[2] + p[3] + i % block] = a[i];
  }
}`, [x.handle], out, new Uint32Array([n, own * inner, total * inner, at * inner]), [gridGroups(n)]);
    }
    at += own;
  }
  return out;
}

/** `out[..., k, ...] = x[..., indices[k], ...]` along `axis` (indices in range). */
export function gather(gpu: Gpu, x: TensorInfo<GpuStorage>, indices: TensorInfo<GpuStorage>, axis: number, outShape: Shape): GpuStorage {
  const n = size(outShape);
  const out = gpu.allocate(n);
  if (n === 0) return out;
  const inner = size(x.shape.slice(axis + 1));
  gpu.dispatch('gather', () => `
@group(0) @binding(0) var<storage, read> a: array<u32>;
@group(0) @binding(1) var<storage, read> index: array<i32>;
@group(0) @binding(2) var<storage, read_write> o: array<u32>;
@group(0) @binding(3) var<storage, read> p: array<u32>;
${gridStride('p[0]')}
    let inner = p[1];
    let count = p[3];
    let rest = i / inner;
    let k = rest % count;
    o[i] = a[((rest / count) * p[2] + u32(index[k])) * inner + i % inner];
  }
}`, [x.handle, indices.handle], out, new Uint32Array([n, inner, x.shape[axis]!, indices.handle.length]), [gridGroups(n)]);
  return out;
}

/** `out[..., j, ...] = x[..., indices[..., j, ...], ...]` along `axis`; the output has `indices`' shape. */
export function takeAlongAxis(gpu: Gpu, x: TensorInfo<GpuStorage>, indices: TensorInfo<GpuStorage>, axis: number): GpuStorage {
  const n = size(indices.shape);
  const out = gpu.allocate(n);
  if (n === 0) return out;
  const inner = size(x.shape.slice(axis + 1));
  gpu.dispatch('takeAlongAxis', () => `
@group(0) @binding(0) var<storage, read> a: array<u32>;
@group(0) @binding(1) var<storage, read> index: array<i32>;
@group(0) @binding(2) var<storage, read_write> o: array<u32>;
@group(0) @binding(3) var<storage, read> p: array<u32>;
${gridStride('p[0]')}
    let inner = p[1];
    let outer = i / (p[3] * inner);
    o[i] = a[(outer * p[2] + u32(index[i])) * inner + i % inner];
  }
}`, [x.handle, indices.handle], out, new Uint32Array([n, inner, x.shape[axis]!, indices.shape[axis]!]), [gridGroups(n)]);
  return out;
}
