import type { TensorInfo } from '../../backend/kernels.js';
import type { TypedArray } from '../../dtype.js';

/**
 * Per row of the last axis: the positions of the `k` first values in the order "by value (NaN
 * above every number), then by position" — a total order, so the result is stable. Rows with
 * `k` much smaller than `n` keep a heap of the `k` best seen (`O(n log k)`); others sort all
 * positions (float32/int32 by packed numeric keys, float64 with a comparator).
 */
export function topk(x: TensorInfo<TypedArray>, k: number, largest: boolean): Int32Array {
  const n = x.shape[x.shape.length - 1]!;
  const rows = n === 0 ? 0 : x.handle.length / n;
  const out = new Int32Array(rows * k);
  if (k === 0) return out;
  const sign = largest ? -1 : 1;
  let row: TypedArray = x.handle;
  // Negative when position i ranks before position j.
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
  const useHeap = k * 8 <= n;
  if (!useHeap && x.dtype !== 'float64' && n <= INDEX_LIMIT) return sortPacked(x.handle as Float32Array | Int32Array, n, k, largest, out);
  const order = new Int32Array(useHeap ? k : n);
  for (let r = 0; r < rows; r++) {
    row = x.handle.subarray(r * n, (r + 1) * n);
    if (useHeap) selectHeap(order, n, compare);
    else for (let i = 0; i < n; i++) order[i] = i;
    order.sort(compare);
    out.set(order.subarray(0, k), r * k);
  }
  return out;
}

/** Positions per row that fit below the 32 value bits of a packed key (2^21: 53 bits in all). */
const INDEX_LIMIT = 2 ** 21;

/**
 * Full sorts of float32 or int32 rows with the engine's native numeric sort instead of a
 * comparator: each value becomes an order-preserving unsigned 32-bit rank (float bits flipped,
 * NaN highest; int32 offset by 2^31), reversed for largest-first, and `rank·2^21 + position` is
 * an exact float64, so sorting the keys sorts by value and then by position.
 */
function sortPacked(values: Float32Array | Int32Array, n: number, k: number, largest: boolean, out: Int32Array): Int32Array {
  const bits = values instanceof Float32Array ? new Uint32Array(values.buffer, values.byteOffset, values.length) : null;
  const keys = new Float64Array(n);
  for (let base = 0, o = 0; base < values.length; base += n, o += k) {
    for (let i = 0; i < n; i++) {
      let rank: number;
      if (bits === null) rank = values[base + i]! + 2147483648;
      else {
        const v = values[base + i]!;
        const b = bits[base + i]!;
        // NaN above +Infinity; -0 ties with +0; negative floats reverse their bit order.
        rank = v !== v ? 0xffffffff : v === 0 ? 0x80000000 : b >= 0x80000000 ? 0xffffffff - b : b + 0x80000000;
      }
      keys[i] = (largest ? 0xffffffff - rank : rank) * INDEX_LIMIT + i;
    }
    keys.sort();
    for (let j = 0; j < k; j++) out[o + j] = keys[j]! % INDEX_LIMIT;
  }
  return out;
}

/** Fills `heap` with the `heap.length` positions of `0..n-1` that rank first, in heap order (worst at the root). */
function selectHeap(heap: Int32Array, n: number, compare: (i: number, j: number) => number): void {
  const k = heap.length;
  const siftDown = (start: number): void => {
    let p = start;
    for (;;) {
      const l = 2 * p + 1;
      if (l >= k) return;
      const r = l + 1;
      const worse = r < k && compare(heap[r]!, heap[l]!) > 0 ? r : l;
      if (compare(heap[worse]!, heap[p]!) <= 0) return;
      const t = heap[p]!;
      heap[p] = heap[worse]!;
      heap[worse] = t;
      p = worse;
    }
  };
  for (let i = 0; i < k; i++) heap[i] = i;
  for (let p = (k >> 1) - 1; p >= 0; p--) siftDown(p);
  for (let i = k; i < n; i++) {
    if (compare(i, heap[0]!) < 0) {
      heap[0] = i;
      siftDown(0);
    }
  }
}
