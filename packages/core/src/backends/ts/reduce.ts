import type { ReduceOp, TensorInfo } from '../../backend/kernels.js';
import { allocate, type DType, type TypedArray } from '../../dtype.js';
import type { Shape } from '../../shape.js';
import { transpose } from './shape.js';

function product(dims: readonly number[]): number {
  let p = 1;
  for (const d of dims) p *= d;
  return p;
}

function outputDType(op: ReduceOp, dtype: DType): DType {
  if (op === 'argMax' || op === 'argMin') return 'int32';
  if ((op === 'sum' || op === 'prod') && dtype === 'bool') return 'int32';
  return dtype;
}

/**
 * Reduces a contiguous block of axes. The input is viewed as `[outer, reduced, inner]` and
 * accumulated with the inner index fastest, so every pass reads memory in order.
 * Non-contiguous axis sets are first transposed to the end.
 */
export function reduce(x: TensorInfo<TypedArray>, op: ReduceOp, axes: readonly number[], outShape: Shape): TypedArray {
  const contiguous = axes.every((a, i) => i === 0 || a === axes[i - 1]! + 1);
  if (!contiguous) {
    const kept = x.shape.map((_, d) => d).filter((d) => !axes.includes(d));
    const perm = [...kept, ...axes];
    const moved = { handle: transpose(x, perm), shape: perm.map((d) => x.shape[d]!), dtype: x.dtype };
    const first = kept.length;
    return reduce(moved, op, axes.map((_, i) => first + i), outShape);
  }
  const first = axes[0]!;
  const last = axes[axes.length - 1]!;
  const outer = product(x.shape.slice(0, first));
  const size = product(x.shape.slice(first, last + 1));
  const inner = product(x.shape.slice(last + 1));
  const a = x.handle;
  const o = allocate(outputDType(op, x.dtype), outer * inner);
  if (op === 'argMax' || op === 'argMin') {
    reduceArg(a, o, outer, size, inner, op === 'argMax');
    return o;
  }
  if (inner === 1) {
    reduceRows(a, o, outer, size, op);
    return o;
  }
  // Float64 accumulators: float32 sums keep full precision until the final rounding.
  const acc = new Float64Array(outer * inner);
  const init = op === 'sum' ? 0 : op === 'prod' ? 1 : op === 'max' ? -Infinity : Infinity;
  acc.fill(init);
  for (let p = 0; p < outer; p++) {
    const accBase = p * inner;
    for (let r = 0; r < size; r++) {
      const inBase = (p * size + r) * inner;
      switch (op) {
        case 'sum': for (let i = 0; i < inner; i++) acc[accBase + i] = acc[accBase + i]! + a[inBase + i]!; break;
        case 'prod': for (let i = 0; i < inner; i++) acc[accBase + i] = acc[accBase + i]! * a[inBase + i]!; break;
        case 'max':
          for (let i = 0; i < inner; i++) { const v = a[inBase + i]!; if (v > acc[accBase + i]! || v !== v) acc[accBase + i] = v; }
          break;
        case 'min':
          for (let i = 0; i < inner; i++) { const v = a[inBase + i]!; if (v < acc[accBase + i]! || v !== v) acc[accBase + i] = v; }
          break;
      }
    }
  }
  o.set(acc);
  return o;
}

/**
 * The last-axis case (`inner` 1: layer norm's mean, softmax's sum, a loss's row sum): one scalar
 * float64 accumulator per row and one loop per op, instead of the general path's op switch and
 * accumulator array per element.
 */
function reduceRows(a: TypedArray, o: TypedArray, outer: number, size: number, op: Exclude<ReduceOp, 'argMax' | 'argMin'>): void {
  for (let p = 0, base = 0; p < outer; p++, base += size) {
    const end = base + size;
    let acc: number;
    switch (op) {
      case 'sum':
        acc = 0;
        for (let i = base; i < end; i++) acc += a[i]!;
        break;
      case 'prod':
        acc = 1;
        for (let i = base; i < end; i++) acc *= a[i]!;
        break;
      case 'max':
        acc = -Infinity;
        for (let i = base; i < end; i++) { const v = a[i]!; if (v > acc || v !== v) acc = v; }
        break;
      case 'min':
        acc = Infinity;
        for (let i = base; i < end; i++) { const v = a[i]!; if (v < acc || v !== v) acc = v; }
        break;
    }
    o[p] = acc;
  }
}

/**
 * First index of the maximum (minimum) along the reduced axis. NaN counts as larger (smaller) than
 * every number, so the first NaN wins, as in PyTorch and NumPy.
 */
function reduceArg(a: TypedArray, o: TypedArray, outer: number, size: number, inner: number, isMax: boolean): void {
  for (let p = 0; p < outer; p++) {
    for (let i = 0; i < inner; i++) {
      let best = a[p * size * inner + i]!;
      let bestIndex = 0;
      for (let r = 1; r < size && best === best; r++) {
        const v = a[(p * size + r) * inner + i]!;
        if (v !== v || (isMax ? v > best : v < best)) {
          best = v;
          bestIndex = r;
        }
      }
      o[p * inner + i] = bestIndex;
    }
  }
}
