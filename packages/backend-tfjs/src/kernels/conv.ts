import * as tf from '@tensorflow/tfjs-core';
import type { Backend, Conv2dAttrs, Padding2d, Shape } from '@dlkit/core';
import { explicitPads, sizeOf, type Info, type Rank4, type TfHandle, type TfRuntime } from './runtime.js';

/** Inserts `rate - 1` zeros between neighbours along spatial dims 0 and 1 of `t` (a dilated filter, or a strided gradient). */
export function zeroInsert(t: tf.Tensor, rateH: number, rateW: number, offset: 0 | 1): tf.Tensor {
  if (rateH === 1 && rateW === 1) return t;
  const shape = t.shape;
  const h = shape[offset]!;
  const w = shape[offset + 1]!;
  const lead = shape.slice(0, offset);
  const rest = shape.slice(offset + 2);
  // One spatial dim at a time, [outer, n, inner] → [outer, n, 1, inner] → pad to [outer, n, rate, inner]
  // → [outer, n·rate, inner]: rank 4 at most (TensorFlow.js's webgl pad has no rank-6 shader).
  const spread = (x: tf.Tensor, outer: number, n: number, inner: number, rate: number): tf.Tensor =>
    rate === 1 ? x : tf.reshape(tf.pad(tf.reshape(x, [outer, n, 1, inner]), [[0, 0], [0, 0], [0, rate - 1], [0, 0]]), [outer, n * rate, inner]);
  const rows = spread(t, sizeOf(lead), h, w * sizeOf(rest), rateH);
  const both = tf.reshape(spread(rows, sizeOf(lead) * h * rateH, w, sizeOf(rest), rateW), [...lead, h * rateH, w * rateW, ...rest]);
  const size = [...both.shape];
  size[offset] = (h - 1) * rateH + 1;
  size[offset + 1] = (w - 1) * rateW + 1;
  return tf.slice(both, both.shape.map(() => 0), size);
}

/** Every `rate`-th entry along dims 0 and 1, `count` of them (the inverse of zeroInsert). */
function subsample(t: tf.Tensor, rateH: number, rateW: number, countH: number, countW: number): tf.Tensor {
  if (rateH === 1 && rateW === 1 && t.shape[0] === countH && t.shape[1] === countW) return t;
  const end = [...t.shape];
  end[0] = (countH - 1) * rateH + 1;
  end[1] = (countW - 1) * rateW + 1;
  const strides = t.shape.map((_, i) => (i === 0 ? rateH : i === 1 ? rateW : 1));
  return tf.stridedSlice(t, t.shape.map(() => 0), end, strides);
}

/** Pads (positive) or crops (negative) each spatial side of an NHWC tensor. */
export function padOrCrop(t: Rank4, top: number, bottom: number, left: number, right: number): Rank4 {
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
}

const stridesOrDilationsOne = (s: readonly [number, number], d: readonly [number, number]): boolean =>
  (s[0] === 1 && s[1] === 1) || (d[0] === 1 && d[1] === 1);

/** Plain (groups 1) or depthwise NHWC convolution; TensorFlow.js needs strides or dilations to be 1, else the filter is dilated by hand. */
function convOrDepthwise(x: Rank4, f: Rank4, strides: readonly [number, number], dilations: readonly [number, number], pads: Padding2d, depthwise: boolean): Rank4 {
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
}

/** The groups of a grouped convolution as separate calls, concatenated along `axis`. */
const perGroup = (groups: number, fn: (g: number) => tf.Tensor, axis: number): tf.Tensor =>
  tf.concat(Array.from({ length: groups }, (_, g) => fn(g)), axis);

function channelSlice(t: tf.Tensor, g: number, per: number): Rank4 {
  const [a, b, c] = t.shape as [number, number, number, number];
  return tf.slice(t, [0, 0, 0, g * per], [a, b, c, per]) as Rank4;
}

