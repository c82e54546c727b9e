import { bernoulli, nn, ShapeError, ValueError, type Tensor } from '@dlkit/core';
import { formatShape } from './arguments.js';

/**
 * Channel dropout (PyTorch's `nn.Dropout2d`, Keras' `SpatialDropout2D`): while training, each
 * feature map of each example is zeroed with probability `p` and the rest scaled by `1/(1-p)`;
 * the identity in eval mode. Neighbouring pixels are correlated, so dropping whole maps
 * regularizes conv layers where element-wise dropout barely does. Input `[m, h, w, c]`.
 * @example new Dropout2d(0.2).forward(randn([8, 16, 16, 32]))
 */
export class Dropout2d extends nn.Module {
  /**
   * Checks the rate.
   * @param p Probability of zeroing a feature map, in `[0, 1)` (default 0.5).
   */
  constructor(readonly p = 0.5) {
    super();
    if (!(p >= 0 && p < 1)) throw new ValueError(`Dropout2d: p must be in [0, 1), got ${p}`);
  }

  forward(x: Tensor): Tensor {
    if (x.rank !== 4) throw new ShapeError(`Dropout2d.forward: expected NHWC input [m, h, w, c], got ${formatShape(x.shape)}`);
    if (!this.training || this.p === 0) return x;
    const keep = bernoulli([x.shape[0]!, 1, 1, x.shape[3]!], 1 - this.p, { dtype: x.dtype });
    return x.mul(keep.mul(1 / (1 - this.p)));
  }
}
