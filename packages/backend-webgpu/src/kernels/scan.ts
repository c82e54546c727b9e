import type { ScanOp, TensorInfo } from '@dlkit/core';
import type { Gpu } from '../gpu.js';
import type { GpuStorage } from '../storage.js';
import { gridGroups, gridStride, wgslType } from '../wgsl.js';

const size = (shape: readonly number[]): number => shape.reduce((s, d) => s * d, 1);

/**
 * Running sums (float32, int32) or products (float32) along `axis`: one thread per line, stepping
 * in the ts kernel's order so float32 results round identically. int32 products run on the host
 * (the ts kernel multiplies in float64).
 */
export function scan(gpu: Gpu, x: TensorInfo<GpuStorage>, op: ScanOp, axis: number, exclusive: boolean, reverse: boolean): GpuStorage | undefined {
  if (!(x.dtype === 'float32' || (x.dtype === 'int32' && op === 'sum'))) return undefined;
  const t = wgslType(x.dtype);
  const n = x.shape[axis]!;
  const inner = size(x.shape.slice(axis + 1));
  const lines = size(x.shape.slice(0, axis)) * inner;
  const out = gpu.allocate(x.handle.length);
  if (x.handle.length === 0) return out;
  const identity = op === 'sum' ? `${t}(0)` : `${t}(1)`;
  const step = op === 'sum' ? 'acc = acc + v;' : 'acc = acc * v;';
  gpu.dispatch(`scan:${op}:${t}`, () => `
@group(0) @binding(0) var<storage, read> a: array<${t}>;
@group(0) @binding(1) var<storage, read_write> o: array<${t}>;
@group(0) @binding(2) var<storage, read> p: array<u32>;
${gridStride('p[0]')}
    let n = p[1]; let inner = p[2]; let exclusive = p[3] != 0u; let reverse = p[4] != 0u;
    let base = (i / inner) * n * inner + i % inner;
    var acc = ${identity};
    for (var s = 0u; s < n; s++) {
      let at = base + select(s, n - 1u - s, reverse) * inner;
      let v = a[at];
      if (exclusive) { o[at] = acc; ${step} } else { ${step} o[at] = acc; }
    }
  }
}`, [x.handle], out, new Uint32Array([lines, n, inner, exclusive ? 1 : 0, reverse ? 1 : 0]), [gridGroups(lines)]);
  return out;
}

/**
 * `x` plus `updates` added at `indices` along `axis`, as a gather: each output element sums, in
 * index order, the updates aimed at it (no atomics, the ts kernel's order of additions).
 * `alongAxis` selects scatterAddAlongAxis (indices shaped like updates) over scatterAdd (a list).
 */
export function scatterAdd(gpu: Gpu, x: TensorInfo<GpuStorage>, indices: TensorInfo<GpuStorage>, updates: TensorInfo<GpuStorage>, axis: number, alongAxis: boolean): GpuStorage | undefined {
  if (x.dtype !== 'float32' && x.dtype !== 'int32') return undefined;
  const t = wgslType(x.dtype);
  const total = x.handle.length;
  const out = gpu.allocate(total);
  if (total === 0) return out;
  const n = x.shape[axis]!;
  const inner = size(x.shape.slice(axis + 1));
  const count = alongAxis ? indices.shape[axis]! : indices.handle.length;
  // scatterAdd: update (q, k, r) goes to index[k]; along the axis: to index[(q, k, r)].
  const where = alongAxis ? '(q * count + k) * inner + r' : 'k';
  gpu.dispatch(`scatterAdd:${alongAxis}:${t}`, () => `
@group(0) @binding(0) var<storage, read> a: array<${t}>;
@group(0) @binding(1) var<storage, read> index: array<i32>;
@group(0) @binding(2) var<storage, read> u: array<${t}>;
@group(0) @binding(3) var<storage, read_write> o: array<${t}>;
@group(0) @binding(4) var<storage, read> p: array<u32>;
${gridStride('p[0]')}
    let n = p[1]; let inner = p[2]; let count = p[3];
    let r = i % inner;
    let j = (i / inner) % n;
    let q = i / (inner * n);
    var acc = a[i];
    for (var k = 0u; k < count; k++) {
      if (u32(index[${where}]) == j) { acc = acc + u[(q * count + k) * inner + r]; }
    }
    o[i] = acc;
  }
}`, [x.handle, indices.handle, updates.handle], out, new Uint32Array([total, n, inner, count]), [gridGroups(total)]);
  return out;
}
