import type { DType, TensorInfo, UnaryOp } from '@dlkit/core';
import { f32Bits, type Gpu } from '../gpu.js';
import type { GpuStorage } from '../storage.js';
import { FLOAT_HELPERS, gridGroups, gridStride, wgslType } from '../wgsl.js';

// SELU's constants as in core's math.ts.
const SELU_ALPHA = 1.6732632423543772;
const SELU_SCALE = 1.0507009873554805;

/**
 * WGSL of each float32 unary op on `x` (`alpha` is leakyRelu's slope and elu's scale). A NaN `x`
 * never reaches them: the kernel returns it first (SwiftShader's `exp(NaN)` is +∞).
 */
const FLOAT_OPS: Partial<Record<UnaryOp, string>> = {
  neg: '-x',
  abs: 'abs(x)',
  exp: 'exp(x)',
  // SwiftShader's log(0) is -88, not -∞.
  log: 'select(select(log(x), -inf(), x == 0.0), nan(), x < 0.0)',
  log1p: 'select(log1p_(x), nan(), x < -1.0)',
  sqrt: 'select(sqrt(x), nan(), x < 0.0)',
  rsqrt: 'select(1.0 / sqrt(x), nan(), x < 0.0)',
  square: 'x * x',
  reciprocal: '1.0 / x',
  sin: 'sin_(x)',
  cos: 'cos_(x)',
  tanh: 'tanh_(x)',
  // Two branches keep exp's argument non-positive.
  sigmoid: 'select(exp(x) / (1.0 + exp(x)), 1.0 / (1.0 + exp(-x)), x >= 0.0)',
  relu: 'select(x, 0.0, x <= 0.0)',
  relu6: 'select(select(x, 0.0, x < 0.0), 6.0, x > 6.0)',
  leakyRelu: 'select(alpha * x, x, x > 0.0 || isnan(x))',
  elu: 'select(alpha * (exp(x) - 1.0), x, x > 0.0 || isnan(x))',
  selu: `${SELU_SCALE} * select(${SELU_ALPHA} * (exp(x) - 1.0), x, x > 0.0 || isnan(x))`,
  erf: 'erf_(x)',
  gelu: '0.5 * x * (1.0 + erf_(x * 0.7071067811865476))',
  geluTanh: '0.5 * x * (1.0 + tanh_(0.7978845608028654 * (x + 0.044715 * x * x * x)))',
  softplus: 'select(max(x, 0.0) + log1p_(exp(-abs(x))), x, isnan(x))',
  sign: 'select(select(x, -1.0, x < 0.0), 1.0, x > 0.0)',
  floor: 'floor(x)',
  ceil: 'ceil(x)',
  // WGSL's round is half to even, as the ts kernel.
  round: 'round(x)',
};

/** int32 ops WGSL does exactly as the ts kernel (two's-complement wrap-around included). */
const INT_OPS: Partial<Record<UnaryOp, string>> = {
  neg: '-x',
  abs: 'abs(x)',
  sign: 'sign(x)',
  relu: 'max(x, 0)',
  floor: 'x',
  ceil: 'x',
  round: 'x',
};

const BOOL_OPS: Partial<Record<UnaryOp, string>> = { logicalNot: 'select(0u, 1u, x == 0u)' };

const OPS: Partial<Record<DType, Partial<Record<UnaryOp, string>>>> = { float32: FLOAT_OPS, int32: INT_OPS, bool: BOOL_OPS };

/** Elementwise `op` on the GPU, or `undefined` when WGSL has no kernel for this op and dtype. */
export function unary(gpu: Gpu, x: TensorInfo<GpuStorage>, op: UnaryOp, alpha: number): GpuStorage | undefined {
  const expression = OPS[x.dtype]?.[op];
  if (expression === undefined) return undefined;
  const t = wgslType(x.dtype);
  const n = x.handle.length;
  const out = gpu.allocate(n);
  if (n === 0) return out;
  gpu.dispatch(`unary:${op}:${t}`, () => `${FLOAT_HELPERS}
@group(0) @binding(0) var<storage, read> a: array<${t}>;
@group(0) @binding(1) var<storage, read_write> o: array<${t}>;
@group(0) @binding(2) var<storage, read> p: array<u32>;
fn f(x: ${t}, alpha: f32) -> ${t} {
  ${t === 'f32' ? 'if (isnan(x)) { return x; }' : ''}
  return ${expression};
}
${gridStride('p[0]')}
    o[i] = f(a[i], bitcast<f32>(p[1]));
  }
}`, [x.handle], out, new Uint32Array([n, f32Bits(alpha)]), [gridGroups(n)]);
  return out;
}