/** `[kh, kw, 1, cIn·mult]` (a depthwise conv as groups = cIn) → TensorFlow's `[kh, kw, cIn, mult]`. */
const depthwiseFilter = (f: tf.Tensor, inC: number): Rank4 =>
  tf.reshape(f, [f.shape[0]!, f.shape[1]!, inC, f.shape[3]! / inC]) as Rank4;

const isDepthwise = (attrs: Conv2dAttrs, inC: number, filterShape: Shape): boolean =>
  attrs.groups === inC && filterShape[2] === 1;

/**
 * Transposed convolution (conv2d's input gradient) built from a forward convolution: the strided
 * gradient gets `stride - 1` zeros between its pixels, is padded so every window fits, and is
 * convolved (dilated like the original) with the spatially flipped filter, its in and out
 * channels swapped. Depthwise filters use a depthwise convolution and sum each channel's
 * multiplier outputs. Engines with a fast forward convolution (XNNPACK on wasm) run this an
 * order of magnitude faster than their transposed-convolution kernel.
 */
function backpropInputByConv(dy: Rank4, f: Rank4, attrs: Conv2dAttrs, inputShape: Shape, depthwise: boolean): Rank4 {
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
}

/**
 * conv2d's input gradient for groups 1 or depthwise (TensorFlow.js's gradient kernels take no
 * dilations: the filter is expanded), on tf tensors inside the caller's `tf.tidy`. Depthwise
 * filters are TensorFlow's `[kh, kw, cIn, mult]`; pooling's gradient uses it too.
 */
export function backpropInputOne({ ctx, engine, has }: TfRuntime, dy: Rank4, f: Rank4, attrs: Conv2dAttrs, inputShape: Shape, depthwise: boolean): Rank4 {
  if (ctx.composeConvBackpropInput || (depthwise && !has('DepthwiseConv2dNativeBackpropInput'))) return backpropInputByConv(dy, f, attrs, inputShape, depthwise);
  const filter = zeroInsert(f, attrs.dilations[0], attrs.dilations[1], 0) as Rank4;
  const strides: [number, number] = [attrs.strides[0], attrs.strides[1]];
  const shape4 = inputShape as [number, number, number, number];
  if (!depthwise) return tf.conv2dTranspose(dy, filter, shape4, strides, explicitPads(attrs.pads));
  return engine.runKernel<Rank4>('DepthwiseConv2dNativeBackpropInput', { dy, filter }, {
    strides, pad: explicitPads(attrs.pads), dilations: [1, 1], dimRoundingMode: undefined, inputShape: shape4,
  } as unknown as tf.NamedAttrMap);
}

/**
 * conv2d's filter gradient as a forward convolution, for engines without the kernel:
 * `dW[i,j,c,o] = Σ x[n, p·s + i·d - pad, ·, c]·dy[n, p, ·, o]` is a convolution of x (batch and
 * channels swapped) with dy as the filter, stride d and dilation s. Depthwise filters use the
 * same idea with a depthwise convolution over (channel, batch) pairs.
 */
function backpropFilterComposed(x: Rank4, dy: Rank4, strides: readonly [number, number], dilations: readonly [number, number], pads: Padding2d, kh: number, kw: number, depthwise: boolean): Rank4 {
  const [batch, inH, inW, inC] = x.shape;
  const [, outH, outW, outC] = dy.shape;
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
    const out = tf.depthwiseConv2d(image, kernel, s, explicitPads(pads), 'NHWC', d);
    const trimmed = tf.slice(out, [0, 0, 0, 0], [1, kh, kw, inC * batch * mult]);
    return tf.reshape(tf.sum(tf.reshape(trimmed, [kh, kw, inC, batch, mult]), 3), [kh, kw, 1, inC * mult]) as Rank4;
  }
  const image = tf.transpose(x, [3, 1, 2, 0]);
  let kernel = tf.transpose(dy, [1, 2, 0, 3]);
  if (!stridesOrDilationsOne(s, d)) {
    kernel = zeroInsert(kernel, d[0], d[1], 0) as Rank4;
    d = [1, 1];
  }
  const out = tf.conv2d(image, kernel, s, explicitPads(pads), 'NHWC', d);
  return tf.transpose(tf.slice(out, [0, 0, 0, 0], [inC, kh, kw, outC]), [1, 2, 0, 3]);
}

