import type { Optimizer } from '../optimizers/optimizer.js';
import type { Logs, Trainable } from '../training/types.js';

/**
 * What `fit` shares with its callbacks while it trains. Callbacks may read everything and set
 * `stopTraining` (early stopping does) or change the optimizer (schedules do).
 */
export interface TrainingState {
  /** The model being trained. */
  readonly model: Trainable;
  /** Its optimizer. */
  readonly optimizer: Optimizer;
  /** The epoch `fit` stops before (its `epochs` option). */
  readonly epochs: number;
  /** The epoch `fit` started at (0, or where a resumed run left off). */
  readonly initialEpoch: number;
  /** Optimizer steps (batches) per epoch. */
  readonly stepsPerEpoch: number;
  /** The current epoch, from 0. */
  epoch: number;
  /** Optimizer steps taken since epoch 0 (`initialEpoch·stepsPerEpoch` at the start of a resumed run). */
  globalStep: number;
  /** Set to true to end training after the current epoch. */
  stopTraining: boolean;
  /** Every finished epoch's logs so far, by name (`history.loss[i]`). */
  readonly history: Record<string, number[]>;
}

/**
 * A training callback (Keras's interface): every hook is optional and runs synchronously.
 * `logs` of a batch hold `loss`, the metrics and `batchSize`; those of an epoch hold the epoch's
 * means, the validation values (`valLoss`, `valAccuracy`, …) and `lr`.
 * @example
 * ```ts
 * const printer: Callback = { onEpochEnd: (epoch, logs) => console.log(epoch, logs.loss) };
 * fit(model, { …, callbacks: [printer] });
 * ```
 */
export interface Callback {
  /** Before the first epoch. */
  onTrainBegin?(state: TrainingState): void;
  /** After the last epoch (or the one after which a callback stopped training). */
  onTrainEnd?(state: TrainingState): void;
  /** Before epoch `epoch` (from 0), after the model was put in training mode. */
  onEpochBegin?(epoch: number, state: TrainingState): void;
  /** After epoch `epoch`'s validation, with its logs (already in `state.history`). */
  onEpochEnd?(epoch: number, logs: Logs, state: TrainingState): void;
  /** Before batch `batch` (from 0 within the epoch); `state.globalStep` is the step about to run. */
  onBatchBegin?(batch: number, state: TrainingState): void;
  /** After batch `batch`'s optimizer step, with its loss, metrics and `batchSize`. */
  onBatchEnd?(batch: number, logs: Logs, state: TrainingState): void;
}
