import { binaryCrossEntropyWithLogits, zeros, type Tensor } from '@dlkit/core';
import { runGradientDescent, type TrainOptions, type TrainingHistory } from './gradient-descent.js';

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
 * Logistic regression as a one-neuron neural network (Course 1, week 2), trained by full-batch
 * gradient descent on `X: [m, n_x]`, `Y: [m, 1]`.
 */
export function trainLogisticRegression(X: Tensor, Y: Tensor, options: TrainOptions): { params: LogisticParams; history: TrainingHistory } {
  const params = initLogistic(X.shape[1]!);
  // The cost J = −1/m Σ [y log a + (1−y) log(1−a)], from the logits so it stays finite when a saturates.
  const cost = (): Tensor => binaryCrossEntropyWithLogits(logisticLogits(params, X), Y);
  const history = runGradientDescent(cost, [params.w, params.b], { ...options, label: options.label ?? 'logistic regression' });
  return { params, history };
}
