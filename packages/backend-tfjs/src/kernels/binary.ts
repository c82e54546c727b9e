import * as tf from '@tensorflow/tfjs-core';
import type { Backend, BinaryOp, Shape } from '@dlkit/core';
import { sizeOf, type Info, type TfHandle, type TfRuntime } from './runtime.js';

const COMPARISONS: ReadonlySet<BinaryOp> = new Set<BinaryOp>(['equal', 'notEqual', 'greater', 'greaterEqual', 'less', 'lessEqual', 'logicalAnd', 'logicalOr']);

/** maximum/minimum with NaN propagating from either side, for engines whose kernels drop NaN. */
const nanMinMax = (x: tf.Tensor, y: tf.Tensor, op: typeof tf.maximum): tf.Tensor =>
  tf.tidy(() => tf.where(tf.logicalOr(tf.isNaN(x), tf.isNaN(y)), tf.add(x, y), op(x, y)));

/** The binary family: broadcast arithmetic, comparisons and logic, and `where`. */
export function binaryKernels({ activate, arg, done, empty, ctx }: TfRuntime): Pick<Backend<TfHandle>, 'binary' | 'where'> {
  const binary = (a: Info, b: Info, op: BinaryOp, outShape: Shape): tf.Tensor => {
    activate();
    if (sizeOf(outShape) === 0) return empty(outShape, COMPARISONS.has(op) ? 'bool' : a.dtype);
    const x = arg(a);
    const y = arg(b);
    let r: tf.Tensor;
    switch (op) {
      case 'add': r = tf.add(x, y); break;
      case 'sub': r = tf.sub(x, y); break;
      case 'mul': r = tf.mul(x, y); break;
      // Float inputs only: core casts integers to float32 for true division.
      case 'div': r = tf.div(x, y); break;
      case 'pow': r = tf.pow(x, y); break;
      case 'maximum': r = ctx.exactKernels || a.dtype !== 'float32' ? tf.maximum(x, y) : nanMinMax(x, y, tf.maximum); break;
      case 'minimum': r = ctx.exactKernels || a.dtype !== 'float32' ? tf.minimum(x, y) : nanMinMax(x, y, tf.minimum); break;
      case 'equal': r = tf.equal(x, y); break;
      case 'notEqual': r = tf.notEqual(x, y); break;
      case 'greater': r = tf.greater(x, y); break;
      case 'greaterEqual': r = tf.greaterEqual(x, y); break;
      case 'less': r = tf.less(x, y); break;
      case 'lessEqual': r = tf.lessEqual(x, y); break;
      case 'logicalAnd': r = tf.logicalAnd(x, y); break;
      case 'logicalOr': r = tf.logicalOr(x, y); break;
    }
    return done(r);
  };

  const where = (cond: Info, a: Info, b: Info, outShape: Shape): tf.Tensor => {
    activate();
    if (sizeOf(outShape) === 0) return empty(outShape, a.dtype);
    return done(tf.where(arg(cond), arg(a), arg(b)));
  };

  return { binary, where };
}
