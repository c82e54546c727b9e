import type { BinaryOp, DType, Shape, TensorInfo } from '@dlkit/core';
import type { Gpu } from '../gpu.js';
import type { GpuStorage } from '../storage.js';
import { FLOAT_HELPERS, gridGroups, gridStride, wgslType } from '../wgsl.js';
import { broadcastOffsets, broadcastParams } from './broadcast.js';

const COMPARISONS: Partial<Record<BinaryOp, string>> = {
  equal: 'x == y',
  notEqual: 'x != y',
  greater: 'x > y',
  greaterEqual: 'x >= y',
  less: 'x < y',
  lessEqual: 'x <= y',
};

/** The same comparisons on floats with IEEE's NaN rule spelled out: only `notEqual` holds for NaN. */
const FLOAT_COMPARISONS: Partial<Record<BinaryOp, string>> = Object.fromEntries(
  Object.entries(COMPARISONS).map(([op, e]) => [op, op === 'notEqual' ? `isnan(x) || isnan(y) || ${e}` : `!isnan(x) && !isnan(y) && ${e}`]),
);

/** `maximum`/`minimum` as the ts kernel: `x` when it wins or is NaN, else `y` (so NaN propagates). */
const EXTREMA: Partial<Record<BinaryOp, string>> = {
  maximum: 'select(y, x, x > y)',
  minimum: 'select(y, x, x < y)',
};

/** Float arithmetic returns a NaN input first (SwiftShader's compares and `max` ignore NaN). */
const nanFirst = (e: string): string => `select(select(${e}, y, isnan(y)), x, isnan(x))`;

/**
 * WGSL of each op per input dtype; missing entries run on the host. int32 `add`/`sub`/`mul` wrap
 * around in two's complement.
 */
const OPS: Partial<Record<DType, Partial<Record<BinaryOp, string>>>> = {
  float32: {
    add: 'x + y', sub: 'x - y', mul: 'x * y', div: 'x / y', pow: 'pow_(x, y)',
    maximum: nanFirst(EXTREMA.maximum!), minimum: nanFirst(EXTREMA.minimum!), ...FLOAT_COMPARISONS,
  },
  int32: { add: 'x + y', sub: 'x - y', mul: 'x * y', ...EXTREMA, ...COMPARISONS },
  bool: { ...COMPARISONS, logicalAnd: 'x != 0u && y != 0u', logicalOr: 'x != 0u || y != 0u' },
};

// Math.pow's rules that WGSL's pow (defined for x > 0 only) lacks: y = 0 → 1, negative x with
// integral y (odd y negates), negative x with fractional y → NaN.
const POW = `
fn pow_(x: f32, y: f32) -> f32 {
  if (y == 0.0) { return 1.0; }
  if (isnan(x) || isnan(y)) { return nan(); }
  if (x == 0.0) { return select(0.0, inf(), y < 0.0); }
  let r = pow(abs(x), y);
  if (x > 0.0) { return r; }
  if (floor(y) != y) { return nan(); }
  return select(r, -r, abs(y) < 16777216.0 && (abs(y) % 2.0) == 1.0);
}`;

/** `a op b` broadcast to `outShape` on the GPU, or `undefined` when WGSL has no kernel for it. */
export function binary(gpu: Gpu, a: TensorInfo<GpuStorage>, b: TensorInfo<GpuStorage>, op: BinaryOp, outShape: Shape): GpuStorage | undefined {
  const expression = OPS[a.dtype]?.[op];
  if (expression === undefined) return undefined;
  const t = wgslType(a.dtype);
  const logical = op in COMPARISONS || op === 'logicalAnd' || op === 'logicalOr';
  const o = logical ? 'u32' : t;
  const n = outShape.reduce((s, d) => s * d, 1);
  const out = gpu.allocate(n);
  if (n === 0) return out;
  gpu.dispatch(`binary:${op}:${t}`, () => `${FLOAT_HELPERS}${t === 'f32' ? POW : ''}
@group(0) @binding(0) var<storage, read> a: array<${t}>;
@group(0) @binding(1) var<storage, read> b: array<${t}>;
@group(0) @binding(2) var<storage, read_write> o: array<${o}>;
@group(0) @binding(3) var<storage, read> p: array<u32>;
fn f(x: ${t}, y: ${t}) -> ${o} { return ${logical ? `select(0u, 1u, ${expression})` : expression}; }
${gridStride('p[0]')}
    ${broadcastOffsets(2)}
    o[i] = f(a[off0], b[off1]);
  }
}`, [a.handle, b.handle], out, broadcastParams(n, outShape, [a.shape, b.shape]), [gridGroups(n)]);
  return out;
}

/** `cond ? a : b` broadcast to `outShape` (any stored dtype). */
export function where(gpu: Gpu, cond: TensorInfo<GpuStorage>, a: TensorInfo<GpuStorage>, b: TensorInfo<GpuStorage>, outShape: Shape): GpuStorage {
  const t = wgslType(a.dtype);
  const n = outShape.reduce((s, d) => s * d, 1);
  const out = gpu.allocate(n);
  if (n === 0) return out;
  gpu.dispatch(`where:${t}`, () => `
@group(0) @binding(0) var<storage, read> c: array<u32>;
@group(0) @binding(1) var<storage, read> a: array<${t}>;
@group(0) @binding(2) var<storage, read> b: array<${t}>;
@group(0) @binding(3) var<storage, read_write> o: array<${t}>;
@group(0) @binding(4) var<storage, read> p: array<u32>;
${gridStride('p[0]')}
    ${broadcastOffsets(3)}
    o[i] = select(b[off2], a[off1], c[off0] != 0u);
  }
}`, [cond.handle, a.handle, b.handle], out, broadcastParams(n, outShape, [cond.shape, a.shape, b.shape]), [gridGroups(n)]);
  return out;
}
