import { Generator, noGrad, oneHot, randn, tensor, tidy, zeros, type Tensor } from '@dlkit/core';
import { ProgressBar } from '@dlkit/optim';
import { gradientDescentStep, type CostPoint, type TrainingHistory } from './gradient-descent.js';
import { categoricalAccuracy } from './metrics.js';

/** One layer's parameters: `W: [n[l], n[l-1]]` (the course's shape), `b: [n[l]]`. */
export interface DenseLayer {
  readonly W: Tensor;
  readonly b: Tensor;
}

/** An L-layer network's parameters, first layer first. */
export type DeepParams = readonly DenseLayer[];

/**
 * He initialisation (Course 2, week 1, used by Course 1's deep network from the start):
 * `W[l] = randn(n[l], n[l-1]) · √(2 / n[l-1])`, `b[l] = 0`, for the layer sizes `dims`.
 * @example initDeep([784, 128, 64, 10], 1) // three layers
 */
export function initDeep(dims: readonly number[], seed?: number): DeepParams {
  const layers: DenseLayer[] = [];
  for (let l = 1; l < dims.length; l++) {
    const nIn = dims[l - 1]!;
    const nOut = dims[l]!;
    const W = randn([nOut, nIn], { std: Math.sqrt(2 / nIn), requiresGrad: true, ...(seed === undefined ? {} : { seed: seed + l }) });
    layers.push({ W, b: zeros([nOut], { requiresGrad: true }) });
  }
  return layers;
}

/**
 * Forward propagation `[LINEAR → RELU] × (L−1) → LINEAR`, returning the last layer's logits
 * `Z[L]` of shape `[m, n[L]]` (softmax is folded into the cost, see {@link softmaxCrossEntropy}).
 */
export function deepLogits(params: DeepParams, X: Tensor): Tensor {
  let A = X;
  params.forEach((layer, l) => {
    const Z = A.matmul(layer.W.transpose()).add(layer.b);
    A = l === params.length - 1 ? Z : Z.relu();
  });
  return A;
}

/**
 * The softmax cross-entropy cost `J = −1/m Σᵢ Σₖ yₖ⁽ⁱ⁾ log softmax(z⁽ⁱ⁾)ₖ`.
 * @param logits `[m, C]`; @param Y `[m, C]` one-hot labels.
 */
export function softmaxCrossEntropy(logits: Tensor, Y: Tensor): Tensor {
  return logits.logSoftmax(-1).mul(Y).sum(-1).mean().neg();
}

/** Options of {@link trainDeepNetwork}. */
export interface DeepTrainOptions {
  /** Layer sizes `[n_x, n[1], …, n[L]]`. */
  dims: readonly number[];
  /** Passes over the training set. */
  epochs: number;
  /** Examples per mini-batch. */
  batchSize: number;
  /** Learning rate α of plain gradient descent. */
  learningRate: number;
  /** Seed of the initial weights and of the shuffles (default 1). */
  seed?: number;
  /** Record the mean mini-batch cost of every this many updates (default 10). */
  recordEvery?: number;
  /** Label of the progress bar. */
  label?: string;
  /** Show a progress bar (default true). */
  progress?: boolean;
  /** A held-out set whose accuracy is measured after each epoch (never trained on). */
  test?: ImageBatchSource;
}

/** A flat image set as the deep network consumes it. */
export interface ImageBatchSource {
  /** `count × features` values, row-major. */
  readonly images: Float32Array;
  /** Class of each example. */
  readonly labels: Int32Array;
  readonly count: number;
}

/** The result of {@link trainDeepNetwork}. */
export interface DeepTrainResult {
  readonly params: DeepParams;
  readonly history: TrainingHistory;
  /** Accuracy on the training set after each epoch. */
  readonly trainAccuracy: readonly number[];
  /** Accuracy on `options.test` after each epoch (empty without a test set). */
  readonly testAccuracy: readonly number[];
}

/** Splits a data set into inputs `[n, features]` and int32 labels `[n]` tensors. */
export function toTensors(data: ImageBatchSource, features: number): { X: Tensor; labels: Tensor } {
  return {
    X: tensor(data.images, { shape: [data.count, features] }),
    labels: tensor(data.labels, { dtype: 'int32' }),
  };
}

/**
 * An L-layer ReLU network with a softmax output (Course 1, week 4, generalised to C classes), trained
 * by mini-batch gradient descent: each update is the plain `θ := θ − α·dθ` on one shuffled batch.
 */
export function trainDeepNetwork(train: ImageBatchSource, options: DeepTrainOptions): DeepTrainResult {
  const dims = options.dims;
  const features = dims[0]!;
  const classes = dims[dims.length - 1]!;
  const seed = options.seed ?? 1;
  const params = initDeep(dims, seed);
  const all = params.flatMap((layer) => [layer.W, layer.b]);
  const batchesPerEpoch = Math.ceil(train.count / options.batchSize);
  const total = batchesPerEpoch * options.epochs;
  const recordEvery = options.recordEvery ?? 10;
  const bar = options.progress === false ? null : new ProgressBar({ label: options.label ?? 'deep network', total });
  const generator = new Generator(seed);
  const order = Int32Array.from({ length: train.count }, (_, i) => i);
  const full = toTensors(train, features);
  const heldOut = options.test ? toTensors(options.test, features) : null;
  const costs: CostPoint[] = [];
  const trainAccuracy: number[] = [];
  const testAccuracy: number[] = [];
  const start = performance.now();
  let step = 0;
  let windowSum = 0;
  let windowCount = 0;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(generator.nextFloat() * (i + 1));
      const t = order[i]!;
      order[i] = order[j]!;
      order[j] = t;
    }
    for (let k = 0; k < batchesPerEpoch; k++) {
      const ids = order.subarray(k * options.batchSize, Math.min(train.count, (k + 1) * options.batchSize));
      // One update in a tidy scope: the batch, graph and gradients are released when it ends.
      const batchCost = tidy(() => {
        const index = tensor(ids, { dtype: 'int32' });
        const X = full.X.gather(index, 0);
        const Y = oneHot(full.labels.gather(index, 0), classes);
        const J = softmaxCrossEntropy(deepLogits(params, X), Y);
        J.backward();
        gradientDescentStep(all, options.learningRate);
        return J.item();
      });
      step++;
      windowSum += batchCost;
      windowCount++;
      if (step % recordEvery === 0 || step === total) {
        const cost = windowSum / windowCount;
        costs.push({ iteration: step, cost });
        bar?.update(step, { loss: cost });
        windowSum = 0;
        windowCount = 0;
      }
    }
    trainAccuracy.push(tidy(() => categoricalAccuracy(noGrad(() => deepLogits(params, full.X)), full.labels)));
    if (heldOut) testAccuracy.push(tidy(() => categoricalAccuracy(noGrad(() => deepLogits(params, heldOut.X)), heldOut.labels)));
  }
  bar?.finish();
  return { params, history: { costs, seconds: (performance.now() - start) / 1000, iterations: total }, trainAccuracy, testAccuracy };
}
