import * as tf from '@tensorflow/tfjs-core';
import type { NearestMode, Shape, TensorInfo } from '@dlkit/core';

type Info = TensorInfo<tf.Tensor>;

/** The per-call plumbing of the kernel factory these kernels run inside. */
export interface ResizeRuntime {
  /** Makes the engine TensorFlow.js's active backend. */
  activate(): void;
  /** The input's handle viewed at the shape dlkit gives it. */
  arg(x: Info): tf.Tensor;
  /** Releases the call's temporary views and returns its result. */
  done<T extends tf.Tensor>(result: T): T;
  /** A zero tensor (size-0 results are made without the engine). */
  empty(shape: readonly number[], dtype: Info['dtype']): tf.Tensor;
}

/**
 * Resizing and adaptive average pooling (families `resize` and `pool`). All of them are separable
 * linear maps: an `[out, in]` matrix per spatial axis, applied as two 2-D matmuls (TensorFlow.js's
 * own `ResizeBilinearGrad` ignores half-pixel centres, so the gradients cannot use it). Nearest
 * resizing copies rows and columns with `gather`; bilinear resizing runs TensorFlow.js's kernel,
 * whose half-pixel rule (source clamped at 0) is PyTorch's.
 */
export function resizeKernels(rt: ResizeRuntime) {
  const size = (shape: readonly number[]): number => shape.reduce((n, d) => n * d, 1);

  /** `y[n, o, p, c] = Σ mh[o, i] · mw[p, j] · x[n, i, j, c]` with `mh: [outH, inH]`, `mw: [outW, inW]`. */
  const separable = (x: tf.Tensor, mh: tf.Tensor2D, mw: tf.Tensor2D): tf.Tensor => {
    const [n, inH, inW, c] = x.shape as [number, number, number, number];
    const outH = mh.shape[0];
    const outW = mw.shape[0];
    const rows = tf.matMul(mh, tf.reshape(tf.transpose(x, [1, 0, 2, 3]), [inH, n * inW * c]));
    const byCol = tf.reshape(tf.transpose(tf.reshape(rows, [outH, n, inW, c]), [2, 0, 1, 3]), [inW, outH * n * c]);
    const cols = tf.reshape(tf.matMul(mw, byCol), [outW, outH, n, c]);
    return tf.transpose(cols, [2, 1, 0, 3]);
  };

  /** An `[out, in]` matrix (or its transpose `[in, out]`) whose row `o` holds the weights of output `o`. */
  const matrix = (inSize: number, outSize: number, transpose: boolean, fill: (o: number, set: (i: number, w: number) => void) => void): tf.Tensor2D => {
    const m = new Float32Array(inSize * outSize);
    for (let o = 0; o < outSize; o++) {
      fill(o, (i, w) => {
        const at = transpose ? i * outSize + o : o * inSize + i;
        m[at] = m[at]! + w;
      });
    }
    return tf.tensor2d(m, transpose ? [inSize, outSize] : [outSize, inSize]);
  };

  const bilinearMatrix = (inSize: number, outSize: number, alignCorners: boolean, transpose: boolean): tf.Tensor2D => {
    const scale = alignCorners ? (outSize > 1 ? (inSize - 1) / (outSize - 1) : 0) : inSize / outSize;
    return matrix(inSize, outSize, transpose, (o, set) => {
      const src = alignCorners ? o * scale : Math.max((o + 0.5) * scale - 0.5, 0);
      const lo = Math.min(Math.floor(src), inSize - 1);
      const frac = src - lo;
      set(lo, 1 - frac);
      set(Math.min(lo + 1, inSize - 1), frac);
    });
  };

  const nearestIndex = (inSize: number, outSize: number, mode: NearestMode, o: number): number =>
    Math.min(mode === 'nearest' ? Math.floor((o * inSize) / outSize) : Math.floor(((2 * o + 1) * inSize) / (2 * outSize)), inSize - 1);

  const nearestMatrix = (inSize: number, outSize: number, mode: NearestMode): tf.Tensor2D =>
    matrix(inSize, outSize, true, (o, set) => set(nearestIndex(inSize, outSize, mode, o), 1));

  const adaptiveMatrix = (inSize: number, outSize: number, transpose: boolean): tf.Tensor2D =>
    matrix(inSize, outSize, transpose, (o, set) => {
      const start = Math.floor((o * inSize) / outSize);
      const end = Math.ceil(((o + 1) * inSize) / outSize);
      for (let i = start; i < end; i++) set(i, 1 / (end - start));
    });

  /** Runs `compute` on the input viewed at its shape, or makes the size-0 result. */
  const run = (x: Info, outShape: Shape, compute: (a: tf.Tensor) => tf.Tensor): tf.Tensor => {
    rt.activate();
    if (size(outShape) === 0 || size(x.shape) === 0) return rt.empty(outShape, x.dtype);
    const a = rt.arg(x);
    return rt.done(tf.tidy(() => compute(a)));
  };

  return {
    resizeBilinear: (x: Info, alignCorners: boolean, outShape: Shape): tf.Tensor =>
      run(x, outShape, (a) => tf.image.resizeBilinear(a as tf.Tensor4D, [outShape[1]!, outShape[2]!], alignCorners, !alignCorners)),
    resizeBilinearBackprop: (dy: Info, alignCorners: boolean, inputShape: Shape): tf.Tensor =>
      run(dy, inputShape, (g) =>
        separable(g, bilinearMatrix(inputShape[1]!, dy.shape[1]!, alignCorners, true), bilinearMatrix(inputShape[2]!, dy.shape[2]!, alignCorners, true)),
      ),
    resizeNearest: (x: Info, mode: NearestMode, outShape: Shape): tf.Tensor =>
      run(x, outShape, (a) => {
        const index = (inSize: number, outSize: number): tf.Tensor1D =>
          tf.tensor1d(Int32Array.from({ length: outSize }, (_, o) => nearestIndex(inSize, outSize, mode, o)), 'int32');
        return tf.gather(tf.gather(a, index(x.shape[1]!, outShape[1]!), 1), index(x.shape[2]!, outShape[2]!), 2);
      }),
    resizeNearestBackprop: (dy: Info, mode: NearestMode, inputShape: Shape): tf.Tensor =>
      run(dy, inputShape, (g) =>
        separable(g, nearestMatrix(inputShape[1]!, dy.shape[1]!, mode), nearestMatrix(inputShape[2]!, dy.shape[2]!, mode)),
      ),
    adaptiveAvgPool2d: (x: Info, outShape: Shape): tf.Tensor =>
      run(x, outShape, (a) => {
        const [, inH, inW] = x.shape as [number, number, number];
        const [, outH, outW] = outShape as [number, number, number];
        // Windows that tile the input exactly are one plain average pool.
        if (inH % outH === 0 && inW % outW === 0) return tf.avgPool(a as tf.Tensor4D, [inH / outH, inW / outW], [inH / outH, inW / outW], 'valid');
        return separable(a, adaptiveMatrix(inH, outH, false), adaptiveMatrix(inW, outW, false));
      }),
    adaptiveAvgPool2dBackprop: (dy: Info, inputShape: Shape): tf.Tensor =>
      run(dy, inputShape, (g) =>
        separable(g, adaptiveMatrix(inputShape[1]!, dy.shape[1]!, true), adaptiveMatrix(inputShape[2]!, dy.shape[2]!, true)),
      ),
  };
}
