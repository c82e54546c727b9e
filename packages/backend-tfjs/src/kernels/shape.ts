import * as tf from '@tensorflow/tfjs-core';
import type { Backend, Shape } from '@dlkit/core';
import { sizeOf, type Info, type TfHandle, type TfRuntime } from './runtime.js';

/** The shape family: reshape, transpose, slice, pad, concat, broadcastTo. */
export function shapeKernels({ activate, arg, done, empty }: TfRuntime): Pick<Backend<TfHandle>, 'reshape' | 'transpose' | 'slice' | 'pad' | 'concat' | 'broadcastTo'> {
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

  /**
   * Contiguous blocks are `tf.slice`; strided ones a 1-D gather at the flat positions
   * `offset + Σ_d i_d·steps[d]·stride[d]` (the wasm engine's `StridedSlice` returns garbage for
   * int32 and bool).
   */
  const slice = (x: Info, begin: readonly number[], size: readonly number[], steps: readonly number[]): tf.Tensor => {
    activate();
    if (sizeOf(size) === 0) return empty(size, x.dtype);
    const a = arg(x);
    if (steps.every((s) => s === 1)) return done(tf.slice(a, begin as number[], size as number[]));
    return done(
      tf.tidy(() => {
        const strides = x.shape.map((_, d) => sizeOf(x.shape.slice(d + 1)));
        const offset = begin.reduce((acc, b, d) => acc + b * strides[d]!, 0);
        let positions: tf.Tensor = tf.scalar(offset, 'int32');
        size.forEach((n, d) => {
          const along = tf.mul(tf.range(0, n, 1, 'int32'), tf.scalar(steps[d]! * strides[d]!, 'int32'));
          positions = tf.add(positions, tf.reshape(along, size.map((_, e) => (e === d ? n : 1))));
        });
        return tf.reshape(tf.gather(tf.reshape(a, [a.size]), tf.reshape(positions, [sizeOf(size)])), size as number[]);
      }),
    );
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

  return { reshape, transpose, slice, pad, concat, broadcastTo };
}
