import * as tf from '@tensorflow/tfjs-core';
import type { Backend, DType, Shape } from '@dlkit/core';
import { sizeOf, type TfHandle, type TfRuntime } from './runtime.js';

/** The creation family: constant tensors made by the engine (`tf.fill`), never uploaded from the host. */
export function creationKernels({ activate, empty }: TfRuntime): Pick<Backend<TfHandle>, 'fill'> {
  const fill = (shape: Shape, value: number, dtype: DType): tf.Tensor => {
    activate();
    if (sizeOf(shape) === 0) return empty(shape, dtype);
    return tf.fill(shape as number[], value, dtype as tf.DataType);
  };
  return { fill };
}
