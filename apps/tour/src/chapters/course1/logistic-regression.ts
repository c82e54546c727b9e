import { softplus, zeros, type Tensor } from '@dlkit/core';
import { ProgressBar } from '../../progress.js';
import { gradientDescentStep, type CostPoint, type TrainingHistory } from './gradient-descent.js';

/** Parameters of logistic regression: `w` is `[1, n_x]` (the course's `wᵀ`), `b` is `[1]`. */
export interface LogisticParams {
  readonly w: Tensor;
  readonly b: Tensor;
}

/** Zero-initialised parameters for `nx` input features, as in the course's `initialize_with_zeros`. */
export function initLogistic(nx: number): LogisticParams {
  return { w: zeros([1, nx], { requiresGrad: true }), b: zeros([1], { requiresGrad: true }) };
}

/** Logits `z = X · wᵀ + b`, `[m, n_x] → [m, 1]`. */
export function logisticLogits(params: LogisticParams, X: Tensor): Tensor {
  return X.matmul(params.w.transpose()).add(params.b);
}

/** Probabilities `ŷ = σ(X · wᵀ + b)`, `[m, n_x] → [m, 1]`. */
export function logisticPredict(params: LogisticParams, X: Tensor): Tensor {
  return logisticLogits(params, X).sigmoid();
}

/**
 * The cross-entropy cost `J = −1/m Σ [y log a + (1−y) log(1−a)]` with `a = σ(z)`, computed from
 * the logits as `mean(softplus(z) − y·z)`: the same value, without `log(0)` when `a` saturates.
 * @param logits `[m, 1]`; @param Y `[m, 1]` 0/1 labels.
 */
export function binaryCrossEntropyWithLogits(logits: Tensor, Y: Tensor): Tensor {
  return softplus(logits).sub(Y.mul(logits)).mean();
}

/** Options of {@link trainLogisticRegression}. */
export interface TrainOptions {
  /** Gradient-descent updates (full batch). */
  iterations: number;
  /** Learning rate α. */
  learningRate: number;
  /** Label of the progress bar. */
  label?: string;
  /** Record the cost every this many iterations (default: about 100 points in all). */
  recordEvery?: number;
  /** Show a progress bar (default true). */
  progress?: boolean;
}

/**
 * Logistic regression as a one-neuron neural network (Course 1, week 2), trained by full-batch
 * gradient descent on `X: [m, n_x]`, `Y: [m, 1]`.
 */
export function trainLogisticRegression(X: Tensor, Y: Tensor, options: TrainOptions): { params: LogisticParams; history: TrainingHistory } {
  const params = initLogistic(X.shape[1]!);
  const recordEvery = options.recordEvery ?? Math.max(1, Math.floor(options.iterations / 100));
  const bar = options.progress === false ? null : new ProgressBar(options.label ?? 'logistic regression', options.iterations);
  const costs: CostPoint[] = [];
  const start = performance.now();
  for (let i = 0; i < options.iterations; i++) {
    const J = binaryCrossEntropyWithLogits(logisticLogits(params, X), Y);
    J.backward();
    gradientDescentStep([params.w, params.b], options.learningRate);
    if (i % recordEvery === 0 || i === options.iterations - 1) {
      const cost = J.item();
      costs.push({ iteration: i, cost });
      bar?.update(i + 1, cost);
    }
  }
  bar?.finish();
  return { params, history: { costs, seconds: (performance.now() - start) / 1000, iterations: options.iterations } };
}
