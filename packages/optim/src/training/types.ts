import type { nn, Tensor } from '@dlkit/core';

/** A model `fit`, `evaluate` and `predict` can train and run: one tensor in, one tensor out. */
export type Model = nn.Module<[Tensor], Tensor>;

/**
 * A loss: predictions and targets of one batch → a scalar tensor to minimize.
 * Core's losses fit as they are.
 * @example const loss: LossFn = (logits, labels) => crossEntropy(logits, labels);
 */
export type LossFn = (predictions: Tensor, targets: Tensor) => Tensor;

/**
 * A metric: predictions and targets of one batch → a number (e.g. core's `accuracy`). Over an
 * epoch, `fit` and `evaluate` average the batch values weighted by batch size, which is exact
 * for accuracy-like metrics (means over examples).
 */
export type MetricFn = (predictions: Tensor, targets: Tensor) => number;

/** Named numbers reported for a batch or an epoch: `loss`, metrics, `valLoss`, `valAccuracy`, `lr`, … */
export type Logs = Record<string, number>;
