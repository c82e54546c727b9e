import type { ScanOp, TensorInfo } from '../../backend/kernels.js';
import type { TypedArray } from '../../dtype.js';
import { sizeOf } from '../../shape.js';

/** Running sums or products along `axis`, one pass over `[outer, n, inner]` with whole inner rows at a time. */
export function scan(x: TensorInfo<TypedArray>, op: ScanOp, axis: number, exclusive: boolean, reverse: boolean): TypedArray {
  const n = x.shape[axis]!;
  const inner = sizeOf(x.shape.slice(axis + 1));
  const outer = sizeOf(x.shape.slice(0, axis));
  const src = x.handle;
  const out = src.slice();
  const identity = op === 'sum' ? 0 : 1;
  const step = reverse ? -inner : inner;
  for (let o = 0; o < outer; o++) {
    const first = o * n * inner + (reverse ? (n - 1) * inner : 0);
    if (n > 0 && exclusive) out.fill(identity, first, first + inner);
    for (let t = 1, at = first + step; t < n; t++, at += step) {
      const prev = at - step;
      // exclusive: y_t = y_{t-1} ∘ x_{t-1}; inclusive: y_t = y_{t-1} ∘ x_t
      const from = exclusive ? prev : at;
      if (op === 'sum') for (let i = 0; i < inner; i++) out[at + i] = out[prev + i]! + src[from + i]!;
      else for (let i = 0; i < inner; i++) out[at + i] = out[prev + i]! * src[from + i]!;
    }
  }
  return out;
}
