import type { TensorInfo } from '../../backend/kernels.js';
import { allocate, type TypedArray } from '../../dtype.js';

/**
 * Fused, numerically stable softmax / log-softmax over the last axis, one row at a time: a pass
 * for the row maximum, a pass for `Σ exp(x - max)` (softmax stores each exponential as it goes,
 * so `exp` runs once per element), and a pass to scale or shift. Logits in the thousands stay
 * finite; sums are accumulated in float64.
 */
function softmaxRows(x: TensorInfo<TypedArray>, log: boolean): TypedArray {
  const a = x.handle;
  const n = x.shape[x.shape.length - 1] ?? 1;
  const out = allocate(x.dtype, a.length);
  if (n === 0) return out;
  for (let base = 0; base < a.length; base += n) {
    const end = base + n;
    let max = -Infinity;
    for (let i = base; i < end; i++) {
      const v = a[i]!;
      if (v > max) max = v;
    }
    if (max === -Infinity) max = 0;
    let sum = 0;
    if (log) {
      for (let i = base; i < end; i++) sum += Math.exp(a[i]! - max);
      const shift = max + Math.log(sum);
      for (let i = base; i < end; i++) out[i] = a[i]! - shift;
    } else {
      for (let i = base; i < end; i++) {
        const e = Math.exp(a[i]! - max);
        out[i] = e;
        sum += e;
      }
      const scale = 1 / sum;
      for (let i = base; i < end; i++) out[i] = out[i]! * scale;
    }
  }
  return out;
}

export function softmax(x: TensorInfo<TypedArray>): TypedArray {
  return softmaxRows(x, false);
}

export function logSoftmax(x: TensorInfo<TypedArray>): TypedArray {
  return softmaxRows(x, true);
}

/**
 * The input gradient of softmax (`y · (dy - Σ dy · y)`) or log-softmax (`dy - exp(y) · Σ dy`)
 * per last-axis row, from `dy` and the op's output `y`; the row sum in float64.
 */
function softmaxBackpropRows(dy: TensorInfo<TypedArray>, y: TensorInfo<TypedArray>, log: boolean): TypedArray {
  const g = dy.handle;
  const s = y.handle;
  const n = y.shape[y.shape.length - 1] ?? 1;
  const out = allocate(y.dtype, s.length);
  if (n === 0) return out;
  for (let base = 0; base < s.length; base += n) {
    const end = base + n;
    let total = 0;
    if (log) {
      for (let i = base; i < end; i++) total += g[i]!;
      for (let i = base; i < end; i++) out[i] = g[i]! - Math.exp(s[i]!) * total;
    } else {
      for (let i = base; i < end; i++) total += g[i]! * s[i]!;
      for (let i = base; i < end; i++) out[i] = s[i]! * (g[i]! - total);
    }
  }
  return out;
}

export function softmaxBackprop(dy: TensorInfo<TypedArray>, y: TensorInfo<TypedArray>): TypedArray {
  return softmaxBackpropRows(dy, y, false);
}

export function logSoftmaxBackprop(dy: TensorInfo<TypedArray>, y: TensorInfo<TypedArray>): TypedArray {
  return softmaxBackpropRows(dy, y, true);
}
