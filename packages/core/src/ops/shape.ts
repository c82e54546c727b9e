import { describeValue, DTypeError, ShapeError, ValueError } from '../errors.js';
import { assertSizeWithinLimit, assertValidShape, broadcastShapes, formatShape, normalizeAxes, normalizeAxis, shapesEqual, sizeOf, type Shape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { assertTensor, backendOf, recordPrimitive, wrap } from './primitive.js';
import { sumToShape } from './sum-to-shape.js';
import { zerosLike } from './creation.js';
import { add } from './binary.js';

/**
 * Same values, new shape; one dimension may be `-1` (inferred).
 * @example reshape(arange(6), [2, -1]) // shape [2, 3]
 */
export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  assertTensor(x, 'reshape');
  if (!Array.isArray(shape)) throw new ValueError(`reshape: shape must be an array of integers (one may be -1), got ${describeValue(shape)}`);
  const inferred = shape.indexOf(-1);
  if (inferred !== shape.lastIndexOf(-1)) throw new ShapeError(`reshape: only one dimension can be -1, got ${formatShape(shape)}`);
  const known = sizeOf(shape.filter((d) => d !== -1));
  const resolved = [...shape];
  if (inferred >= 0) {
    if (known === 0 || x.size % known !== 0) {
      throw new ShapeError(`reshape: cannot reshape ${formatShape(x.shape)} (${x.size} values) into ${formatShape(shape)}`);
    }
    resolved[inferred] = x.size / known;
  }
  assertValidShape(resolved, 'reshape');
  if (sizeOf(resolved) !== x.size) {
    throw new ShapeError(`reshape: cannot reshape ${formatShape(x.shape)} (${x.size} values) into ${formatShape(shape)}`);
  }
  if (shapesEqual(resolved, x.shape)) return x;
  const backend = backendOf([x], 'reshape');
  return recordPrimitive('reshape', [x], {}, { shape: resolved, dtype: x.dtype, backend }, () => backend.reshape(x, resolved));
}

/**
 * Merges dims `startAxis..endAxis` into one (all by default, giving a vector).
 * @example flatten(zeros([2, 3, 4]), 1) // shape [2, 12]
 */
export function flatten(x: Tensor, startAxis = 0, endAxis = -1): Tensor {
  assertTensor(x, 'flatten');
  if (x.rank === 0) return reshape(x, [1]);
  const start = normalizeAxis(startAxis, x.rank, 'flatten');
  const end = normalizeAxis(endAxis, x.rank, 'flatten');
  if (start > end) throw new ShapeError(`flatten: startAxis ${startAxis} comes after endAxis ${endAxis}`);
  const merged = sizeOf(x.shape.slice(start, end + 1));
  return reshape(x, [...x.shape.slice(0, start), merged, ...x.shape.slice(end + 1)]);
}

/** Removes size-1 dims (the given ones, or all). @example squeeze(zeros([1, 3, 1])) // shape [3] */
export function squeeze(x: Tensor, axes?: number | number[]): Tensor {
  const targets = axes === undefined ? x.shape.map((d, i) => (d === 1 ? i : -1)).filter((i) => i >= 0) : normalizeAxes(axes, x.rank, 'squeeze');
  for (const a of targets) {
    if (x.shape[a] !== 1) throw new ShapeError(`squeeze: axis ${a} of shape ${formatShape(x.shape)} has size ${x.shape[a]}, expected 1`);
  }
  return reshape(x, x.shape.filter((_, i) => !targets.includes(i)));
}

/** Inserts a size-1 dim at `axis` (negative counts from the end of the result). @example expandDims(zeros([3]), 0) // [1, 3] */
export function expandDims(x: Tensor, axis: number): Tensor {
  const a = normalizeAxis(axis, x.rank + 1, 'expandDims');
  return reshape(x, [...x.shape.slice(0, a), 1, ...x.shape.slice(a)]);
}

