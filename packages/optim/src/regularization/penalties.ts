import { ValueError, type Tensor } from '@dlkit/core';

/** Options of {@link l2Penalty} and {@link l1Penalty}. */
export interface PenaltyOptions {
  /** Regularization strength λ. */
  lambda: number;
  /** Number of examples m the cost averages over (default 1). */
  m?: number;
}

function checkPenalty(where: string, weights: readonly Tensor[], options: PenaltyOptions): number {
  const { lambda, m = 1 } = options;
  if (!(Number.isFinite(lambda) && lambda >= 0)) throw new ValueError(`${where}: lambda must be a finite number >= 0, got ${String(lambda)}`);
  if (!(Number.isFinite(m) && m > 0)) throw new ValueError(`${where}: m must be a positive number of examples, got ${String(m)}`);
  if (weights.length === 0) throw new ValueError(`${where}: got no weights; pass the tensors to penalize (e.g. weightsOf(model))`);
  return m;
}

/**
 * The course's L2 regularization term, `λ/(2m)·Σ_l ‖W[l]‖²_F` — add it to the cost, and autograd
 * adds `λ/m·W` to each gradient ("weight decay"). Pass the weight matrices only, not biases
 * ({@link weightsOf} picks them). Returns a scalar tensor that is differentiable.
 * @example const cost = crossEntropy(logits, y).add(l2Penalty(weightsOf(model), { lambda: 0.7, m: x.shape[0] }));
 */
export function l2Penalty(weights: readonly Tensor[], options: PenaltyOptions): Tensor {
  const m = checkPenalty('l2Penalty', weights, options);
  const total = weights.map((w) => w.square().sum()).reduce((a, b) => a.add(b));
  return total.mul(options.lambda / (2 * m));
}

/**
 * L1 regularization, `λ/m·Σ_l Σ|W[l]|`, which pushes weights to exactly zero (sparse models).
 * Returns a differentiable scalar tensor.
 * @example const cost = mse.add(l1Penalty(weightsOf(model), { lambda: 1e-3, m }));
 */
export function l1Penalty(weights: readonly Tensor[], options: PenaltyOptions): Tensor {
  const m = checkPenalty('l1Penalty', weights, options);
  const total = weights.map((w) => w.abs().sum()).reduce((a, b) => a.add(b));
  return total.mul(options.lambda / m);
}
