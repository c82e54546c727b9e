import type { Tensor } from '@dlkit/core';

/**
 * What `fit` needs of any model it trains, whatever its `forward` takes: modes, parameters and
 * the state dict. Every core `nn.Module` is one (a siamese `Module<[Tensor, Tensor], Tensor>`, a
 * seq2seq model); a custom training step calls the model itself.
 */
export interface Trainable {
  /** Training mode on (dropout active) or off. */
  train(mode?: boolean): unknown;
  /** Evaluation mode. */
  eval(): unknown;
  /** Every module with its name, so modes can be saved and restored. */
  namedModules(): [string, {
    /** Whether the module is in training mode. */
    training: boolean;
  }][];
  /** The trainable parameters. */
  parameters(): Tensor[];
  /** Parameters and buffers by name. */
  stateDict(): Record<string, Tensor>;
  /** Copies named tensors into the parameters and buffers, in place. */
  loadStateDict(state: Readonly<Record<string, Tensor>>): unknown;
}

/**
 * A model `fit`, `evaluate` and `predict` can run without a custom step: one tensor in, one
 * tensor out. Every core `nn.Module<[Tensor], Tensor>` (a `Sequential`, a `Linear`, your
 * subclass) is one; the type is structural so that any object with these members works.
 */
export interface Model extends Trainable {
  /** The forward pass on a batch. */
  forward(x: Tensor): Tensor;
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

/**
 * What a {@link StepFn} returns besides the bare loss: the predictions and targets that `metrics`
 * are computed on, and any other numbers to log for the batch (e.g. a detection model's box and
 * class losses).
 */
export interface StepOutput {
  /** The scalar loss of the batch; `fit` adds the penalty, back-propagates it and steps. */
  readonly loss: Tensor;
  /** The batch's predictions, for `metrics` (with `targets`). */
  readonly predictions?: Tensor;
  /** The batch's targets, for `metrics` (with `predictions`). */
  readonly targets?: Tensor;
  /** Extra per-batch numbers, averaged over the epoch like the loss. */
  readonly logs?: Logs;
}

/**
 * A custom training step (Keras' `train_step`, Lightning's `training_step`): the model and one
 * batch, as the data yields it (a tuple, a record, anything) → the loss, or a {@link StepOutput}.
 * `fit` does the rest: `zeroGrad`, backward, clipping, the optimizer step, logs and callbacks.
 * Under evaluation the same kind of function runs in eval mode without gradients.
 * @example
 * ```ts
 * const step: StepFn<Siamese, readonly [Tensor, Tensor, Tensor]> = (model, [a, b, same]) => {
 *   const p = model.forward(a, b);
 *   return { loss: binaryCrossEntropy(p, same), predictions: p, targets: same };
 * };
 * ```
 */
export type StepFn<M, B> = (model: M, batch: B) => Tensor | StepOutput;
