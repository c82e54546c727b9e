import type { TensorInfo, UnaryOp } from '../../backend/kernels.js';
import { allocate, type TypedArray } from '../../dtype.js';
import { erf, SELU_ALPHA, SELU_SCALE, SQRT_2_OVER_PI } from '../../math.js';

/** One tight loop per op: the switch runs once per call, never per element. */
export function unary(x: TensorInfo<TypedArray>, op: UnaryOp, alpha: number): TypedArray {
  const a = x.handle;
  const n = a.length;
  const o = allocate(x.dtype, n);
  switch (op) {
    case 'neg': for (let i = 0; i < n; i++) o[i] = -a[i]!; break;
    case 'abs': for (let i = 0; i < n; i++) o[i] = Math.abs(a[i]!); break;
    case 'exp': for (let i = 0; i < n; i++) o[i] = Math.exp(a[i]!); break;
    case 'log': for (let i = 0; i < n; i++) o[i] = Math.log(a[i]!); break;
    case 'log1p': for (let i = 0; i < n; i++) o[i] = Math.log1p(a[i]!); break;
    case 'sqrt': for (let i = 0; i < n; i++) o[i] = Math.sqrt(a[i]!); break;
    case 'rsqrt': for (let i = 0; i < n; i++) o[i] = 1 / Math.sqrt(a[i]!); break;
    case 'square': for (let i = 0; i < n; i++) o[i] = a[i]! * a[i]!; break;
    case 'reciprocal': for (let i = 0; i < n; i++) o[i] = 1 / a[i]!; break;
    case 'sin': for (let i = 0; i < n; i++) o[i] = Math.sin(a[i]!); break;
    case 'cos': for (let i = 0; i < n; i++) o[i] = Math.cos(a[i]!); break;
    case 'tanh': for (let i = 0; i < n; i++) o[i] = Math.tanh(a[i]!); break;
    case 'sigmoid':
      // Two branches keep exp's argument non-positive: no overflow for large |x|.
      for (let i = 0; i < n; i++) {
        const v = a[i]!;
        if (v >= 0) o[i] = 1 / (1 + Math.exp(-v));
        else { const e = Math.exp(v); o[i] = e / (1 + e); }
      }
      break;
    // `v <= 0` is false for NaN, so NaN propagates (as in PyTorch and `maximum`).
    case 'relu': for (let i = 0; i < n; i++) o[i] = a[i]! <= 0 ? 0 : a[i]!; break;
    case 'relu6': for (let i = 0; i < n; i++) o[i] = Math.min(Math.max(a[i]!, 0), 6); break;
    case 'leakyRelu': for (let i = 0; i < n; i++) o[i] = a[i]! > 0 ? a[i]! : alpha * a[i]!; break;
    case 'elu': for (let i = 0; i < n; i++) o[i] = a[i]! > 0 ? a[i]! : alpha * Math.expm1(a[i]!); break;
    case 'selu':
      for (let i = 0; i < n; i++) o[i] = SELU_SCALE * (a[i]! > 0 ? a[i]! : SELU_ALPHA * Math.expm1(a[i]!));
      break;
    case 'erf': for (let i = 0; i < n; i++) o[i] = erf(a[i]!); break;
    case 'gelu': for (let i = 0; i < n; i++) o[i] = 0.5 * a[i]! * (1 + erf(a[i]! * Math.SQRT1_2)); break;
    case 'geluTanh':
      for (let i = 0; i < n; i++) {
        const v = a[i]!;
        o[i] = 0.5 * v * (1 + Math.tanh(SQRT_2_OVER_PI * (v + 0.044715 * v * v * v)));
      }
      break;
    case 'softplus':
      // log(1 + eˣ) = max(x, 0) + log1p(e^-|x|): exact for large |x| of either sign.
      for (let i = 0; i < n; i++) o[i] = Math.max(a[i]!, 0) + Math.log1p(Math.exp(-Math.abs(a[i]!)));
      break;
    case 'sign': for (let i = 0; i < n; i++) o[i] = Math.sign(a[i]!); break;
    case 'floor': for (let i = 0; i < n; i++) o[i] = Math.floor(a[i]!); break;
    case 'ceil': for (let i = 0; i < n; i++) o[i] = Math.ceil(a[i]!); break;
    case 'round':
      // Half to even, as NumPy, PyTorch and TensorFlow round.
      for (let i = 0; i < n; i++) {
        const v = a[i]!;
        const r = Math.round(v);
        o[i] = r - v === 0.5 && r % 2 !== 0 ? r - 1 : r;
      }
      break;
    case 'logicalNot': for (let i = 0; i < n; i++) o[i] = a[i] ? 0 : 1; break;
  }
  return o;
}

export function clip(x: TensorInfo<TypedArray>, min: number, max: number): TypedArray {
  const a = x.handle;
  const o = allocate(x.dtype, a.length);
  for (let i = 0; i < a.length; i++) o[i] = Math.min(Math.max(a[i]!, min), max);
  return o;
}

/**
 * Converts between dtypes. Float → int32 truncates toward zero and saturates: values beyond the
 * int32 range give its ends and NaN gives 0 (an Int32Array store would wrap modulo 2³²).
 */
export function cast(x: TensorInfo<TypedArray>, dtype: TensorInfo['dtype']): TypedArray {
  const a = x.handle;
  const o = allocate(dtype, a.length);
  if (dtype === 'bool') for (let i = 0; i < a.length; i++) o[i] = a[i] !== 0 ? 1 : 0;
  else if (dtype === 'int32' && (x.dtype === 'float32' || x.dtype === 'float64')) {
    for (let i = 0; i < a.length; i++) {
      const v = a[i]!;
      o[i] = v >= 2147483647 ? 2147483647 : v <= -2147483648 ? -2147483648 : v !== v ? 0 : Math.trunc(v);
    }
  } else o.set(a);
  return o;
}
