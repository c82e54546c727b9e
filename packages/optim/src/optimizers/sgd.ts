import { ValueError, type Tensor } from '@dlkit/core';
import { Optimizer, type ParameterUpdate } from './optimizer.js';
import type { Params } from './param-groups.js';
import { assertNonNegative } from './validate.js';

/** Options of {@link SGD} (PyTorch's `torch.optim.SGD`, camelCase). */
export interface SGDOptions {
  /** Learning rate α (default 0.01). */
  lr: number;
  /** Momentum factor μ (default 0: plain gradient descent). */
  momentum: number;
  /** Dampening of the momentum's gradient term (default 0). */
  dampening: number;
  /** Nesterov momentum (default false; needs momentum > 0 and dampening 0). */
  nesterov: boolean;
  /** L2 penalty added to the gradient, `g + λ·w` (default 0). */
  weightDecay: number;
}

/** State {@link SGD} keeps per parameter: the momentum buffer, when momentum is on. */
export type SGDState = {
  /** The momentum buffer `b`, the parameter's shape. */
  momentumBuffer: Tensor;
} | Record<string, never>;

/**
 * Stochastic gradient descent, with optional momentum, dampening, Nesterov momentum and L2 weight
 * decay, step for step like PyTorch's `torch.optim.SGD`:
 *
 * ```
 * g ← ∇w + λ·w
 * b ← g (first step),  b ← μ·b + (1 − dampening)·g (later)
 * g ← g + μ·b (Nesterov) or b (momentum)
 * w ← w − α·g
 * ```
 *
 * Works on parameters of any shape.
 * @example
 * ```ts
 * const optimizer = new SGD(model.parameters(), { lr: 0.1, momentum: 0.9, nesterov: true });
 * optimizer.zeroGrad(); loss.backward(); optimizer.step();
 * ```
 */
export class SGD extends Optimizer<SGDOptions, SGDState> {
  /**
   * Creates the optimizer over `params`.
   *
   * @param params - The tensors to train (`model.parameters()`), or param groups with their own options.
   * @param options - Overrides of the defaults (`lr` 0.01, no momentum, dampening or weight decay).
   */
  constructor(params: Params<SGDOptions>, options: Partial<SGDOptions> = {}) {
    super('SGD', params, { lr: 0.01, momentum: 0, dampening: 0, nesterov: false, weightDecay: 0, ...options });
  }

  protected override validateOptions(options: SGDOptions): void {
    super.validateOptions(options);
    assertNonNegative(this.name, 'momentum', options.momentum);
    assertNonNegative(this.name, 'dampening', options.dampening);
    assertNonNegative(this.name, 'weightDecay', options.weightDecay);
    if (options.nesterov && (options.momentum <= 0 || options.dampening !== 0)) {
      throw new ValueError(`${this.name}: nesterov needs momentum > 0 and dampening 0, got momentum ${options.momentum}, dampening ${options.dampening}`);
    }
  }

  protected updateParameter(param: Tensor, grad: Tensor, options: SGDOptions, state: SGDState | undefined): ParameterUpdate<SGDState> {
    const { lr, momentum, dampening, nesterov, weightDecay } = options;
    let g = weightDecay !== 0 ? grad.add(param.mul(weightDecay)) : grad;
    let newState: SGDState = {};
    if (momentum !== 0) {
      const previous = state && 'momentumBuffer' in state ? state.momentumBuffer : undefined;
      const buffer = previous ? previous.mul(momentum).add(g.mul(1 - dampening)) : g;
      g = nesterov ? g.add(buffer.mul(momentum)) : buffer;
      newState = { momentumBuffer: buffer };
    }
    return { param: param.sub(g.mul(lr)), state: newState };
  }
}
