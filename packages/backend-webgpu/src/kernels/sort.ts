import type { TensorInfo } from '@dlkit/core';
import type { Gpu } from '../gpu.js';
import type { GpuStorage } from '../storage.js';
import { FLOAT_HELPERS, gridGroups, gridStride, wgslType } from '../wgsl.js';

/**
 * int32 positions of the `k` largest (or smallest) values of each last-axis row, in order: one
 * thread per row, pick `j` being the first element (in the ranking) after pick `j - 1`. Ties go to
 * the lower index; NaN ranks above every number (first when largest, last when smallest). O(n·k)
 * per row: meant for the small k of top-k, not for sorting.
 */
export function topk(gpu: Gpu, x: TensorInfo<GpuStorage>, k: number, largest: boolean): GpuStorage | undefined {
  if (x.dtype !== 'float32' && x.dtype !== 'int32') return undefined;
  const t = wgslType(x.dtype);
  const n = x.shape[x.shape.length - 1] ?? 1;
  const rows = n === 0 ? 0 : x.handle.length / n;
  const out = gpu.allocate(rows * k);
  if (rows * k === 0) return out;
  const nan = t === 'f32' ? (v: string) => `isnan(${v})` : () => 'false';
  gpu.dispatch(`topk:${t}:${largest}`, () => `${FLOAT_HELPERS}
@group(0) @binding(0) var<storage, read> a: array<${t}>;
@group(0) @binding(1) var<storage, read_write> o: array<i32>;
@group(0) @binding(2) var<storage, read> p: array<u32>;
// Whether (v, i) ranks before (w, j).
fn ahead(v: ${t}, i: u32, w: ${t}, j: u32) -> bool {
  let nv = ${nan('v')};
  let nw = ${nan('w')};
  if (nv != nw) { return ${largest ? 'nv' : 'nw'}; }
  if (nv || v == w) { return i < j; }
  return ${largest ? 'v > w' : 'v < w'};
}
${gridStride('p[0]')}
    let n = p[1]; let k = p[2];
    let base = i * n;
    var prev = 0u;
    for (var pick = 0u; pick < k; pick++) {
      var best = 0u;
      var found = false;
      for (var e = 0u; e < n; e++) {
        let v = a[base + e];
        if (pick > 0u && !ahead(a[base + prev], prev, v, e)) { continue; }
        if (!found || ahead(v, e, a[base + best], best)) { best = e; found = true; }
      }
      o[i * k + pick] = i32(best);
      prev = best;
    }
  }
}`, [x.handle], out, new Uint32Array([rows, n, k]), [gridGroups(rows)]);
  return out;
}
