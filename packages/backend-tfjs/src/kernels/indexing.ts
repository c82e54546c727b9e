import * as tf from '@tensorflow/tfjs-core';
import type { Backend, Shape } from '@dlkit/core';
import { sizeOf, type Info, type TfHandle, type TfRuntime } from './runtime.js';

/** The indexing family: gather and scatterAdd along one axis (indices validated by core). */
export function indexingKernels({ activate, arg, done, empty }: TfRuntime): Pick<Backend<TfHandle>, 'gather' | 'scatterAdd'> {
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

  return { gather, scatterAdd };
}
