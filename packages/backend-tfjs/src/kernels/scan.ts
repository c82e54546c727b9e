import * as tf from '@tensorflow/tfjs-core';
import type { Backend, ScanOp } from '@dlkit/core';
import { sizeOf, type Info, type TfHandle, type TfRuntime } from './runtime.js';

/** The scan family: `tf.cumsum` / `tf.cumprod`, which take the same exclusive and reverse flags. */
export function scanKernels({ activate, arg, done, empty }: TfRuntime): Pick<Backend<TfHandle>, 'scan'> {
  const scan = (x: Info, op: ScanOp, axis: number, exclusive: boolean, reverse: boolean): tf.Tensor => {
    activate();
    if (sizeOf(x.shape) === 0) return empty(x.shape, x.dtype);
    const a = arg(x);
    return done(op === 'sum' ? tf.cumsum(a, axis, exclusive, reverse) : tf.cumprod(a, axis, exclusive, reverse));
  };
  return { scan };
}
