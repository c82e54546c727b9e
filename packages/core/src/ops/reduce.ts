import type { ReduceOp } from '../backend/kernels.js';
import { isFloat } from '../dtype.js';
import { ShapeError, ValueError } from '../errors.js';
import { formatShape, normalizeAxes, normalizeAxis } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { assertTensor, backendOf, recordPrimitive, wrap } from './primitive.js';
import { abs, cast, exp, log, sqrt, square } from './unary.js';
import { add, div, equal, mul, sub, where } from './binary.js';
import { broadcastTo, reshape } from './shape.js';

/** Axes to reduce: one axis, a list, or all when omitted. */
export type Axes = number | readonly number[];

function keptShape(shape: readonly number[], axes: readonly number[]): number[] {
  return shape.map((d, i) => (axes.includes(i) ? 1 : d));
}

function reduceOp(x: Tensor, op: 'sum' | 'prod' | 'max' | 'min', axesArg: Axes | undefined, keepDims: boolean): Tensor {
  assertTensor(x, op);
  const axes = normalizeAxes(axesArg, x.rank, op);
  if ((op === 'max' || op === 'min') && axes.some((a) => x.shape[a] === 0)) {
    throw new ShapeError(`${op}: cannot reduce an empty axis of shape ${formatShape(x.shape)}`);
  }
  const dtype = x.dtype === 'bool' && (op === 'sum' || op === 'prod') ? 'int32' : x.dtype;
  if (axes.length === 0) return cast(x, dtype);
  const outShape = x.shape.filter((_, i) => !axes.includes(i));
  const backend = backendOf([x], op);
  const reduced = recordPrimitive('reduce', [x], { op, axes }, { shape: outShape, dtype, backend }, () =>
    backend.reduce(x, op, axes, outShape),
  );
  return keepDims ? reshape(reduced, keptShape(x.shape, axes)) : reduced;
}

/**
 * Sum over `axes` (all when omitted); `keepDims` keeps reduced axes as size 1.
 * @example sum(tensor([[1, 2], [3, 4]]), 0) // [4, 6]
 */
export function sum(x: Tensor, axes?: Axes, keepDims = false): Tensor { return reduceOp(x, 'sum', axes, keepDims); }
/** Product over `axes`. */
export function prod(x: Tensor, axes?: Axes, keepDims = false): Tensor { return reduceOp(x, 'prod', axes, keepDims); }
/** Maximum over `axes` (ties share the gradient evenly). */
export function max(x: Tensor, axes?: Axes, keepDims = false): Tensor { return reduceOp(x, 'max', axes, keepDims); }
/** Minimum over `axes` (ties share the gradient evenly). */
export function min(x: Tensor, axes?: Axes, keepDims = false): Tensor { return reduceOp(x, 'min', axes, keepDims); }

/**
 * Mean over `axes` (integers are averaged as float32).
 * @example mean(tensor([[1, 2], [3, 4]]), 1) // [1.5, 3.5]
 */
export function mean(x: Tensor, axes?: Axes, keepDims = false): Tensor {
  assertTensor(x, 'mean');
  const resolved = normalizeAxes(axes, x.rank, 'mean');
  const count = resolved.reduce((n, a) => n * x.shape[a]!, 1);
  const input = isFloat(x.dtype) ? x : cast(x, 'float32');
  return div(sum(input, resolved, keepDims), count);
}

function argReduce(x: Tensor, op: 'argMax' | 'argMin', axisArg: number): Tensor {
  assertTensor(x, op);
  const axis = normalizeAxis(axisArg, x.rank, op);
  if (x.shape[axis] === 0) throw new ShapeError(`${op}: cannot reduce an empty axis of shape ${formatShape(x.shape)}`);
  const outShape = x.shape.filter((_, i) => i !== axis);
  const backend = backendOf([x], op);
  return wrap(backend.reduce(x, op, [axis], outShape), outShape, 'int32', backend);
}

/** Index of the (first) maximum along `axis` → int32. @example argMax(tensor([[1, 9, 3]]), 1) // [1] */
export function argMax(x: Tensor, axis = -1): Tensor { return argReduce(x, 'argMax', axis); }
/** Index of the (first) minimum along `axis` → int32. */
export function argMin(x: Tensor, axis = -1): Tensor { return argReduce(x, 'argMin', axis); }

/**
 * `log Σ exp(x)` over `axes`, computed stably by shifting by the maximum.
 * @example logSumExp(tensor([1000, 1000])) // 1000.6931
 */
