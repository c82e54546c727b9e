import type { ReduceOp } from '../backend/kernels.js';
import { isFloat } from '../dtype.js';
import { ShapeError, ValueError } from '../errors.js';
import { formatShape, normalizeAxes, normalizeAxis } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { assertTensor, backendOf, recordPrimitive, wrap } from './primitive.js';
import { abs, cast, exp, log, sqrt, square } from './unary.js';
import { add, div, equal, mul, sub, where } from './binary.js';
import { broadcastTo, pad, reshape, slice, transpose } from './shape.js';
import { onesLike } from './creation.js';

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
  // The mean of nothing is NaN; adding it (rather than dividing by 0) keeps every derivative finite.
  if (count === 0) return add(sum(input, resolved, keepDims), NaN);
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
  // log Σ over nothing is -Infinity; adding it (rather than taking log 0) keeps every derivative finite.
  if (resolved.some((a) => x.shape[a] === 0)) return add(sum(x, resolved, keepDims), -Infinity);
  const shift = max(x, resolved, true).detach();
  const safeShift = where(equal(abs(shift), Infinity), 0, shift);
  const result = add(log(sum(exp(sub(x, safeShift)), resolved, true)), safeShift);
  return keepDims ? result : reshape(result, x.shape.filter((_, i) => !resolved.includes(i)));
}

/** Options of {@link variance} and {@link std}. */
export interface VarianceOptions {
  /** Subtracted from the count in the denominator: 0 (default) is the population variance `1/m Σ(x-μ)²` the course uses; 1 is Bessel's correction. */
  correction?: number;
  /** Keep the reduced axes as size 1 (default false). */
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

/** Options of {@link moments}. */
export interface MomentsOptions {
  /** Subtracted from the count in the variance's denominator (default 0, the population variance). */
  correction?: number;
  /** Keep the reduced axes as size 1 (default false). */
  keepDims?: boolean;
}

/**
 * Mean and variance over `axes` in one pass each (TensorFlow's `tf.nn.moments`): the mean is
 * computed once and the variance from the same centred values, with no transposes — batch
 * normalization's training statistics are `moments(x, [0, 1, 2])` for NHWC `x`.
 * @example const { mean, variance } = moments(tensor([[1, 2], [3, 6]]), 0) // mean [2, 4], variance [1, 4]
 */
export function moments(x: Tensor, axes?: Axes, options: MomentsOptions = {}): {
  /** Mean over `axes` (reduced shape, or size-1 axes with `keepDims`). */
  mean: Tensor;
  /** Variance over `axes`, same shape as `mean`. */
  variance: Tensor;
} {
  const resolved = normalizeAxes(axes, x.rank, 'moments');
  const count = resolved.reduce((n, a) => n * x.shape[a]!, 1);
  const correction = options.correction ?? 0;
  if (count - correction <= 0) {
    throw new ValueError(`moments: ${count} values with correction ${correction} leave no degrees of freedom`);
  }
  const keepDims = options.keepDims ?? false;
  const mu = mean(x, resolved, true);
  const sigma2 = div(sum(square(sub(x, mu)), resolved, keepDims), count - correction);
  return { mean: keepDims ? mu : reshape(mu, x.shape.filter((_, i) => !resolved.includes(i))), variance: sigma2 };
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
    case 'prod': return [mul(spread(dy), productOfOthers(input, attrs.axes))];
    case 'max':
    case 'min': {
      const hits = cast(equal(input, spread(y)), input.dtype);
      const count = sum(hits, attrs.axes as number[], true);
      return [mul(spread(dy), div(hits, count))];
    }
    default: return [null];
  }
}

/**
 * `Π_{j≠i} xⱼ` over the reduced `axes`, for every element `i`: an exclusive prefix product times
 * an exclusive suffix product along the reduced values. No division, so zeros need no special
 * case, and the result is exact and differentiable again (double backward of prod).
 */
function productOfOthers(x: Tensor, axes: readonly number[]): Tensor {
  const n = axes.reduce((m, a) => m * x.shape[a]!, 1);
  if (n <= 1) return onesLike(x);
  const kept = x.shape.map((_, i) => i).filter((i) => !axes.includes(i));
  const perm = [...kept, ...axes];
  const moved = transpose(x, perm);
  const rows = reshape(moved, [...kept.map((i) => x.shape[i]!), n]);
  const others = reshape(mul(exclusiveProduct(rows, false), exclusiveProduct(rows, true)), moved.shape);
  const inverse = new Array<number>(perm.length);
  perm.forEach((p, i) => (inverse[p] = i));
  return transpose(others, inverse);
}

/**
 * Running product along the last axis that excludes each element itself, from the start (or
 * from the end): a shift by one, then a log-depth (Hillis–Steele) scan of shifted products.
 */
function exclusiveProduct(rows: Tensor, fromEnd: boolean): Tensor {
  const n = rows.shape[rows.rank - 1]!;
  const lead = rows.shape.slice(0, -1);
  // Values moved k places in the scan's direction, ones shifted in.
  const shift = (t: Tensor, k: number): Tensor =>
    pad(slice(t, [...lead.map(() => 0), fromEnd ? k : 0], [...lead, n - k]), [...lead.map(() => [0, 0] as const), fromEnd ? [0, k] : [k, 0]], 1);
  let scan = shift(rows, 1);
  for (let k = 1; k < n; k *= 2) scan = mul(scan, shift(scan, k));
  return scan;
}
