import { ValueError, zerosLike, type Tensor } from '@dlkit/core';
import { Optimizer, type ParameterUpdate } from './optimizer.js';
import type { Params } from './param-groups.js';
import { assertDecayRate, assertNonNegative } from './validate.js';

/** Options of {@link Adam} (PyTorch's `torch.optim.Adam`, camelCase). */
export interface AdamOptions {
  /** Learning rate α (default 1e-3). */
  lr: number;
  /** Decay rates `[β₁, β₂]` of the first and second moment averages (default `[0.9, 0.999]`). */
  betas: readonly [number, number];
  /** Added to the root for stability (default 1e-8). */
  eps: number;
  /** L2 penalty added to the gradient, `g + λ·w` (default 0; see {@link AdamW} for the decoupled form). */
  weightDecay: number;
  /** AMSGrad: divide by the running maximum of the second moment (default false). */
  amsgrad: boolean;
}

/** State {@link Adam} keeps per parameter. */
export type AdamState = {
  /** Updates applied so far (`t`). */
  step: number;
  /** First moment `v`, the running mean of `g`, the parameter's shape. */
  expAvg: Tensor;
  /** Second moment `s`, the running mean of `g²`, the parameter's shape. */
  expAvgSq: Tensor;
  /** Running maximum of `s` (used with `amsgrad`; zeros otherwise), the parameter's shape. */
  maxExpAvgSq: Tensor;
};

/** The Adam update shared by {@link Adam} and {@link AdamW}; `g` already holds any L2 term. */
export function adamUpdate(param: Tensor, g: Tensor, options: AdamOptions, state: AdamState | undefined): ParameterUpdate<AdamState> {
  const { lr, betas: [beta1, beta2], eps, amsgrad } = options;
  const previous = state ?? { step: 0, expAvg: zerosLike(param), expAvgSq: zerosLike(param), maxExpAvgSq: zerosLike(param) };
  const step = previous.step + 1;
  const expAvg = previous.expAvg.mul(beta1).add(g.mul(1 - beta1));
  const expAvgSq = previous.expAvgSq.mul(beta2).add(g.square().mul(1 - beta2));
  const maxExpAvgSq = amsgrad ? previous.maxExpAvgSq.maximum(expAvgSq) : previous.maxExpAvgSq;
  const biasCorrection1 = 1 - beta1 ** step;
  const biasCorrection2 = 1 - beta2 ** step;
  const denominator = (amsgrad ? maxExpAvgSq : expAvgSq).sqrt().div(Math.sqrt(biasCorrection2)).add(eps);
  const update = expAvg.div(denominator).mul(lr / biasCorrection1);
  return { param: param.sub(update), state: { step, expAvg, expAvgSq, maxExpAvgSq } };
}

/** Checks Adam-family options. */
export function validateAdamOptions(where: string, options: AdamOptions): void {
  const betas = options.betas as readonly number[];
  if (!Array.isArray(betas) || betas.length !== 2) {
    throw new ValueError(`${where}: betas must be a pair [β₁, β₂], got ${String(betas)}`);
  }
  assertDecayRate(where, 'betas[0]', betas[0]!);
  assertDecayRate(where, 'betas[1]', betas[1]!);
  assertNonNegative(where, 'eps', options.eps);
  assertNonNegative(where, 'weightDecay', options.weightDecay);
}

/**
 * Adam: momentum on the gradient plus RMSprop's per-coordinate scaling, with bias correction
 * (the course's week-2 algorithm, step for step PyTorch's `torch.optim.Adam`):
 *
 * ```
 * t ← t + 1;  g ← ∇w + λ·w
 * v ← β₁·v + (1 − β₁)·g            v̂ = v / (1 − β₁ᵗ)
 * s ← β₂·s + (1 − β₂)·g²           ŝ = s / (1 − β₂ᵗ)
 * w ← w − α·v̂ / (√ŝ + ε)
 * ```
 *
 * With `amsgrad`, `ŝ` uses the running maximum of `s`.
 * @example new Adam(model.parameters(), { lr: 1e-3, betas: [0.9, 0.999] })
 */
export class Adam extends Optimizer<AdamOptions, AdamState> {
  /**
   * Creates the optimizer over `params`.
   *
   * @param params - The tensors to train (`model.parameters()`), or param groups with their own options.
   * @param options - Overrides of the defaults (`lr` 1e-3, `betas` [0.9, 0.999], `eps` 1e-8).
   */
  constructor(params: Params<AdamOptions>, options: Partial<AdamOptions> = {}) {
    super('Adam', params, { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, amsgrad: false, ...options });
  }

  protected override validateOptions(options: AdamOptions): void {
    super.validateOptions(options);
    validateAdamOptions(this.name, options);
  }

  protected updateParameter(param: Tensor, grad: Tensor, options: AdamOptions, state: AdamState | undefined): ParameterUpdate<AdamState> {
    const g = options.weightDecay !== 0 ? grad.add(param.mul(options.weightDecay)) : grad;
    return adamUpdate(param, g, options, state);
  }
}
