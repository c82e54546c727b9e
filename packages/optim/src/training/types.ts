import type { Tensor } from '@dlkit/core';

/**
 * A model `fit`, `evaluate` and `predict` can train and run: one tensor in, one tensor out.
 * Every core `nn.Module<[Tensor], Tensor>` (a `Sequential`, a `Linear`, your subclass) is one;
 * the type is structural so that any object with these members works.
 */
export interface Model {
  /** The forward pass on a batch. */
  forward(x: Tensor): Tensor;
  /** Training mode on (dropout active) or off. */
  train(mode?: boolean): unknown;
  /** Evaluation mode. */
  eval(): unknown;
  /** Every module with its name, so modes can be saved and restored. */
  namedModules(): [string, { training: boolean }][];
  /** The trainable parameters. */
  parameters(): Tensor[];
  /** Parameters and buffers by name. */
  stateDict(): Record<string, Tensor>;
  /** Copies named tensors into the parameters and buffers, in place. */
  loadStateDict(state: Readonly<Record<string, Tensor>>): unknown;
}

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
