import type { TensorInfo } from '../../backend/kernels.js';
import { allocate, type TypedArray } from '../../dtype.js';

/**
 * Fused, numerically stable softmax / log-softmax over the last axis: one pass for the row
 * maximum, one for Σexp(x - max), one to write. Logits in the thousands stay finite.
 */
function softmaxRows(x: TensorInfo<TypedArray>, log: boolean): TypedArray {
  const a = x.handle;
  const n = x.shape[x.shape.length - 1] ?? 1;
  const out = allocate(x.dtype, a.length);
  for (let base = 0; base < a.length; base += n) {
    let max = -Infinity;
    for (let i = 0; i < n; i++) if (a[base + i]! > max) max = a[base + i]!;
    if (max === -Infinity) max = 0;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += Math.exp(a[base + i]! - max);
    if (log) {
      const shift = max + Math.log(sum);
      for (let i = 0; i < n; i++) out[base + i] = a[base + i]! - shift;
    } else {
      const scale = 1 / sum;
      for (let i = 0; i < n; i++) out[base + i] = Math.exp(a[base + i]! - max) * scale;
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
