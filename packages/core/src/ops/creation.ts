import type { Backend } from '../backend/backend.js';
import { getBackend } from '../backend/registry.js';
import { allocate, assertDType, dtypeOfArray, type DType, type TypedArray } from '../dtype.js';
import { describeValue, DTypeError, ShapeError, ValueError } from '../errors.js';
import { assertSizeWithinLimit, assertValidShape, formatShape, sizeOf, type Shape } from '../shape.js';
import { Tensor } from '../tensor.js';
import { assertTensor, wrap } from './primitive.js';
import { equal } from './binary.js';
import { findBadIndex } from './index-checks.js';
import { reshape } from './shape.js';
import { cast } from './unary.js';

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/** Arbitrarily nested arrays of `T` (a scalar is depth 0). */
export type NestedArray<T> = T | NestedArray<T>[];

/** Values {@link tensor} accepts: numbers, booleans, nested arrays of them, or a typed array. */
export type TensorData = NestedArray<number | boolean> | TypedArray;

/** Options shared by the creation functions. */
export interface CreationOptions {
  /** Element type; creation functions default to `float32` (or the typed array's own dtype). */
  dtype?: DType;
  /** Mark the result as a leaf that autograd tracks (float dtypes only). */
  requiresGrad?: boolean;
}

/** @internal Creates a tensor that owns `values` on the current backend. */
export function fromValues(values: TypedArray, shape: Shape, options: CreationOptions = {}, backend: Backend = getBackend()): Tensor {
  const dtype = dtypeOfArray(values);
  if (!backend.dtypes.includes(dtype)) {
    throw new DTypeError(`tensor: backend '${backend.name}' cannot store ${dtype}; it supports ${backend.dtypes.join(', ')}`);
  }
  const t = wrap(backend.upload(values, dtype, shape), shape, dtype, backend);
  if (options.requiresGrad) t.requiresGrad = true;
  return t;
}

/**
 * Converts plain numbers into the typed array of `dtype` (bool: nonzero → 1). int32 truncates
 * fractions toward zero (as PyTorch does) and refuses values outside its range, NaN and ±Infinity
 * included, where an Int32Array would wrap them silently.
 */
export function toTypedArray(values: ArrayLike<number | boolean>, dtype: DType, where: string): TypedArray {
  const out = allocate(dtype, values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (dtype === 'int32') out[i] = int32Value(Number(v), where, i);
    else out[i] = dtype === 'bool' ? (v ? 1 : 0) : Number(v);
  }
  return out;
}

/** `value` truncated toward zero, or a ValueError naming `where` when it is outside the int32 range. */
export function int32Value(value: number, where: string, index?: number): number {
  const truncated = Math.trunc(value);
  if (!(truncated >= INT32_MIN && truncated <= INT32_MAX)) {
    const at = index === undefined ? '' : ` at index ${index}`;
    throw new ValueError(`${where}: value ${value}${at} is outside the int32 range [${INT32_MIN}, ${INT32_MAX}]`);
  }
  return truncated;
}

function inferShape(data: NestedArray<number | boolean>): number[] {
  const shape: number[] = [];
  let level: NestedArray<number | boolean> = data;
  while (Array.isArray(level)) {
    shape.push(level.length);
    level = level[0] as NestedArray<number | boolean>;
  }
  return shape;
}

function flattenNested(data: NestedArray<number | boolean>, shape: Shape): (number | boolean)[] {
  const flat: (number | boolean)[] = [];
  const visit = (node: NestedArray<number | boolean>, dim: number): void => {
    if (dim === shape.length) {
      if (Array.isArray(node)) throw new ShapeError(`tensor: ragged nested array; expected shape ${formatShape(shape)}`);
      if (typeof node !== 'number' && typeof node !== 'boolean') {
        throw new DTypeError(`tensor: expected numbers or booleans, got ${describeValue(node)} at index ${flat.length}`);
      }
      flat.push(node);
      return;
    }
    if (!Array.isArray(node) || node.length !== shape[dim]) {
      throw new ShapeError(`tensor: ragged nested array: expected length ${shape[dim]} at depth ${dim} for shape ${formatShape(shape)}`);
    }
    for (const child of node) visit(child, dim + 1);
  };
  visit(data, 0);
  return flat;
}

