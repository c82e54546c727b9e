import { zerosLike, type Tensor } from '@dlkit/core';
import { Optimizer, type ParameterUpdate } from './optimizer.js';
import type { Params } from './param-groups.js';
import { assertNonNegative } from './validate.js';

/** Options of {@link Adagrad} (PyTorch's `torch.optim.Adagrad`, camelCase). */
export interface AdagradOptions {
  /** Learning rate α (default 0.01). */
  lr: number;
  /** Learning-rate decay: step t uses `α / (1 + (t − 1)·lrDecay)` (default 0). */
  lrDecay: number;
  /** L2 penalty added to the gradient, `g + λ·w` (default 0). */
  weightDecay: number;
  /** Starting value of the sum of squared gradients (default 0). */
  initialAccumulatorValue: number;
  /** Added to the root for stability (default 1e-10). */
  eps: number;
}

/** State {@link Adagrad} keeps per parameter. */
export type AdagradState = {
  /** Updates applied so far (`t`). */
  step: number;
  /** Sum of every past `g²` (`G`), the parameter's shape. */
  sum: Tensor;
};

/**
 * Adagrad: each coordinate's step is divided by the root of the sum of all its past squared
 * gradients, like PyTorch's `torch.optim.Adagrad`:
 *
 * ```
 * G ← G + g²
 * w ← w − α_t·g / (√G + ε),   α_t = α / (1 + (t − 1)·lrDecay)
 * ```
 * @example new Adagrad(model.parameters(), { lr: 0.1 })
 */
export class Adagrad extends Optimizer<AdagradOptions, AdagradState> {
  /**
   * Creates the optimizer over `params`.
   *
   * @param params - The tensors to train (`model.parameters()`), or param groups with their own options.
   * @param options - Overrides of the defaults (`lr` 0.01, `eps` 1e-10, no decay).
   */
  constructor(params: Params<AdagradOptions>, options: Partial<AdagradOptions> = {}) {
    super('Adagrad', params, { lr: 0.01, lrDecay: 0, weightDecay: 0, initialAccumulatorValue: 0, eps: 1e-10, ...options });
  }

  protected override validateOptions(options: AdagradOptions): void {
    super.validateOptions(options);
    assertNonNegative(this.name, 'lrDecay', options.lrDecay);
    assertNonNegative(this.name, 'weightDecay', options.weightDecay);
    assertNonNegative(this.name, 'initialAccumulatorValue', options.initialAccumulatorValue);
    assertNonNegative(this.name, 'eps', options.eps);
  }

  protected updateParameter(param: Tensor, grad: Tensor, options: AdagradOptions, state: AdagradState | undefined): ParameterUpdate<AdagradState> {
    const { lr, lrDecay, weightDecay, initialAccumulatorValue, eps } = options;
    const previous = state ?? { step: 0, sum: zerosLike(param).add(initialAccumulatorValue) };
    const step = previous.step + 1;
    const g = weightDecay !== 0 ? grad.add(param.mul(weightDecay)) : grad;
    const clr = lr / (1 + (step - 1) * lrDecay);
    const sum = previous.sum.add(g.square());
    const update = g.div(sum.sqrt().add(eps)).mul(clr);
    return { param: param.sub(update), state: { step, sum } };
  }
}