export function logSumExp(x: Tensor, axes?: Axes, keepDims = false): Tensor {
  assertTensor(x, 'logSumExp');
  const resolved = normalizeAxes(axes, x.rank, 'logSumExp');
  // An empty reduction has no maximum: shift by 0 (its Σexp is 0, so the result is -Infinity).
  const shift = (resolved.some((a) => x.shape[a] === 0) ? sum(x, resolved, true) : max(x, resolved, true)).detach();
  const safeShift = where(equal(abs(shift), Infinity), 0, shift);
  const result = add(log(sum(exp(sub(x, safeShift)), resolved, true)), safeShift);
  return keepDims ? result : reshape(result, x.shape.filter((_, i) => !resolved.includes(i)));
}

/** Options of {@link variance} and {@link std}. */
export interface VarianceOptions {
  /** Subtracted from the count in the denominator: 0 (default) is the population variance `1/m Σ(x-μ)²` the course uses; 1 is Bessel's correction. */
  correction?: number;
  keepDims?: boolean;
}

/**
 * Variance over `axes`: `Σ(x - μ)² / (m - correction)`.
 * @example variance(tensor([1, 2, 3, 4])) // 1.25
 */
export function variance(x: Tensor, axes?: Axes, options: VarianceOptions = {}): Tensor {
  return varianceOf(x, axes, options, 'variance');
}

function varianceOf(x: Tensor, axes: Axes | undefined, options: VarianceOptions, name: string): Tensor {
  const resolved = normalizeAxes(axes, x.rank, name);
  const count = resolved.reduce((n, a) => n * x.shape[a]!, 1);
  const correction = options.correction ?? 0;
  if (count - correction <= 0) {
    throw new ValueError(`${name}: ${count} values with correction ${correction} leave no degrees of freedom`);
  }
  const centered = sub(x, mean(x, resolved, true));
  return div(sum(square(centered), resolved, options.keepDims ?? false), count - correction);
}

/** Standard deviation: `√variance` (see {@link variance} for `correction`). */
export function std(x: Tensor, axes?: Axes, options: VarianceOptions = {}): Tensor {
  return sqrt(varianceOf(x, axes, options, 'std'));
}

/**
 * Vector p-norm over `axes` (all by default): `p = 2` (Euclidean / Frobenius), `1`, or `Infinity`.
 * @example norm(tensor([3, 4])) // 5
 */
export function norm(x: Tensor, p: 1 | 2 | typeof Infinity = 2, axesArg?: Axes, keepDims = false): Tensor {
  const axes = normalizeAxes(axesArg, x.rank, 'norm');
  if (p === 1) return sum(abs(x), axes, keepDims);
  if (p === Infinity) return max(abs(x), axes, keepDims);
  if (p === 2) return sqrt(sum(square(x), axes, keepDims));
  throw new ValueError(`norm: p must be 1, 2 or Infinity, got ${String(p)}`);
}

// ---- gradients ----

export function reduceGrad(dy: Tensor, [x]: readonly Tensor[], y: Tensor, attrs: { op: ReduceOp; axes: readonly number[] }): (Tensor | null)[] {
  const input = x!;
  const kept = keptShape(input.shape, attrs.axes);
  const spread = (t: Tensor): Tensor => broadcastTo(reshape(t, kept), input.shape);
  switch (attrs.op) {
    case 'sum': return [spread(dy)];
    case 'prod': {
      // ∂/∂xᵢ Πx = Π_{j≠i} xⱼ: y/xᵢ without zeros; with one zero only that position is nonzero.
      const isZero = equal(input, 0);
      const zeros = sum(cast(isZero, 'int32'), attrs.axes as number[], true);
      const othersAtZero = prod(where(isZero, 1, input), attrs.axes as number[], true);
      const withoutZeros = div(spread(y), where(isZero, 1, input));
      const withOneZero = where(isZero, broadcastTo(othersAtZero, input.shape), 0);
      const local = where(equal(zeros, 0), withoutZeros, where(equal(zeros, 1), withOneZero, 0));
      return [mul(spread(dy), local)];
    }
    case 'max':
    case 'min': {
      const hits = cast(equal(input, spread(y)), input.dtype);
      const count = sum(hits, attrs.axes as number[], true);
      return [mul(spread(dy), div(hits, count))];
    }
    default: return [null];
  }
}
