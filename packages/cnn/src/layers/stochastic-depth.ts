import { bernoulli, nn, ValueError, type Tensor } from '@dlkit/core';

/**
 * Stochastic depth (Huang et al. 2016; torchvision's `StochasticDepth(p, 'row')`): while training,
 * each example's residual branch is dropped with probability `p` and kept ones are scaled by
 * `1/(1-p)`, so a block sometimes acts as the identity; the identity in eval mode.
 * Input `[m, …]`, one draw per example.
 * @example new StochasticDepth(0.2).forward(randn([8, 7, 7, 320]))
 */
export class StochasticDepth extends nn.Module {
  /**
   * Checks the rate.
   * @param p Probability of dropping an example's branch, in `[0, 1]`.
   */
  constructor(readonly p: number) {
    super();
    if (!(p >= 0 && p <= 1)) throw new ValueError(`StochasticDepth: p must be in [0, 1], got ${p}`);
  }

  forward(x: Tensor): Tensor {
    if (!this.training || this.p === 0) return x;
    const keep = bernoulli([x.shape[0]!, ...x.shape.slice(1).map(() => 1)], 1 - this.p, { dtype: x.dtype });
    return this.p === 1 ? x.mul(keep) : x.mul(keep.mul(1 / (1 - this.p)));
  }
}
