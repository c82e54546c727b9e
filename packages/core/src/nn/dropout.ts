import type { Tensor } from '../tensor.js';
import { dropout } from '../ops/random.js';
import { ValueError } from '../errors.js';
import { Module } from './module.js';

/**
 * Inverted dropout while training (rate `p` of activations zeroed, the rest scaled by
 * `1/(1-p)`); the identity in eval mode, so nothing changes at test time.
 * @example new Dropout(0.2)
 */
export class Dropout extends Module {
  /**
   * Creates the layer; it starts in training mode, like every module.
   *
   * @param p - Probability of zeroing each activation while training, in `[0, 1)` (default 0.5).
   */
  constructor(readonly p = 0.5) {
    super();
    if (!(p >= 0 && p < 1)) throw new ValueError(`Dropout: p must be in [0, 1), got ${p}`);
  }

  forward(x: Tensor): Tensor {
    return this.training ? dropout(x, this.p) : x;
  }
}
