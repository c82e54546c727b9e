import { noGrad, type Tensor } from '@dlkit/core';

/**
 * One step of plain gradient descent, the course's `update_parameters`:
 * `θ := θ − α · dθ` for every parameter, then clears the gradients for the next step.
 *
 * Parameters must have been filled with `.grad` by `cost.backward()`. The update runs inside
 * `noGrad`, and `assign` keeps each parameter the same object.
 *
 * @example
 * ```ts
 * const J = cost(X, Y, w, b);
 * J.backward();
 * gradientDescentStep([w, b], 0.5);
 * ```
 */
export function gradientDescentStep(params: readonly Tensor[], learningRate: number): void {
  noGrad(() => {
    for (const p of params) {
      if (p.grad) p.assign(p.sub(p.grad.mul(learningRate)));
      p.zeroGrad();
    }
  });
}

/** A cost recorded during training: after `iteration` updates the cost was `cost`. */
export interface CostPoint {
  readonly iteration: number;
  readonly cost: number;
}

/** What a training run leaves behind for the summary and the report. */
export interface TrainingHistory {
  /** The cost curve, sampled every few iterations (always including the first and last). */
  readonly costs: readonly CostPoint[];
  /** Wall-clock seconds of the run. */
  readonly seconds: number;
  /** Number of parameter updates. */
  readonly iterations: number;
}
