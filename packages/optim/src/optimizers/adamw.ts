import type { Tensor } from '@dlkit/core';
import { Optimizer, type ParameterUpdate } from './optimizer.js';
import type { Params } from './param-groups.js';
import { adamUpdate, validateAdamOptions, type AdamOptions, type AdamState } from './adam.js';

/** Options of {@link AdamW}: Adam's, with `weightDecay` decoupled (default 1e-2). */
export type AdamWOptions = AdamOptions;

/**
 * Adam with decoupled weight decay (Loshchilov & Hutter), like PyTorch's `torch.optim.AdamW`:
 * the weights shrink by `w ← w·(1 − α·λ)` before the Adam step, instead of `λ·w` being added to
 * the gradient (where Adam's scaling would weaken it for parameters with large gradients).
 * @example new AdamW(model.parameters(), { lr: 1e-3, weightDecay: 0.01 })
 */
export class AdamW extends Optimizer<AdamWOptions, AdamState> {
  /**
   * Creates the optimizer over `params`.
   *
   * @param params - The tensors to train (`model.parameters()`), or param groups with their own options.
   * @param options - Overrides of the defaults (`lr` 1e-3, `betas` [0.9, 0.999], `weightDecay` 1e-2).
   */
  constructor(params: Params<AdamWOptions>, options: Partial<AdamWOptions> = {}) {
    super('AdamW', params, { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 1e-2, amsgrad: false, ...options });
  }

  protected override validateOptions(options: AdamWOptions): void {
    super.validateOptions(options);
    validateAdamOptions(this.name, options);
  }

  protected updateParameter(param: Tensor, grad: Tensor, options: AdamWOptions, state: AdamState | undefined): ParameterUpdate<AdamState> {
    const decayed = options.weightDecay !== 0 ? param.mul(1 - options.lr * options.weightDecay) : param;
    return adamUpdate(decayed, grad, options, state);
  }
}
