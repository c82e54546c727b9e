import { ValueError, zerosLike, type Tensor } from '@dlkit/core';
import { Optimizer, type ParameterUpdate } from './optimizer.js';
import type { Params } from './param-groups.js';
import { assertDecayRate } from './validate.js';

/** Options of {@link Momentum}. */
export interface MomentumOptions {
  /** Learning rate α (default 0.01). */
  lr: number;
  /** Momentum β (default 0.9, "an average over about the last 10 gradients"). */
  beta: number;
  /**
   * Which velocity update (default `'ewa'`):
   * - `'ewa'`, the course's exponentially weighted average `v ← β·v + (1 − β)·g`, with `v₀ = 0`;
   * - `'pytorch'`, PyTorch's `v ← β·v + g` (first `v = g`), identical to `SGD({ momentum: β })`,
   *   which is the `'ewa'` form with α scaled by `1/(1 − β)`.
   */
  form: 'ewa' | 'pytorch';
  /** Nesterov's look-ahead: step along `β·v + c·g` instead of `v` (`c = 1 − β` for `'ewa'`, 1 for `'pytorch'`). */
  nesterov: boolean;
}

/** State {@link Momentum} keeps per parameter. */
export type MomentumState = {
  /** The velocity `v_dW`, the parameter's shape. */
  velocity: Tensor;
};

/**
 * Gradient descent with momentum, as taught in the course:
 *
 * ```
 * v_dW ← β·v_dW + (1 − β)·dW
 * W ← W − α·v_dW
 * ```
 *
 * The velocity is an exponentially weighted average of past gradients, which damps the
 * oscillations across a narrow valley and speeds up the motion along it. PyTorch's form
 * (`v ← β·v + g`) and Nesterov momentum are options.
 * @example new Momentum(model.parameters(), { lr: 0.1, beta: 0.9 })
 */
export class Momentum extends Optimizer<MomentumOptions, MomentumState> {
  /**
   * Creates the optimizer over `params`.
   *
   * @param params - The tensors to train (`model.parameters()`), or param groups with their own options.
   * @param options - Overrides of the defaults (`lr` 0.01, `beta` 0.9, the course's `'ewa'` form).
   */
  constructor(params: Params<MomentumOptions>, options: Partial<MomentumOptions> = {}) {
    super('Momentum', params, { lr: 0.01, beta: 0.9, form: 'ewa', nesterov: false, ...options });
  }

  protected override validateOptions(options: MomentumOptions): void {
    super.validateOptions(options);
    assertDecayRate(this.name, 'beta', options.beta);
    if (options.form !== 'ewa' && options.form !== 'pytorch') {
      throw new ValueError(`${this.name}: form must be 'ewa' or 'pytorch', got ${String(options.form)}`);
    }
  }

  protected updateParameter(param: Tensor, grad: Tensor, options: MomentumOptions, state: MomentumState | undefined): ParameterUpdate<MomentumState> {
    const { lr, beta, form, nesterov } = options;
    const gradWeight = form === 'ewa' ? 1 - beta : 1;
    let velocity: Tensor;
    if (form === 'pytorch' && !state) velocity = grad;
    else velocity = (state?.velocity ?? zerosLike(param)).mul(beta).add(grad.mul(gradWeight));
    const direction = nesterov ? velocity.mul(beta).add(grad.mul(gradWeight)) : velocity;
    return { param: param.sub(direction.mul(lr)), state: { velocity } };
  }
}
