import * as tf from '@tensorflow/tfjs-core';
import { resizeKernels } from './kernels/resize.js';
import type {
  Backend, BinaryOp, Conv2dAttrs, DType, Padding2d, Pool2dAttrs, ReduceOp, Shape, TensorInfo, TypedArray, UnaryOp,
} from '@dlkit/core';

/** The storage handle of the adapter: one TensorFlow.js tensor per dlkit tensor, never shared. */
export type TfHandle = tf.Tensor;
type Info = TensorInfo<TfHandle>;
type ExplicitPadding = [[number, number], [number, number], [number, number], [number, number]];
type Rank4 = tf.Tensor4D;

/** What the kernels need to know about the engine they run on. */
export interface KernelContext {
  /** dlkit's name for the backend, e.g. `'tfjs-wasm'`. */
  readonly name: string;
  /** TensorFlow.js's backend name (`'wasm'`, `'cpu'`, `'tensorflow'`). */
  readonly tfName: string;
  /** Whether `dataSync()` may return the engine's own storage (the cpu engine does), so downloads must copy. */
  readonly copyOnDownload: boolean;
  /**
   * Whether the engine's kernels are known to match core's semantics where TensorFlow.js engines
   * differ: NaN-propagating `maximum`/`minimum`, int32 `clipByValue` and `matMul`, and `MaxPoolGrad`
   * routing to the first maximum of each window. True for the cpu engine.
   */
  readonly exactKernels: boolean;
  /** Whether `tf.matMul` is fast only for untransposed 2-D operands (the wasm engine's XNNPACK path). */
  readonly xnnpackMatMul: boolean;
  /**
   * Whether conv2d's input gradient is computed with a forward convolution (the wasm engine: its
   * forward convolution is XNNPACK, its transposed convolution a naive loop).
   */
  readonly composeConvBackpropInput: boolean;
  /**
   * Whether conv2d's filter gradient is computed with a forward convolution (the wasm engine, which
   * has no kernel for it, and the cpu engine, whose kernel is some 50 times slower).
   */
  readonly composeConvBackpropFilter: boolean;
}

const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

/**
 * Builds the dlkit kernels of one TensorFlow.js engine. Each kernel is the TensorFlow.js op it
 * wraps; the few kernels TensorFlow.js lacks (or implements with other semantics) are composed of
 * TensorFlow.js ops inside `tf.tidy`, so no intermediate outlives the call.
 */
