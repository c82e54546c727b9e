import { concat, manualSeed, meanSquaredError, noGrad, randn, split, transpose, add, type Tensor } from '@dlkit/core';
import { GRU, LSTM } from '@dlkit/sequence';
import { SGD } from '@dlkit/optim';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs';
import type { BenchCase } from '../harness.js';
import { onTs, tfFrom, tfNormal } from './raw-data.js';

/**
 * @dlkit/sequence's cases: an LSTM training step and GRU inference. Their raw twins are
 * tfjs-layers' `tf.layers.lstm` / `tf.layers.gru` (what a TensorFlow.js user reaches for), with
 * sigmoid gates (tfjs-layers defaults to hard sigmoid) and the dlkit layer's initial weights, so
 * both sides compute the same function.
 */

const LR = 0.01;

/** dlkit's `[gates·H, in]` weight as Keras's `[in, gates·H]` kernel, gate blocks reordered by `order`. */
function kerasKernel(weight: Tensor, gates: number, order: readonly number[]): tf.Tensor {
  const blocks = split(weight, gates, 0);
  return tfFrom(transpose(concat(order.map((g) => blocks[g]!), 0)));
}

/** `b_ih + b_hh`, gate blocks reordered by `order` (Keras's single bias). */
function kerasBias(layer: LSTM | GRU, gates: number, order: readonly number[]): tf.Tensor {
  const fields = layer as unknown as Record<string, Tensor>;
  const blocks = split(add(fields['bias_ih_l0']!, fields['bias_hh_l0']!), gates, 0);
  return tfFrom(concat(order.map((g) => blocks[g]!), 0));
}

/** dlkit's layer-0 weights in tfjs-layers' order `[kernel, recurrentKernel, bias]`. */
function kerasWeights(layer: LSTM | GRU, gates: number, order: readonly number[]): tf.Tensor[] {
  const fields = layer as unknown as Record<string, Tensor>;
  return [kerasKernel(fields['weight_ih_l0']!, gates, order), kerasKernel(fields['weight_hh_l0']!, gates, order), kerasBias(layer, gates, order)];
}

/**
 * One SGD step of a one-layer LSTM over `[batch, time, input]`: forward over every step, mean
 * squared error against a fixed target, backpropagation through time, update. Flops: 3 × the
 * forward gate matmuls (`2·batch·time·(input + hidden)·4·hidden`).
 */
function lstmStepCase(batch: number, time: number, input: number, hidden: number): BenchCase {
  const build = () => {
    manualSeed(40);
    return new LSTM(input, hidden);
  };
  return {
    name: 'LSTM train step',
    params: `LSTM(${hidden}) on [${batch},${time},${input}], MSE, SGD`,
    flops: 3 * 2 * batch * time * (input + hidden) * 4 * hidden,
    prepare() {
      const lstm = build();
      const x = randn([batch, time, input], { seed: 41 });
      const target = randn([batch, time, hidden], { seed: 42 });
      const optimizer = new SGD(lstm.parameters(), { lr: LR });
      return () => {
        optimizer.zeroGrad();
        const loss = meanSquaredError(lstm.forward(x).output, target);
        loss.backward();
        optimizer.step();
        return loss;
      };
    },
    raw() {
      // Gates i, f, g, o in PyTorch's order are Keras's i, f, c, o.
      const weights = onTs(() => kerasWeights(build(), 4, [0, 1, 2, 3]));
      const layer = tfl.layers.lstm({ units: hidden, returnSequences: true, recurrentActivation: 'sigmoid' });
      const x = tfNormal([batch, time, input], 41);
      const target = tfNormal([batch, time, hidden], 42);
      tf.dispose(layer.apply(x) as tf.Tensor);
      layer.setWeights(weights);
      const vars = layer.trainableWeights.map((w) => w.read() as tf.Variable);
      const optimizer = tf.train.sgd(LR);
      return () => optimizer.minimize(() => tf.losses.meanSquaredError(target, layer.apply(x) as tf.Tensor) as tf.Scalar, true, vars)!;
    },
  };
}

/**
 * A one-layer GRU forward over `[batch, time, input]` without gradient recording, in the form
 * tfjs-layers builds (reset gate before the hidden matmul, `resetAfter: false`). Flops: the gate
 * matmuls, `2·batch·time·(input + hidden)·3·hidden`.
 */
function gruInferenceCase(batch: number, time: number, input: number, hidden: number): BenchCase {
  const build = () => {
    manualSeed(50);
    return new GRU(input, hidden, { resetAfter: false }).eval();
  };
  return {
    name: 'GRU inference',
    params: `GRU(${hidden}) on [${batch},${time},${input}], reset before`,
    flops: 2 * batch * time * (input + hidden) * 3 * hidden,
    prepare() {
      const gru = build();
      const x = randn([batch, time, input], { seed: 51 });
      return () => noGrad(() => gru.forward(x).output);
    },
    raw() {
      // PyTorch's gates r, z, n are Keras's z, r, h reordered.
      const weights = onTs(() => kerasWeights(build(), 3, [1, 0, 2]));
      const layer = tfl.layers.gru({ units: hidden, returnSequences: true, recurrentActivation: 'sigmoid' });
      const x = tfNormal([batch, time, input], 51);
      tf.dispose(layer.apply(x) as tf.Tensor);
      layer.setWeights(weights);
      return () => layer.apply(x) as tf.Tensor;
    },
  };
}

/** The sequence cases, in report order. */
export const sequenceCases: readonly BenchCase[] = [lstmStepCase(32, 50, 64, 128), gruInferenceCase(32, 50, 64, 128)];
