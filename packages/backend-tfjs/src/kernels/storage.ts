import * as tf from '@tensorflow/tfjs-core';
import type { Backend, DType, Shape, TypedArray } from '@dlkit/core';
import { sizeOf, type Info, type TfHandle, type TfRuntime } from './runtime.js';

/** Moving values in and out of the engine, releasing tensors and sharing their data. */
export function storageKernels({ activate, empty, ctx }: TfRuntime): Pick<Backend<TfHandle>, 'upload' | 'download' | 'downloadAsync' | 'dispose' | 'shareStorage'> {
  const upload = (values: TypedArray, dtype: DType, shape?: Shape): tf.Tensor => {
    activate();
    return tf.tensor(values, shape === undefined ? [values.length] : (shape as number[]), dtype as tf.DataType);
  };

  // Engines may hand int32 and float32 values back in another typed array (bool is always a Uint8Array).
  const toArrayOf = (data: tf.TypedArray, x: Info): TypedArray => {
    if (x.dtype === 'int32' && !(data instanceof Int32Array)) return Int32Array.from(data);
    if (x.dtype === 'float32' && !(data instanceof Float32Array)) return Float32Array.from(data);
    return ctx.copyOnDownload ? (data.slice() as TypedArray) : (data as TypedArray);
  };

  return {
    upload,
    download: (x) => toArrayOf(x.handle.dataSync() as tf.TypedArray, x),
    downloadAsync: async (x) => toArrayOf((await x.handle.data()) as tf.TypedArray, x),
    dispose: (handle) => handle.dispose(),
    // A new tf.Tensor on the same data (TensorFlow.js counts references to it), at x's shape.
    shareStorage: (x) => {
      activate();
      return sizeOf(x.shape) === 0 ? empty(x.shape, x.dtype) : tf.reshape(x.handle, x.shape as number[]);
    },
  };
}
