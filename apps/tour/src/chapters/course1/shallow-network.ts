import { binaryCrossEntropyWithLogits, randn, zeros, type Tensor } from '@dlkit/core';
import { runGradientDescent, type TrainOptions, type TrainingHistory } from './gradient-descent.js';

/**
 * Parameters of a two-layer network `n_x → n_h (tanh) → 1 (sigmoid)`, the course's shapes:
 * `W1: [n_h, n_x]`, `b1: [n_h]`, `W2: [1, n_h]`, `b2: [1]`.
 */
export interface ShallowParams {
  readonly W1: Tensor;
  readonly b1: Tensor;
  readonly W2: Tensor;
  readonly b2: Tensor;
}

/**
 * The course's `initialize_parameters`: weights `randn · 0.01`, biases zero.
 * @param seed seed of the weights (default: the global generator).
 */
export function initShallow(nx: number, nh: number, seed?: number): ShallowParams {
  const W1 = randn([nh, nx], { std: 0.01, requiresGrad: true, ...(seed === undefined ? {} : { seed }) });
  const W2 = randn([1, nh], { std: 0.01, requiresGrad: true, ...(seed === undefined ? {} : { seed: seed + 1 }) });
  return { W1, b1: zeros([nh], { requiresGrad: true }), W2, b2: zeros([1], { requiresGrad: true }) };
}

/** Output logits `Z2 = tanh(X·W1ᵀ + b1)·W2ᵀ + b2`, `[m, n_x] → [m, 1]`. */
export function shallowLogits(p: ShallowParams, X: Tensor): Tensor {
  const A1 = X.matmul(p.W1.transpose()).add(p.b1).tanh();
  return A1.matmul(p.W2.transpose()).add(p.b2);
}

/** Probabilities `A2 = σ(Z2)`, `[m, n_x] → [m, 1]`. */
export function shallowPredict(p: ShallowParams, X: Tensor): Tensor {
  return shallowLogits(p, X).sigmoid();
}

/** Options of {@link trainShallowNetwork}. */
export interface ShallowTrainOptions extends TrainOptions {
  /** Hidden units `n_h` (default 4, as in the course). */
  hiddenUnits?: number;
  /** Seed of the initial weights. */
  seed?: number;
}

/**
 * A neural network with one tanh hidden layer (Course 1, week 3, `nn_model`), trained by
 * full-batch gradient descent; backpropagation is autograd's.
 */
export function trainShallowNetwork(X: Tensor, Y: Tensor, options: ShallowTrainOptions): { params: ShallowParams; history: TrainingHistory } {
  const params = initShallow(X.shape[1]!, options.hiddenUnits ?? 4, options.seed);
  const cost = (): Tensor => binaryCrossEntropyWithLogits(shallowLogits(params, X), Y);
  const history = runGradientDescent(cost, [params.W1, params.b1, params.W2, params.b2], { ...options, label: options.label ?? 'shallow network' });
  return { params, history };
}
