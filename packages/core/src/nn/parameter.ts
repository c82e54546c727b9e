import type { Tensor } from '../tensor.js';

const parameters = new WeakSet<Tensor>();

/**
 * Marks `t` as a trainable parameter (and turns on `requiresGrad`). A module finds parameters
 * among its fields; a tensor field that is not a parameter is a buffer (saved in the state dict,
 * never trained), like BatchNorm's running statistics.
 * @example this.weight = parameter(randn([out, inFeatures]).mul(0.01));
 */
export function parameter(t: Tensor): Tensor {
  const leaf = t.isLeaf ? t : t.detach();
  leaf.requiresGrad = true;
  parameters.add(leaf);
  return leaf;
}

/** Whether `t` was made by {@link parameter} (frozen parameters still count). */
export function isParameter(t: Tensor): boolean {
  return parameters.has(t);
}
