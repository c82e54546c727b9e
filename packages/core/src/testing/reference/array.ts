/**
 * The array type of the float64 reference implementation and the few index helpers it needs.
 *
 * Everything here is deliberately naive: values live in a flat row-major `Float64Array`, and every
 * op walks output coordinates one element at a time. Nothing is shared with the ts backend.
 */
import type { DType } from '@dlkit/core';

/**
 * A dense row-major array of the reference implementation. Values are always held as float64;
 * `dtype` is the dtype the op's result has in dlkit (so the oracle also checks promotion rules).
 */
export interface NdArray {
  /** Dimensions, outermost first. */
  readonly shape: readonly number[];
  /** Row-major values. */
  readonly data: Float64Array;
  /** The dtype dlkit gives this value. */
  readonly dtype: DType;
}

/**
 * Builds an {@link NdArray}, converting each value to `dtype` (float32 rounding, int32
 * truncation, bool 0/1) so that the reference sees exactly what a backend stores.
 * @example nd([2, 2], [1, 2, 3, 4], 'float32')
 */
export function nd(shape: readonly number[], values: ArrayLike<number>, dtype: DType = 'float64'): NdArray {
  const size = shapeSize(shape);
  if (values.length !== size) throw new Error(`reference: ${values.length} values cannot fill shape [${shape.join(',')}]`);
  const data = new Float64Array(size);
  for (let i = 0; i < size; i++) data[i] = toDType(values[i]!, dtype);
  return { shape: [...shape], data, dtype };
}

/** Number of elements of `shape` (1 for a scalar). */
export function shapeSize(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Row-major strides of `shape`. */
export function stridesOf(shape: readonly number[]): number[] {
  const strides: number[] = [];
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i]!;
  }
  return strides;
}

/** The coordinates of flat index `flat` in `shape`. */
export function coordsOf(flat: number, shape: readonly number[]): number[] {
  const coords = new Array<number>(shape.length).fill(0);
  let rest = flat;
  for (let d = shape.length - 1; d >= 0; d--) {
    const n = shape[d]!;
    coords[d] = rest % n;
    rest = Math.floor(rest / n);
  }
  return coords;
}

/** The flat index of `coords` in `shape`. */
export function flatIndex(coords: readonly number[], shape: readonly number[]): number {
  let flat = 0;
  for (let d = 0; d < shape.length; d++) flat = flat * shape[d]! + coords[d]!;
  return flat;
}

/** Converts one value to what a tensor of `dtype` would store. */
export function toDType(value: number, dtype: DType): number {
  switch (dtype) {
    case 'float64':
      return value;
    case 'float32':
      return Math.fround(value);
    case 'int32':
      return Number.isNaN(value) ? 0 : Math.trunc(value) | 0;
    case 'bool':
      return value !== 0 ? 1 : 0;
  }
}

const ORDER: readonly DType[] = ['bool', 'int32', 'float32', 'float64'];

/** The dtype two operands are computed in: the later of the two in bool < int32 < float32 < float64. */
export function promote(a: DType, b: DType): DType {
  return ORDER.indexOf(a) >= ORDER.indexOf(b) ? a : b;
}

/** Whether `dtype` is float32 or float64. */
export function isFloatDType(dtype: DType): boolean {
  return dtype === 'float32' || dtype === 'float64';
}

/** The int32 range a float → int32 cast saturates to. */
const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/**
 * A copy of `x` converted to `dtype`. Float → int32 truncates toward zero and saturates at the
 * int32 range, NaN giving 0 (dlkit's documented cast; PyTorch leaves it undefined).
 */
export function castArray(x: NdArray, dtype: DType): NdArray {
  if (dtype !== 'int32' || !isFloatDType(x.dtype)) return nd(x.shape, x.data, dtype);
  const saturated = Array.from(x.data, (v) => (Number.isNaN(v) ? 0 : Math.min(Math.max(Math.trunc(v), INT32_MIN), INT32_MAX)));
  return nd(x.shape, saturated, dtype);
}

/** The NumPy broadcast of several shapes (throws on incompatible dims). */
export function broadcastShapes(...shapes: (readonly number[])[]): number[] {
  const rank = Math.max(0, ...shapes.map((s) => s.length));
  const out: number[] = [];
  for (let i = 0; i < rank; i++) {
    let dim = 1;
    for (const s of shapes) {
      const d = s[s.length - rank + i] ?? 1;
      if (d === 1) continue;
      if (dim !== 1 && dim !== d) throw new Error(`reference: shapes cannot be broadcast: ${shapes.map((x) => `[${x.join(',')}]`).join(' ')}`);
      dim = d;
    }
    out.push(dim);
  }
  return out;
}

/** The value of `x` at output coordinates `coords` of a broadcast result (right-aligned, size-1 dims repeat). */
export function valueAt(x: NdArray, coords: readonly number[]): number {
  const lead = coords.length - x.shape.length;
  let flat = 0;
  for (let d = 0; d < x.shape.length; d++) {
    const n = x.shape[d]!;
    flat = flat * n + (n === 1 ? 0 : coords[lead + d]!);
  }
  return x.data[flat]!;
}

/** A new array of `shape` whose element at each coordinate is `fill(coords)`, converted to `dtype`. */
export function build(shape: readonly number[], dtype: DType, fill: (coords: number[]) => number): NdArray {
  const size = shapeSize(shape);
  const data = new Float64Array(size);
  for (let i = 0; i < size; i++) data[i] = toDType(fill(coordsOf(i, shape)), dtype);
  return { shape: [...shape], data, dtype };
}

/** Resolves a possibly negative axis. */
export function resolveAxis(axis: number, rank: number): number {
  const a = axis < 0 ? axis + rank : axis;
  if (!Number.isInteger(a) || a < 0 || a >= Math.max(rank, 1)) throw new Error(`reference: axis ${axis} out of range for rank ${rank}`);
  return a;
}

/** Resolves an axis list (`undefined` = every axis), sorted. */
export function resolveAxes(axes: number | readonly number[] | undefined, rank: number): number[] {
  if (axes === undefined) return Array.from({ length: rank }, (_, i) => i);
  const list = typeof axes === 'number' ? [axes] : [...axes];
  return list.map((a) => resolveAxis(a, rank)).sort((a, b) => a - b);
}
