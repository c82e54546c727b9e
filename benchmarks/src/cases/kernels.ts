import {
  add, conv2d, logSoftmax, matmul, maxPool2d, mul, noGrad, oneHot, randint, randn, relu, softmax, sum,
} from '@dlkit/core';
import * as tf from '@tensorflow/tfjs-core';
import type { BenchCase } from '../harness.js';
import { tfNormal, tfRandint } from './raw-data.js';

/**
 * The kernel and training-step cases, run in this order on every backend. They use only
 * `@dlkit/core`'s public API, so whatever backend is current when `prepare()` runs is the one
 * measured; each `raw` is the same iteration written with TensorFlow.js directly.
 */

function matmulCase(size: number): BenchCase {
  return {
    name: 'matmul',
    params: `${size}×${size}×${size} f32`,
    flops: 2 * size * size * size,
    prepare() {
      const a = randn([size, size], { seed: 1 });
      const b = randn([size, size], { seed: 2 });
      return () => matmul(a, b);
    },
    raw() {
      const a = tfNormal([size, size], 1);
      const b = tfNormal([size, size], 2);
      return () => tf.matMul(a, b);
    },
  };
}

/** Attention-style batched product `[b, m, k] @ [b, k, m]`. */
function batchedMatmulCase(b: number, m: number, k: number): BenchCase {
  return {
    name: 'batched matmul',
    params: `[${b},${m},${k}]@[${b},${k},${m}] f32`,
    flops: 2 * b * m * m * k,
    prepare() {
      const x = randn([b, m, k], { seed: 1 });
      const y = randn([b, k, m], { seed: 2 });
      return () => matmul(x, y);
    },
    raw() {
      const x = tfNormal([b, m, k], 1);
      const y = tfNormal([b, k, m], 2);
      return () => tf.matMul(x, y);
    },
  };
}

function conv2dCase(
  label: string,
  xShape: [number, number, number, number],
  filterShape: [number, number, number, number],
  padding: 'same' | 'valid',
): BenchCase {
  const [n, h, w, cIn] = xShape;
  const [kh, kw, , cOut] = filterShape;
  const [outH, outW] = padding === 'same' ? [h, w] : [h - kh + 1, w - kw + 1];
  return {
    name: 'conv2d',
    params: `${label} [${xShape.join(',')}]×[${filterShape.join(',')}] ${padding}`,
    flops: 2 * n * outH * outW * cOut * kh * kw * cIn,
    prepare() {
      const x = randn(xShape, { seed: 3 });
      const f = randn(filterShape, { seed: 4 });
      return () => conv2d(x, f, { padding });
    },
    raw() {
      const x = tfNormal(xShape, 3) as tf.Tensor4D;
      const f = tfNormal(filterShape, 4) as tf.Tensor4D;
      return () => tf.conv2d(x, f, 1, padding);
    },
  };
}

/** Forward + both backprops of a conv layer (what a training step costs): 3× the forward flops. */
function conv2dTrainCase(xShape: [number, number, number, number], filterShape: [number, number, number, number]): BenchCase {
  const [n, h, w, cIn] = xShape;
  const [kh, kw, , cOut] = filterShape;
  return {
    name: 'conv2d fwd+bwd',
    params: `[${xShape.join(',')}]×[${filterShape.join(',')}] same`,
    flops: 3 * 2 * n * h * w * cOut * kh * kw * cIn,
    prepare() {
      const x = randn(xShape, { seed: 3, requiresGrad: true });
      const f = randn(filterShape, { seed: 4, requiresGrad: true });
      const g = randn([n, h, w, cOut], { seed: 5 });
      return () => {
        x.zeroGrad();
        f.zeroGrad();
        const y = conv2d(x, f, { padding: 'same' });
        y.backward(g);
        return f.grad!;
      };
    },
    raw() {
      const x = tfNormal(xShape, 3) as tf.Tensor4D;
      const f = tfNormal(filterShape, 4) as tf.Tensor4D;
      const g = tfNormal([n, h, w, cOut], 5);
      const both = tf.grads((u: tf.Tensor, v: tf.Tensor) => tf.conv2d(u as tf.Tensor4D, v as tf.Tensor4D, 1, 'same'));
      return () => both([x, f], g)[1]!;
    },
  };
}