/**
 * Creates a tensor from nested arrays, a number, or a typed array.
 *
 * The dtype is `options.dtype`, else the typed array's own, else `bool` for booleans and
 * `float32` for numbers (TensorFlow.js's rule). `shape` reshapes flat data. Into int32, fractions
 * are truncated toward zero (as PyTorch does) and values outside the int32 range (NaN and
 * ±Infinity too) raise a ValueError instead of wrapping.
 *
 * @example
 * ```ts
 * const x = tensor([[1, 2, 3], [4, 5, 6]]);             // float32 [2,3]
 * const i = tensor([0, 2], { dtype: 'int32' });
 * const w = tensor(new Float64Array(6), { shape: [2, 3], requiresGrad: true });
 * ```
 */
export function tensor(data: TensorData, options: CreationOptions & { shape?: readonly number[] } = {}): Tensor {
  if (options.dtype !== undefined) assertDType(options.dtype, 'tensor');
  let flat: ArrayLike<number | boolean>;
  let inferred: number[];
  let dtype: DType;
  if (ArrayBuffer.isView(data)) {
    flat = data;
    inferred = [data.length];
    dtype = options.dtype ?? dtypeOfArray(data);
  } else {
    inferred = inferShape(data);
    flat = flattenNested(data, inferred);
    const first = flat[0];
    dtype = options.dtype ?? (typeof first === 'boolean' ? 'bool' : 'float32');
  }
  const shape = options.shape ? [...options.shape] : inferred;
  assertValidShape(shape, 'tensor');
  if (sizeOf(shape) !== flat.length) {
    throw new ShapeError(`tensor: ${flat.length} values cannot have shape ${formatShape(shape)}`);
  }
  // A typed array of the target dtype is copied in one memcpy rather than element by element.
  const values = ArrayBuffer.isView(data) && dtypeOfArray(data) === dtype ? data.slice() : toTypedArray(flat, dtype, 'tensor');
  return fromValues(values, shape, options);
}

/** A rank-0 tensor. @example scalar(3.5) */
export function scalar(value: number | boolean, options: CreationOptions = {}): Tensor {
  return tensor(value, options);
}

/**
 * A tensor of `shape` filled with `value`. Into int32, a fraction is truncated toward zero and a
 * value outside the int32 range raises a ValueError; into bool, nonzero is true.
 * @example full([2, 2], 7) // [[7, 7], [7, 7]]
 */
export function full(shape: readonly number[], value: number | boolean, options: CreationOptions = {}): Tensor {
  if (typeof value !== 'number' && typeof value !== 'boolean') {
    throw new DTypeError(`full: value must be a number or a boolean, got ${describeValue(value)}`);
  }
  return filled(shape, value, options.dtype ?? (typeof value === 'boolean' ? 'bool' : 'float32'), options, getBackend(), 'full');
}

/** A tensor of zeros. @example zeros([2, 3]) */
export function zeros(shape: readonly number[], options: CreationOptions = {}): Tensor {
  return filled(shape, 0, options.dtype ?? 'float32', options, getBackend(), 'zeros');
}

/** A tensor of ones. @example ones([3]) */
export function ones(shape: readonly number[], options: CreationOptions = {}): Tensor {
  return filled(shape, 1, options.dtype ?? 'float32', options, getBackend(), 'ones');
}

/** Zeros with `x`'s shape, dtype (unless `options.dtype`) and backend. */
export function zerosLike(x: Tensor, options: CreationOptions = {}): Tensor {
  assertTensor(x, 'zerosLike');
  return filled(x.shape, 0, options.dtype ?? x.dtype, options, x.backend, 'zerosLike');
}

/** Ones with `x`'s shape, dtype (unless `options.dtype`) and backend. */
export function onesLike(x: Tensor, options: CreationOptions = {}): Tensor {
  assertTensor(x, 'onesLike');
  return filled(x.shape, 1, options.dtype ?? x.dtype, options, x.backend, 'onesLike');
}

/**
 * A tensor of `shape` and `dtype` on `backend` holding `value` everywhere, validated for `where`
 * and made by the backend's `fill` kernel (no host array, no upload).
 */
