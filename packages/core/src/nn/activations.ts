import type { Tensor } from '../tensor.js';
import { elu, gelu, leakyRelu, relu, relu6, selu, sigmoid, softplus, tanh } from '../ops/unary.js';
import { logSoftmax, softmax } from '../ops/softmax.js';
import { Module } from './module.js';

/** `max(x, 0)`. */
export class ReLU extends Module { forward(x: Tensor): Tensor { return relu(x); } }
/** `min(max(x, 0), 6)`. */
export class ReLU6 extends Module { forward(x: Tensor): Tensor { return relu6(x); } }
/** `tanh(x)`. */
export class Tanh extends Module { forward(x: Tensor): Tensor { return tanh(x); } }
/** `σ(x)`. */
export class Sigmoid extends Module { forward(x: Tensor): Tensor { return sigmoid(x); } }
/** Self-normalizing ELU. */
export class SELU extends Module { forward(x: Tensor): Tensor { return selu(x); } }
/** `log(1 + eˣ)`. */
export class Softplus extends Module { forward(x: Tensor): Tensor { return softplus(x); } }

/**
 * `x` for x > 0, else `alpha·x` (default 0.01).
 * @example new LeakyReLU(0.2).forward(tensor([-1, 2])) // [-0.2, 2]
 */
export class LeakyReLU extends Module {
  /**
   * Creates the layer.
   *
   * @param alpha - Slope for negative inputs (default 0.01).
   */
  constructor(readonly alpha = 0.01) { super(); }
  forward(x: Tensor): Tensor { return leakyRelu(x, this.alpha); }
}

/**
 * `x` for x > 0, else `alpha·(eˣ - 1)`.
 * @example new ELU().forward(tensor([-1, 2])) // [-0.632, 2]
 */
export class ELU extends Module {
  /**
   * Creates the layer.
   *
   * @param alpha - Scale of the negative branch; outputs saturate at `-alpha` (default 1).
   */
  constructor(readonly alpha = 1) { super(); }
  forward(x: Tensor): Tensor { return elu(x, this.alpha); }
}

/**
 * `x·Φ(x)`, or its tanh approximation.
 * @example new GELU('tanh').forward(randn([2, 8])) // [2, 8]
 */
export class GELU extends Module {
  /**
   * Creates the layer.
   *
   * @param approximate - `'none'` (default) for the exact erf form, `'tanh'` for the GPT-2 approximation.
   */
  constructor(readonly approximate: 'none' | 'tanh' = 'none') { super(); }
  forward(x: Tensor): Tensor { return gelu(x, { approximate: this.approximate }); }
}

/**
 * Softmax along `axis` (default last).
 * @example new Softmax().forward(tensor([[0, 0]])) // [[0.5, 0.5]]
 */
export class Softmax extends Module {
  /**
   * Creates the layer.
   *
   * @param axis - The axis whose entries sum to 1 (default -1, the last; negative counts from the end).
   */
  constructor(readonly axis = -1) { super(); }
  forward(x: Tensor): Tensor { return softmax(x, this.axis); }
}

/**
 * Log-softmax along `axis` (default last).
 * @example new LogSoftmax().forward(tensor([[0, 0]])) // [[-0.693, -0.693]]
 */
export class LogSoftmax extends Module {
  /**
   * Creates the layer.
   *
   * @param axis - The axis normalized over (default -1, the last; negative counts from the end).
   */
  constructor(readonly axis = -1) { super(); }
  forward(x: Tensor): Tensor { return logSoftmax(x, this.axis); }
}
