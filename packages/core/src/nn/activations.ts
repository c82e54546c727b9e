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

/** `x` for x > 0, else `alpha·x` (default 0.01). */
export class LeakyReLU extends Module {
  constructor(readonly alpha = 0.01) { super(); }
  forward(x: Tensor): Tensor { return leakyRelu(x, this.alpha); }
}

/** `x` for x > 0, else `alpha·(eˣ - 1)`. */
export class ELU extends Module {
  constructor(readonly alpha = 1) { super(); }
  forward(x: Tensor): Tensor { return elu(x, this.alpha); }
}

/** `x·Φ(x)`, or its tanh approximation. */
export class GELU extends Module {
  constructor(readonly approximate: 'none' | 'tanh' = 'none') { super(); }
  forward(x: Tensor): Tensor { return gelu(x, { approximate: this.approximate }); }
}

/** Softmax along `axis` (default last). */
export class Softmax extends Module {
  constructor(readonly axis = -1) { super(); }
  forward(x: Tensor): Tensor { return softmax(x, this.axis); }
}

/** Log-softmax along `axis` (default last). */
export class LogSoftmax extends Module {
  constructor(readonly axis = -1) { super(); }
  forward(x: Tensor): Tensor { return logSoftmax(x, this.axis); }
}
