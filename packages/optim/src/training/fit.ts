import { manualSeed, tidy, ValueError } from '@dlkit/core';
import type { Tensor } from '@dlkit/core';
import type { Callback, TrainingState } from '../callbacks/callback.js';
import { batchIndices } from '../data/batches.js';
import { asDataset, type SupervisedData } from '../data/dataset.js';
import { deriveSeed } from '../data/shuffle.js';
import type { Optimizer } from '../optimizers/optimizer.js';
import { clipGradNorm, clipGradValue } from '../regularization/clip-grad.js';
import { evaluate } from './evaluate.js';
import { validationName, WeightedMeans } from './metrics-accumulator.js';
import type { Logs, LossFn, MetricFn, Model } from './types.js';

/** Options of {@link fit}. */
export interface FitOptions {
  /** The loss to minimize, per batch (e.g. core's `crossEntropy`). */
  loss: LossFn;
  /** The optimizer over the model's parameters. */
  optimizer: Optimizer;
  /** Training inputs and targets. */
  data: SupervisedData;
  /** Train until this epoch (exclusive; with `initialEpoch` 0 it is the number of epochs). */
  epochs: number;
  /** Examples per mini-batch (default 32; the number of examples gives batch gradient descent). */
  batchSize?: number;
  /** Reshuffle the examples every epoch (default true). */
  shuffle?: boolean;
  /**
   * Makes the run reproducible: epoch e shuffles with a seed derived from (seed, e) and reseeds
   * core's global generator (dropout, …) the same way, so a run resumed at any epoch continues
   * exactly like an uninterrupted one. Without it the order is random.
   */
  seed?: number;
  /** Mini-batch sampling: each example once per epoch (default) or with replacement. */
  sampling?: 'partition' | 'replacement';
  /** Skip the last batch when it is smaller than `batchSize` (default false). */
  dropLast?: boolean;
  /** Data evaluated after every epoch; its loss and metrics are logged as `valLoss`, `valAccuracy`, … */
  validationData?: SupervisedData;
  /** Examples per forward pass during validation (default 256). */
  validationBatchSize?: number;
  /** Metrics to log for training batches and validation. */
  metrics?: Record<string, MetricFn>;
  /** Callbacks, run in order. */
  callbacks?: Callback[];
  /** The epoch to start from when resuming (default 0); see `loadTrainingCheckpoint`. */
  initialEpoch?: number;
  /**
   * A term added to each batch's loss, e.g. the course's L2 cost
   * `() => l2Penalty(weightsOf(model), { lambda, m })`. The logged `loss` includes it.
   */
  penalty?: () => Tensor;
  /** Clip the gradients' global 2-norm to this before each step (see `clipGradNorm`). */
  clipGradNorm?: number;
  /** Clip every gradient element to ±this before each step (see `clipGradValue`). */
  clipGradValue?: number;
}

/** What {@link fit} returns. */
export interface FitResult {
  /** Each epoch's logs by name: `history.loss[i]` is the mean training loss of `epochs[i]`. */
  history: Record<string, number[]>;
  /** The epochs that ran (from 0; they start at `initialEpoch`). */
  epochs: number[];
  /** Whether a callback stopped training before `epochs`. */
  stoppedEarly: boolean;
}

function checkOptions(options: FitOptions, initialEpoch: number): void {
  const { epochs, batchSize } = options;
  if (typeof options.loss !== 'function') throw new ValueError(`fit: loss must be a function (predictions, targets) => scalar tensor, got ${String(options.loss)}`);
  if (!options.optimizer || typeof options.optimizer.step !== 'function') throw new ValueError('fit: optimizer must be an Optimizer (e.g. new Adam(model.parameters()))');
  if (!(Number.isInteger(epochs) && epochs >= 0)) throw new ValueError(`fit: epochs must be an integer >= 0, got ${String(epochs)}`);
  if (!(Number.isInteger(initialEpoch) && initialEpoch >= 0 && initialEpoch <= epochs)) {
    throw new ValueError(`fit: initialEpoch must be an integer in [0, epochs=${epochs}], got ${String(initialEpoch)}`);
  }
  if (batchSize !== undefined && !(Number.isInteger(batchSize) && batchSize > 0)) throw new ValueError(`fit: batchSize must be a positive integer, got ${String(batchSize)}`);
}

/**
 * Trains `model` with mini-batch gradient descent: for each epoch, for each batch,
 * `zeroGrad → forward → loss (+ penalty) → backward → (clip) → step`, then validation and the
 * callbacks; returns the history. Runs on whatever backend the tensors live on.
 *
 * Shapes: `data` is `[x [m, …], y [m, …]]` (or a `TensorDataset`); the model maps `x` batches to
 * what `loss` compares with `y` batches.
 * @example
 * ```ts
 * const model = new nn.Sequential(new nn.Linear(784, 64), new nn.ReLU(), new nn.Linear(64, 10));
 * const { history } = fit(model, {
 *   loss: crossEntropy, optimizer: new Adam(model.parameters(), { lr: 1e-3 }),
 *   data: [xTrain, yTrain], validationData: [xDev, yDev], epochs: 10, batchSize: 64, seed: 0,
 *   metrics: { accuracy }, callbacks: [earlyStopping({ patience: 2 }), progressBar()],
 * });
 * history.valAccuracy; // one value per epoch
 * ```
 */
export function fit(model: Model, options: FitOptions): FitResult {
  const loop = trainingLoop(model, options);
  for (;;) {
    const next = loop.next();
    if (next.done) return next.value;
  }
}

