import * as tf from '@tensorflow/tfjs-core';
import { getBackend, randint, randn, setBackend, type Tensor } from '@dlkit/core';

/**
 * Inputs for the raw TensorFlow.js twins of the cases (`BenchCase.raw`): the very numbers dlkit's
 * seeded generator draws, so raw and dlkit columns time the same data.
 */

/** Runs `fn` with dlkit's ts backend current (the raw twins draw their data, and models whose weights they copy, from dlkit). */
export function onTs<T>(fn: () => T): T {
  const previous = getBackend().name;
  setBackend('ts');
  try {
    return fn();
  } finally {
    setBackend(previous);
  }
}

/** The numbers dlkit draws for `randn(shape, { seed, std })`, as a float32 tf.Tensor. */
export function tfNormal(shape: readonly number[], seed: number, std = 1): tf.Tensor {
  return tf.tensor(onTs(() => Float32Array.from(randn([...shape], { seed, std }).dataSync())), [...shape]);
}

/** The numbers dlkit draws for `randint(low, high, shape, { seed })`, as an int32 tf.Tensor. */
export function tfRandint(low: number, high: number, shape: readonly number[], seed: number): tf.Tensor {
  return tf.tensor(onTs(() => Int32Array.from(randint(low, high, [...shape], { seed }).dataSync())), [...shape], 'int32');
}

/** A dlkit tensor's values as a float32 tf.Tensor of the same shape (weights shared by a case and its raw twin). */
export function tfFrom(t: Tensor): tf.Tensor {
  return tf.tensor(Float32Array.from(t.dataSync()), [...t.shape]);
}