/**
 * Permutes dims (reverses them when `perm` is omitted, so a matrix is transposed).
 * @example transpose(zeros([2, 3, 4]), [0, 2, 1]) // shape [2, 4, 3]
 */
export function transpose(x: Tensor, perm?: readonly number[]): Tensor {
  assertTensor(x, 'transpose');
  if (perm !== undefined) assertArray(perm, 'perm', 'transpose');
  const order = perm ?? x.shape.map((_, i) => x.rank - 1 - i);
  const resolved = order.map((p) => normalizeAxis(p, x.rank, 'transpose'));
  if (order.length !== x.rank || new Set(resolved).size !== x.rank) {
    throw new ShapeError(`transpose: perm [${order.join(',')}] is not a permutation of the ${x.rank} dims of ${formatShape(x.shape)}`);
  }
  if (resolved.every((p, i) => p === i)) return x;
  const shape = resolved.map((p) => x.shape[p]!);
  const backend = backendOf([x], 'transpose');
  return recordPrimitive('transpose', [x], { perm: resolved }, { shape, dtype: x.dtype, backend }, () => backend.transpose(x, resolved));
}

/** Alias of {@link transpose} with a required permutation (PyTorch's name). */
export function permute(x: Tensor, perm: readonly number[]): Tensor {
  return transpose(x, perm);
}

/**
 * Joins tensors along an existing axis.
 * @example concat([zeros([2, 3]), ones([1, 3])], 0) // shape [3, 3]
 */
export function concat(xs: readonly Tensor[], axis = 0): Tensor {
  assertTensorList(xs, 'concat');
  const first = xs[0];
  if (first === undefined) throw new ValueError('concat: expected at least one tensor, got none');
  const a = normalizeAxis(axis, first.rank, 'concat');
  for (const t of xs) {
    if (t.dtype !== first.dtype) throw new DTypeError(`concat: tensors must share one dtype, got ${xs.map((u) => u.dtype).join(', ')}`);
    const matches = t.rank === first.rank && t.shape.every((d, i) => i === a || d === first.shape[i]);
    if (!matches) {
      throw new ShapeError(`concat: tensors must match except along axis ${a}: ${xs.map((u) => `${u.dtype}${formatShape(u.shape)}`).join(', ')}`);
    }
  }
  if (xs.length === 1) return first;
  const shape = first.shape.map((d, i) => (i === a ? xs.reduce((n, t) => n + t.shape[a]!, 0) : d));
  const backend = backendOf(xs, 'concat');
  return recordPrimitive('concat', xs, { axis: a }, { shape, dtype: first.dtype, backend }, () => backend.concat(xs, a, shape));
}

/** Joins same-shape tensors along a new axis. @example stack([zeros([3]), ones([3])]) // shape [2, 3] */
export function stack(xs: readonly Tensor[], axis = 0): Tensor {
  assertTensorList(xs, 'stack');
  const first = xs[0];
  if (first === undefined) throw new ValueError('stack: expected at least one tensor, got none');
  if (!xs.every((t) => shapesEqual(t.shape, first.shape))) {
    throw new ShapeError(`stack: all tensors must have the same shape, got ${xs.map((t) => formatShape(t.shape)).join(', ')}`);
  }
  return concat(xs.map((t) => expandDims(t, axis)), axis);
}

/**
 * Splits along `axis` into `sections` equal parts, or into parts of the given sizes.
 * @example split(arange(6), 3) // three tensors of shape [2]
 */
