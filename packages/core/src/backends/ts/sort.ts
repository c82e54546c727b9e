import type { TensorInfo } from '../../backend/kernels.js';
import type { TypedArray } from '../../dtype.js';

/**
 * Per row of the last axis: sorts the positions `0..n-1` by value (NaN above every number, ties by
 * position, so the order is stable and total) and keeps the first `k`.
 */
export function topk(x: TensorInfo<TypedArray>, k: number, largest: boolean): Int32Array {
  const n = x.shape.length === 0 ? 1 : x.shape[x.shape.length - 1]!;
  const rows = n === 0 ? 0 : x.handle.length / n;
  const out = new Int32Array(rows * k);
  if (k === 0) return out;
  const order = new Int32Array(n);
  const sign = largest ? -1 : 1;
  let row: TypedArray = x.handle;
  // Ascending by `sign·value` with NaN last (largest) or first (smallest), then by position.
  const compare = (i: number, j: number): number => {
    const a = row[i]!;
    const b = row[j]!;
    if (a < b) return -sign;
    if (a > b) return sign;
    if (a === b) return i - j;
    const aNaN = a !== a;
    if (aNaN === (b !== b)) return i - j;
    return aNaN ? sign : -sign;
  };
  for (let r = 0; r < rows; r++) {
    row = x.handle.subarray(r * n, (r + 1) * n);
    for (let i = 0; i < n; i++) order[i] = i;
    order.sort(compare);
    out.set(order.subarray(0, k), r * k);
  }
  return out;
}
