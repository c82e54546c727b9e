import { crossEntropy, manualSeed, noGrad, randint, randn, type Tensor } from '@dlkit/core';
import { countMacs, models } from '@dlkit/cnn';
import { SGD } from '@dlkit/optim';
import * as tf from '@tensorflow/tfjs-core';
import type { BenchCase } from '../harness.js';
import { onTs, tfFrom, tfNormal, tfRandint } from './raw-data.js';

/**
 * @dlkit/cnn's cases: a LeNet-5 training step and a ResNet-18 forward pass. Each raw twin is the
 * same network written with TensorFlow.js ops on the same initial weights (copied from the dlkit
 * model built with the same seed), so both sides do the same arithmetic.
 */

const LR = 0.01;

/** Multiply-accumulates of one forward pass of `model` on a batch of `batch` inputs shaped `shape` (counted on the ts backend). */
function macsOf(build: () => Parameters<typeof countMacs>[0], shape: readonly number[], batch: number): number {
  return onTs(() => countMacs(build(), shape).total) * batch;
}

/**
 * One SGD step of the classic LeNet-5 (tanh, average pooling, 61,706 parameters) on MNIST-shaped
 * digits `[batch, 28, 28, 1]` (the first conv pads by 2): forward, softmax cross-entropy, backward,
 * update. Flops: 3 × the forward multiply-adds × 2 (forward, input and weight gradients).
 */
function lenetStepCase(batch: number): BenchCase {
  const build = () => {
    manualSeed(20);
    return models.lenet5({ padding: 2 });
  };
  return {
    name: 'LeNet-5 train step',
    params: `[${batch},28,28,1] classic, SGD`,
    flops: 3 * 2 * macsOf(build, [28, 28, 1], batch),
    prepare() {
      const model = build();
      const x = randn([batch, 28, 28, 1], { seed: 21 });
      const labels = randint(0, 10, [batch], { seed: 22 });
      const optimizer = new SGD(model.parameters(), { lr: LR });
      return () => {
        optimizer.zeroGrad();
        const loss = crossEntropy(model.forward(x), labels);
        loss.backward();
        optimizer.step();
        return loss;
      };
    },
    raw() {
      const net = onTs(build);
      const w = (t: Tensor): tf.Variable => tf.variable(tfFrom(t));
      const c1w = w(net.conv1.weight), c1b = w(net.conv1.bias!), c2w = w(net.conv2.weight), c2b = w(net.conv2.bias!);
      const f1w = w(net.fc1.weight), f1b = w(net.fc1.bias!), f2w = w(net.fc2.weight), f2b = w(net.fc2.bias!);
      const f3w = w(net.fc3.weight), f3b = w(net.fc3.bias!);
      const x = tfNormal([batch, 28, 28, 1], 21) as tf.Tensor4D;
      const target = tf.oneHot(tfRandint(0, 10, [batch], 22) as tf.Tensor1D, 10);
      const dense = (h: tf.Tensor, wt: tf.Tensor, b: tf.Tensor): tf.Tensor => tf.add(tf.matMul(h, wt, false, true), b);
      const optimizer = tf.train.sgd(LR);
      const vars = [c1w, c1b, c2w, c2b, f1w, f1b, f2w, f2b, f3w, f3b];
      return () =>
        optimizer.minimize(() => {
          let h = tf.avgPool(tf.tanh(tf.add(tf.conv2d(x, c1w as tf.Tensor4D, 1, 'same'), c1b)) as tf.Tensor4D, 2, 2, 'valid');
          h = tf.avgPool(tf.tanh(tf.add(tf.conv2d(h, c2w as tf.Tensor4D, 1, 'valid'), c2b)) as tf.Tensor4D, 2, 2, 'valid');
          const flat = tf.tanh(dense(tf.reshape(h, [batch, -1]), f1w, f1b));
          const logits = dense(tf.tanh(dense(flat, f2w, f2b)), f3w, f3b);
          return tf.losses.softmaxCrossEntropy(target, logits) as tf.Scalar;
        }, true, vars)!;
    },
  };
}

type Pads = [[number, number], [number, number], [number, number], [number, number]];
const pads = (p: number): Pads => [[0, 0], [p, p], [p, p], [0, 0]];

/**
 * ResNet-18 (1000 classes, torchvision's layout) forward in eval mode on `[batch, size, size, 3]`,
 * without gradient recording. Flops: 2 × multiply-adds of the conv and Linear layers.
 */
function resnetForwardCase(batch: number, size: number): BenchCase {
  const build = () => {
    manualSeed(30);
    return models.resnet18().eval();
  };
  return {
    name: 'ResNet-18 forward',
    params: `[${batch},${size},${size},3] eval`,
    flops: 2 * macsOf(build, [size, size, 3], batch),
    prepare() {
      const model = build();
      const x = randn([batch, size, size, 3], { seed: 31 });
      return () => noGrad(() => model.forward(x));
    },
    raw() {
      // torchvision's state-dict names; batch norm in eval mode uses the running statistics.
      const state = onTs(() => {
        const sd = build().stateDict();
        return new Map(Object.entries(sd).map(([k, v]) => [k, tfFrom(v)]));
      });
      const p = (key: string): tf.Tensor => state.get(key)!;
      const conv = (h: tf.Tensor4D, key: string, stride: number, pad: number): tf.Tensor4D =>
        tf.conv2d(h, p(`${key}.weight`) as tf.Tensor4D, stride, pads(pad));
      const bn = (h: tf.Tensor4D, key: string): tf.Tensor4D =>
        tf.batchNorm(h, p(`${key}.running_mean`), p(`${key}.running_var`), p(`${key}.bias`), p(`${key}.weight`), 1e-5) as tf.Tensor4D;
      const block = (h: tf.Tensor4D, key: string, stride: number): tf.Tensor4D => {
        const y = bn(conv(tf.relu(bn(conv(h, `${key}.conv1`, stride, 1), `${key}.bn1`)), `${key}.conv2`, 1, 1), `${key}.bn2`);
        const shortcut = state.has(`${key}.downsample.0.weight`) ? bn(conv(h, `${key}.downsample.0`, stride, 0), `${key}.downsample.1`) : h;
        return tf.relu(tf.add(y, shortcut)) as tf.Tensor4D;
      };
      const x = tfNormal([batch, size, size, 3], 31) as tf.Tensor4D;
      return () => {
        let h = tf.maxPool(tf.relu(bn(conv(x, 'conv1', 2, 3), 'bn1')), 3, 2, pads(1));
        for (const [stage, stride] of [[1, 1], [2, 2], [3, 2], [4, 2]] as const) {
          h = block(block(h, `layer${stage}.0`, stride), `layer${stage}.1`, 1);
        }
        const pooled = tf.mean(h, [1, 2]);
        return tf.add(tf.matMul(pooled, p('fc.weight'), false, true), p('fc.bias'));
      };
    },
  };
}

/** The cnn cases, in report order. */
export const cnnCases: readonly BenchCase[] = [lenetStepCase(64), resnetForwardCase(8, 64)];
