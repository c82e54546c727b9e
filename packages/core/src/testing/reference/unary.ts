/**
 * Reference unary ops: math functions and activations (textbook scalar formulas), `clip`,
 * `logicalNot` and `cast`.
 */
import type { DType } from '@dlkit/core';
import { castArray, isFloatDType, nd, type NdArray } from './array.js';

/**
 * `erf(x) = 2/√π ∫₀ˣ e^(-t²) dt` by composite Simpson's rule with step ≤ 1/1000 (error below
 * 1e-12): slow and obviously correct, and independent of the ts backend's series/continued fraction.
 */
export function refErf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x === 0) return x;
  const ax = Math.min(Math.abs(x), 8);
  const n = 2 * Math.ceil(ax * 500);
  const h = ax / n;
  let s = 1 + Math.exp(-ax * ax);
  for (let i = 1; i < n; i++) {
    const t = i * h;
    s += (i % 2 === 1 ? 4 : 2) * Math.exp(-t * t);
  }
  return Math.sign(x) * (2 / Math.sqrt(Math.PI)) * (s * h) / 3;
}

/** SELU's α and λ as published (Klambauer et al. 2017; PyTorch's values). */
const SELU_ALPHA = 1.6732632423543772848170429916717;
const SELU_LAMBDA = 1.0507009873554804934193349852946;

/** Round half to even. */
function roundHalfEven(x: number): number {
  if (!Number.isFinite(x)) return x;
  const f = Math.floor(x);
  const d = x - f;
  if (d < 0.5) return f;
  if (d > 0.5) return f + 1;
  return f % 2 === 0 ? f : f + 1;
}

/** Names of the reference's unary ops (dlkit's function names; `geluTanh` is `gelu(x, { approximate: 'tanh' })`). */
export type RefUnaryName =
  | 'neg' | 'abs' | 'exp' | 'log' | 'log1p' | 'sqrt' | 'rsqrt' | 'square' | 'reciprocal'
  | 'sin' | 'cos' | 'tanh' | 'sigmoid' | 'relu' | 'relu6' | 'leakyRelu' | 'elu' | 'selu'
  | 'erf' | 'gelu' | 'geluTanh' | 'softplus' | 'sign' | 'floor' | 'ceil' | 'round';

const FORMULAS: Record<RefUnaryName, (x: number, alpha: number) => number> = {
  neg: (x) => -x,
  abs: (x) => (x < 0 ? -x : x),
  exp: (x) => Math.exp(x),
  log: (x) => Math.log(x),
  log1p: (x) => Math.log1p(x),
  sqrt: (x) => Math.sqrt(x),
  rsqrt: (x) => 1 / Math.sqrt(x),
  square: (x) => x * x,
  reciprocal: (x) => 1 / x,
  sin: (x) => Math.sin(x),
  cos: (x) => Math.cos(x),
  tanh: (x) => Math.tanh(x),
  sigmoid: (x) => 1 / (1 + Math.exp(-x)),
  relu: (x) => (x > 0 || Number.isNaN(x) ? x : 0),
  relu6: (x) => (x <= 0 ? 0 : x >= 6 ? 6 : x),
  leakyRelu: (x, alpha) => (x > 0 ? x : alpha * x),
  elu: (x, alpha) => (x > 0 ? x : alpha * (Math.exp(x) - 1)),
  selu: (x) => SELU_LAMBDA * (x > 0 ? x : SELU_ALPHA * (Math.exp(x) - 1)),
  erf: (x) => refErf(x),
  gelu: (x) => 0.5 * x * (1 + refErf(x / Math.SQRT2)),
  geluTanh: (x) => 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3))),
  softplus: (x) => (x > 30 ? x : Math.log1p(Math.exp(x))),
  sign: (x) => (x > 0 ? 1 : x < 0 ? -1 : x),
  floor: (x) => Math.floor(x),
  ceil: (x) => Math.ceil(x),
  round: (x) => roundHalfEven(x),
};

/** Ops only defined on floats: integer and bool inputs become float32 (as in PyTorch). */
const FLOAT_ONLY = new Set<RefUnaryName>([
  'exp', 'log', 'log1p', 'sqrt', 'rsqrt', 'reciprocal', 'sin', 'cos', 'tanh', 'sigmoid',
  'leakyRelu', 'elu', 'selu', 'erf', 'gelu', 'geluTanh', 'softplus',
]);

/**
 * Applies unary op `name` elementwise. Float-only ops give float32 for int32/bool input; the
 * others keep the dtype, except that bool is computed as int32.
 */
export function unary(name: RefUnaryName, x: NdArray, alpha = 0): NdArray {
  const dtype: DType = isFloatDType(x.dtype) ? x.dtype : FLOAT_ONLY.has(name) ? 'float32' : 'int32';
  const f = FORMULAS[name];
  return nd(x.shape, Array.from(x.data, (v) => f(v, alpha)), dtype);
}

/** Elementwise NOT (nonzero is true) → bool. */
export function logicalNot(x: NdArray): NdArray {
  return nd(x.shape, Array.from(x.data, (v) => (v === 0 ? 1 : 0)), 'bool');
}

/** Clamps into `[min, max]`, keeping the dtype. */
export function clip(x: NdArray, min: number, max: number): NdArray {
  return nd(x.shape, Array.from(x.data, (v) => (v < min ? min : v > max ? max : v)), x.dtype);
}

/** Converts to `dtype`: float → int32 truncates toward zero, nonzero → true. */
export function cast(x: NdArray, dtype: DType): NdArray {
  return castArray(x, dtype);
}