/** Options of {@link fitAsync}: {@link FitOptions} plus how often to give the event loop a turn. */
export interface FitAsyncOptions extends FitOptions {
  /** Yield to the event loop after every batch (default) or every epoch. */
  yieldEvery?: 'batch' | 'epoch';
}

/**
 * {@link fit} that gives the event loop a turn between batches (or epochs), so a browser page
 * stays responsive and can repaint a progress display from the callbacks. Same results as `fit`.
 * @example const { history } = await fitAsync(model, { …, yieldEvery: 'epoch' });
 */
export async function fitAsync(model: Model, options: FitAsyncOptions): Promise<FitResult> {
  const every = options.yieldEvery ?? 'batch';
  if (every !== 'batch' && every !== 'epoch') throw new ValueError(`fitAsync: yieldEvery must be 'batch' or 'epoch', got ${String(every)}`);
  const loop = trainingLoop(model, options);
  for (;;) {
    const next = loop.next();
    if (next.done) return next.value;
    if (every === 'batch' || next.value === 'epoch') await new Promise<void>((resolve) => setTimeout(resolve, 0));
  }
}

/** The training loop as a generator that pauses after every batch (`'batch'`) and epoch (`'epoch'`). */
function* trainingLoop(model: Model, options: FitOptions): Generator<'batch' | 'epoch', FitResult> {
  const initialEpoch = options.initialEpoch ?? 0;
  checkOptions(options, initialEpoch);
  const dataset = asDataset(options.data, 'fit');
  const validation = options.validationData ? asDataset(options.validationData, 'fit (validationData)') : null;
  const { loss, optimizer, epochs, seed, metrics = {}, callbacks = [], penalty } = options;
  const batchSize = options.batchSize ?? 32;
  const batchOptions = { batchSize, shuffle: options.shuffle ?? true, dropLast: options.dropLast ?? false, sampling: options.sampling ?? 'partition' } as const;
  const stepsPerEpoch = batchIndices(dataset.length, { ...batchOptions, shuffle: false, sampling: 'partition' }).length;
  if (stepsPerEpoch === 0) throw new ValueError(`fit: no batches: ${dataset.length} examples, batchSize ${batchSize}, dropLast ${batchOptions.dropLast}`);
  const params = optimizer.parameters;

  const history: Record<string, number[]> = {};
  const ranEpochs: number[] = [];
  const state: TrainingState = {
    model, optimizer, epochs, initialEpoch, stepsPerEpoch,
    epoch: initialEpoch, globalStep: initialEpoch * stepsPerEpoch, stopTraining: false, history,
  };
  const run = <K extends keyof Callback>(hook: K, ...args: Parameters<NonNullable<Callback[K]>>): void => {
    for (const callback of callbacks) (callback[hook] as ((...a: typeof args) => void) | undefined)?.call(callback, ...args);
  };

  run('onTrainBegin', state);
  for (let epoch = initialEpoch; epoch < epochs && !state.stopTraining; epoch++) {
    state.epoch = epoch;
    const epochSeed = seed === undefined ? undefined : deriveSeed(seed, epoch);
    if (epochSeed !== undefined) manualSeed(deriveSeed(epochSeed, 1));
    model.train();
    run('onEpochBegin', epoch, state);
    const means = new WeightedMeans();
    for (const [batch, indices] of batchIndices(dataset.length, { ...batchOptions, seed: epochSeed }).entries()) {
      run('onBatchBegin', batch, state);
      // One step in a tidy scope: the batch, graph and gradients are released when it ends
      // (backends that are not garbage collected keep flat memory); only numbers come out.
      const logs = tidy((): Logs => {
        const [x, y] = dataset.batch(indices);
        optimizer.zeroGrad();
        const predictions = model.forward(x);
        let cost = loss(predictions, y);
        if (penalty) cost = cost.add(penalty());
        if (cost.size !== 1) throw new ValueError(`fit: the loss must be a scalar, got shape [${cost.shape.join(', ')}]`);
        cost.backward();
        const lossValue = cost.item();
        if (!Number.isFinite(lossValue)) {
          throw new ValueError(`fit: the loss became ${lossValue} at epoch ${epoch}, batch ${batch}; lower the learning rate, clip gradients or check the data`);
        }
        if (options.clipGradValue !== undefined) clipGradValue(params, options.clipGradValue);
        if (options.clipGradNorm !== undefined) clipGradNorm(params, options.clipGradNorm);
        optimizer.step();
        optimizer.zeroGrad();
        const batchLogs: Logs = { loss: lossValue };
        for (const [name, metric] of Object.entries(metrics)) batchLogs[name] = metric(predictions.detach(), y);
        return batchLogs;
      });
      state.globalStep++;
      means.add(logs, indices.length);
      run('onBatchEnd', batch, { ...logs, batchSize: indices.length }, state);
      yield 'batch';
    }
    const epochLogs: Logs = means.result();
    if (validation) {
      const results = evaluate(model, validation, { loss, metrics, batchSize: options.validationBatchSize ?? 256 });
      for (const [name, value] of Object.entries(results)) epochLogs[validationName(name)] = value;
    }
    epochLogs.lr = optimizer.lr;
    for (const [name, value] of Object.entries(epochLogs)) (history[name] ??= []).push(value);
    ranEpochs.push(epoch);
    run('onEpochEnd', epoch, epochLogs, state);
    yield 'epoch';
  }
  run('onTrainEnd', state);
  const finished = ranEpochs.length === 0 ? initialEpoch : ranEpochs[ranEpochs.length - 1]! + 1;
  return { history, epochs: ranEpochs, stoppedEarly: finished < epochs };
}