function filled(shape: readonly number[], value: number | boolean, dtype: DType, options: CreationOptions, backend: Backend, where: string): Tensor {
  assertValidShape(shape, where);
  assertDType(dtype, where);
  if (!backend.dtypes.includes(dtype)) {
    throw new DTypeError(`${where}: backend '${backend.name}' cannot store ${dtype}; it supports ${backend.dtypes.join(', ')}`);
  }
  const stored = dtype === 'bool' ? (value ? 1 : 0) : dtype === 'int32' ? int32Value(Number(value), where) : Number(value);
  const t = wrap(backend.fill([...shape], stored, dtype), shape, dtype, backend);
  if (options.requiresGrad) t.requiresGrad = true;
  return t;
}

/**
 * Evenly spaced values in `[start, stop)` (NumPy's arange); `arange(n)` counts `0..n-1`.
 * @example arange(0, 1, 0.25) // [0, 0.25, 0.5, 0.75]
 */
export function arange(start: number, stop?: number, step = 1, options: CreationOptions = {}): Tensor {
  const [from, to] = stop === undefined ? [0, start] : [start, stop];
  if (!Number.isFinite(from) || !Number.isFinite(to)) {
    throw new ValueError(`arange: start and stop must be finite numbers, got start=${describeValue(from)}, stop=${describeValue(to)}`);
  }
  if (step === 0 || !Number.isFinite(step)) throw new ValueError(`arange: step must be a finite non-zero number, got ${String(step)}`);
  const n = Math.max(0, Math.ceil((to - from) / step));
  assertSizeWithinLimit(n, 'arange', `[${from}, ${to}) with step ${step}`);
  const dtype = options.dtype ?? 'float32';
  assertDType(dtype, 'arange');
  if (dtype === 'int32' && n > 0) [from, from + (n - 1) * step].forEach((v) => int32Value(v, 'arange'));
  const values = allocate(dtype, n);
  for (let i = 0; i < n; i++) values[i] = from + i * step;
  return fromValues(values, [n], options);
}

/**
 * `num` evenly spaced values from `start` to `stop`, both included.
 * @example linspace(0, 1, 5) // [0, 0.25, 0.5, 0.75, 1]
 */
export function linspace(start: number, stop: number, num: number, options: CreationOptions = {}): Tensor {
  if (!Number.isInteger(num) || num < 0) throw new ValueError(`linspace: num must be a non-negative integer, got ${String(num)}`);
  assertSizeWithinLimit(num, 'linspace', `num = ${num}`);
  const values = allocate(options.dtype ?? 'float32', num);
  const step = num > 1 ? (stop - start) / (num - 1) : 0;
  for (let i = 0; i < num; i++) values[i] = i === num - 1 && num > 1 ? stop : start + i * step;
  return fromValues(values, [num], options);
}

/**
 * An `n × m` identity matrix (ones on the diagonal).
 * @example eye(3)
 */
export function eye(n: number, m = n, options: CreationOptions = {}): Tensor {
  assertValidShape([n, m], 'eye');
  const values = allocate(options.dtype ?? 'float32', n * m);
  for (let i = 0; i < Math.min(n, m); i++) values[i * m + i] = 1;
  return fromValues(values, [n, m], options);
}

/**
 * One-hot encodes integer class labels: shape `[...indices.shape, depth]`, computed on the
 * labels' backend (one comparison against `0..depth-1`, no download). Labels are validated as
 * {@link setIndexChecks} says. The course's `Y` of shape `(C, m)` is `oneHot(labels, C).transpose()`.
 * @example oneHot(tensor([0, 2], { dtype: 'int32' }), 3) // [[1,0,0],[0,0,1]]
 */
export function oneHot(indices: Tensor, depth: number, options: CreationOptions = {}): Tensor {
  if (indices.dtype !== 'int32') throw new DTypeError(`oneHot: indices must be int32, got ${indices.dtype}`);
  if (!Number.isInteger(depth) || depth <= 0) throw new ValueError(`oneHot: depth must be a positive integer, got ${depth}`);
  assertSizeWithinLimit(indices.size * depth, 'oneHot', `the result ${formatShape([...indices.shape, depth])}`);
  const bad = findBadIndex(indices.backend, indices, depth);
  if (bad !== null) throw new ValueError(`oneHot: label ${bad.value} at position ${bad.position} is outside [0, ${depth})`);
  const classes = fromValues(Int32Array.from({ length: depth }, (_, i) => i), [depth], {}, indices.backend);
  const hot = cast(equal(reshape(indices, [...indices.shape, 1]), classes), options.dtype ?? 'float32');
  if (options.requiresGrad) hot.requiresGrad = true;
  return hot;
}