/**
 * WGSL converting `x` of `from` to `to`: float → int32 truncates toward zero and saturates (NaN → 0),
 * nonzero and NaN → bool true.
 */
function conversion(from: DType, to: DType): string {
  const f = wgslType(from);
  const t = wgslType(to);
  if (f === t) return 'x';
  if (t === 'u32') return f === 'f32' ? 'select(0u, 1u, x != 0.0 || isnan(x))' : 'select(0u, 1u, x != 0)';
  if (t === 'f32') return 'f32(x)';
  if (f === 'u32') return 'i32(x)';
  return 'select(select(select(i32(x), 2147483647, x >= 2147483648.0), -2147483647 - 1, x <= -2147483648.0), 0, isnan(x))';
}

/** Converts `x` to `dtype` on the GPU. */
export function cast(gpu: Gpu, x: TensorInfo<GpuStorage>, dtype: DType): GpuStorage {
  const f = wgslType(x.dtype);
  const t = wgslType(dtype);
  const n = x.handle.length;
  const out = gpu.allocate(n);
  if (n === 0) return out;
  gpu.dispatch(`cast:${x.dtype}:${dtype}`, () => `${FLOAT_HELPERS}
@group(0) @binding(0) var<storage, read> a: array<${f}>;
@group(0) @binding(1) var<storage, read_write> o: array<${t}>;
@group(0) @binding(2) var<storage, read> p: array<u32>;
fn f(x: ${f}) -> ${t} { return ${conversion(x.dtype, dtype)}; }
${gridStride('p[0]')}
    o[i] = f(a[i]);
  }
}`, [x.handle], out, new Uint32Array([n]), [gridGroups(n)]);
  return out;
}

/** Clamps to `[min, max]` keeping NaN (float32 and int32). */
export function clip(gpu: Gpu, x: TensorInfo<GpuStorage>, min: number, max: number): GpuStorage | undefined {
  if (x.dtype !== 'float32' && x.dtype !== 'int32') return undefined;
  const t = wgslType(x.dtype);
  const n = x.handle.length;
  const out = gpu.allocate(n);
  if (n === 0) return out;
  const bound = t === 'f32' ? (v: number) => f32Bits(v) : (v: number) => v >>> 0;
  const read = (k: number) => (t === 'f32' ? `bitcast<f32>(p[${k}])` : `bitcast<i32>(p[${k}])`);
  gpu.dispatch(`clip:${t}`, () => `
@group(0) @binding(0) var<storage, read> a: array<${t}>;
@group(0) @binding(1) var<storage, read_write> o: array<${t}>;
@group(0) @binding(2) var<storage, read> p: array<u32>;
${gridStride('p[0]')}
    let x = a[i];
    o[i] = select(select(x, ${read(1)}, x < ${read(1)}), ${read(2)}, x > ${read(2)});
  }
}`, [x.handle], out, new Uint32Array([n, bound(min), bound(max)]), [gridGroups(n)]);
  return out;
}

/** A new storage of `length` elements all holding `value` (already a value `dtype` can hold). */
export function fill(gpu: Gpu, length: number, value: number, dtype: DType): GpuStorage {
  const out = gpu.allocate(length);
  if (length === 0) return out;
  const bits = dtype === 'float32' ? f32Bits(value) : value >>> 0;
  gpu.dispatch('fill', () => `
@group(0) @binding(0) var<storage, read_write> o: array<u32>;
@group(0) @binding(1) var<storage, read> p: array<u32>;
${gridStride('p[0]')}
    o[i] = p[1];
  }
}`, [], out, new Uint32Array([length, bits]), [gridGroups(length)]);
  return out;
}
