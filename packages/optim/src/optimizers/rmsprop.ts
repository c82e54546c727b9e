import { zerosLike, type Tensor } from '@dlkit/core';
import { Optimizer, type ParameterUpdate } from './optimizer.js';
import type { Params } from './param-groups.js';
import { assertDecayRate, assertNonNegative } from './validate.js';

/** Options of {@link RMSprop} (PyTorch's `torch.optim.RMSprop`, camelCase). */
export interface RMSpropOptions {
  /** Learning rate α (default 0.01). */
  lr: number;
  /** Decay of the squared-gradient average, the course's β₂ (default 0.99). */
  alpha: number;
  /** Added to the root for stability (default 1e-8). */
  eps: number;
  /** L2 penalty added to the gradient, `g + λ·w` (default 0). */
  weightDecay: number;
  /** Momentum on the normalized step (default 0). */
  momentum: number;
  /** Normalize by the centered second moment (an estimate of the gradient's variance), default false. */
  centered: boolean;
}

/** State {@link RMSprop} keeps per parameter. */
export type RMSpropState = {
  /** Updates applied so far. */
  step: number;
  /** Running mean of `g²` (`S_dW`), the parameter's shape. */
  squareAvg: Tensor;
  /** Running mean of `g` (`ḡ`, used with `centered`; zeros otherwise), the parameter's shape. */
  gradAvg: Tensor;
  /** Momentum buffer `b` (used with `momentum > 0`; zeros otherwise), the parameter's shape. */
  momentumBuffer: Tensor;
};

/**
 * RMSprop: divide each gradient by a running root-mean-square of recent gradients, so steep
 * directions get smaller steps and flat ones larger. The course's form
 *
 * ```
 * S_dW ← β·S_dW + (1 − β)·dW²
 * W ← W − α·dW / (√S_dW + ε)
 * ```
 *
 * with `β = alpha`; matches PyTorch's `torch.optim.RMSprop` including `centered` (divide by
 * `√(S − ḡ²) + ε`, ḡ a running mean of g) and `momentum` (`b ← μ·b + g/(√S + ε)`, `W ← W − α·b`).
 * @example new RMSprop(model.parameters(), { lr: 1e-3, alpha: 0.9 })
 */
export class RMSprop extends Optimizer<RMSpropOptions, RMSpropState> {
  /**
   * Creates the optimizer over `params`.
   *
   * @param params - The tensors to train (`model.parameters()`), or param groups with their own options.
   * @param options - Overrides of the defaults (`lr` 0.01, `alpha` 0.99, `eps` 1e-8).
   */
  constructor(params: Params<RMSpropOptions>, options: Partial<RMSpropOptions> = {}) {
    super('RMSprop', params, { lr: 0.01, alpha: 0.99, eps: 1e-8, weightDecay: 0, momentum: 0, centered: false, ...options });
  }

  protected override validateOptions(options: RMSpropOptions): void {
    super.validateOptions(options);
    assertDecayRate(this.name, 'alpha', options.alpha);
    assertNonNegative(this.name, 'eps', options.eps);
    assertNonNegative(this.name, 'weightDecay', options.weightDecay);
    assertNonNegative(this.name, 'momentum', options.momentum);
  }

  protected updateParameter(param: Tensor, grad: Tensor, options: RMSpropOptions, state: RMSpropState | undefined): ParameterUpdate<RMSpropState> {
    const { lr, alpha, eps, weightDecay, momentum, centered } = options;
    const previous = state ?? { step: 0, squareAvg: zerosLike(param), gradAvg: zerosLike(param), momentumBuffer: zerosLike(param) };
    const g = weightDecay !== 0 ? grad.add(param.mul(weightDecay)) : grad;
    const squareAvg = previous.squareAvg.mul(alpha).add(g.square().mul(1 - alpha));
    let gradAvg = previous.gradAvg;
    let denominator: Tensor;
    if (centered) {
      gradAvg = gradAvg.mul(alpha).add(g.mul(1 - alpha));
      denominator = squareAvg.sub(gradAvg.square()).sqrt().add(eps);
    } else {
      denominator = squareAvg.sqrt().add(eps);
    }
    let momentumBuffer = previous.momentumBuffer;
    let update: Tensor;
    if (momentum > 0) {
      momentumBuffer = momentumBuffer.mul(momentum).add(g.div(denominator));
      update = momentumBuffer.mul(lr);
    } else {
      update = g.div(denominator).mul(lr);
    }
    return { param: param.sub(update), state: { step: previous.step + 1, squareAvg, gradAvg, momentumBuffer } };
  }
}
