import type { Tensor } from '../tensor.js';
import { flatten } from '../ops/shape.js';
import { Module } from './module.js';

/**
 * Flattens dims `startAxis..endAxis` (default: all but the batch dim), e.g. conv features into a vector.
 * @example new Flatten().forward(zeros([8, 5, 5, 16])) // [8, 400]
 */
export class Flatten extends Module {
  /**
   * Creates the layer merging dims `startAxis..endAxis`.
   *
   * @param startAxis - First dim to merge (default 1, after the batch dim; negative counts from the end).
   * @param endAxis - Last dim to merge, inclusive (default -1, the last).
   */
  constructor(readonly startAxis = 1, readonly endAxis = -1) {
    super();
  }

  forward(x: Tensor): Tensor {
    return flatten(x, this.startAxis, this.endAxis);
  }
}
