import * as tf from '@tensorflow/tfjs-core';
import type { Backend } from '@dlkit/core';
import { sizeOf, type Info, type TfHandle, type TfRuntime } from './runtime.js';

/** The softmax family: TensorFlow.js's fused softmax and log-softmax over the last axis. */
export function softmaxKernels({ activate, arg, done, empty }: TfRuntime): Pick<Backend<TfHandle>, 'softmax' | 'logSoftmax'> {
  // Core hands these kernels tensors of rank ≥ 1 (a scalar is viewed as [1] in front).
  const lastAxis = (fn: (t: tf.Tensor) => tf.Tensor) => (x: Info): tf.Tensor => {
    activate();
    if (sizeOf(x.shape) === 0) return empty(x.shape, x.dtype);
    return done(fn(arg(x)));
  };
  return { softmax: lastAxis((t) => tf.softmax(t)), logSoftmax: lastAxis((t) => tf.logSoftmax(t)) };
}
