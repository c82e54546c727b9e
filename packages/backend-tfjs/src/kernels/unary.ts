import * as tf from '@tensorflow/tfjs-core';
import type { Backend, DType, UnaryOp } from '@dlkit/core';
import { sizeOf, type Info, type TfHandle, type TfRuntime } from './runtime.js';

const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

const int32Bound = (v: number): number => Math.max(-2147483648, Math.min(2147483647, Math.trunc(v)));

/** The largest float32 below 2³¹: clipping there keeps every cast in range. */
const FLOAT32_BELOW_2_31 = 2147483520;

/**
 * float32 → int32 truncating toward zero and saturating at the int32 range, NaN → 0 (core's
 * cast): engines wrap (cpu) or give -2³¹ (wasm) out of range.
 */
function saturatingInt32(a: tf.Tensor): tf.Tensor {
  const finite = tf.where(tf.isNaN(a), 0, a);
  const inRange = tf.cast(tf.clipByValue(finite, -2147483648, FLOAT32_BELOW_2_31), 'int32');
  return tf.where(tf.greaterEqual(a, 2147483648), tf.scalar(2147483647, 'int32'), inRange);
}

/** The unary family: elementwise math and activations, `clip` and `cast`. */
export function unaryKernels({ activate, arg, done, empty, ctx }: TfRuntime): Pick<Backend<TfHandle>, 'unary' | 'clip' | 'cast'> {
  /** `f(a)` with NaN kept, for engines whose kernel clamps NaN away (the wasm engine's relu6 and clip). */
  const keepNaN = (a: tf.Tensor, f: (t: tf.Tensor) => tf.Tensor): tf.Tensor =>
    ctx.exactKernels ? f(a) : tf.tidy(() => tf.where(tf.isNaN(a), a, f(a)));
  /** `f(a)` with NaN kept on the GPU engines, whose shaders lose it (see `KernelContext.gpu`). */
  const gpuNaN = (a: tf.Tensor, f: (t: tf.Tensor) => tf.Tensor): tf.Tensor =>
    ctx.gpu ? tf.tidy(() => tf.where(tf.isNaN(a), a, f(a))) : f(a);

  const unary = (x: Info, op: UnaryOp, alpha: number): tf.Tensor => {
    activate();
    if (sizeOf(x.shape) === 0) return empty(x.shape, op === 'logicalNot' ? 'bool' : x.dtype);
    const a = arg(x);
    const integer = x.dtype === 'int32';
    let r: tf.Tensor;
    switch (op) {
      case 'neg': r = tf.neg(a); break;
      case 'abs': r = tf.abs(a); break;
      case 'exp': r = tf.exp(a); break;
      // GPU shaders give a finite log(0); core's is -Infinity.
      case 'log': r = ctx.gpu ? tf.tidy(() => tf.where(tf.equal(a, 0), tf.scalar(-Infinity), tf.log(a))) : tf.log(a); break;
      case 'log1p': r = tf.log1p(a); break;
      case 'sqrt': r = tf.sqrt(a); break;
      case 'rsqrt': r = tf.rsqrt(a); break;
      case 'square': r = tf.square(a); break;
      case 'reciprocal': r = tf.reciprocal(a); break;
      case 'sin': r = tf.sin(a); break;
      case 'cos': r = tf.cos(a); break;
      case 'tanh': r = tf.tanh(a); break;
      case 'sigmoid': r = tf.sigmoid(a); break;
      case 'relu': r = tf.relu(a); break;
      case 'relu6': r = integer ? tf.relu6(a) : keepNaN(a, tf.relu6); break;
      case 'leakyRelu': r = tf.leakyRelu(a, alpha); break;
      case 'elu':
        // TensorFlow.js's elu has alpha 1; other alphas scale its negative branch.
        r = gpuNaN(a, (t) => (alpha === 1 ? tf.elu(t) : tf.where(tf.greater(t, 0), t, tf.mul(tf.elu(t), alpha))));
        break;
      case 'selu': r = gpuNaN(a, tf.selu); break;
      case 'erf': r = tf.erf(a); break;
      case 'gelu': r = tf.tidy(() => tf.mul(tf.mul(a, 0.5), tf.add(tf.erf(tf.mul(a, Math.SQRT1_2)), 1))); break;
      case 'geluTanh':
        r = tf.tidy(() => {
          const inner = tf.mul(tf.add(a, tf.mul(tf.mul(tf.square(a), a), 0.044715)), SQRT_2_OVER_PI);
          return tf.mul(tf.mul(a, 0.5), tf.add(tf.tanh(inner), 1));
        });
        break;
      case 'softplus': r = gpuNaN(a, tf.softplus); break;
      // TensorFlow.js's sign(NaN) is 0; core's is NaN.
      case 'sign': r = integer ? tf.sign(a) : tf.tidy(() => tf.where(tf.isNaN(a), a, tf.sign(a))); break;
      case 'floor': r = integer ? tf.clone(a) : tf.floor(a); break;
      case 'ceil': r = integer ? tf.clone(a) : tf.ceil(a); break;
      case 'round': r = integer ? tf.clone(a) : tf.round(a); break;
      // Core casts logicalNot's input to bool first.
      case 'logicalNot': r = tf.logicalNot(a); break;
    }
    return done(r);
  };

  const clip = (x: Info, min: number, max: number): tf.Tensor => {
    activate();
    if (sizeOf(x.shape) === 0) return empty(x.shape, x.dtype);
    const a = arg(x);
    if (x.dtype === 'float32') {
      if (ctx.gpu) return done(gpuNaN(a, (t) => tf.minimum(tf.maximum(t, min), max)));
      return done(keepNaN(a, (t) => tf.clipByValue(t, min, max)));
    }
    // Integers: clamping to the truncated bounds is what clamping then truncating gives.
    const dtype = x.dtype as tf.DataType;
    return done(tf.tidy(() => tf.minimum(tf.maximum(a, tf.scalar(int32Bound(min), dtype)), tf.scalar(int32Bound(max), dtype))));
  };

  const cast = (x: Info, dtype: DType): tf.Tensor => {
    activate();
    if (sizeOf(x.shape) === 0) return empty(x.shape, dtype);
    const a = arg(x);
    // Nonzero (NaN included) is true; the wasm engine's cast to bool does not give 0/1.
    if (dtype === 'bool') return done(tf.notEqual(a, tf.scalar(0, x.dtype as tf.DataType)));
    if (dtype === 'int32' && x.dtype === 'float32') return done(tf.tidy(() => saturatingInt32(a)));
    return done(tf.cast(a, dtype as tf.DataType));
  };

  return { unary, clip, cast };
}
