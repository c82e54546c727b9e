import * as tf from '@tensorflow/tfjs-core';
import type { Backend, Shape } from '@dlkit/core';
import { sizeOf, type Info, type TfHandle, type TfRuntime } from './runtime.js';

/**
 * TensorFlow.js multiplies batches pairwise after flattening the batch dims, so it broadcasts
 * only a batch of one: an operand whose batch dims differ from the output's (and are not all 1)
 * is broadcast first.
 */
function batchView(t: tf.Tensor, outBatch: readonly number[]): tf.Tensor {
  const batch = t.shape.slice(0, -2);
  if (sizeOf(batch) === 1) return t;
  const lead = outBatch.length - batch.length;
  if (lead === 0 && batch.every((d, i) => d === outBatch[i])) return t;
  if (batch.every((d, i) => d === outBatch[lead + i]) && sizeOf(outBatch.slice(0, lead)) === 1) return t;
  return tf.broadcastTo(t, [...outBatch, ...t.shape.slice(-2)]);
}

function swapLast(t: tf.Tensor): tf.Tensor {
  const perm = t.shape.map((_, i) => i);
  perm[t.rank - 2] = t.rank - 1;
  perm[t.rank - 1] = t.rank - 2;
  return tf.transpose(t, perm);
}

/**
 * The wasm engine multiplies with XNNPACK only for one untransposed pair of matrices and falls
 * back to a naive loop otherwise (an order of magnitude slower). So transposed operands are
 * transposed explicitly (linear work), and a batch of matrices times one matrix is one tall
 * matrix product.
 */
function xnnpackMatMul(x: tf.Tensor, y: tf.Tensor, transposeA: boolean, transposeB: boolean, outShape: Shape): tf.Tensor {
  const left = transposeA ? swapLast(x) : x;
  const right = transposeB ? swapLast(y) : y;
  const rightBatch = sizeOf(right.shape.slice(0, -2));
  const leftBatch = sizeOf(left.shape.slice(0, -2));
  if (rightBatch === 1 && leftBatch === 1 && left.rank === 2 && right.rank === 2) return tf.matMul(left, right);
  if (rightBatch === 1) {
    const k = left.shape[left.rank - 1]!;
    const flat = tf.matMul(tf.reshape(left, [-1, k]), tf.reshape(right, right.shape.slice(-2) as [number, number]));
    return tf.reshape(flat, outShape as number[]);
  }
  // Batches on both sides stay with the engine's loop: one XNNPACK operator per matrix costs more.
  return tf.matMul(batchView(left, outShape.slice(0, -2)), batchView(right, outShape.slice(0, -2)));
}

/** The matmul family: batched, broadcast matrix products with transpose flags. */
export function matmulKernels({ activate, arg, done, empty, ctx }: TfRuntime): Pick<Backend<TfHandle>, 'matmul'> {
  const matmul = (a: Info, b: Info, transposeA: boolean, transposeB: boolean, outShape: Shape): tf.Tensor => {
    activate();
    const x = arg(a);
    const y = arg(b);
    const outBatch = outShape.slice(0, -2);
    // Empty results, and products over an empty inner dim (all zeros), are made here.
    if (sizeOf(outShape) === 0 || x.size === 0 || y.size === 0) return done(empty(outShape, a.dtype));
    if (ctx.xnnpackMatMul && a.dtype === 'float32' && (transposeA || transposeB || a.shape.length > 2 || b.shape.length > 2)) {
      return done(tf.tidy(() => xnnpackMatMul(x, y, transposeA, transposeB, outShape)));
    }
    // The webgl engine's packed matMul doubles a product whose inner dim is 1 and left operand is
    // transposed (an outer product, as in matmul's own gradient); broadcasting multiplies exactly.
    if (ctx.gpu && a.shape[transposeA ? a.shape.length - 2 : a.shape.length - 1] === 1) {
      return done(tf.tidy(() => tf.broadcastTo(tf.mul(transposeA ? swapLast(x) : x, transposeB ? swapLast(y) : y), outShape as number[])));
    }
    if (a.shape.length === 2 && b.shape.length === 2 && (a.dtype === 'float32' || ctx.exactKernels)) {
      return done(tf.matMul(x, y, transposeA, transposeB));
    }
    return done(
      tf.tidy(() => {
        const integer = a.dtype !== 'float32' && !ctx.exactKernels;
        const left = batchView(integer ? tf.cast(x, 'float32') : x, outBatch);
        const right = batchView(integer ? tf.cast(y, 'float32') : y, outBatch);
        const product = tf.matMul(left, right, transposeA, transposeB);
        return integer ? tf.cast(product, 'int32') : product;
      }),
    );
  };

  return { matmul };
}