export function split(x: Tensor, sections: number | readonly number[], axis = 0): Tensor[] {
  assertTensor(x, 'split');
  if (typeof sections !== 'number' && !Array.isArray(sections)) {
    throw new ShapeError(`split: sections must be a number of equal parts or an array of sizes, got ${describeValue(sections)}`);
  }
  const a = normalizeAxis(axis, x.rank, 'split');
  const dim = x.shape[a]!;
  let sizes: number[];
  if (typeof sections === 'number') {
    if (!Number.isInteger(sections) || sections <= 0 || dim % sections !== 0) {
      throw new ShapeError(`split: axis ${a} of size ${dim} cannot be split into ${sections} equal parts`);
    }
    sizes = new Array<number>(sections).fill(dim / sections);
  } else {
    sizes = [...sections];
    if (sizes.reduce((s, n) => s + n, 0) !== dim || sizes.some((n) => n < 0)) {
      throw new ShapeError(`split: sizes [${sizes.join(',')}] do not add up to axis ${a} of size ${dim}`);
    }
  }
  let start = 0;
  return sizes.map((n) => {
    const begin = x.shape.map((_, i) => (i === a ? start : 0));
    const size = x.shape.map((d, i) => (i === a ? n : d));
    start += n;
    return slice(x, begin, size);
  });
}

/**
 * The block starting at `begin` with `size` (a `-1` size runs to the end of that dim).
 * @example slice(arange(10).reshape([2, 5]), [0, 1], [2, 3]) // columns 1..3 of both rows
 */
export function slice(x: Tensor, begin: readonly number[], size?: readonly number[]): Tensor {
  assertTensor(x, 'slice');
  assertArray(begin, 'begin', 'slice');
  if (size !== undefined) assertArray(size, 'size', 'slice');
  if (begin.length !== x.rank || (size !== undefined && size.length !== x.rank)) {
    throw new ShapeError(`slice: begin/size must have one entry per dim of ${formatShape(x.shape)}, got begin [${begin.join(',')}]${size ? ` size [${size.join(',')}]` : ''}`);
  }
  const resolvedSize = x.shape.map((d, i) => {
    const s = size?.[i] ?? -1;
    return s === -1 ? d - begin[i]! : s;
  });
  x.shape.forEach((d, i) => {
    const b = begin[i]!;
    const s = resolvedSize[i]!;
    if (!Number.isInteger(b) || !Number.isInteger(s) || b < 0 || s < 0 || b + s > d) {
      throw new ShapeError(`slice: begin ${b} size ${s} is outside dim ${i} of ${formatShape(x.shape)}`);
    }
  });
  if (shapesEqual(resolvedSize, x.shape)) return x;
  return stepSlice(x, [...begin], resolvedSize, resolvedSize.map(() => 1));
}

/** The slice primitive: element `i` of dim `d` is `x`'s `begin[d] + i·steps[d]` (all in range). */
function stepSlice(x: Tensor, begin: number[], size: number[], steps: number[]): Tensor {
  const backend = backendOf([x], 'slice');
  return recordPrimitive('slice', [x], { begin, size, steps }, { shape: size, dtype: x.dtype, backend }, () =>
    backend.slice(x, begin, size, steps),
  );
}

/**
 * NumPy/Python basic slicing `x[b0:e0:s0, b1:e1:s1, ...]`: per dim, the indices `b, b+s, ...`
 * stopping before `e`. Negative `begin`/`end` count from the end of the dim, out-of-range ones
 * are clamped (as in Python), `null` means "from the start"/"to the end" in the step's direction,
 * and a negative step walks backwards. Dims past the given entries are taken whole.
 *
 * Shapes: `x [d0, d1, ...]` → `[n0, n1, ...]` with `n = max(0, ceil((e - b) / s))`.
 * @example
 * ```ts
 * stridedSlice(arange(10), [1], [null], [3]);      // [1, 4, 7]
 * stridedSlice(arange(10), [-1], [null], [-2]);    // [9, 7, 5, 3, 1]
 * stridedSlice(x, [0, -2], [null, null]);          // the last two columns of a matrix
 * ```
 */
