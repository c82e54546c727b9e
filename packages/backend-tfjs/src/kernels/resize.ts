import * as tf from '@tensorflow/tfjs-core';
import type { Backend, NearestMode, Shape } from '@dlkit/core';
import { sizeOf, type Info, type TfHandle, type TfRuntime } from './runtime.js';

/**
 * `y[n, o, p, c] = Σ mh[o, i] · mw[p, j] · x[n, i, j, c]` for NHWC `x`, `mh: [outH, inH]` and
 * `mw: [outW, inW]`: a separable linear map of the spatial axes as two untransposed 2-D matmuls
 * (the fast path of every engine). Resizing and adaptive pooling are such maps. Call inside `tf.tidy`.
 */
export function separable(x: tf.Tensor, mh: tf.Tensor2D, mw: tf.Tensor2D): tf.Tensor {
  const [n, inH, inW, c] = x.shape as [number, number, number, number];
  const outH = mh.shape[0];
  const outW = mw.shape[0];
  const rows = tf.matMul(mh, tf.reshape(tf.transpose(x, [1, 0, 2, 3]), [inH, n * inW * c]));
  const byCol = tf.reshape(tf.transpose(tf.reshape(rows, [outH, n, inW, c]), [2, 0, 1, 3]), [inW, outH * n * c]);
  const cols = tf.reshape(tf.matMul(mw, byCol), [outW, outH, n, c]);
  return tf.transpose(cols, [2, 1, 0, 3]);
}

/**
 * The `[out, in]` matrix of a map along one axis whose output `o` is `Σ w · x[i]` over the pairs
 * `weights(o)` lists, or its transpose `[in, out]` (the map's gradient). Call inside `tf.tidy`.
 */
export function axisMatrix(inSize: number, outSize: number, transpose: boolean, weights: (o: number) => readonly (readonly [number, number])[]): tf.Tensor2D {
  const m = new Float32Array(inSize * outSize);
  for (let o = 0; o < outSize; o++) {
    for (const [i, w] of weights(o)) {
      const at = transpose ? i * outSize + o : o * inSize + i;
      m[at] = m[at]! + w;
    }
  }
  return tf.tensor2d(m, transpose ? [inSize, outSize] : [outSize, inSize]);
}

/** PyTorch's bilinear taps of output `o`: the two source indices (the upper clamped) and their weights. */
function bilinearTaps(inSize: number, outSize: number, alignCorners: boolean, o: number): [[number, number], [number, number]] {
  const src = alignCorners ? (outSize > 1 ? (o * (inSize - 1)) / (outSize - 1) : 0) : Math.max(((o + 0.5) * inSize) / outSize - 0.5, 0);
  const lo = Math.min(Math.floor(src), inSize - 1);
  const frac = src - lo;
  return [[lo, 1 - frac], [Math.min(lo + 1, inSize - 1), frac]];
}

/** The source index of output `o` (see core's `NearestMode`), exact in doubles. */
function nearestIndex(inSize: number, outSize: number, mode: NearestMode, o: number): number {
  const index = mode === 'nearest' ? Math.floor((o * inSize) / outSize) : Math.floor(((2 * o + 1) * inSize) / (2 * outSize));
  return Math.min(index, inSize - 1);
}

/**
 * The resize family. Forward bilinear resizing is TensorFlow.js's kernel, whose half-pixel rule
 * (source clamped at 0) is PyTorch's; forward nearest resizing gathers rows and columns. Both
 * gradients are separable matmuls with the transposed per-axis weights: TensorFlow.js's own
 * `ResizeBilinearGrad` ignores half-pixel centres (and swaps height and width of its result).
 */
export function resizeKernels(
  rt: TfRuntime,
): Pick<Backend<TfHandle>, 'resizeBilinear' | 'resizeBilinearBackprop' | 'resizeNearest' | 'resizeNearestBackprop'> {
  const { activate, arg, done, empty } = rt;

  /** Runs `compute` on the input viewed at its shape inside `tf.tidy`, or makes the size-0 result. */
  const run = (x: Info, outShape: Shape, compute: (a: tf.Tensor) => tf.Tensor): tf.Tensor => {
    activate();
    if (sizeOf(outShape) === 0 || sizeOf(x.shape) === 0) return empty(outShape, x.dtype);
    const a = arg(x);
    return done(tf.tidy(() => compute(a)));
  };

  const bilinearMatrix = (inSize: number, outSize: number, alignCorners: boolean): tf.Tensor2D =>
    axisMatrix(inSize, outSize, true, (o) => bilinearTaps(inSize, outSize, alignCorners, o));
  const nearestMatrix = (inSize: number, outSize: number, mode: NearestMode): tf.Tensor2D =>
    axisMatrix(inSize, outSize, true, (o) => [[nearestIndex(inSize, outSize, mode, o), 1]]);

  return {
    resizeBilinear: (x, alignCorners, outShape) =>
      run(x, outShape, (a) => tf.image.resizeBilinear(a as tf.Tensor4D, [outShape[1]!, outShape[2]!], alignCorners, !alignCorners)),
    resizeBilinearBackprop: (dy, alignCorners, inputShape) =>
      run(dy, inputShape, (g) =>
        separable(g, bilinearMatrix(inputShape[1]!, dy.shape[1]!, alignCorners), bilinearMatrix(inputShape[2]!, dy.shape[2]!, alignCorners)),
      ),
    resizeNearest: (x, mode, outShape) =>
      run(x, outShape, (a) => {
        const index = (inSize: number, outSize: number): tf.Tensor1D =>
          tf.tensor1d(Int32Array.from({ length: outSize }, (_, o) => nearestIndex(inSize, outSize, mode, o)), 'int32');
        return tf.gather(tf.gather(a, index(x.shape[1]!, outShape[1]!), 1), index(x.shape[2]!, outShape[2]!), 2);
      }),
    resizeNearestBackprop: (dy, mode, inputShape) =>
      run(dy, inputShape, (g) => separable(g, nearestMatrix(inputShape[1]!, dy.shape[1]!, mode), nearestMatrix(inputShape[2]!, dy.shape[2]!, mode))),
  };
}
