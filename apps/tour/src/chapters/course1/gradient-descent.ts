import { noGrad, tidy, type Tensor } from '@dlkit/core';
import { ProgressBar } from '@dlkit/optim';

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

/** Options of the full-batch gradient-descent runs of Course 1. */
export interface TrainOptions {
  /** Gradient-descent updates (full batch). */
  iterations: number;
  /** Learning rate α. */
  learningRate: number;
  /** Label of the progress bar. */
  label?: string;
  /** Record the cost every this many iterations (default: about 100 points in all). */
  recordEvery?: number;
  /** Show a progress bar (default true). */
  progress?: boolean;
}

/**
 * The course's training loop: `iterations` times, compute the cost, back-propagate, take one
 * gradient-descent step on `params`; records the cost curve and shows progress.
 * @param cost builds the full-batch cost from the current parameters.
 */
export function runGradientDescent(cost: () => Tensor, params: readonly Tensor[], options: TrainOptions & { label: string }): TrainingHistory {
  const recordEvery = options.recordEvery ?? Math.max(1, Math.floor(options.iterations / 100));
  const bar = options.progress === false ? null : new ProgressBar({ label: options.label, total: options.iterations });
  const costs: CostPoint[] = [];
  const start = performance.now();
  for (let i = 0; i < options.iterations; i++) {
    const record = i % recordEvery === 0 || i === options.iterations - 1;
    // One step in a tidy scope, so that backends whose memory is not garbage collected stay flat.
    const value = tidy(() => {
      const J = cost();
      J.backward();
      gradientDescentStep(params, options.learningRate);
      return record ? J.item() : NaN;
    });
    if (record) {
      costs.push({ iteration: i, cost: value });
      bar?.update(i + 1, { loss: value });
    }
  }
  bar?.finish();
  return { costs, seconds: (performance.now() - start) / 1000, iterations: options.iterations };
}
