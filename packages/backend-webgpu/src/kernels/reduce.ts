import type { DType, ReduceOp, Shape, TensorInfo } from '@dlkit/core';
import type { Gpu } from '../gpu.js';
import type { GpuStorage } from '../storage.js';
import { FLOAT_HELPERS, gridGroups, gridStride, wgslType } from '../wgsl.js';
import { stridesOf } from './broadcast.js';

/** Loop body per op and input type: `v` is the element, `r` its position along the reduced axes. */
interface Reducer {
  readonly out: 'f32' | 'i32';
  readonly init: string;
  readonly step: string;
  readonly result: string;
}

const FLOAT_REDUCERS: Partial<Record<ReduceOp, Reducer>> = {
  // Kahan-compensated: a long float32 sum keeps the accuracy of the ts kernel's float64 one.
  sum: { out: 'f32', init: 'var acc = 0.0; var comp = 0.0;', step: 'let y = v - comp; let t = acc + y; comp = (t - acc) - y; acc = t;', result: 'acc' },
  prod: { out: 'f32', init: 'var acc = 1.0;', step: 'acc *= v;', result: 'acc' },
  max: { out: 'f32', init: 'var acc = -inf();', step: 'if (v > acc || isnan(v)) { acc = v; if (isnan(v)) { break; } }', result: 'acc' },
  min: { out: 'f32', init: 'var acc = inf();', step: 'if (v < acc || isnan(v)) { acc = v; if (isnan(v)) { break; } }', result: 'acc' },
  // The first NaN wins (it ranks above every number), else the first extremum.
  argMax: { out: 'i32', init: 'var best = 0.0; var at = 0u;', step: 'if (r == 0u || v > best || isnan(v)) { best = v; at = r; if (isnan(v)) { break; } }', result: 'i32(at)' },
  argMin: { out: 'i32', init: 'var best = 0.0; var at = 0u;', step: 'if (r == 0u || v < best || isnan(v)) { best = v; at = r; if (isnan(v)) { break; } }', result: 'i32(at)' },
};

const INT_REDUCERS: Partial<Record<ReduceOp, Reducer>> = {
  sum: { out: 'i32', init: 'var acc = 0;', step: 'acc += v;', result: 'acc' },
  max: { out: 'i32', init: 'var acc = -2147483647 - 1;', step: 'acc = max(acc, v);', result: 'acc' },
  min: { out: 'i32', init: 'var acc = 2147483647;', step: 'acc = min(acc, v);', result: 'acc' },
  argMax: { out: 'i32', init: 'var best = 0; var at = 0u;', step: 'if (r == 0u || v > best) { best = v; at = r; }', result: 'i32(at)' },
  argMin: { out: 'i32', init: 'var best = 0; var at = 0u;', step: 'if (r == 0u || v < best) { best = v; at = r; }', result: 'i32(at)' },
};

// bool sums count the true values as int32.
const BOOL_REDUCERS: Partial<Record<ReduceOp, Reducer>> = {
  sum: { out: 'i32', init: 'var acc = 0;', step: 'acc += i32(v);', result: 'acc' },
};

const REDUCERS: Record<DType, Partial<Record<ReduceOp, Reducer>>> = { float32: FLOAT_REDUCERS, int32: INT_REDUCERS, bool: BOOL_REDUCERS, float64: {} };

/**
 * Reduces `axes` of `x` on the GPU, one thread per output element walking its reduced elements in
 * order (any set of axes). `undefined` where WGSL has no kernel for the op and dtype (int32 `prod`,
 * whose ts kernel multiplies in float64).
 */
export function reduce(gpu: Gpu, x: TensorInfo<GpuStorage>, op: ReduceOp, axes: readonly number[], outShape: Shape): GpuStorage | undefined {
  const reducer = REDUCERS[x.dtype][op];
  if (reducer === undefined) return undefined;
  const strides = stridesOf(x.shape);
  const kept = x.shape.flatMap((_, d) => (axes.includes(d) ? [] : [d]));
  const sizes = (dims: number[]) => dims.map((d) => x.shape[d]!);
  const n = outShape.reduce((s, d) => s * d, 1);
  const count = axes.reduce((s, d) => s * x.shape[d]!, 1);
  const out = gpu.allocate(n);
  if (n === 0) return out;
  const t = wgslType(x.dtype);
  // p: n, kept rank, reduced rank, reduced count, kept sizes, kept strides, reduced sizes, reduced strides.
  const params = Uint32Array.from([
    n, kept.length, axes.length, count, ...sizes(kept), ...kept.map((d) => strides[d]!), ...sizes([...axes]), ...axes.map((d) => strides[d]!),
  ]);
  gpu.dispatch(`reduce:${op}:${t}`, () => `${FLOAT_HELPERS}
@group(0) @binding(0) var<storage, read> a: array<${t}>;
@group(0) @binding(1) var<storage, read_write> o: array<${reducer.out}>;
@group(0) @binding(2) var<storage, read> p: array<u32>;
// Element offset of position q over \`rank\` dims whose sizes start at p[at] (their strides follow).
fn offset(q: u32, rank: u32, at: u32) -> u32 {
  var rest = q;
  var off = 0u;
  for (var dd = 0u; dd < rank; dd++) {
    let d = rank - 1u - dd;
    let size = p[at + d];
    off += (rest % size) * p[at + rank + d];
    rest = rest / size;
  }
  return off;
}
${gridStride('p[0]')}
    let nk = p[1];
    let nr = p[2];
    let base = offset(i, nk, 4u);
    ${reducer.init}
    for (var r = 0u; r < p[3]; r++) {
      let v = a[base + offset(r, nr, 4u + 2u * nk)];
      ${reducer.step}
    }
    o[i] = ${reducer.result};
  }
}`, [x.handle], out, params, [gridGroups(n)]);
  return out;
}

/** Softmax or log-softmax over the last axis of float32 `x`: one thread per row (max, Σ exp, write). */
export function softmax(gpu: Gpu, x: TensorInfo<GpuStorage>, log: boolean): GpuStorage | undefined {
  if (x.dtype !== 'float32') return undefined;
  const length = x.shape[x.shape.length - 1] ?? 1;
  const n = x.handle.length;
  const rows = length === 0 ? 0 : n / length;
  const out = gpu.allocate(n);
  if (rows === 0) return out;
  gpu.dispatch(`softmax:${log}`, () => `${FLOAT_HELPERS}
@group(0) @binding(0) var<storage, read> a: array<f32>;
@group(0) @binding(1) var<storage, read_write> o: array<f32>;
@group(0) @binding(2) var<storage, read> p: array<u32>;
${gridStride('p[0]')}
    let len = p[1];
    let base = i * len;
    var top = -inf();
    for (var j = 0u; j < len; j++) { let v = a[base + j]; if (v > top || isnan(v)) { top = v; if (isnan(v)) { break; } } }
    // A NaN or +∞ poisons its row (∞ - ∞), as in the ts kernel.
    if (isnan(top) || top == inf()) {
      for (var j = 0u; j < len; j++) { o[base + j] = nan(); }
      continue;
    }
    var total = 0.0;
    for (var j = 0u; j < len; j++) { total += exp(a[base + j] - top); }
    ${log ? 'let logTotal = log(total);' : 'let inv = 1.0 / total;'}
    for (var j = 0u; j < len; j++) {
      o[base + j] = ${log ? 'a[base + j] - top - logTotal' : 'exp(a[base + j] - top) * inv'};
    }
  }
}`, [x.handle], out, new Uint32Array([rows, length]), [gridGroups(rows)]);
  return out;
}