/** conv2d's filter gradient for groups 1 or depthwise (filter `[kh, kw, 1, cIn·mult]` for depthwise). */
function backpropFilterOne({ ctx, engine, has }: TfRuntime, x: Rank4, dy: Rank4, attrs: Conv2dAttrs, filterShape: Shape, depthwise: boolean): Rank4 {
  const [kh, kw, , outC] = filterShape as [number, number, number, number];
  const { strides, dilations, pads } = attrs;
  const useNative = !ctx.composeConvBackpropFilter && has(depthwise ? 'DepthwiseConv2dNativeBackpropFilter' : 'Conv2DBackpropFilter');
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
}

/** The conv family: grouped, dilated NHWC conv2d and its input and filter gradients. */
export function convKernels(rt: TfRuntime): Pick<Backend<TfHandle>, 'conv2d' | 'conv2dBackpropInput' | 'conv2dBackpropFilter'> {
  const { activate, arg, done, empty, ctx, engine } = rt;
  const nativeFilterGrad = rt.has('Conv2DBackpropFilter');

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
        if (groups === 1) return backpropInputOne(rt, g, f, attrs, inputShape, false);
        if (isDepthwise(attrs, inC, filter.shape)) return backpropInputOne(rt, g, depthwiseFilter(f, inC), attrs, inputShape, true);
        const inPer = inC / groups;
        const outPer = filter.shape[3]! / groups;
        const groupShape = [inputShape[0]!, inputShape[1]!, inputShape[2]!, inPer];
        return perGroup(groups, (k) => backpropInputOne(rt, channelSlice(g, k, outPer), channelSlice(f, k, outPer), attrs, groupShape, false), 3);
      }),
    );
  };

  const conv2dBackpropFilter = (x: Info, dy: Info, attrs: Conv2dAttrs, filterShape: Shape): tf.Tensor => {
    activate();
    if (sizeOf(filterShape) === 0 || sizeOf(x.shape) === 0 || sizeOf(dy.shape) === 0) return empty(filterShape, x.dtype);
    const a = arg(x) as Rank4;
    const g = arg(dy) as Rank4;
    const inC = x.shape[3]!;
    const { groups, dilations } = attrs;
    if (groups === 1 && nativeFilterGrad && !ctx.composeConvBackpropFilter && dilations[0] === 1 && dilations[1] === 1) {
      return done(
        engine.runKernel<tf.Tensor>('Conv2DBackpropFilter', { x: a, dy: g }, {
          strides: [attrs.strides[0], attrs.strides[1]], pad: explicitPads(attrs.pads), dataFormat: 'NHWC',
          dimRoundingMode: undefined, filterShape: filterShape as number[],
        } as unknown as tf.NamedAttrMap),
      );
    }
    return done(
      tf.tidy(() => {
        if (groups === 1) return backpropFilterOne(rt, a, g, attrs, filterShape, false);
        if (isDepthwise(attrs, inC, filterShape)) return backpropFilterOne(rt, a, g, attrs, filterShape, true);
        const inPer = inC / groups;
        const outPer = filterShape[3]! / groups;
        const groupShape = [filterShape[0]!, filterShape[1]!, inPer, outPer];
        return perGroup(groups, (k) => backpropFilterOne(rt, channelSlice(a, k, inPer), channelSlice(g, k, outPer), attrs, groupShape, false), 3);
      }),
    );
  };

  return { conv2d, conv2dBackpropInput, conv2dBackpropFilter };
}
