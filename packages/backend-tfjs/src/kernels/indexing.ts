import * as tf from '@tensorflow/tfjs-core';
import type { Backend, Shape } from '@dlkit/core';
import { sizeOf, type Info, type TfHandle, type TfRuntime } from './runtime.js';

/** `[outer, n, inner]`: the dims before `axis`, its size, and the dims after it. */
function around(shape: readonly number[], axis: number): [number, number, number] {
  return [sizeOf(shape.slice(0, axis)), shape[axis]!, sizeOf(shape.slice(axis + 1))];
}

/**
 * The indexing family: gather and scatterAdd along one axis, takeAlongAxis and its adjoint
 * (indices validated by core when its index checks are on).
 */
export function indexingKernels({ activate, arg, done, empty }: TfRuntime): Pick<Backend<TfHandle>, 'gather' | 'scatterAdd' | 'takeAlongAxis' | 'scatterAddAlongAxis'> {
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
        const outer = sizeOf(x.shape.slice(0, axis));
        const inner = sizeOf(x.shape.slice(axis + 1));
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

  const takeAlongAxis = (x: Info, indices: Info, axis: number): tf.Tensor => {
    activate();
    if (sizeOf(indices.shape) === 0) return empty(indices.shape, x.dtype);
    const src = arg(x);
    const idx = arg(indices);
    return done(tf.tidy(() => takeAlong(src, idx, axis)));
  };

  /** `x` plus `updates` summed into place by `scatterND` (which adds repeated indices) at their flat positions. */
  const scatterAddAlongAxis = (x: Info, indices: Info, updates: Info, axis: number): tf.Tensor => {
    activate();
    const base = arg(x);
    if (sizeOf(indices.shape) === 0 || base.size === 0) return done(tf.clone(base));
    const idx = arg(indices);
    const upd = arg(updates);
    return done(
      tf.tidy(() => {
        const count = idx.size;
        const summed = tf.scatterND(tf.reshape(alongAxisPositions(idx, x.shape, axis), [count, 1]), tf.reshape(upd, [count]), [base.size]);
        return tf.add(base, tf.reshape(summed, x.shape as number[]));
      }),
    );
  };

  return { gather, scatterAdd, takeAlongAxis, scatterAddAlongAxis };
}

/**
 * The flat positions in `x` (of shape `xShape`) that `indices` picks along `axis`: with both viewed
 * as `[outer, n, inner]` and `[outer, k, inner]`, `(o·n + indices)·inner + i` (int32).
 */
function alongAxisPositions(indices: tf.Tensor, xShape: readonly number[], axis: number): tf.Tensor {
  const [outer, n, inner] = around(xShape, axis);
  const k = indices.shape[axis]!;
  const int = (v: number): tf.Scalar => tf.scalar(v, 'int32');
  const rows = tf.reshape(tf.mul(tf.range(0, outer, 1, 'int32'), int(n * inner)), [outer, 1, 1]);
  const cols = tf.reshape(tf.range(0, inner, 1, 'int32'), [1, 1, inner]);
  return tf.add(tf.add(rows, cols), tf.mul(tf.reshape(indices, [outer, k, inner]), int(inner)));
}

/**
 * `x[..., indices[..., j, ...], ...]` along `axis` for tf tensors, inside the caller's `tf.tidy`:
 * a 1-D gather at flat positions (`tf.gather` with batch dims gives wrong rows on the wasm engine).
 */
export function takeAlong(x: tf.Tensor, indices: tf.Tensor, axis: number): tf.Tensor {
  const positions = alongAxisPositions(indices, x.shape, axis);
  return tf.reshape(tf.gather(tf.reshape(x, [x.size]), tf.reshape(positions, [indices.size])), indices.shape);
}