export function stridedSlice(x: Tensor, begin: readonly (number | null)[], end: readonly (number | null)[], steps?: readonly number[]): Tensor {
  const n = begin.length;
  if (end.length !== n || (steps !== undefined && steps.length !== n) || n > x.rank) {
    throw new ShapeError(
      `stridedSlice: begin, end and steps must have one entry each for at most the ${x.rank} dims of ${formatShape(x.shape)}, got begin [${begin.join(',')}] end [${end.join(',')}]${steps ? ` steps [${steps.join(',')}]` : ''}`,
    );
  }
  const b: number[] = [];
  const size: number[] = [];
  const st: number[] = [];
  x.shape.forEach((d, i) => {
    const step = i < n ? (steps?.[i] ?? 1) : 1;
    if (!Number.isInteger(step) || step === 0) throw new ValueError(`stridedSlice: step ${step} of dim ${i} must be a non-zero integer`);
    const resolve = (v: number | null | undefined, open: number): number => {
      if (v === null || v === undefined) return open;
      if (!Number.isInteger(v)) throw new ValueError(`stridedSlice: begin/end ${v} of dim ${i} must be an integer or null`);
      const w = v < 0 ? v + d : v;
      return step > 0 ? Math.min(Math.max(w, 0), d) : Math.min(Math.max(w, -1), d - 1);
    };
    const from = resolve(begin[i], step > 0 ? 0 : d - 1);
    const to = resolve(end[i], step > 0 ? d : -1);
    const count = Math.max(0, Math.ceil((to - from) / step));
    b.push(count === 0 ? 0 : from);
    size.push(count);
    st.push(step);
  });
  if (shapesEqual(size, x.shape) && st.every((v) => v === 1)) return x;
  return stepSlice(x, b, size, st);
}

/**
 * Reverses the order of elements along `axes` (PyTorch's `flip`).
 * Shapes: same as `x`.
 * @example flip(tensor([[1, 2], [3, 4]]), [1]) // [[2, 1], [4, 3]]
 */
export function flip(x: Tensor, axes: number | readonly number[]): Tensor {
  const dims = normalizeAxes(axes, x.rank, 'flip').filter((a) => x.shape[a]! > 1);
  if (dims.length === 0) return x;
  const reversed = (a: number): boolean => dims.includes(a);
  return stepSlice(
    x,
    x.shape.map((d, a) => (reversed(a) ? d - 1 : 0)),
    [...x.shape],
    x.shape.map((_, a) => (reversed(a) ? -1 : 1)),
  );
}

/**
 * Pads each dim with `[before, after]` copies of `value` (default 0).
 * @example pad(ones([2, 2]), [[1, 1], [0, 0]]) // shape [4, 2]
 */
export function pad(x: Tensor, paddings: readonly (readonly [number, number])[], value = 0): Tensor {
  assertTensor(x, 'pad');
  if (!Array.isArray(paddings) || paddings.length !== x.rank || paddings.some((p) => !Array.isArray(p) || p.length !== 2 || p.some((n) => !Number.isInteger(n) || n < 0))) {
    throw new ShapeError(`pad: expected ${x.rank} [before, after] pairs of non-negative integers for ${formatShape(x.shape)}, got ${JSON.stringify(paddings)}`);
  }
  const shape = x.shape.map((d, i) => d + paddings[i]![0] + paddings[i]![1]);
  const backend = backendOf([x], 'pad');
  const resolved = paddings.map(([a, b]) => [a, b] as const);
  return recordPrimitive('pad', [x], { paddings: resolved, value }, { shape, dtype: x.dtype, backend }, () =>
    backend.pad(x, resolved, value),
  );
}

/**
 * Broadcasts to `shape` by NumPy rules, materializing the copies.
 * @example broadcastTo(tensor([1, 2]), [3, 2])
 */
export function broadcastTo(x: Tensor, shape: readonly number[]): Tensor {
  assertTensor(x, 'broadcastTo');
  assertValidShape(shape, 'broadcastTo');
  const target = broadcastShapes(x.shape, shape, 'broadcastTo');
  if (!shapesEqual(target, shape)) {
    throw new ShapeError(`broadcastTo: cannot broadcast ${formatShape(x.shape)} to ${formatShape(shape)}`);
  }
  if (shapesEqual(x.shape, shape)) return x;
  const backend = backendOf([x], 'broadcastTo');
  return recordPrimitive('broadcastTo', [x], {}, { shape: target, dtype: x.dtype, backend }, () => backend.broadcastTo(x, target));
}

