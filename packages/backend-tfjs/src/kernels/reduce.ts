import * as tf from '@tensorflow/tfjs-core';
import type { Backend, ReduceOp, Shape } from '@dlkit/core';
import type { Info, TfHandle, TfRuntime } from './runtime.js';

/**
 * argMax/argMin where a NaN wins, the first one along `axis` (PyTorch's rule); every engine's
 * own kernel skips NaN.
 */
function nanFirst(a: tf.Tensor, axis: number, arg: typeof tf.argMax): tf.Tensor {
  return tf.tidy(() => {
    const nan = tf.isNaN(a);
    return tf.where(tf.any(nan, axis), tf.argMax(tf.cast(nan, 'int32'), axis), arg(a, axis));
  });
}

/** The reduce family: sum, prod, max, min over axes, and argMax/argMin over one axis. */
export function reduceKernels({ activate, arg, done }: TfRuntime): Pick<Backend<TfHandle>, 'reduce'> {
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
      case 'argMax': r = x.dtype === 'float32' ? nanFirst(a, dims[0]!, tf.argMax) : tf.argMax(a, dims[0]); break;
      case 'argMin': r = x.dtype === 'float32' ? nanFirst(a, dims[0]!, tf.argMin) : tf.argMin(a, dims[0]); break;
    }
    return done(r);
  };

  return { reduce };
}
