import type { BinaryOp, TensorInfo } from '../../backend/kernels.js';
import { allocate, type TypedArray } from '../../dtype.js';
import type { Shape } from '../../shape.js';
import { planRows } from './broadcast.js';

const COMPARISONS = new Set<BinaryOp>([
  'equal', 'notEqual', 'greater', 'greaterEqual', 'less', 'lessEqual', 'logicalAnd', 'logicalOr',
]);

/** Broadcast elementwise op, walked row by row (see planRows); the op switch runs once per row. */
export function binary(a: TensorInfo<TypedArray>, b: TensorInfo<TypedArray>, op: BinaryOp, outShape: Shape): TypedArray {
  const plan = planRows(outShape, [a.shape, b.shape]);
  const x = a.handle;
  const y = b.handle;
  const o = allocate(COMPARISONS.has(op) ? 'bool' : a.dtype, plan.rowCount * plan.rowLength);
  const n = plan.rowLength;
  const [sx, sy] = plan.rowSteps as [number, number];
  const [startsX, startsY] = plan.rowStarts as [Int32Array, Int32Array];
  for (let r = 0, base = 0; r < plan.rowCount; r++, base += n) {
    let p = startsX[r]!;
    let q = startsY[r]!;
    switch (op) {
      case 'add': for (let i = 0; i < n; i++, p += sx, q += sy) o[base + i] = x[p]! + y[q]!; break;
      case 'sub': for (let i = 0; i < n; i++, p += sx, q += sy) o[base + i] = x[p]! - y[q]!; break;
      case 'mul': for (let i = 0; i < n; i++, p += sx, q += sy) o[base + i] = x[p]! * y[q]!; break;
      // Float inputs only: core casts integers to float32 for true division.
      case 'div': for (let i = 0; i < n; i++, p += sx, q += sy) o[base + i] = x[p]! / y[q]!; break;
      case 'pow': for (let i = 0; i < n; i++, p += sx, q += sy) o[base + i] = Math.pow(x[p]!, y[q]!); break;
      case 'maximum':
        for (let i = 0; i < n; i++, p += sx, q += sy) { const u = x[p]!, v = y[q]!; o[base + i] = u > v || u !== u ? u : v; }
        break;
      case 'minimum':
        for (let i = 0; i < n; i++, p += sx, q += sy) { const u = x[p]!, v = y[q]!; o[base + i] = u < v || u !== u ? u : v; }
        break;
      case 'equal': for (let i = 0; i < n; i++, p += sx, q += sy) o[base + i] = x[p] === y[q] ? 1 : 0; break;
      case 'notEqual': for (let i = 0; i < n; i++, p += sx, q += sy) o[base + i] = x[p] !== y[q] ? 1 : 0; break;
      case 'greater': for (let i = 0; i < n; i++, p += sx, q += sy) o[base + i] = x[p]! > y[q]! ? 1 : 0; break;
      case 'greaterEqual': for (let i = 0; i < n; i++, p += sx, q += sy) o[base + i] = x[p]! >= y[q]! ? 1 : 0; break;
      case 'less': for (let i = 0; i < n; i++, p += sx, q += sy) o[base + i] = x[p]! < y[q]! ? 1 : 0; break;
      case 'lessEqual': for (let i = 0; i < n; i++, p += sx, q += sy) o[base + i] = x[p]! <= y[q]! ? 1 : 0; break;
      case 'logicalAnd': for (let i = 0; i < n; i++, p += sx, q += sy) o[base + i] = x[p] && y[q] ? 1 : 0; break;
      case 'logicalOr': for (let i = 0; i < n; i++, p += sx, q += sy) o[base + i] = x[p] || y[q] ? 1 : 0; break;
    }
  }
  return o;
}

export function where(
  cond: TensorInfo<TypedArray>,
  a: TensorInfo<TypedArray>,
  b: TensorInfo<TypedArray>,
  outShape: Shape,
): TypedArray {
  const plan = planRows(outShape, [cond.shape, a.shape, b.shape]);
  const c = cond.handle;
  const x = a.handle;
  const y = b.handle;
  const o = allocate(a.dtype, plan.rowCount * plan.rowLength);
  const n = plan.rowLength;
  const [sc, sx, sy] = plan.rowSteps as [number, number, number];
  for (let r = 0, base = 0; r < plan.rowCount; r++, base += n) {
    let pc = plan.rowStarts[0]![r]!;
    let px = plan.rowStarts[1]![r]!;
    let py = plan.rowStarts[2]![r]!;
    for (let i = 0; i < n; i++, pc += sc, px += sx, py += sy) o[base + i] = c[pc] ? x[px]! : y[py]!;
  }
  return o;
}