/**
 * Repeats the tensor `reps[d]` times along each dim.
 * @example tile(tensor([1, 2]), [3]) // [1, 2, 1, 2, 1, 2]
 */
export function tile(x: Tensor, reps: readonly number[]): Tensor {
  assertTensor(x, 'tile');
  if (!Array.isArray(reps) || reps.length !== x.rank || reps.some((r) => !Number.isInteger(r) || r < 0)) {
    throw new ShapeError(`tile: expected ${x.rank} non-negative integer repetitions for ${formatShape(x.shape)}, got ${Array.isArray(reps) ? `[${reps.join(',')}]` : describeValue(reps)}`);
  }
  const tiled = x.shape.map((d, i) => d * reps[i]!);
  assertSizeWithinLimit(sizeOf(tiled), 'tile', () => `the result ${formatShape(tiled)}`);
  // [d0, d1] → [1, d0, 1, d1] → broadcast [r0, d0, r1, d1] → [r0·d0, r1·d1]
  const interleaved = x.shape.flatMap((d) => [1, d]);
  const repeated = x.shape.flatMap((d, i) => [reps[i]!, d]);
  return reshape(broadcastTo(reshape(x, interleaved), repeated), tiled);
}

/** Throws a ShapeError naming `where` unless `value` is an array (of axes, offsets or sizes). */
function assertArray(value: unknown, what: string, where: string): void {
  if (!Array.isArray(value)) throw new ShapeError(`${where}: ${what} must be an array of integers, got ${describeValue(value)}`);
}

/** Throws unless `xs` is an array of tensors (ValueError for the list, DTypeError naming a bad element). */
function assertTensorList(xs: readonly Tensor[], where: string): void {
  if (!Array.isArray(xs)) throw new ValueError(`${where}: expected an array of tensors, got ${describeValue(xs)}`);
  xs.forEach((t, i) => assertTensor(t, where, `element ${i}`));
}

// ---- gradients ----

export function reshapeGrad(dy: Tensor, [x]: readonly Tensor[]): (Tensor | null)[] {
  return [reshape(dy, x!.shape)];
}

export function transposeGrad(dy: Tensor, _inputs: readonly Tensor[], _y: Tensor, attrs: { perm: readonly number[] }): (Tensor | null)[] {
  const inverse = new Array<number>(attrs.perm.length);
  attrs.perm.forEach((p, i) => (inverse[p] = i));
  return [transpose(dy, inverse)];
}

/** Spreads `t` along `axis` with `step - 1` zeros between neighbours: `[n]` → `[(n-1)·step + 1]`. */
function spread(t: Tensor, axis: number, step: number): Tensor {
  const n = t.shape[axis]!;
  const expanded = expandDims(t, axis + 1);
  const paddings = expanded.shape.map((_, i) => (i === axis + 1 ? ([0, step - 1] as const) : ([0, 0] as const)));
  const merged = reshape(pad(expanded, paddings), t.shape.map((d, i) => (i === axis ? d * step : d)));
  return slice(merged, t.shape.map(() => 0), t.shape.map((d, i) => (i === axis ? (n - 1) * step + 1 : d)));
}

export function sliceGrad(dy: Tensor, [x]: readonly Tensor[], _y: Tensor, attrs: SliceAttrs): (Tensor | null)[] {
  const { begin, size, steps } = attrs;
  if (size.some((n) => n === 0)) return [zerosLike(x!)];
  // Walk negative steps forwards (flip dy), then put zeros between strided neighbours; what is
  // left is the contiguous case, a pad.
  const backwards = steps.flatMap((s, i) => (s < 0 && size[i]! > 1 ? [i] : []));
  let g = backwards.length > 0 ? flip(dy, backwards) : dy;
  const low = begin.map((b, i) => (steps[i]! < 0 ? b + (size[i]! - 1) * steps[i]! : b));
  steps.forEach((s, i) => {
    if (Math.abs(s) > 1 && size[i]! > 1) g = spread(g, i, Math.abs(s));
  });
  return [pad(g, x!.shape.map((d, i) => [low[i]!, d - low[i]! - g.shape[i]!] as const))];
}

