import type { Tensor } from '../tensor.js';
import { flatten } from '../ops/shape.js';
import { Module } from './module.js';

/**
 * Flattens dims `startAxis..endAxis` (default: all but the batch dim), e.g. conv features into a vector.
 * @example new Flatten().forward(zeros([8, 5, 5, 16])) // [8, 400]
 */
export class Flatten extends Module {
  constructor(readonly startAxis = 1, readonly endAxis = -1) {
    super();
  }

  forward(x: Tensor): Tensor {
    return flatten(x, this.startAxis, this.endAxis);
  }
}
