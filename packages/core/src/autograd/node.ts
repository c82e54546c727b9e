import type { Tensor } from '../tensor.js';
import type { GradAttrMap } from './gradients.js';

/** The differentiable primitives: each has one entry in the gradient table. */
export type DifferentiableKernel = keyof GradAttrMap;

/**
 * One recorded op of the autograd tape: which primitive made `output` from `inputs`, with what
 * attributes. `inputVersions` catches an input changed by `assign` before backward reads it.
 */
export interface GradNode<K extends DifferentiableKernel = DifferentiableKernel> {
  readonly kernel: K;
  readonly inputs: readonly Tensor[];
  readonly attrs: GradAttrMap[K];
  readonly inputVersions: readonly number[];
}