/** What the slice primitive records: the block of its input it read. */
export interface SliceAttrs {
  readonly begin: readonly number[];
  readonly size: readonly number[];
  readonly steps: readonly number[];
}

/** One slice's upstream gradient `dy` and the block of the input it came from. */
export interface SlicePiece {
  readonly dy: Tensor;
  readonly attrs: SliceAttrs;
}

/**
 * The summed gradient reaching `x` through several slices of it. Padding each slice's gradient to
 * `x`'s shape and adding them costs `pieces · size(x)` — quadratic for a sequence split into its
 * steps (backpropagation through time). When the slices are contiguous, non-overlapping blocks
 * along one axis (what `split` makes), one concat with zero fillers gives the same sum in
 * `size(x)`; otherwise the padded gradients are added.
 */
export function sliceGradSum(x: Tensor, pieces: readonly SlicePiece[]): Tensor {
  const live = pieces.filter((p) => p.attrs.size.every((n) => n > 0));
  const axis = tiledAxis(x.shape, live);
  if (axis < 0 || live.length < 2) {
    return pieces.map((p) => sliceGrad(p.dy, [x], p.dy, p.attrs)[0]!).reduce((sum, g) => add(sum, g));
  }
  const sorted = [...live].sort((p, q) => p.attrs.begin[axis]! - q.attrs.begin[axis]!);
  const first = sorted[0]!.dy;
  const parts: Tensor[] = [];
  const gap = (n: number): void => {
    const shape = x.shape.map((d, i) => (i === axis ? n : d));
    parts.push(wrap(first.backend.fill(shape, 0, first.dtype), shape, first.dtype, first.backend));
  };
  let cursor = 0;
  for (const { dy, attrs } of sorted) {
    const begin = attrs.begin[axis]!;
    if (begin > cursor) gap(begin - cursor);
    parts.push(dy);
    cursor = begin + attrs.size[axis]!;
  }
  if (cursor < x.shape[axis]!) gap(x.shape[axis]! - cursor);
  return concat(parts, axis);
}

/** The axis along which `pieces` are unit-step, whole in every other dim and non-overlapping; -1 if none. */
function tiledAxis(shape: Shape, pieces: readonly SlicePiece[]): number {
  if (pieces.length === 0) return -1;
  const whole = (p: SlicePiece, i: number): boolean => p.attrs.begin[i] === 0 && p.attrs.size[i] === shape[i];
  const unitSteps = pieces.every((p) => p.attrs.steps.every((s) => s === 1));
  const axis = shape.findIndex((_, a) => pieces.every((p) => shape.every((_, i) => i === a || whole(p, i))));
  if (!unitSteps || axis < 0) return -1;
  const spans = pieces.map((p) => [p.attrs.begin[axis]!, p.attrs.begin[axis]! + p.attrs.size[axis]!] as const).sort((u, v) => u[0] - v[0]);
  return spans.every((span, k) => k === 0 || span[0] >= spans[k - 1]![1]) ? axis : -1;
}

export function padGrad(dy: Tensor, [x]: readonly Tensor[], _y: Tensor, attrs: { paddings: readonly (readonly [number, number])[] }): (Tensor | null)[] {
  return [slice(dy, attrs.paddings.map(([before]) => before), x!.shape)];
}

export function concatGrad(dy: Tensor, inputs: readonly Tensor[], _y: Tensor, attrs: { axis: number }): (Tensor | null)[] {
  return split(dy, inputs.map((t) => t.shape[attrs.axis]!), attrs.axis);
}

export function broadcastToGrad(dy: Tensor, [x]: readonly Tensor[]): (Tensor | null)[] {
  return [sumToShape(dy, x!.shape as Shape)];
}
