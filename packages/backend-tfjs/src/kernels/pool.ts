import * as tf from '@tensorflow/tfjs-core';
import type { Backend, Conv2dAttrs, Pool2dAttrs, Shape } from '@dlkit/core';
import { backpropInputOne, padOrCrop, zeroInsert } from './conv.js';
import { axisMatrix, separable } from './resize.js';
import { explicitPads, sizeOf, type ExplicitPadding, type Info, type Rank4, type TfHandle, type TfRuntime } from './runtime.js';

const poolArgs = (attrs: Pool2dAttrs): [[number, number], [number, number], ExplicitPadding | 'valid'] => [
  [attrs.size[0], attrs.size[1]],
  [attrs.strides[0], attrs.strides[1]],
  explicitPads(attrs.pads),
];

/**
 * maxPool's gradient routed to the first maximum of each window in row-major order, composed of
 * tf ops (the wasm engine's MaxPoolGrad routes ties and all-negative windows elsewhere).
 * Non-overlapping windows take each window's argMax (first on ties); other geometries walk the
 * window taps in order, each claiming the outputs whose maximum it holds and no earlier tap did.
 */
function maxPoolBackpropComposed(g: Rank4, input: Rank4, attrs: Pool2dAttrs): Rank4 {
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
}

/**
 * Whether `x` may hold a NaN: its sum is NaN (a NaN reaches every sum it enters) or infinite (an
 * infinity, or an overflow, which merely takes the exact path). One reduction and a scalar read —
 * the engines here compute synchronously — so NaN-free inputs skip the mask at a fraction of a pool.
 */
function mayHoldNaN(x: tf.Tensor): boolean {
  if (x.dtype !== 'float32') return false;
  const total = tf.sum(x);
  const value = total.dataSync()[0]!;
  total.dispose();
  return !Number.isFinite(value);
}

/**
 * `pooled` with NaN wherever `x`'s window holds a NaN (PyTorch's rule), for engines whose pooling
 * drops NaN: the NaN mask pooled the same way marks those windows.
 */
function nanWindows(x: Rank4, pooled: Rank4, args: ReturnType<typeof poolArgs>): Rank4 {
  const hit = tf.greater(tf.maxPool(tf.cast(tf.isNaN(x), 'float32') as Rank4, ...args), 0);
  return tf.where(hit, NaN, pooled);
}

/** PyTorch's adaptive window of output `o` as `[input index, 1 / window size]` pairs. */
function adaptiveWindow(inSize: number, outSize: number, o: number): [number, number][] {
  const start = Math.floor((o * inSize) / outSize);
  const end = Math.ceil(((o + 1) * inSize) / outSize);
  return Array.from({ length: end - start }, (_, k) => [start + k, 1 / (end - start)]);
}

/**
 * The pool family: NHWC max, average and adaptive average pooling and their gradients. Adaptive
 * pooling is a separable linear map (TensorFlow.js has no kernel for it): one plain average pool
 * when its windows tile the input, else two matmuls with per-axis window matrices.
 */
export function poolKernels(
  rt: TfRuntime,
): Pick<Backend<TfHandle>, 'maxPool2d' | 'maxPool2dBackprop' | 'avgPool2d' | 'avgPool2dBackprop' | 'adaptiveAvgPool2d' | 'adaptiveAvgPool2dBackprop'> {
  const { activate, arg, done, empty, ctx, engine } = rt;

  const maxPool2d = (x: Info, attrs: Pool2dAttrs, outShape: Shape): tf.Tensor => {
    activate();
    if (sizeOf(outShape) === 0) return empty(outShape, x.dtype);
    const args = poolArgs(attrs);
    const input = arg(x) as Rank4;
    // Every engine's maxPool skips NaN (it compares with >): only inputs that hold one need the mask.
    if (!mayHoldNaN(input)) return done(tf.maxPool(input, ...args));
    return done(tf.tidy(() => nanWindows(input, tf.maxPool(input, ...args), args)));
  };

  const maxPool2dBackprop = (dy: Info, x: Info, attrs: Pool2dAttrs): tf.Tensor => {
    activate();
    // dy is empty exactly when x is (every window fits the input).
    if (sizeOf(x.shape) === 0) return empty(x.shape, x.dtype);
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
    const args = poolArgs(attrs);
    const input = arg(x) as Rank4;
    // The cpu engine's sums propagate NaN; the wasm engine's (XNNPACK) clamp NaN away.
    if (ctx.exactKernels || !mayHoldNaN(input)) return done(tf.avgPool(input, ...args));
    return done(tf.tidy(() => nanWindows(input, tf.avgPool(input, ...args), args)));
  };

  /**
   * Average pooling's gradient with padding excluded from each window's count (the forward rule).
   * Each `dy` is divided by its window's in-bounds count, then spread evenly over the window by a
   * transposed depthwise convolution with a filter of ones.
   */
  const avgPool2dBackprop = (dy: Info, attrs: Pool2dAttrs, inputShape: Shape): tf.Tensor => {
    activate();
    if (sizeOf(inputShape) === 0) return empty(inputShape, dy.dtype);
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
        return backpropInputOne(rt, scaled, ones, conv, inputShape, true);
      }),
    );
  };

  const adaptiveMatrix = (inSize: number, outSize: number, transpose: boolean): tf.Tensor2D =>
    axisMatrix(inSize, outSize, transpose, (o) => adaptiveWindow(inSize, outSize, o));

  const adaptiveAvgPool2d = (x: Info, outShape: Shape): tf.Tensor => {
    activate();
    if (sizeOf(outShape) === 0) return empty(outShape, x.dtype);
    const a = arg(x) as Rank4;
    const [, inH, inW] = x.shape as [number, number, number];
    const [, outH, outW] = outShape as [number, number, number];
    if (inH % outH === 0 && inW % outW === 0) {
      const size: [number, number] = [inH / outH, inW / outW];
      return done(tf.avgPool(a, size, size, 'valid'));
    }
    return done(tf.tidy(() => separable(a, adaptiveMatrix(inH, outH, false), adaptiveMatrix(inW, outW, false))));
  };

  const adaptiveAvgPool2dBackprop = (dy: Info, inputShape: Shape): tf.Tensor => {
    activate();
    if (sizeOf(inputShape) === 0 || sizeOf(dy.shape) === 0) return empty(inputShape, dy.dtype);
    const g = arg(dy);
    const [, inH, inW] = inputShape as [number, number, number];
    const [, outH, outW] = dy.shape as [number, number, number];
    return done(tf.tidy(() => separable(g, adaptiveMatrix(inH, outH, true), adaptiveMatrix(inW, outW, true))));
  };

  return { maxPool2d, maxPool2dBackprop, avgPool2d, avgPool2dBackprop, adaptiveAvgPool2d, adaptiveAvgPool2dBackprop };
}
