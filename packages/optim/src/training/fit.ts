import { manualSeed, tidy, ValueError } from '@dlkit/core';
import type { Tensor } from '@dlkit/core';
import type { Callback, TrainingState } from '../callbacks/callback.js';
import { asBatchSource, type BatchSource, type StepData } from '../data/batch-source.js';
import { batchIndices } from '../data/batches.js';
import { asDataset, type SupervisedData } from '../data/dataset.js';
import { deriveSeed } from '../data/shuffle.js';
import type { Optimizer } from '../optimizers/optimizer.js';
import { clipGradNorm, clipGradValue } from '../regularization/clip-grad.js';
import { evaluateSteps } from './evaluate.js';
import { validationName, WeightedMeans } from './metrics-accumulator.js';
import { asStepOutput, batchLogs, supervisedStep, type EvalOutput } from './step.js';
import type { Logs, LossFn, MetricFn, Model, StepFn, StepOutput, Trainable } from './types.js';

/** Options of {@link fit} however its batches are turned into a loss. */
export interface FitBaseOptions {
  /** The optimizer over the model's parameters. */
  optimizer: Optimizer;
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
  /** Examples per forward pass during validation (default 256). */
  validationBatchSize?: number;
  /** Metrics to log for training batches and validation (on the predictions and targets of each batch). */
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

/** Options of {@link fit} for a one-input model on `[x, y]` data: `loss(model.forward(x), y)` per batch. */
export interface FitOptions extends FitBaseOptions {
  /** The loss to minimize, per batch (e.g. core's `crossEntropy`). */
  loss: LossFn;
  /** Training inputs and targets. */
  data: SupervisedData;
  /** Data evaluated after every epoch; its loss and metrics are logged as `valLoss`, `valAccuracy`, … */
  validationData?: SupervisedData;
}

/**
 * Options of {@link fit} with a custom step: any model (several inputs, seq2seq, siamese,
 * detection) and any batch shape, with the same callbacks, progress, checkpoints and early stopping.
 */
export interface StepFitOptions<M, B> extends FitBaseOptions {
  /** Turns one batch into the loss to minimize (see {@link StepFn}). */
  step: StepFn<M, B>;
  /** Validation's step (default `step`); runs in eval mode without gradients. */
  evalStep?: StepFn<M, B>;
  /** The examples: a tuple `[xa, xb, y]` or record `{ a, b, label }` of tensors, a TensorDataset or any BatchSource. */
  data: StepData<B>;
  /** Data evaluated after every epoch (same form as `data`); logged as `valLoss`, `val<Metric>`, … */
  validationData?: StepData<B>;
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

type AnyFitOptions = FitOptions | StepFitOptions<Trainable, unknown>;

function checkOptions(options: AnyFitOptions, initialEpoch: number): void {
  const { epochs, batchSize } = options;
  if ('step' in options) {
    if (typeof options.step !== 'function') throw new ValueError(`fit: step must be a function (model, batch) => loss, got ${String(options.step)}`);
    if (options.evalStep !== undefined && typeof options.evalStep !== 'function') throw new ValueError(`fit: evalStep must be a function (model, batch) => loss, got ${String(options.evalStep)}`);
  } else if (typeof options.loss !== 'function') {
    throw new ValueError(`fit: loss must be a function (predictions, targets) => scalar tensor (or pass a custom step), got ${String(options.loss)}`);
  }
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
 * Two forms:
 * - `{ loss, data: [x, y] }` for a one-input model: the loss of `model.forward(x)` against `y`;
 * - `{ step, data }` for anything else: `step(model, batch)` returns the loss (or
 *   `{ loss, predictions, targets, logs }` for metrics), and `data` is a tuple or record of
 *   tensors (or any `BatchSource`), batched row-wise into the same form.
 *
 * Shapes: every tensor of `data` has the examples first (`[m, …]`).
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
 * @example
 * ```ts
 * // A siamese pair classifier: two inputs through one encoder, a record batch.
 * fit(siamese, {
 *   optimizer: new Adam(siamese.parameters()), epochs: 20, batchSize: 32, seed: 0,
 *   data: { a: xa, b: xb, same: y }, validationData: { a: xaDev, b: xbDev, same: yDev },
 *   step: (model, { a, b, same }) => {
 *     const p = model.forward(a, b);
 *     return { loss: binaryCrossEntropy(p, same), predictions: p, targets: same };
 *   },
 *   metrics: { accuracy: binaryAccuracy }, callbacks: [earlyStopping({ patience: 3 })],
 * });
 * ```
 */
export function fit(model: Model, options: FitOptions): FitResult;
export function fit<M extends Trainable, const B>(model: M, options: StepFitOptions<M, B>): FitResult;
export function fit(model: Trainable, options: AnyFitOptions): FitResult {
  const loop = trainingLoop(model, options);
  for (;;) {
    const next = loop.next();
    if (next.done) return next.value;
  }
}

/** How often {@link fitAsync} gives the event loop a turn. */
export interface YieldOptions {
  /** Yield to the event loop after every batch (default) or every epoch. */
  yieldEvery?: 'batch' | 'epoch';
}

/** Options of {@link fitAsync}: {@link FitOptions} plus how often to give the event loop a turn. */
export interface FitAsyncOptions extends FitOptions, YieldOptions {}

/** Options of {@link fitAsync} with a custom step. */
export interface StepFitAsyncOptions<M, B> extends StepFitOptions<M, B>, YieldOptions {}

/**
 * {@link fit} that gives the event loop a turn between batches (or epochs), so a browser page
 * stays responsive and can repaint a progress display from the callbacks. Same results as `fit`.
 * @example const { history } = await fitAsync(model, { …, yieldEvery: 'epoch' });
 */
export async function fitAsync(model: Model, options: FitAsyncOptions): Promise<FitResult>;
export async function fitAsync<M extends Trainable, const B>(model: M, options: StepFitAsyncOptions<M, B>): Promise<FitResult>;
export async function fitAsync(model: Trainable, options: AnyFitOptions & YieldOptions): Promise<FitResult> {
  const every = options.yieldEvery ?? 'batch';
  if (every !== 'batch' && every !== 'epoch') throw new ValueError(`fitAsync: yieldEvery must be 'batch' or 'epoch', got ${String(every)}`);
  const loop = trainingLoop(model, options);
  for (;;) {
    const next = loop.next();
    if (next.done) return next.value;
    if (every === 'batch' || next.value === 'epoch') await new Promise<void>((resolve) => setTimeout(resolve, 0));
  }
}

/** Where batches come from and how one becomes a loss, for training and for validation. */
interface Plan {
  readonly train: BatchSource<unknown>;
  readonly run: (batch: unknown) => StepOutput;
  readonly validation: { readonly source: BatchSource<unknown>; readonly run: (batch: unknown) => EvalOutput } | null;
}

function plan(model: Trainable, options: AnyFitOptions): Plan {
  if ('step' in options) {
    const { step, evalStep = step } = options;
    return {
      train: asBatchSource(options.data, 'fit'),
      run: (batch) => asStepOutput(step(model, batch), 'fit (step)'),
      validation: options.validationData === undefined ? null : {
        source: asBatchSource(options.validationData, 'fit (validationData)'),
        run: (batch) => asStepOutput(evalStep(model, batch), 'fit (evalStep)'),
      },
    };
  }
  // The first overload of fit guarantees a one-input Model with this form.
  const forward = supervisedStep(options.loss);
  const run = (batch: unknown): StepOutput => forward(model as Model, batch as readonly [Tensor, Tensor]);
  return {
    train: asDataset(options.data, 'fit'),
    run,
    validation: options.validationData ? { source: asDataset(options.validationData, 'fit (validationData)'), run } : null,
  };
}

/**
 * Catches an optimizer that does not hold the model's parameters (built over another model, or
 * the model's parameters replaced since): some of the model's parameters got gradients but are
 * not optimized, while some of the optimizer's tensors are not in the model and got none.
 */
function checkOptimizerHoldsModel(model: Trainable, optimized: readonly Tensor[]): void {
  const held = new Set(optimized);
  const own = new Set(model.parameters());
  const untrained = Object.entries(model.stateDict()).filter(([, t]) => own.has(t) && t.grad !== null && !held.has(t)).map(([name]) => name);
  const foreign = optimized.filter((p) => !own.has(p) && p.grad === null).length;
  if (untrained.length > 0 && foreign > 0) {
    throw new ValueError(
      `fit: the optimizer does not hold the model's parameters: ${untrained.length} of them got gradients but are not in the optimizer (${untrained.slice(0, 4).join(', ')}${untrained.length > 4 ? ', …' : ''}), `
      + `and ${foreign} of the optimizer's ${optimized.length} tensors are not in the model. It was built over another model's parameters, or the model's parameters were replaced after it was built; `
      + 'build the optimizer over model.parameters()',
    );
  }
}

/** The training loop as a generator that pauses after every batch (`'batch'`) and epoch (`'epoch'`). */
function* trainingLoop(model: Trainable, options: AnyFitOptions): Generator<'batch' | 'epoch', FitResult> {
  const initialEpoch = options.initialEpoch ?? 0;
  checkOptions(options, initialEpoch);
  const { train, run: runStep, validation } = plan(model, options);
  const { optimizer, epochs, seed, metrics = {}, callbacks = [], penalty } = options;
  const batchSize = options.batchSize ?? 32;
  const batchOptions = { batchSize, shuffle: options.shuffle ?? true, dropLast: options.dropLast ?? false, sampling: options.sampling ?? 'partition' } as const;
  const stepsPerEpoch = batchIndices(train.length, { ...batchOptions, shuffle: false, sampling: 'partition' }).length;
  if (stepsPerEpoch === 0) throw new ValueError(`fit: no batches: ${train.length} examples, batchSize ${batchSize}, dropLast ${batchOptions.dropLast}`);
  const params = optimizer.parameters;
  // Gradients are made inside each step's tidy scope: none may outlive it, the optimizer's or not.
  const clearGrads = (): void => {
    optimizer.zeroGrad();
    for (const p of model.parameters()) p.grad = null;
  };

  const history: Record<string, number[]> = {};
  const ranEpochs: number[] = [];
  const state: TrainingState = {
    model, optimizer, epochs, initialEpoch, stepsPerEpoch,
    epoch: initialEpoch, globalStep: initialEpoch * stepsPerEpoch, stopTraining: false, history,
  };
  const run = <K extends keyof Callback>(hook: K, ...args: Parameters<NonNullable<Callback[K]>>): void => {
    for (const callback of callbacks) (callback[hook] as ((...a: typeof args) => void) | undefined)?.call(callback, ...args);
  };

  let checked = false;
  run('onTrainBegin', state);
  for (let epoch = initialEpoch; epoch < epochs && !state.stopTraining; epoch++) {
    state.epoch = epoch;
    const epochSeed = seed === undefined ? undefined : deriveSeed(seed, epoch);
    if (epochSeed !== undefined) manualSeed(deriveSeed(epochSeed, 1));
    model.train();
    run('onEpochBegin', epoch, state);
    const means = new WeightedMeans();
    for (const [batch, indices] of batchIndices(train.length, { ...batchOptions, seed: epochSeed }).entries()) {
      run('onBatchBegin', batch, state);
      // One step in a tidy scope: the batch, graph and gradients are released when it ends
      // (backends that are not garbage collected keep flat memory); only numbers come out.
      const logs = tidy((): Logs => {
        clearGrads();
        const output = runStep(train.batch(indices));
        const cost = penalty ? output.loss.add(penalty()) : output.loss;
        if (cost.size !== 1) throw new ValueError(`fit: the loss must be a scalar, got shape [${cost.shape.join(', ')}]`);
        cost.backward();
        if (!checked) {
          checkOptimizerHoldsModel(model, params);
          checked = true;
        }
        const batchLogValues = batchLogs({ ...output, loss: cost }, metrics, 'fit');
        const lossValue = batchLogValues.loss!;
        if (!Number.isFinite(lossValue)) {
          throw new ValueError(`fit: the loss became ${lossValue} at epoch ${epoch}, batch ${batch}; lower the learning rate, clip gradients or check the data`);
        }
        if (options.clipGradValue !== undefined) clipGradValue(params, options.clipGradValue);
        if (options.clipGradNorm !== undefined) clipGradNorm(params, options.clipGradNorm);
        optimizer.step();
        clearGrads();
        return batchLogValues;
      });
      state.globalStep++;
      means.add(logs, indices.length);
      run('onBatchEnd', batch, { ...logs, batchSize: indices.length }, state);
      yield 'batch';
    }
    const epochLogs: Logs = means.result();
    if (validation) {
      const results = evaluateSteps(model, validation.source, validation.run, metrics, options.validationBatchSize ?? 256, 'fit (validation)');
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