function maxPoolCase(shape: [number, number, number, number]): BenchCase {
  const [n, h, w, c] = shape;
  return {
    name: 'maxPool2d',
    params: `2×2 s2 on [${shape.join(',')}]`,
    // One comparison per window element.
    flops: n * (h / 2) * (w / 2) * c * 4,
    prepare() {
      const x = randn(shape, { seed: 6 });
      return () => maxPool2d(x, { size: 2 });
    },
    raw() {
      const x = tfNormal(shape, 6) as tf.Tensor4D;
      return () => tf.maxPool(x, 2, 2, 'valid');
    },
  };
}

function softmaxCase(rows: number, cols: number): BenchCase {
  return {
    name: 'softmax',
    params: `[${rows},${cols}] last axis`,
    // Per element: max, subtract, exp, sum, scale (an exp counted as one flop).
    flops: 5 * rows * cols,
    prepare() {
      const x = randn([rows, cols], { seed: 7 });
      return () => softmax(x);
    },
    raw() {
      const x = tfNormal([rows, cols], 7);
      return () => tf.softmax(x);
    },
  };
}

/**
 * One SGD step of a 784-256-10 MLP on a batch: forward (matmul + bias + relu + matmul + bias +
 * logSoftmax + NLL through a one-hot product), backward, and `w ← w - lr·∇w` for each parameter.
 * Flops count the matmuls only: 2 forward, 3 backward (dW1, dH, dW2; the input needs no gradient).
 */
function mlpStepCase(batch: number, nIn: number, nHidden: number, nOut: number): BenchCase {
  const lr = 0.01;
  return {
    name: 'MLP train step',
    params: `${nIn}-${nHidden}-${nOut}, batch ${batch}, SGD`,
    flops: 2 * batch * (2 * nIn * nHidden + 3 * nHidden * nOut),
    prepare() {
      const x = randn([batch, nIn], { seed: 8 });
      const labels = randint(0, nOut, [batch], { seed: 9 });
      const target = oneHot(labels, nOut);
      const w1 = randn([nHidden, nIn], { seed: 10, std: Math.sqrt(2 / nIn), requiresGrad: true });
      const b1 = randn([nHidden], { seed: 11, std: 0, requiresGrad: true });
      const w2 = randn([nOut, nHidden], { seed: 12, std: Math.sqrt(1 / nHidden), requiresGrad: true });
      const b2 = randn([nOut], { seed: 13, std: 0, requiresGrad: true });
      const params = [w1, b1, w2, b2];
      return () => {
        const hidden = relu(add(matmul(x, w1, { transposeB: true }), b1));
        const logits = add(matmul(hidden, w2, { transposeB: true }), b2);
        const loss = mul(sum(mul(logSoftmax(logits), target)), -1 / batch);
        loss.backward();
        noGrad(() => {
          for (const p of params) {
            p.assign(p.sub(p.grad!.mul(lr)));
            p.zeroGrad();
          }
        });
        return loss;
      };
    },
    raw() {
      const x = tfNormal([batch, nIn], 8);
      const target = tf.cast(tf.oneHot(tfRandint(0, nOut, [batch], 9) as tf.Tensor1D, nOut), 'float32');
      const w1 = tf.variable(tfNormal([nHidden, nIn], 10, Math.sqrt(2 / nIn)));
      const b1 = tf.variable(tf.zeros([nHidden]));
      const w2 = tf.variable(tfNormal([nOut, nHidden], 12, Math.sqrt(1 / nHidden)));
      const b2 = tf.variable(tf.zeros([nOut]));
      const vars = [w1, b1, w2, b2];
      return () => {
        const { value, grads } = tf.variableGrads(() => {
          const hidden = tf.relu(tf.add(tf.matMul(x, w1, false, true), b1));
          const logits = tf.add(tf.matMul(hidden, w2, false, true), b2);
          return tf.mul(tf.sum(tf.mul(tf.logSoftmax(logits), target)), -1 / batch) as tf.Scalar;
        }, vars);
        for (const v of vars) v.assign(tf.sub(v, tf.mul(grads[v.name]!, lr)));
        return value;
      };
    },
  };
}

/** The kernel and MLP cases, in report order. */
export const kernelCases: readonly BenchCase[] = [
  matmulCase(128),
  matmulCase(256),
  matmulCase(512),
  matmulCase(1024),
  batchedMatmulCase(64, 128, 64),
  conv2dCase('3×3', [8, 32, 32, 16], [3, 3, 16, 32], 'same'),
  conv2dCase('LeNet C1', [64, 32, 32, 1], [5, 5, 1, 6], 'valid'),
  conv2dTrainCase([8, 32, 32, 16], [3, 3, 16, 32]),
  maxPoolCase([8, 32, 32, 32]),
  softmaxCase(512, 1000),
  mlpStepCase(128, 784, 256, 10),
];