export function createKernels(ctx: KernelContext): Backend<TfHandle> {
  const engine = tf.engine();
  const { tfName } = ctx;
  const has = (kernel: string): boolean => tf.getKernel(kernel, tfName) !== undefined;
  const native = {
    conv2dBackpropFilter: has('Conv2DBackpropFilter'),
    depthwiseBackpropInput: has('DepthwiseConv2dNativeBackpropInput'),
    depthwiseBackpropFilter: has('DepthwiseConv2dNativeBackpropFilter'),
  };

  /**
   * Makes this engine TensorFlow.js's active backend. Switching is synchronous once a backend is
   * initialized (the factory initialized it), so this is one string comparison on the hot path.
   */
  const activate = (): void => {
    if (engine.backendName !== tfName) void tf.setBackend(tfName);
  };

  // Handles made by `upload` without a shape (callers other than core) are 1-D; kernels view every
  // input at the shape dlkit gives it. Views made for one call are released when it returns.
  const temps: tf.Tensor[] = [];
  const arg = (x: Info): tf.Tensor => {
    const h = x.handle;
    const have = h.shape;
    const want = x.shape;
    if (have.length === want.length) {
      let same = true;
      for (let i = 0; i < want.length; i++) if (have[i] !== want[i]) { same = false; break; }
      if (same) return h;
    }
    const view = tf.reshape(h, want as number[]);
    temps.push(view);
    return view;
  };
  const done = <T extends tf.Tensor>(result: T): T => {
    if (temps.length > 0) for (const t of temps.splice(0)) if (t !== result) t.dispose();
    return result;
  };

  const sizeOf = (shape: readonly number[]): number => {
    let n = 1;
    for (const d of shape) n *= d;
    return n;
  };

  /**
   * Size-0 results are made here, never by the engine: engines disagree on empty tensors (the wasm
   * engine's kernels can even write out of bounds), and an empty result needs no computation.
   */
  const empty = (shape: readonly number[], dtype: DType): tf.Tensor => tf.zeros(shape as number[], dtype as tf.DataType);
  const COMPARISONS: ReadonlySet<BinaryOp> = new Set<BinaryOp>(['equal', 'notEqual', 'greater', 'greaterEqual', 'less', 'lessEqual', 'logicalAnd', 'logicalOr']);

  const explicitPads = (p: Padding2d): ExplicitPadding | 'valid' =>
    p.top === 0 && p.bottom === 0 && p.left === 0 && p.right === 0
      ? 'valid'
      : [[0, 0], [p.top, p.bottom], [p.left, p.right], [0, 0]];

  // ---- elementwise ----

  const unary = (x: Info, op: UnaryOp, alpha: number): tf.Tensor => {
    activate();
    if (sizeOf(x.shape) === 0) return empty(x.shape, op === 'logicalNot' ? 'bool' : x.dtype);
    const a = arg(x);
    const integer = x.dtype === 'int32';
    let r: tf.Tensor;
    switch (op) {
      case 'neg': r = tf.neg(a); break;
      case 'abs': r = tf.abs(a); break;
      case 'exp': r = tf.exp(a); break;
      case 'log': r = tf.log(a); break;
      case 'log1p': r = tf.log1p(a); break;
      case 'sqrt': r = tf.sqrt(a); break;
      case 'rsqrt': r = tf.rsqrt(a); break;
      case 'square': r = tf.square(a); break;
      case 'reciprocal': r = tf.reciprocal(a); break;
      case 'sin': r = tf.sin(a); break;
      case 'cos': r = tf.cos(a); break;
      case 'tanh': r = tf.tanh(a); break;
      case 'sigmoid': r = tf.sigmoid(a); break;
      case 'relu': r = tf.relu(a); break;
      case 'relu6': r = tf.relu6(a); break;
      case 'leakyRelu': r = tf.leakyRelu(a, alpha); break;
      case 'elu':
        // TensorFlow.js's elu has alpha 1; other alphas scale its negative branch.
        r = alpha === 1 ? tf.elu(a) : tf.tidy(() => tf.where(tf.greater(a, 0), a, tf.mul(tf.elu(a), alpha)));
        break;
      case 'selu': r = tf.selu(a); break;
      case 'erf': r = tf.erf(a); break;
      case 'gelu': r = tf.tidy(() => tf.mul(tf.mul(a, 0.5), tf.add(tf.erf(tf.mul(a, Math.SQRT1_2)), 1))); break;
      case 'geluTanh':
        r = tf.tidy(() => {
          const inner = tf.mul(tf.add(a, tf.mul(tf.mul(tf.square(a), a), 0.044715)), SQRT_2_OVER_PI);
          return tf.mul(tf.mul(a, 0.5), tf.add(tf.tanh(inner), 1));
        });
        break;
      case 'softplus': r = tf.softplus(a); break;
      // TensorFlow.js's sign(NaN) is 0; core's is NaN.
      case 'sign': r = integer ? tf.sign(a) : tf.tidy(() => tf.where(tf.isNaN(a), a, tf.sign(a))); break;
      case 'floor': r = integer ? tf.clone(a) : tf.floor(a); break;
      case 'ceil': r = integer ? tf.clone(a) : tf.ceil(a); break;
      case 'round': r = integer ? tf.clone(a) : tf.round(a); break;
      case 'logicalNot': r = tf.logicalNot(x.dtype === 'bool' ? a : tf.cast(a, 'bool')); break;
    }
    return done(r);
  };

  const int32Bound = (v: number): number => Math.max(-2147483648, Math.min(2147483647, Math.trunc(v)));

  const clip = (x: Info, min: number, max: number): tf.Tensor => {
    activate();
    if (sizeOf(x.shape) === 0) return empty(x.shape, x.dtype);
    const a = arg(x);
    if (x.dtype === 'float32') return done(tf.clipByValue(a, min, max));
    // Integers: clamping to the truncated bounds is what clamping then truncating gives.
    return done(tf.tidy(() => tf.minimum(tf.maximum(a, tf.scalar(int32Bound(min), x.dtype as tf.DataType)), tf.scalar(int32Bound(max), x.dtype as tf.DataType))));
  };

  /** maximum/minimum with NaN propagating from either side, for engines whose kernels drop NaN. */
  const nanMinMax = (x: tf.Tensor, y: tf.Tensor, op: typeof tf.maximum): tf.Tensor =>
    tf.tidy(() => tf.where(tf.logicalOr(tf.isNaN(x), tf.isNaN(y)), tf.add(x, y), op(x, y)));

  const binary = (a: Info, b: Info, op: BinaryOp, outShape: Shape): tf.Tensor => {
    activate();
    if (sizeOf(outShape) === 0) return empty(outShape, COMPARISONS.has(op) ? 'bool' : a.dtype);
    const x = arg(a);
    const y = arg(b);
    let r: tf.Tensor;
    switch (op) {
      case 'add': r = tf.add(x, y); break;
      case 'sub': r = tf.sub(x, y); break;
      case 'mul': r = tf.mul(x, y); break;
      // Integer division floors (TensorFlow's floorDiv); float division is true division.
      case 'div': r = a.dtype === 'float32' ? tf.div(x, y) : tf.floorDiv(x, y); break;
      case 'pow': r = tf.pow(x, y); break;
      case 'maximum': r = ctx.exactKernels || a.dtype !== 'float32' ? tf.maximum(x, y) : nanMinMax(x, y, tf.maximum); break;
      case 'minimum': r = ctx.exactKernels || a.dtype !== 'float32' ? tf.minimum(x, y) : nanMinMax(x, y, tf.minimum); break;
      case 'equal': r = tf.equal(x, y); break;
      case 'notEqual': r = tf.notEqual(x, y); break;
      case 'greater': r = tf.greater(x, y); break;
      case 'greaterEqual': r = tf.greaterEqual(x, y); break;
      case 'less': r = tf.less(x, y); break;
      case 'lessEqual': r = tf.lessEqual(x, y); break;
      case 'logicalAnd': r = tf.logicalAnd(x, y); break;
      case 'logicalOr': r = tf.logicalOr(x, y); break;
    }
    return done(r);
  };

  const where = (cond: Info, a: Info, b: Info, outShape: Shape): tf.Tensor => {
    activate();
    if (sizeOf(outShape) === 0) return empty(outShape, a.dtype);
    return done(tf.where(arg(cond), arg(a), arg(b)));
  };

  const cast = (x: Info, dtype: DType): tf.Tensor => {
    activate();
    if (sizeOf(x.shape) === 0) return empty(x.shape, dtype);
    const a = arg(x);
    // Nonzero (NaN included) is true; the wasm engine's cast to bool does not give 0/1.
    if (dtype === 'bool') return done(tf.notEqual(a, tf.scalar(0, x.dtype as tf.DataType)));
    return done(tf.cast(a, dtype as tf.DataType));
  };

  // ---- reductions and matmul ----

  const reduce = (x: Info, op: ReduceOp, axes: readonly number[], outShape: Shape): tf.Tensor => {
    activate();
    const a = arg(x);
    if (a.size === 0) {
      // Empty input: every output is the op's identity (engines disagree on empty reductions).
      const dtype = op === 'argMax' || op === 'argMin' || (x.dtype === 'bool' && (op === 'sum' || op === 'prod')) ? 'int32' : x.dtype;
      const identity = op === 'prod' ? 1 : op === 'max' ? -Infinity : op === 'min' ? Infinity : 0;
      return done(tf.fill(outShape as number[], identity, dtype as tf.DataType));
    }
    const dims = axes as number[];
    let r: tf.Tensor;
    switch (op) {
      case 'sum': r = tf.sum(a, dims); break;
      case 'prod': r = tf.prod(a, dims); break;
      case 'max': r = tf.max(a, dims); break;
      case 'min': r = tf.min(a, dims); break;
      case 'argMax': r = tf.argMax(a, dims[0]); break;
      case 'argMin': r = tf.argMin(a, dims[0]); break;
    }
    return done(r);
  };

  /**
   * TensorFlow.js multiplies batches pairwise after flattening the batch dims, so it broadcasts
   * only a batch of one: an operand whose batch dims differ from the output's (and are not all 1)
   * is broadcast first.
   */
  const batchView = (t: tf.Tensor, outBatch: readonly number[]): tf.Tensor => {
    const batch = t.shape.slice(0, -2);
    if (sizeOf(batch) === 1) return t;
    const lead = outBatch.length - batch.length;
    if (lead === 0 && batch.every((d, i) => d === outBatch[i])) return t;
    if (batch.every((d, i) => d === outBatch[lead + i]) && sizeOf(outBatch.slice(0, lead)) === 1) return t;
    return tf.broadcastTo(t, [...outBatch, ...t.shape.slice(-2)]);
  };

  const swapLast = (t: tf.Tensor): tf.Tensor => {
    const perm = t.shape.map((_, i) => i);
    perm[t.rank - 2] = t.rank - 1;
    perm[t.rank - 1] = t.rank - 2;
    return tf.transpose(t, perm);
  };

  /**
   * The wasm engine multiplies with XNNPACK only for one untransposed pair of matrices and falls
   * back to a naive loop otherwise (an order of magnitude slower). So transposed operands are
   * transposed explicitly (linear work), and a batch of matrices times one matrix is one tall
   * matrix product.
   */
  const xnnpackMatMul = (x: tf.Tensor, y: tf.Tensor, transposeA: boolean, transposeB: boolean, outShape: Shape): tf.Tensor => {
    const left = transposeA ? swapLast(x) : x;
    const right = transposeB ? swapLast(y) : y;
    const rightBatch = sizeOf(right.shape.slice(0, -2));
    const leftBatch = sizeOf(left.shape.slice(0, -2));
    if (rightBatch === 1 && leftBatch === 1 && left.rank === 2 && right.rank === 2) return tf.matMul(left, right);
    if (rightBatch === 1) {
      const k = left.shape[left.rank - 1]!;
      const flat = tf.matMul(tf.reshape(left, [-1, k]), tf.reshape(right, right.shape.slice(-2) as [number, number]));
      return tf.reshape(flat, outShape as number[]);
    }
    // Batches on both sides stay with the engine's loop: one XNNPACK operator per matrix costs more.
    return tf.matMul(batchView(left, outShape.slice(0, -2)), batchView(right, outShape.slice(0, -2)));
  };

  const matmul = (a: Info, b: Info, transposeA: boolean, transposeB: boolean, outShape: Shape): tf.Tensor => {
    activate();
    const x = arg(a);
    const y = arg(b);
    const outBatch = outShape.slice(0, -2);
    // Empty results, and products over an empty inner dim (all zeros), are made here.
    if (sizeOf(outShape) === 0 || x.size === 0 || y.size === 0) return done(empty(outShape, a.dtype));
    if (ctx.xnnpackMatMul && a.dtype === 'float32' && (transposeA || transposeB || a.shape.length > 2 || b.shape.length > 2)) {
      return done(tf.tidy(() => xnnpackMatMul(x, y, transposeA, transposeB, outShape)));
    }
    if (a.shape.length === 2 && b.shape.length === 2 && (a.dtype === 'float32' || ctx.exactKernels)) {
      return done(tf.matMul(x, y, transposeA, transposeB));
    }
    return done(
      tf.tidy(() => {
        const integer = a.dtype !== 'float32' && !ctx.exactKernels;
        const left = batchView(integer ? tf.cast(x, 'float32') : x, outBatch);
        const right = batchView(integer ? tf.cast(y, 'float32') : y, outBatch);
        const product = tf.matMul(left, right, transposeA, transposeB);
        return integer ? tf.cast(product, 'int32') : product;
      }),
    );
  };

  // ---- layout ----

  const reshape = (x: Info, shape: Shape): tf.Tensor => {
    activate();
    if (sizeOf(shape) === 0) return empty(shape, x.dtype);
    return done(tf.reshape(arg(x), shape as number[]));
  };

  const transpose = (x: Info, perm: readonly number[]): tf.Tensor => {
    activate();
    if (sizeOf(x.shape) === 0) return empty(perm.map((p) => x.shape[p]!), x.dtype);
    return done(tf.transpose(arg(x), perm as number[]));
  };

  const slice = (x: Info, begin: readonly number[], size: readonly number[]): tf.Tensor => {
    activate();
    if (sizeOf(size) === 0) return empty(size, x.dtype);
    return done(tf.slice(arg(x), begin as number[], size as number[]));
  };

  const pad = (x: Info, paddings: readonly (readonly [number, number])[], value: number): tf.Tensor => {
    activate();
    const a = arg(x);
    if (a.rank === 0) return done(tf.clone(a));
    const outShape = x.shape.map((d, i) => d + paddings[i]![0] + paddings[i]![1]);
    if (sizeOf(outShape) === 0) return done(empty(outShape, x.dtype));
    if (a.size === 0) return done(tf.fill(outShape, value, x.dtype as tf.DataType));
    return done(tf.pad(a, paddings as [number, number][], value));
  };

  const concat = (xs: readonly Info[], axis: number, outShape: Shape): tf.Tensor => {
    activate();
    if (sizeOf(outShape) === 0) return empty(outShape, xs[0]!.dtype);
    const parts = xs.filter((x) => sizeOf(x.shape) > 0).map(arg);
    return done(parts.length === 1 ? tf.clone(parts[0]!) : tf.concat(parts, axis));
  };

  const broadcastTo = (x: Info, shape: Shape): tf.Tensor => {
    activate();
    if (sizeOf(shape) === 0) return empty(shape, x.dtype);
    return done(tf.broadcastTo(arg(x), shape as number[]));
  };

  const gather = (x: Info, indices: Info, axis: number, outShape: Shape): tf.Tensor => {
    activate();
    if (sizeOf(outShape) === 0) return empty(outShape, x.dtype);
    return done(tf.gather(arg(x), arg(indices), axis));
  };

  /**
   * `x` plus `updates` added at `indices` along `axis`: the updates are moved so the indexed axis
   * leads, summed into place by `scatterND` (which adds repeated indices), and moved back.
   */
  const scatterAdd = (x: Info, indices: Info, updates: Info, axis: number): tf.Tensor => {
    activate();
    const base = arg(x);
    const idx = arg(indices);
    const upd = arg(updates);
    return done(
      tf.tidy(() => {
        const outer = x.shape.slice(0, axis).reduce((n, d) => n * d, 1);
        const inner = x.shape.slice(axis + 1).reduce((n, d) => n * d, 1);
        const axisSize = x.shape[axis]!;
        const count = idx.size;
        if (count === 0 || base.size === 0) return tf.clone(base);
        const moved = outer === 1 ? tf.reshape(upd, [count, 1, inner]) : tf.transpose(tf.reshape(upd, [outer, count, inner]), [1, 0, 2]);
        const summed = tf.scatterND(tf.reshape(idx, [count, 1]), moved, [axisSize, outer, inner]);
        const back = outer === 1 ? summed : tf.transpose(summed, [1, 0, 2]);
        return tf.add(base, tf.reshape(back, x.shape as number[]));
      }),
    );
  };

  // ---- convolution ----

  /** Inserts `rate - 1` zeros between neighbours along spatial dims 0 and 1 of `t` (a dilated filter, or a strided gradient). */
  const zeroInsert = (t: tf.Tensor, rateH: number, rateW: number, offset: 0 | 1): tf.Tensor => {
    if (rateH === 1 && rateW === 1) return t;
    const shape = t.shape;
    const h = shape[offset]!;
    const w = shape[offset + 1]!;
    const lead = shape.slice(0, offset);
    const rest = shape.slice(offset + 2);
    // [.., h, w, ..] → [.., h, 1, w, 1, ..] → pad to [.., h, rateH, w, rateW, ..] → [.., h·rateH, w·rateW, ..] → trim.
    const expanded = tf.reshape(t, [...lead, h, 1, w, 1, ...rest]);
    const padSpec: [number, number][] = expanded.shape.map(() => [0, 0] as [number, number]);
    padSpec[offset + 1] = [0, rateH - 1];
    padSpec[offset + 3] = [0, rateW - 1];
    const spread = tf.reshape(tf.pad(expanded, padSpec), [...lead, h * rateH, w * rateW, ...rest]);
    const size = spread.shape.map((d) => d);
    size[offset] = (h - 1) * rateH + 1;
    size[offset + 1] = (w - 1) * rateW + 1;
    return tf.slice(spread, spread.shape.map(() => 0), size);
  };

  /** Every `rate`-th entry along dims 0 and 1, `count` of them (the inverse of zeroInsert). */
  const subsample = (t: tf.Tensor, rateH: number, rateW: number, countH: number, countW: number): tf.Tensor => {
    if (rateH === 1 && rateW === 1 && t.shape[0] === countH && t.shape[1] === countW) return t;
    const end = [...t.shape];
    end[0] = (countH - 1) * rateH + 1;
    end[1] = (countW - 1) * rateW + 1;
    const strides = t.shape.map((_, i) => (i === 0 ? rateH : i === 1 ? rateW : 1));
    return tf.stridedSlice(t, t.shape.map(() => 0), end, strides);
  };

  /** Pads (positive) or crops (negative) each spatial side of an NHWC tensor. */
  const padOrCrop = (t: Rank4, top: number, bottom: number, left: number, right: number): Rank4 => {
    let r = t;
    if (top < 0 || bottom < 0 || left < 0 || right < 0) {
      const ct = Math.max(-top, 0);
      const cl = Math.max(-left, 0);
      const h = r.shape[1] - ct - Math.max(-bottom, 0);
      const w = r.shape[2] - cl - Math.max(-right, 0);
      r = tf.slice(r, [0, ct, cl, 0], [r.shape[0], h, w, r.shape[3]]);
    }
    if (top > 0 || bottom > 0 || left > 0 || right > 0) {
      r = tf.pad(r, [[0, 0], [Math.max(top, 0), Math.max(bottom, 0)], [Math.max(left, 0), Math.max(right, 0)], [0, 0]]);
    }
    return r;
  };

  const stridesOrDilationsOne = (s: readonly [number, number], d: readonly [number, number]): boolean =>
    (s[0] === 1 && s[1] === 1) || (d[0] === 1 && d[1] === 1);

  /** Plain (groups 1) or depthwise NHWC convolution; TensorFlow.js needs strides or dilations to be 1, else the filter is dilated by hand. */
  const convOrDepthwise = (x: Rank4, f: Rank4, strides: readonly [number, number], dilations: readonly [number, number], pads: Padding2d, depthwise: boolean): Rank4 => {
    let filter = f;
    let dil: [number, number] = [dilations[0], dilations[1]];
    if (!stridesOrDilationsOne(strides, dilations)) {
      filter = zeroInsert(f, dilations[0], dilations[1], 0) as Rank4;
      dil = [1, 1];
    }
    const s: [number, number] = [strides[0], strides[1]];
    return depthwise
      ? tf.depthwiseConv2d(x, filter, s, explicitPads(pads), 'NHWC', dil)
      : tf.conv2d(x, filter, s, explicitPads(pads), 'NHWC', dil);
  };

  /** The groups of a grouped convolution as separate calls, concatenated along `axis`. */
  const perGroup = (groups: number, fn: (g: number) => tf.Tensor, axis: number): tf.Tensor =>
    tf.concat(Array.from({ length: groups }, (_, g) => fn(g)), axis);

  const channelSlice = (t: tf.Tensor, g: number, per: number): Rank4 => {
    const [a, b, c] = t.shape as [number, number, number, number];
    return tf.slice(t, [0, 0, 0, g * per], [a, b, c, per]) as Rank4;
  };

  /** `[kh, kw, 1, cIn·mult]` (a depthwise conv as groups = cIn) → TensorFlow's `[kh, kw, cIn, mult]`. */
  const depthwiseFilter = (f: tf.Tensor, inC: number): Rank4 =>
    tf.reshape(f, [f.shape[0]!, f.shape[1]!, inC, f.shape[3]! / inC]) as Rank4;

  const isDepthwise = (attrs: Conv2dAttrs, inC: number, filterShape: Shape): boolean =>
    attrs.groups === inC && filterShape[2] === 1;

  const conv2d = (x: Info, filter: Info, attrs: Conv2dAttrs, outShape: Shape): tf.Tensor => {
    activate();
    if (sizeOf(outShape) === 0 || sizeOf(x.shape) === 0 || sizeOf(filter.shape) === 0) return empty(outShape, x.dtype);
    const a = arg(x) as Rank4;
    const f = arg(filter) as Rank4;
    const inC = x.shape[3]!;
    const { strides, dilations, pads, groups } = attrs;
    if (groups === 1 && stridesOrDilationsOne(strides, dilations)) {
      return done(tf.conv2d(a, f, [strides[0], strides[1]], explicitPads(pads), 'NHWC', [dilations[0], dilations[1]]));
    }
    return done(
      tf.tidy(() => {
        if (groups === 1) return convOrDepthwise(a, f, strides, dilations, pads, false);
        if (isDepthwise(attrs, inC, filter.shape)) return convOrDepthwise(a, depthwiseFilter(f, inC), strides, dilations, pads, true);
        const inPer = inC / groups;
        const outPer = filter.shape[3]! / groups;
        return perGroup(groups, (g) => convOrDepthwise(channelSlice(a, g, inPer), channelSlice(f, g, outPer), strides, dilations, pads, false), 3);
      }),
    );
  };

  /**
   * Transposed convolution (conv2d's input gradient) built from a forward convolution: the strided
   * gradient gets `stride - 1` zeros between its pixels, is padded so every window fits, and is
   * convolved (dilated like the original) with the spatially flipped filter, its in and out
   * channels swapped. Depthwise filters use a depthwise convolution and sum each channel's
   * multiplier outputs. Engines with a fast forward convolution (XNNPACK on wasm) run this an
   * order of magnitude faster than their transposed-convolution kernel.
   */
  const backpropInputByConv = (dy: Rank4, f: Rank4, attrs: Conv2dAttrs, inputShape: Shape, depthwise: boolean): Rank4 => {
    const [kh, kw, fc, fm] = f.shape;
    const [dh, dw] = attrs.dilations;
    const [batch, inH, inW] = inputShape as [number, number, number, number];
    const effH = (kh - 1) * dh + 1;
    const effW = (kw - 1) * dw + 1;
    const spread = zeroInsert(dy, attrs.strides[0], attrs.strides[1], 1) as Rank4;
    const top = effH - 1 - attrs.pads.top;
    const left = effW - 1 - attrs.pads.left;
    const padded = padOrCrop(spread, top, inH + effH - 1 - top - spread.shape[1], left, inW + effW - 1 - left - spread.shape[2]);
    const flipped = tf.reverse(f, [0, 1]);
    if (!depthwise) return tf.conv2d(padded, tf.transpose(flipped, [0, 1, 3, 2]) as Rank4, 1, 'valid', 'NHWC', [dh, dw]);
    const out = tf.depthwiseConv2d(padded, tf.reshape(flipped, [kh, kw, fc * fm, 1]) as Rank4, 1, 'valid', 'NHWC', [dh, dw]);
    return (fm === 1 ? out : tf.sum(tf.reshape(out, [batch, inH, inW, fc, fm]), 4)) as Rank4;
  };

  /** conv2d's input gradient for groups 1 or depthwise (TensorFlow.js's gradient kernels take no dilations: the filter is expanded). */
  const backpropInputOne = (dy: Rank4, f: Rank4, attrs: Conv2dAttrs, inputShape: Shape, depthwise: boolean): Rank4 => {
    if (ctx.composeConvBackpropInput || (depthwise && !native.depthwiseBackpropInput)) return backpropInputByConv(dy, f, attrs, inputShape, depthwise);
    const filter = zeroInsert(f, attrs.dilations[0], attrs.dilations[1], 0) as Rank4;
    const strides: [number, number] = [attrs.strides[0], attrs.strides[1]];
    const shape4 = inputShape as [number, number, number, number];
    if (!depthwise) return tf.conv2dTranspose(dy, filter, shape4, strides, explicitPads(attrs.pads));
    return engine.runKernel<Rank4>('DepthwiseConv2dNativeBackpropInput', { dy, filter }, {
      strides, pad: explicitPads(attrs.pads), dilations: [1, 1], dimRoundingMode: undefined, inputShape: shape4,
    } as unknown as tf.NamedAttrMap);
  };

  const conv2dBackpropInput = (dy: Info, filter: Info, attrs: Conv2dAttrs, inputShape: Shape): tf.Tensor => {
    activate();
    if (sizeOf(inputShape) === 0 || sizeOf(dy.shape) === 0 || sizeOf(filter.shape) === 0) return empty(inputShape, dy.dtype);
    const g = arg(dy) as Rank4;
    const f = arg(filter) as Rank4;
    const inC = inputShape[3]!;
    const { groups, dilations } = attrs;
    if (groups === 1 && dilations[0] === 1 && dilations[1] === 1 && !ctx.composeConvBackpropInput) {
      return done(tf.conv2dTranspose(g, f, inputShape as [number, number, number, number], [attrs.strides[0], attrs.strides[1]], explicitPads(attrs.pads)));
    }
    return done(
      tf.tidy(() => {
        if (groups === 1) return backpropInputOne(g, f, attrs, inputShape, false);
        if (isDepthwise(attrs, inC, filter.shape)) return backpropInputOne(g, depthwiseFilter(f, inC), attrs, inputShape, true);
        const inPer = inC / groups;
        const outPer = filter.shape[3]! / groups;
        const groupShape = [inputShape[0]!, inputShape[1]!, inputShape[2]!, inPer];
        return perGroup(groups, (k) => backpropInputOne(channelSlice(g, k, outPer), channelSlice(f, k, outPer), attrs, groupShape, false), 3);
      }),
    );
  };

  /**
   * conv2d's filter gradient as a forward convolution, for engines without the kernel:
   * `dW[i,j,c,o] = Σ x[n, p·s + i·d - pad, ·, c]·dy[n, p, ·, o]` is a convolution of x (batch and
   * channels swapped) with dy as the filter, stride d and dilation s. Depthwise filters use the
   * same idea with a depthwise convolution over (channel, batch) pairs.
   */
  const backpropFilterComposed = (x: Rank4, dy: Rank4, strides: readonly [number, number], dilations: readonly [number, number], pads: Padding2d, kh: number, kw: number, depthwise: boolean): Rank4 => {
    const [batch, inH, inW, inC] = x.shape;
    const [, outH, outW, outC] = dy.shape;
    const convPads: Padding2d = pads;
    // The "stride" of this convolution is the original dilation and its "dilation" the original stride.
    const s: [number, number] = [dilations[0], dilations[1]];
    let d: [number, number] = [strides[0], strides[1]];
    if (depthwise) {
      const mult = outC / inC;
      const image = tf.reshape(tf.transpose(x, [1, 2, 3, 0]), [1, inH, inW, inC * batch]) as Rank4;
      let kernel = tf.reshape(tf.transpose(tf.reshape(dy, [batch, outH, outW, inC, mult]), [1, 2, 3, 0, 4]), [outH, outW, inC * batch, mult]) as Rank4;
      if (!stridesOrDilationsOne(s, d)) {
        kernel = zeroInsert(kernel, d[0], d[1], 0) as Rank4;
        d = [1, 1];
      }
      const out = tf.depthwiseConv2d(image, kernel, s, explicitPads(convPads), 'NHWC', d);
      const trimmed = tf.slice(out, [0, 0, 0, 0], [1, kh, kw, inC * batch * mult]);
      return tf.reshape(tf.sum(tf.reshape(trimmed, [kh, kw, inC, batch, mult]), 3), [kh, kw, 1, inC * mult]) as Rank4;
    }
    const image = tf.transpose(x, [3, 1, 2, 0]);
    let kernel = tf.transpose(dy, [1, 2, 0, 3]);
    if (!stridesOrDilationsOne(s, d)) {
      kernel = zeroInsert(kernel, d[0], d[1], 0) as Rank4;
      d = [1, 1];
    }
    const out = tf.conv2d(image, kernel, s, explicitPads(convPads), 'NHWC', d);
    return tf.transpose(tf.slice(out, [0, 0, 0, 0], [inC, kh, kw, outC]), [1, 2, 0, 3]);
  };

  /** conv2d's filter gradient for groups 1 or depthwise (filter `[kh, kw, 1, cIn·mult]` for depthwise). */
  const backpropFilterOne = (x: Rank4, dy: Rank4, attrs: Conv2dAttrs, filterShape: Shape, depthwise: boolean): Rank4 => {
    const [kh, kw, , outC] = filterShape as [number, number, number, number];
    const { strides, dilations, pads } = attrs;
    const useNative = !ctx.composeConvBackpropFilter && (depthwise ? native.depthwiseBackpropFilter : native.conv2dBackpropFilter);
    if (!useNative) return backpropFilterComposed(x, dy, strides, dilations, pads, kh, kw, depthwise);
    // Native kernels take no dilations: differentiate the expanded filter and keep its real taps.
    const effH = (kh - 1) * dilations[0] + 1;
    const effW = (kw - 1) * dilations[1] + 1;
    const inC = x.shape[3];
    const effShape = depthwise ? [effH, effW, inC, outC / inC] : [effH, effW, filterShape[2]!, outC];
    const attrsOut = { strides: [strides[0], strides[1]], pad: explicitPads(pads), dimRoundingMode: undefined, filterShape: effShape };
    const grad = depthwise
      ? engine.runKernel<Rank4>('DepthwiseConv2dNativeBackpropFilter', { x, dy }, { ...attrsOut, dilations: [1, 1] } as unknown as tf.NamedAttrMap)
      : engine.runKernel<Rank4>('Conv2DBackpropFilter', { x, dy }, { ...attrsOut, dataFormat: 'NHWC' } as unknown as tf.NamedAttrMap);
    const taps = subsample(grad, dilations[0], dilations[1], kh, kw);
    return (depthwise ? tf.reshape(taps, [kh, kw, 1, outC]) : taps) as Rank4;
  };

  const conv2dBackpropFilter = (x: Info, dy: Info, attrs: Conv2dAttrs, filterShape: Shape): tf.Tensor => {
    activate();
    if (sizeOf(filterShape) === 0 || sizeOf(x.shape) === 0 || sizeOf(dy.shape) === 0) return empty(filterShape, x.dtype);
    const a = arg(x) as Rank4;
    const g = arg(dy) as Rank4;
    const inC = x.shape[3]!;
    const { groups, dilations } = attrs;
    if (groups === 1 && native.conv2dBackpropFilter && !ctx.composeConvBackpropFilter && dilations[0] === 1 && dilations[1] === 1) {
      return done(
        engine.runKernel<tf.Tensor>('Conv2DBackpropFilter', { x: a, dy: g }, {
          strides: [attrs.strides[0], attrs.strides[1]], pad: explicitPads(attrs.pads), dataFormat: 'NHWC',
          dimRoundingMode: undefined, filterShape: filterShape as number[],
        } as unknown as tf.NamedAttrMap),
      );
    }
    return done(
      tf.tidy(() => {
        if (groups === 1) return backpropFilterOne(a, g, attrs, filterShape, false);
        if (isDepthwise(attrs, inC, filterShape)) return backpropFilterOne(a, g, attrs, filterShape, true);
        const inPer = inC / groups;
        const outPer = filterShape[3]! / groups;
        const groupShape = [filterShape[0]!, filterShape[1]!, inPer, outPer];
        return perGroup(groups, (k) => backpropFilterOne(channelSlice(a, k, inPer), channelSlice(g, k, outPer), attrs, groupShape, false), 3);
      }),
    );
  };

  // ---- pooling ----

  const poolArgs = (attrs: Pool2dAttrs): [[number, number], [number, number], ExplicitPadding | 'valid'] => [
    [attrs.size[0], attrs.size[1]],
    [attrs.strides[0], attrs.strides[1]],
    explicitPads(attrs.pads),
  ];

  const maxPool2d = (x: Info, attrs: Pool2dAttrs, outShape: Shape): tf.Tensor => {
    activate();
    if (sizeOf(outShape) === 0) return empty(outShape, x.dtype);
    const [size, strides, padding] = poolArgs(attrs);
    return done(tf.maxPool(arg(x) as Rank4, size, strides, padding));
  };

  /**
   * maxPool's gradient routed to the first maximum of each window in row-major order, composed of
   * tf ops (the wasm engine's MaxPoolGrad routes ties and all-negative windows elsewhere).
   * Non-overlapping windows take each window's argMax (first on ties); other geometries walk the
   * window taps in order, each claiming the outputs whose maximum it holds and no earlier tap did.
   */
  const maxPoolBackpropComposed = (g: Rank4, input: Rank4, attrs: Pool2dAttrs): Rank4 => {
    const [kh, kw] = attrs.size;
    const [sh, sw] = attrs.strides;
    const { pads } = attrs;
    const [batch, inH, inW, channels] = input.shape;
    const [, outH, outW] = g.shape;
    const noPads = pads.top === 0 && pads.bottom === 0 && pads.left === 0 && pads.right === 0;
    if (noPads && sh === kh && sw === kw) {
      const usedH = outH * kh;
      const usedW = outW * kw;
      const used = usedH === inH && usedW === inW ? input : tf.slice(input, [0, 0, 0, 0], [batch, usedH, usedW, channels]);
      const windows = tf.transpose(tf.reshape(used, [batch, outH, kh, outW, kw, channels]), [0, 1, 3, 5, 2, 4]);
      const first = tf.argMax(tf.reshape(windows, [batch, outH, outW, channels, kh * kw]), 4);
      const routed = tf.mul(tf.cast(tf.oneHot(first, kh * kw), 'float32'), tf.expandDims(g, 4));
      const back = tf.reshape(tf.transpose(tf.reshape(routed, [batch, outH, outW, channels, kh, kw]), [0, 1, 4, 2, 5, 3]), [batch, usedH, usedW, channels]);
      return padOrCrop(back as Rank4, 0, inH - usedH, 0, inW - usedW);
    }
    const output = tf.maxPool(input, [kh, kw], [sh, sw], explicitPads(pads));
    // Padding holds NaN, which equals nothing, so it never claims a gradient.
    const padded = noPads ? input : tf.pad(input, [[0, 0], [pads.top, pads.bottom], [pads.left, pads.right], [0, 0]], NaN);
    const paddedH = padded.shape[1];
    const paddedW = padded.shape[2];
    const spanH = (outH - 1) * sh + 1;
    const spanW = (outW - 1) * sw + 1;
    let taken: tf.Tensor | undefined;
    let sum: tf.Tensor | undefined;
    for (let i = 0; i < kh; i++) {
      for (let j = 0; j < kw; j++) {
        const tap = tf.stridedSlice(padded, [0, i, j, 0], [batch, i + spanH, j + spanW, channels], [1, sh, sw, 1]);
        let hit = tf.equal(tap, output);
        if (taken !== undefined) hit = tf.logicalAnd(hit, tf.logicalNot(taken));
        taken = taken === undefined ? hit : tf.logicalOr(taken, hit);
        const spread = zeroInsert(tf.where(hit, g, 0), sh, sw, 1) as Rank4;
        const placed = padOrCrop(spread, i, paddedH - i - spanH, j, paddedW - j - spanW);
        sum = sum === undefined ? placed : tf.add(sum, placed);
      }
    }
    return tf.slice(sum!, [0, pads.top, pads.left, 0], [batch, inH, inW, channels]) as Rank4;
  };

  const maxPool2dBackprop = (dy: Info, x: Info, attrs: Pool2dAttrs): tf.Tensor => {
    activate();
    if (sizeOf(x.shape) === 0 || sizeOf(dy.shape) === 0) return empty(x.shape, x.dtype);
    const [size, strides, padding] = poolArgs(attrs);
    const input = arg(x) as Rank4;
    const g = arg(dy) as Rank4;
    if (!ctx.exactKernels) return done(tf.tidy(() => maxPoolBackpropComposed(g, input, attrs)));
    return done(
      tf.tidy(() => {
        const output = tf.maxPool(input, size, strides, padding);
        return engine.runKernel<tf.Tensor>('MaxPoolGrad', { dy: g, input, output }, {
          filterSize: size, strides, pad: padding, dimRoundingMode: undefined,
        } as unknown as tf.NamedAttrMap);
      }),
    );
  };

  const avgPool2d = (x: Info, attrs: Pool2dAttrs, outShape: Shape): tf.Tensor => {
    activate();
    if (sizeOf(outShape) === 0) return empty(outShape, x.dtype);
    const [size, strides, padding] = poolArgs(attrs);
    return done(tf.avgPool(arg(x) as Rank4, size, strides, padding));
  };

  /**
   * Average pooling's gradient with padding excluded from each window's count (the forward rule).
   * Each `dy` is divided by its window's in-bounds count, then spread evenly over the window by a
   * transposed depthwise convolution with a filter of ones.
   */
  const avgPool2dBackprop = (dy: Info, attrs: Pool2dAttrs, inputShape: Shape): tf.Tensor => {
    activate();
    if (sizeOf(inputShape) === 0 || sizeOf(dy.shape) === 0) return empty(inputShape, dy.dtype);
    const g = arg(dy) as Rank4;
    const [kh, kw] = attrs.size;
    const [sh, sw] = attrs.strides;
    const { pads } = attrs;
    const [, inH, inW, channels] = inputShape as [number, number, number, number];
    const [, outH, outW] = dy.shape as [number, number, number, number];
    return done(
      tf.tidy(() => {
        const counts = new Float32Array(outH * outW);
        for (let i = 0; i < outH; i++) {
          const h0 = i * sh - pads.top;
          const rows = Math.min(h0 + kh, inH) - Math.max(h0, 0);
          for (let j = 0; j < outW; j++) {
            const w0 = j * sw - pads.left;
            counts[i * outW + j] = 1 / (rows * (Math.min(w0 + kw, inW) - Math.max(w0, 0)));
          }
        }
        const scaled = tf.mul(g, tf.tensor4d(counts, [1, outH, outW, 1])) as Rank4;
        const ones = tf.ones([kh, kw, channels, 1]) as Rank4;
        const conv: Conv2dAttrs = { strides: [sh, sw], dilations: [1, 1], pads, groups: channels };
        return backpropInputOne(scaled, ones, conv, inputShape, true);
      }),
    );
  };

  // ---- fused ----

  const lastAxis = (fn: (t: tf.Tensor) => tf.Tensor) => (x: Info): tf.Tensor => {
    activate();
    if (sizeOf(x.shape) === 0) return empty(x.shape, x.dtype);
    const a = arg(x);
    return done(a.rank === 0 ? tf.tidy(() => tf.reshape(fn(tf.reshape(a, [1])), [])) : fn(a));
  };

  // ---- storage ----

  const upload = (values: TypedArray, dtype: DType, shape?: Shape): tf.Tensor => {
    activate();
    return tf.tensor(values, shape === undefined ? [values.length] : (shape as number[]), dtype as tf.DataType);
  };

  const toArrayOf = (data: tf.TypedArray, x: Info): TypedArray => {
    if (x.dtype === 'bool' && !(data instanceof Uint8Array)) return Uint8Array.from(data);
    if (x.dtype === 'int32' && !(data instanceof Int32Array)) return Int32Array.from(data);
    if (x.dtype === 'float32' && !(data instanceof Float32Array)) return Float32Array.from(data);
    return ctx.copyOnDownload ? (data.slice() as TypedArray) : (data as TypedArray);
  };

  return {
    name: ctx.name,
    dtypes: ['float32', 'int32', 'bool'],
    upload,
    download: (x) => toArrayOf(x.handle.dataSync() as tf.TypedArray, x),
    downloadAsync: async (x) => toArrayOf((await x.handle.data()) as tf.TypedArray, x),
    dispose: (handle) => handle.dispose(),
    unary,
    clip,
    binary,
    where,
    cast,
    reduce,
    matmul,
    reshape,
    transpose,
    slice,
    pad,
    concat,
    broadcastTo,
    gather,
    scatterAdd,
    conv2d,
    conv2dBackpropInput,
    conv2dBackpropFilter,
    maxPool2d,
    maxPool2dBackprop,
    avgPool2d,
    avgPool2dBackprop,
    ...resizeKernels({ activate, arg, done, empty }),
    softmax: lastAxis((t) => tf.softmax(t)),
    logSoftmax: lastAxis((t) => tf.logSoftmax(t)),
  };
}
