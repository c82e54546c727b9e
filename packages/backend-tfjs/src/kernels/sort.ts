import * as tf from '@tensorflow/tfjs-core';
import type { Backend } from '@dlkit/core';
import { takeAlong } from './indexing.js';
import type { Info, TfHandle, TfRuntime } from './runtime.js';

/**
 * The sort family: `topk`, on `tf.topk`, which ranks ties by position (lower index first) on
 * every engine but orders NaN arbitrarily. Smallest-first ranks a decreasing key (`-x`; for int32
 * `-1 - x`, which cannot overflow). Float inputs take two stable passes so NaN ranks above every
 * number: a full sort by value (NaN as 0), then a stable top-k of the NaN flags in that order.
 */
export function sortKernels({ activate, arg, done, empty }: TfRuntime): Pick<Backend<TfHandle>, 'topk'> {
  const topk = (x: Info, k: number, largest: boolean): tf.Tensor => {
    activate();
    const outShape = [...x.shape.slice(0, -1), k];
    if (k === 0 || x.shape.some((d) => d === 0)) return empty(outShape, 'int32');
    const a = arg(x);
    return done(
      tf.tidy(() => {
        if (x.dtype === 'int32') return tf.topk(largest ? a : tf.sub(tf.scalar(-1, 'int32'), a), k).indices;
        const n = x.shape[x.shape.length - 1]!;
        const nan = tf.isNaN(a);
        const value = tf.where(nan, tf.zerosLike(a), a);
        const order = tf.topk(largest ? value : tf.neg(value), n).indices;
        const flags = tf.cast(largest ? nan : tf.logicalNot(nan), 'float32');
        const last = a.rank - 1;
        const picked = tf.topk(takeAlong(flags, order, last), k).indices;
        return takeAlong(order, picked, last);
      }),
    );
  };
  return { topk };
}
