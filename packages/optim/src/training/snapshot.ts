import { noGrad, tidy, type Tensor } from '@dlkit/core';
import type { Trainable } from './types.js';

/** An independent copy of `t` on its backend (later `assign`s to `t` do not reach it). */
export function copyTensor(t: Tensor): Tensor {
  return tidy(() => noGrad(() => (t.dtype === 'bool' ? t.equal(1) : t.mul(1))));
}

/** A copy of the model's state dict that later training does not change (for best-weights restore). */
export function snapshotState(model: Trainable): Record<string, Tensor> {
  return Object.fromEntries(Object.entries(model.stateDict()).map(([name, t]) => [name, copyTensor(t)]));
}
